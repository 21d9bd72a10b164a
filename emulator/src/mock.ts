// The mock API: the gateway on the public port, with the emulator (flows that run, state in SQLite)
// behind it, or Prism's engine alone (stateless: the contract's examples), in the same process.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { JsonObject } from '../../scripts/json.ts';
import { consoleDir, contractFiles, emulatorPackage } from './contract.ts';
import { consolePrefix, createConsoleSite } from './gateway/console-site.ts';
import { createGateway, type GatewayCredentials } from './gateway/gateway.ts';
import { portIsFree } from './gateway/ports.ts';
import { createPrismEngine, type Engine, type PrismLogLevel } from './gateway/prism-engine.ts';
import { contractRoutes } from './gateway/routes.ts';
import { defaultMockPort } from './cli/options.ts';

export { defaultMockPort };

export interface MockOptions {
  port?: number;
  host?: string;
  /** Credentials make the gateway strict; without them it is lenient. */
  credentials?: GatewayCredentials;
  /** Prism's log level (its lines go to standard output). */
  logLevel?: PrismLogLevel;
  /** Prism's examples only, no state: the mock before the emulator. */
  stateless?: boolean;
  /** The emulator keeps its state here (SQLite); in memory when undefined. */
  dataDir?: string | undefined;
  /** The emulator's scenarios file: what the flows' functions answer. */
  scenarios?: string | undefined;
  /** The emulator's functions file: the flows' functions as the user's own code. */
  functions?: string | undefined;
  /** The emulator's time scale: 1 is real time, 0 is at once. */
  timeScale?: number;
  /** Prints one line per request answered: method, target, status, time and request ID. */
  accessLog?: boolean;
}

export interface RunningMock {
  /** The gateway: what clients call. */
  url: string;
  strict: boolean;
  /** The console's page, served by the gateway in front of the emulator; undefined when stateless. */
  console?: string;
  /** The emulator behind the gateway, or undefined when stateless. */
  emulator?: { storage: string; timeScale: number; scenarios: string | undefined; functions: string | undefined; recovered: { running: number; timers: number } };
  /** Stops the gateway (and with it Prism's engine). Safe to call more than once. */
  stop(): Promise<void>;
}

export async function startMock({ port = defaultMockPort, host = '127.0.0.1', credentials, logLevel = 'info', stateless = false, dataDir, scenarios, functions, timeScale = 1, accessLog = false }: MockOptions = {}): Promise<RunningMock> {
  if (!(await portIsFree(host, port))) {
    throw new Error(`port ${port} on ${host} is in use: stop what listens there, or pick another port (--port or MOCK_PORT)`);
  }
  const contract = JSON.parse(readFileSync(contractFiles.json, 'utf8')) as JsonObject;
  // The emulator's modules, and its functions file checked, before the slow part: loading Prism.
  const modules = stateless ? undefined : await emulatorModules();
  if (functions !== undefined) modules?.readFunctionsFile(functions);
  // Prism loads the same bundle that `prism mock` would be given.
  const prism = await createPrismEngine(contractFiles.yaml, { logLevel });
  let engine: Engine = prism;
  let emulator: ReturnType<NonNullable<typeof modules>['createEmulator']> | undefined;
  if (modules) {
    // A function's console output is shown where requests are: from --log-level info.
    const onFunctionLog = accessLog ? (name: string, line: string) => console.log(`[function ${name}] ${line}`) : undefined;
    emulator = modules.createEmulator({ prism, contract, dataDir, scenarios, functions, timeScale, ...(onFunctionLog && { onFunctionLog }) });
    engine = emulator.engine;
  }
  // What a page must give for the console's session: printed in the console's address, never stored.
  const consoleKey = randomBytes(16).toString('hex');
  // A synchronous execution may take an express flow's 5 minutes: the gateway waits that long for it.
  const syncRoutes = new Set(contractRoutes(contract).filter((route) => route.template.endsWith('/sync-executions')).map((route) => route.template));
  const gateway = createGateway({
    engine,
    contract,
    ...(credentials && { credentials }),
    ...(accessLog && { onAnswered: ({ method, target, status, ms, requestId }) => console.log(`${method} ${target.length > 200 ? `${target.slice(0, 200)}…` : target} ${status} ${ms.toFixed(1)} ms ${requestId}`) }),
    host,
    ...(emulator && { site: { prefix: consolePrefix, answer: createConsoleSite({ dir: consoleDir, credentials, version: emulatorPackage().version, host, key: consoleKey }) } }),
    ...(emulator && { admin: emulator.admin, backendTimeoutFor: (route) => (syncRoutes.has(route.template) ? 6 * 60_000 : undefined) }),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      gateway.server.once('error', reject);
      gateway.server.listen(port, host, () => resolve());
    });
  } catch (error) {
    await emulator?.close();
    throw error;
  }
  const address = gateway.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  let stopping: Promise<void> | undefined;
  return {
    url: origin(host, bound),
    strict: gateway.strict,
    ...(emulator && { console: `${origin(host, bound)}${consolePrefix}${gateway.strict ? `?key=${consoleKey}` : ''}` }),
    ...(emulator && { emulator: { storage: emulator.storage, timeScale: emulator.timeScale, scenarios, functions, recovered: emulator.recovered } }),
    stop: () =>
      (stopping ??= gateway.close().then(() => emulator?.close())),
  };
}

/** The base URL of a server: an IPv6 address goes in brackets. */
function origin(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The emulator's modules. In a checkout they run the client's own sources (src/), loaded once their `.js` imports resolve to `.ts`. */
async function emulatorModules() {
  // node:sqlite came with Node.js 22.5 (unflagged in 22.13); npm's scripts run the pinned Node 24.
  if (!process.getBuiltinModule?.('node:sqlite')) {
    throw new Error(`the emulator keeps its state with node:sqlite, which Node.js ${process.version} does not have: run it on Node.js 22.13 or later (npm run mock uses the pinned Node 24), or serve the contract's examples alone with --stateless`);
  }
  if (import.meta.url.endsWith('.ts')) (await import('./engine/source-imports.ts')).resolveSourceImports();
  const [{ createEmulator }, { readFunctionsFile }] = await Promise.all([import('./engine/emulator.ts'), import('./functions/functions-file.ts')]);
  return { createEmulator, readFunctionsFile };
}
