// The emulator behind the gateway: flows that really run. For each request the gateway routes, Prism
// first checks it against the contract as `prism mock` does; a request that breaks the contract gets
// Prism's answer (the contract's documented error), exactly as from the stateless mock, and so does a
// request that asks for a documented answer with Prism's Prefer header. Every other request is answered
// from the store by ./api.ts, and that answer is checked against the contract too: a violation is
// logged, counted (GET /_emulator/info) and reported in the sl-violations header, as Prism reports its own.
import type { JsonObject } from '../../../scripts/json.ts';
import { emulatorPackage } from '../contract.ts';
import { readFunctionsFile } from '../functions/functions-file.ts';
import { Invoker } from '../functions/invoker.ts';
import { corsHeaders, type Engine, type EngineAnswer, type EngineRequest, type PrismEngine } from '../gateway/prism-engine.ts';
import { contractRoutes } from '../gateway/routes.ts';
import { adminPrefix, createAdmin } from './admin.ts';
import { createApi } from './api.ts';
import { VirtualClock } from './clock.ts';
import { Runner } from './runner.ts';
import { Scenarios } from './scenarios.ts';
import { Store } from './store.ts';

export interface EmulatorOptions {
  prism: PrismEngine;
  /** The bundled contract. */
  contract: JsonObject;
  /** Where state is kept; in memory when undefined. */
  dataDir?: string | undefined;
  /** The scenarios file: what functions answer. */
  scenarios?: string | undefined;
  /** Real milliseconds per virtual millisecond of waiting (1, the default, is real time; 0 is at once). */
  timeScale?: number;
  /** The region in the URNs of flows. */
  region?: string;
  /** The functions file: the flows' functions as the user's own modules or URLs. */
  functions?: string | undefined;
  /** Where a user function's output goes, a line at a time; nowhere by default. */
  onFunctionLog?: (functionName: string, line: string) => void;
}

export interface Emulator {
  engine: Engine;
  /** The emulator's own endpoints, and the path prefix they live under. */
  admin: { prefix: string; engine: Engine };
  /** Where state lives: `memory`, or the SQLite file. */
  storage: string;
  /** What a previous run left and this one picked up. */
  recovered: { running: number; timers: number };
  timeScale: number;
  /** Stops the runner and every function's instance, and closes the store. */
  close(): Promise<void>;
}

export function createEmulator({ prism, contract, dataDir, scenarios: scenariosFile, timeScale = 1, region = 'cn-north-4', functions: functionsFile, onFunctionLog }: EmulatorOptions): Emulator {
  // Read first: a broken functions file is refused before anything is opened.
  const entries = functionsFile === undefined ? undefined : readFunctionsFile(functionsFile);
  const scenarios = new Scenarios(scenariosFile);
  let store: Store;
  try {
    store = new Store(dataDir);
  } catch (error) {
    scenarios.close();
    throw error;
  }
  // The runner keeps the clock's offset with the transitions its timers cause; an advance by hand is kept at once.
  const clock = new VirtualClock({ timeScale, offsetMs: Number(store.meta('clock_offset_ms') ?? 0) });
  const invoker = entries && new Invoker({ ...(onFunctionLog && { onLog: onFunctionLog }) });
  const runner = new Runner({ store, clock, scenarios, ...(entries && invoker && { functions: { entries, invoker } }) });
  const api = createApi({ store, runner, clock, scenarios, region });
  const operations = new Map(contractRoutes(contract).map((route) => [`${route.method} ${route.template}`, String(route.operation.operationId)]));
  const tally = { checked: 0, violations: 0 };
  const { version } = emulatorPackage();
  const admin = createAdmin({ store, clock, runner, scenarios, answers: () => ({ ...tally }), version });

  const engine: Engine = {
    async answer(request: EngineRequest): Promise<EngineAnswer> {
      const { route } = request;
      if (!route || request.headers.prefer !== undefined) return prism.answer(request);
      const checked = prism.checkRequest(request);
      if (!checked || checked.violations.some((violation) => violation.severity === 'Error')) return prism.answer(request);
      const { url, body } = checked;
      const pathname = url.path;
      const answered = await api({
        operationId: operations.get(`${route.method} ${route.template}`)!,
        path: pathParameters(route.template, pathname),
        query: url.query,
        headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value])),
        body,
      });
      const headers: Array<[string, string]> = [...corsHeaders(request.headers), ['X-Request-Id', '0'.repeat(32)]];
      if (answered.body === undefined) headers.push(['Content-Length', '0']);
      else headers.push(['Content-Type', 'application/json']);
      const answer: EngineAnswer = { status: answered.status, headers, body: answered.body };
      const found = prism.answerViolations(route, answer);
      tally.checked++;
      if (found.length > 0) {
        tally.violations += found.length;
        console.error(`emulator: the answer to ${route.method} ${pathname} breaks the contract: ${found.map((v) => `${v.location.join('.')} ${v.message}`).join('; ')}`);
        headers.push(['sl-violations', JSON.stringify(found)]);
      }
      return answer;
    },
  };

  const recovered = runner.recover();
  return {
    engine,
    admin: { prefix: adminPrefix, engine: { answer: admin } },
    storage: store.persistent ? store.location : 'memory',
    recovered,
    timeScale,
    async close() {
      runner.stop();
      clock.stop();
      scenarios.close();
      await invoker?.close();
      store.close();
    },
  };
}

/** The values of a template's `{parameters}` in a path, decoded. */
function pathParameters(template: string, path: string): Record<string, string> {
  const names = template.split('/');
  const values = path.split('/');
  const found: Record<string, string> = {};
  names.forEach((name, i) => {
    const parameter = /^\{([^}]+)\}$/.exec(name)?.[1];
    if (parameter) found[parameter] = decodeURIComponent(values[i] ?? '');
  });
  return found;
}
