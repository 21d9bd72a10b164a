// The mock's settings from the command line or the environment: where it listens, and the credentials
// that make its gateway strict. Shared by `npm run mock` and `npm start`.
import { optionFrom, portFrom } from '../scripts/cli.ts';
import type { GatewayCredentials } from './gateway.ts';
import { defaultMockPort } from './mock.ts';

export interface MockSettings {
  port: number;
  /** Undefined: lenient. */
  credentials?: GatewayCredentials;
}

export const credentialOptions = [
  ['access-key', 'MOCK_ACCESS_KEY'],
  ['secret-key', 'MOCK_SECRET_KEY'],
  ['security-token', 'MOCK_SECURITY_TOKEN'],
  ['token', 'MOCK_TOKEN'],
] as const;

/** Reads the settings; throws an Error naming the option at fault (and never echoing a credential). */
export function mockSettingsFrom(argv: string[], env: NodeJS.ProcessEnv = process.env): MockSettings {
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
  return { port, ...(Object.keys(credentials).length > 0 && { credentials }) };
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
    `  ${command} -- --access-key AK --secret-key SK [--security-token ST] [--token TOKEN]\n` +
    '  or set MOCK_ACCESS_KEY, MOCK_SECRET_KEY, MOCK_SECURITY_TOKEN, MOCK_TOKEN.'
  );
}
