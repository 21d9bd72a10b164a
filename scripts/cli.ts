// Command-line options that may also come from the environment: the option wins, then the variable.
import { parseArgs } from 'node:util';

/** The value of `--<option>`, else of the environment variable (an empty one counts as unset), else undefined. */
export function optionFrom(argv: string[], option: string, variable: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { values } = parseArgs({ args: argv, options: { [option]: { type: 'string' } }, strict: false });
  return (values[option] as string | undefined) ?? (env[variable] || undefined);
}

/** A port from `--<option>` (`--port` by default) or the variable, else the fallback. */
export function portFrom(argv: string[], variable: string, fallback: number, option = 'port', env: NodeJS.ProcessEnv = process.env): number {
  const raw = optionFrom(argv, option, variable, env);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`invalid port ${JSON.stringify(raw)} (--${option} or ${variable}): give a number from 0 to 65535`);
  }
  return port;
}
