// The mock API: the gateway on the public port, with Prism's engine behind it in the same process.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../scripts/json.ts';
import { generatedDir } from '../scripts/paths.ts';
import { createGateway, type GatewayCredentials } from './gateway.ts';
import { portIsFree } from './ports.ts';
import { createPrismEngine, type PrismLogLevel } from './prism-engine.ts';

export const defaultMockPort = 4010;

export interface MockOptions {
  port?: number;
  host?: string;
  /** Credentials make the gateway strict; without them it is lenient. */
  credentials?: GatewayCredentials;
  /** Prism's log level (its lines go to standard output). */
  logLevel?: PrismLogLevel;
}

export interface RunningMock {
  /** The gateway: what clients call. */
  url: string;
  strict: boolean;
  /** Stops the gateway (and with it Prism's engine). Safe to call more than once. */
  stop(): Promise<void>;
}

export async function startMock({ port = defaultMockPort, host = '127.0.0.1', credentials, logLevel = 'info' }: MockOptions = {}): Promise<RunningMock> {
  if (!(await portIsFree(host, port))) {
    throw new Error(`port ${port} on ${host} is in use: stop what listens there, or pick another port (--port or MOCK_PORT)`);
  }
  const contract = JSON.parse(readFileSync(join(generatedDir, 'openapi.json'), 'utf8')) as JsonObject;
  // Prism loads the same bundle that `prism mock` would be given.
  const engine = await createPrismEngine(join(generatedDir, 'openapi.yaml'), { logLevel });
  const gateway = createGateway({ engine, contract, ...(credentials && { credentials }) });
  await new Promise<void>((resolve, reject) => {
    gateway.server.once('error', reject);
    gateway.server.listen(port, host, () => resolve());
  });
  const address = gateway.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host}:${bound}`,
    strict: gateway.strict,
    stop: () => (stopping ??= gateway.close()),
  };
}
