// The mock's settings from the command line or the environment: where it listens, the credentials
// that make its gateway strict, and the emulator's. Shared by `npm run mock` and `npm start`.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { optionFrom, portFrom } from '../../../scripts/cli.ts';
import type { GatewayCredentials } from '../gateway/gateway.ts';
// Types only from ../mock.ts: --help and a refused option are answered without loading Prism.
import type { RunningMock } from '../mock.ts';

/** The port the emulator listens on when none is given. */
export const defaultMockPort = 4010;

export interface MockSettings {
  port: number;
  /** Undefined: lenient. */
  credentials?: GatewayCredentials;
  /** --stateless: Prism's examples only, as before the emulator. */
  stateless: boolean;
  /** --data-dir: where the emulator keeps its state (absolute); in memory when undefined. */
  dataDir?: string;
  /** --scenarios: the scenarios file (absolute). */
  scenarios?: string;
  /** --functions: the functions file (absolute). */
  functions?: string;
  /** --time-scale: 1 (real time) by default. */
  timeScale: number;
  /** --log-level, when given: what is printed while serving. */
  logLevel?: LogLevel;
}

/** What is printed while serving: nothing, problems, one line per request, or Prism's own lines too. */
export const logLevels = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Every option, with its variable and what it takes: anything else on the command line is refused. */
export const knownOptions = {
  port: { variable: 'MOCK_PORT', takes: 'a port from 0 to 65535 (0: any free port)' },
  'access-key': { variable: 'MOCK_ACCESS_KEY', takes: 'the access key the gateway knows' },
  'secret-key': { variable: 'MOCK_SECRET_KEY', takes: 'its secret key' },
  'security-token': { variable: 'MOCK_SECURITY_TOKEN', takes: 'the X-Security-Token of temporary credentials' },
  token: { variable: 'MOCK_TOKEN', takes: 'the one X-Auth-Token the gateway accepts' },
  'data-dir': { variable: 'MOCK_DATA_DIR', takes: 'where the emulator keeps its state (in memory without it)' },
  scenarios: { variable: 'MOCK_SCENARIOS', takes: 'the scenarios file: what the flows\' functions answer' },
  functions: { variable: 'MOCK_FUNCTIONS', takes: 'the functions file: the flows\' functions as your Node.js modules or URLs' },
  'time-scale': { variable: 'MOCK_TIME_SCALE', takes: 'real time per virtual time of waiting: 1 (real time), 0.01, 0 (at once)' },
  stateless: { variable: 'MOCK_STATELESS', takes: 'no value: Prism\'s examples only, no emulator' },
  'log-level': { variable: 'MOCK_LOG_LEVEL', takes: `${logLevels.join(', ')} (info: one line per request)` },
  help: { variable: undefined, takes: 'no value: print this and exit' },
} as const;

/**
 * Refuses what is not an option of this command: an unknown option (naming the nearest known one), a
 * value where none belongs, a missing value, or a word that is not an option.
 */
export function checkCommandLine(argv: string[], extra: Record<string, { variable: string | undefined; takes: string }> = {}): void {
  const options = { ...knownOptions, ...extra };
  const flags = new Set(['stateless', 'help']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h') continue;
    const match = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new Error(`${JSON.stringify(arg)} is not an option: options start with --, e.g. --port 4010 (see --help)`);
    const [, name, inline] = match as unknown as [string, string, string | undefined];
    if (!Object.hasOwn(options, name)) {
      const nearest = Object.keys(options).sort((a, b) => distance(name, a) - distance(name, b))[0]!;
      throw new Error(`unknown option --${name}${distance(name, nearest) <= 3 ? `: did you mean --${nearest}?` : ''} The options are ${Object.keys(options).map((option) => `--${option}`).join(', ')} (see --help)`);
    }
    if (flags.has(name)) continue;
    if (inline !== undefined) continue;
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) throw new Error(`--${name} needs a value: ${options[name as keyof typeof options].takes}`);
    i++;
  }
}

