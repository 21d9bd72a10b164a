// The mock API: Prism on a private loopback port, and the gateway in this process on the public one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../scripts/json.ts';
import { generatedDir } from '../scripts/paths.ts';
import { createGateway, type GatewayCredentials } from './gateway.ts';
import { freePort, portIsFree, startPrism, type RunningPrism } from './prism.ts';

export const defaultMockPort = 4010;

export interface MockOptions {
  port?: number;
  host?: string;
  /** Credentials make the gateway strict; without them it is lenient. */
  credentials?: GatewayCredentials;
  /** Prism's log level. */
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
  /** Where Prism's output goes. */
  stdio?: 'inherit' | 'pipe';
}

export interface RunningMock {
  /** The gateway: what clients call. */
  url: string;
  /** Prism alone, behind the gateway (for measurements; clients should not call it). */
  prismUrl: string;
  prism: RunningPrism;
  strict: boolean;
  /** Stops the gateway and Prism. Safe to call more than once. */
  stop(): Promise<void>;
}

export async function startMock({ port = defaultMockPort, host = '127.0.0.1', credentials, logLevel = 'info', stdio = 'pipe' }: MockOptions = {}): Promise<RunningMock> {
  if (!(await portIsFree(host, port))) {
    throw new Error(`port ${port} on ${host} is in use: stop what listens there, or pick another port (--port or MOCK_PORT)`);
  }
  const contract = JSON.parse(readFileSync(join(generatedDir, 'openapi.json'), 'utf8')) as JsonObject;
  const prism = await startPrism({ port: await freePort(host), host, logLevel, stdio });
  const gateway = createGateway({ upstream: prism.url, contract, ...(credentials && { credentials }) });
  try {
    await new Promise<void>((resolve, reject) => {
      gateway.server.once('error', reject);
      gateway.server.listen(port, host, () => resolve());
    });
  } catch (error) {
    await prism.stop();
    throw error;
  }
  const address = gateway.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${host}:${bound}`,
    prismUrl: prism.url,
    prism,
    strict: gateway.strict,
    stop: () => (stopping ??= Promise.all([gateway.close(), prism.stop()]).then(() => undefined)),
  };
}
