// A function's instance: the process in which the user's module runs, one invocation at a time, as a
// FunctionGraph instance runs it. The emulator starts it (./invoker.ts), sends it each invocation over
// IPC and reads the answer back; a handler that crashes this process, exhausts its memory or never
// returns takes down only this process, which the emulator replaces. If the emulator itself is killed,
// a watchdog thread ends this process, whatever its handler is doing.
//
// The handler is called as FunctionGraph's Node.js runtime calls it: `handler(event, context)`,
// returning a value or a promise, or `handler(event, context, callback)` calling `callback(error,
// result)`. Its answer must be JSON, as the runtime serialises it.
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { largestAnswer, type AnswerMessage, type ContextFacts, type InvokeMessage } from './protocol.ts';

/** The context methods of FunctionGraph's Node.js runtime (its "SDK接口" table), and the workflow IDs its runtime reads from the invocation's headers. */
export function createContext(facts: ContextFacts, startedAt: number) {
  const log = (level: string) => (...parts: unknown[]) => console.log(`${new Date().toISOString()} ${facts.requestId} ${level} ${parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ')}`);
  const logger = { info: log('INFO'), warn: log('WARN'), error: log('ERROR'), debug: log('DEBUG') };
  // No agency is configured for a local function, so there are no temporary credentials to give.
  const noCredentials = () => '';
  return {
    workflowID: facts.workflowId,
    workflowRunID: facts.workflowRunId,
    workflowStateID: facts.workflowStateId,
    getRequestID: () => facts.requestId,
    getRemainingTimeInMilliSeconds: () => Math.max(0, facts.timeoutMs - (Date.now() - startedAt)),
    getAccessKey: noCredentials,
    getSecretKey: noCredentials,
    getSecurityAccessKey: noCredentials,
    getSecuritySecretKey: noCredentials,
    getSecurityToken: noCredentials,
    getToken: noCredentials,
    getUserData: (key: string) => (Object.hasOwn(facts.userData, key) ? facts.userData[key] : undefined),
    getFunctionName: () => facts.functionName,
    getRunningTimeInSeconds: () => facts.timeoutMs / 1000,
    getVersion: () => facts.version,
    getMemorySize: () => facts.memoryMb,
    getCPUNumber: () => Math.max(1, Math.round((facts.memoryMb / 128) * 100)),
    getPackage: () => facts.package,
    getProjectID: () => facts.projectId,
    getAlias: () => facts.alias,
    getLogger: () => logger,
    getWorkflowID: () => facts.workflowId,
    getWorkflowRunID: () => facts.workflowRunId,
    getWorkflowStateID: () => facts.workflowStateId,
  };
}

type Handler = (event: unknown, context: unknown, callback?: (error: unknown, result?: unknown) => void) => unknown;

const loaded = new Map<string, Promise<Record<string, unknown>>>();

async function handlerOf(module: string, name: string): Promise<Handler | string> {
  let namespace: Record<string, unknown>;
  try {
    if (!loaded.has(module)) loaded.set(module, import(pathToFileURL(module).href) as Promise<Record<string, unknown>>);
    namespace = await loaded.get(module)!;
  } catch (error) {
    loaded.delete(module);
    return `cannot load ${module}: ${(error as Error).message}`;
  }
  // A CommonJS module's exports are its default export; Node also lifts most of them to named ones.
  const fromDefault = namespace.default !== null && typeof namespace.default === 'object' ? (namespace.default as Record<string, unknown>)[name] : undefined;
  const handler = namespace[name] ?? fromDefault;
  if (typeof handler !== 'function') return `${module} exports no function ${JSON.stringify(name)} (it exports ${Object.keys(namespace).join(', ') || 'nothing'})`;
  return handler as Handler;
}

async function invoke(message: InvokeMessage): Promise<AnswerMessage> {
  const { id } = message;
  const handler = await handlerOf(message.module, message.handler);
  if (typeof handler === 'string') return { type: 'failed', id, reason: 'not-found', message: handler };
  let result: unknown;
  try {
    result = await new Promise((resolve, reject) => {
      const callback = (error: unknown, value?: unknown) => (error ? reject(error) : resolve(value));
      const returned = handler(message.event, createContext(message.context, Date.now()), callback);
      if (returned !== null && typeof returned === 'object' && typeof (returned as Promise<unknown>).then === 'function') (returned as Promise<unknown>).then(resolve, reject);
      else if (handler.length < 3) resolve(returned);
    });
  } catch (error) {
    const thrown = error instanceof Error ? error : undefined;
    const code = (thrown as { code?: unknown } | undefined)?.code;
    return {
      type: 'failed', id, reason: 'threw',
      ...((typeof code === 'string' || typeof code === 'number') && { code }),
      name: thrown?.name ?? typeof error,
      message: thrown ? `${thrown.message}${where(thrown, message.module)}` : `it threw ${describe(error)}`,
    };
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(result);
  } catch (error) {
    return { type: 'failed', id, reason: 'not-json', message: `it answered something JSON cannot hold: ${(error as Error).message}` };
  }
  if (json === undefined) return { type: 'failed', id, reason: 'not-json', message: `it answered ${describe(result)}, which is not JSON` };
  if (json.length > largestAnswer) return { type: 'failed', id, reason: 'not-json', message: `it answered ${(json.length / 1024 / 1024).toFixed(1)} MB of JSON: an answer is at most 6 MB` };
  return { type: 'answer', id, json };
}

/** Where in the user's module the error was thrown, from its stack. */
function where(error: Error, module: string): string {
  const url = pathToFileURL(module).href;
  const line = error.stack?.split('\n').find((frame) => frame.includes(url) || frame.includes(module));
  const place = line && /\(?((?:file:\/\/)?[^()\s]+:\d+:\d+)\)?\s*$/.exec(line)?.[1];
  return place ? ` (at ${place.slice(place.lastIndexOf('/') + 1)})` : '';
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (undefined)';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return `a BigInt (${value})`;
  if (typeof value === 'symbol') return 'a symbol';
  return JSON.stringify(value) ?? String(value);
}

if (process.send) {
  process.on('message', (message: InvokeMessage) => {
    if (message?.type !== 'invoke') return;
    void invoke(message).then((answer) => process.send!(answer));
  });
  // The emulator gone, however it went: so is this instance.
  process.once('disconnect', () => process.exit(0));
  // A handler that loops never lets this thread see the disconnect; a thread of its own does, by this
  // process's parent changing (the emulator killed, the instance adopted), and ends the process.
  // The emulator's PID comes on the command line: read here, this process's own parent may already be another.
  const emulator = Number(process.argv[2]);
  const watchdog = new Worker(
    `const { emulator } = require('node:worker_threads').workerData;
     const check = () => { if (process.ppid !== emulator) process.kill(process.pid, 'SIGKILL'); };
     check();
     setInterval(check, 250);`,
    { eval: true, workerData: { emulator } },
  );
  watchdog.unref();
}