/** The usage text of `command` (`npm run mock --`, `npx …`), from the table of options. */
export function usage(command: string, extra: Record<string, { variable: string | undefined; takes: string }> = {}): string {
  const options = { ...knownOptions, ...extra };
  const rows = Object.entries(options).map(([name, { variable, takes }]) => `  --${name.padEnd(15)} ${takes}${variable ? ` [${variable}]` : ''}`);
  return `Usage: ${command} [options]\n\nServes FunctionGraph's flows API on 127.0.0.1: the gateway, with the emulator (or, with --stateless,\nPrism's examples) behind it. Each option may also come from the variable in brackets.\n\n${rows.join('\n')}\n`;
}

/** Levenshtein distance, for suggesting the option meant. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

type OptionName = Exclude<keyof typeof knownOptions, 'help'>;
/** An option with its environment variable, from the table above. */
const withVariable = <const O extends OptionName>(option: O) => [option, knownOptions[option].variable] as const;

/** The emulator's options, which --stateless runs none of. */
export const emulatorOptions = (['data-dir', 'scenarios', 'functions', 'time-scale'] as const).map(withVariable);

export const credentialOptions = (['access-key', 'secret-key', 'security-token', 'token'] as const).map(withVariable);

/** Reads the settings; throws an Error naming the option at fault (and never echoing a credential). */
export function mockSettingsFrom(argv: string[], env: NodeJS.ProcessEnv = process.env, extraOptions: Record<string, { variable: string | undefined; takes: string }> = {}): MockSettings {
  checkCommandLine(argv, extraOptions);
  const port = portFrom(argv, 'MOCK_PORT', defaultMockPort, 'port', env);
  const value = (option: string, variable: string) => {
    const raw = optionFrom(argv, option, variable, env);
    if (raw === undefined) return undefined;
    // Each is compared with a header value, so it must be able to be one.
    if (!/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(raw)) {
      throw new Error(`--${option} (${variable}) must be printable ASCII without leading or trailing spaces`);
    }
    return raw;
  };
  const [accessKey, secretKey, securityToken, token] = credentialOptions.map(([option, variable]) => value(option, variable));
  if ((accessKey === undefined) !== (secretKey === undefined)) {
    throw new Error('give --access-key and --secret-key together (or MOCK_ACCESS_KEY and MOCK_SECRET_KEY)');
  }
  if (securityToken !== undefined && accessKey === undefined) {
    throw new Error('--security-token (MOCK_SECURITY_TOKEN) belongs to a key pair: give --access-key and --secret-key too');
  }
  const credentials: GatewayCredentials = {
    ...(accessKey !== undefined && secretKey !== undefined && { keyPair: { accessKey, secretKey, ...(securityToken !== undefined && { securityToken }) } }),
    ...(token !== undefined && { token }),
  };
  const option = (name: OptionName) => optionFrom(argv, name, knownOptions[name].variable, env);
  const stateless = flagFrom(argv, 'stateless', knownOptions.stateless.variable, env);
  const rawLevel = option('log-level');
  if (rawLevel !== undefined && !(logLevels as readonly string[]).includes(rawLevel)) {
    throw new Error(`invalid log level ${JSON.stringify(rawLevel)} (--log-level or MOCK_LOG_LEVEL): give one of ${logLevels.join(', ')}`);
  }
  const dataDir = option('data-dir');
  const scenarios = option('scenarios');
  const functions = option('functions');
  const rawScale = option('time-scale');
  const timeScale = rawScale === undefined ? 1 : Number(rawScale);
  if (rawScale !== undefined && (rawScale.trim() === '' || !Number.isFinite(timeScale) || timeScale < 0 || timeScale > 1000)) {
    throw new Error(`invalid time scale ${JSON.stringify(rawScale)} (--time-scale or MOCK_TIME_SCALE): give a number from 0 (waits end at once) to 1000; 1 is real time, 0.01 a hundred times faster`);
  }
  if (stateless) {
    const given = emulatorOptions.filter(([option, variable]) => optionFrom(argv, option, variable, env) !== undefined).map(([option]) => `--${option}`);
    if (given.length > 0) throw new Error(`${given.join(' and ')} ${given.length > 1 ? 'are' : 'is'} the emulator's, and --stateless runs none: leave out one or the other`);
  }
  return {
    port,
    ...(Object.keys(credentials).length > 0 && { credentials }),
    stateless,
    ...(dataDir !== undefined && { dataDir: resolve(dataDir) }),
    ...(scenarios !== undefined && { scenarios: resolve(scenarios) }),
    ...(functions !== undefined && { functions: resolve(functions) }),
    timeScale,
    ...(rawLevel !== undefined && { logLevel: rawLevel as LogLevel }),
  };
}

