// Runs a tool and fails with its own output, so a broken build says why.
import { spawnSync } from 'node:child_process';
import { root } from './paths.ts';

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: readonly string[]): RunResult {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: quietEnv() });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

export function runOrThrow(command: string, args: readonly string[]): RunResult {
  const result = run(command, args);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}\n${result.stdout}${result.stderr}`);
  }
  return result;
}

/** Redocly asks to send usage data and checks for updates; neither is wanted in a build. */
function quietEnv(): NodeJS.ProcessEnv {
  return { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
}