/** A flag given as `--<option>` (or `--<option>=true|false`), else the variable (`1`, `true`), else false. */
function flagFrom(argv: string[], option: string, variable: string, env: NodeJS.ProcessEnv): boolean {
  const { values } = parseArgs({ args: argv, options: { [option]: { type: 'boolean' } }, strict: false });
  const given = values[option];
  if (typeof given === 'boolean') return given;
  if (typeof given === 'string') {
    if (given !== 'true' && given !== 'false') throw new Error(`--${option} takes no value (or true or false), not ${JSON.stringify(given)}`);
    return given === 'true';
  }
  const raw = env[variable];
  if (raw === undefined || raw === '') return false;
  if (!['1', 'true', '0', 'false'].includes(raw)) throw new Error(`${variable} must be 1, true, 0 or false (got ${JSON.stringify(raw)})`);
  return raw === '1' || raw === 'true';
}

/** One line for a banner: where the emulator keeps its state, its clock and its scenarios. */
export function describeEmulator(emulator: RunningMock['emulator']): string[] {
  if (!emulator) return ['  Mode       stateless: Prism answers every request with the contract\'s examples (--stateless)'];
  return [
    `  State      ${emulator.storage === 'memory' ? 'in memory: gone when the emulator stops (keep it with --data-dir DIR)' : `${emulator.storage} (SQLite, WAL; kept across restarts)`}`,
    ...(emulator.recovered.running > 0 ? [`  Resumed    ${emulator.recovered.running} running execution(s) from the last run`] : []),
    `  Clock      time scale ${emulator.timeScale}${emulator.timeScale === 1 ? ' (real time)' : emulator.timeScale === 0 ? ' (waits end at once)' : ''}; read and advance it at /_emulator/clock`,
    `  Scenarios  ${emulator.scenarios ?? 'none: every function answers with its arguments (script answers with --scenarios FILE)'}`,
    `  Functions  ${emulator.functions ?? 'none of your own (run your modules or URLs with --functions FILE)'}`,
  ];
}

/** One line for a banner: what the gateway checks, without a secret in it. */
export function describeAuthentication(credentials: GatewayCredentials | undefined): string {
  if (!credentials) return 'lenient: any X-Auth-Token, and any Authorization signature that is present';
  const parts = [
    credentials.keyPair && `AK/SK signatures by ${credentials.keyPair.accessKey}${credentials.keyPair.securityToken ? ' with its X-Security-Token' : ''}`,
    credentials.token && 'the configured X-Auth-Token',
  ].filter(Boolean);
  return `strict: accepts only ${parts.join(' and ')}`;
}

/** How to turn strict mode on, for the banner of `command` (`npm run mock`, `npm start`). */
export function strictModeHint(command: string): string {
  return (
    `Strict mode (tokens checked, AK/SK signatures verified as the gateway does):\n` +
    `  ${command} --access-key AK --secret-key SK [--security-token ST] [--token TOKEN]\n` +
    '  or set MOCK_ACCESS_KEY, MOCK_SECRET_KEY, MOCK_SECURITY_TOKEN, MOCK_TOKEN.'
  );
}
