// One measurement inside the Node.js under test: the pinned Node, or Node 20 (which runs no TypeScript,
// so run.ts compiles this file first). The task comes as JSON in argv[2]; the result goes out as one line
// of JSON. Variants alternate round by round, so that drift on a shared machine hits all alike; every
// figure is a median. Nothing here reads a result's fields: a call is done when its promise settles.
//
//   calls    startWorkflowExecution against the benchmark server, in this process or at a given URL:
//            latency one call at a time, throughput 16 at a time, and this process's CPU time per call;
//            from the package as Node.js resolves it (its Node.js entry: node:http, node:crypto), with
//            the same client given Node's global fetch beside it; or, in a process of its own, from
//            …/fetch (Node's global fetch and portable digests, as the package runs outside Node.js)
//   signing  signatures per second, one at a time and 16 at a time, and CPU time per signature, from
//            the package's root (node:crypto digests) or from …/fetch (portable digests)
//
// The package is imported by its name, as a user imports it: this file sits inside the package, so
// Node resolves the name through package.json's exports, with the `node` condition, to dist/.
import { Agent, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { startBenchServer } from './server.ts';

/** The package as Node.js resolves it (the Node.js entry), and its portable entry. */
export const packageRoot = 'functiongraph-workflow-api';
export const portableEntry = 'functiongraph-workflow-api/fetch';

export interface CallsTask {
  task: 'calls';
  /** The root entry, or the portable one: never both in one process, since the root switches every signer to node:crypto. */
  entry: typeof packageRoot | typeof portableEntry;
  officialClient: string;
  /** The server's URL; undefined starts one in this process. */
  serverUrl?: string;
  sequentialCalls: number;
  concurrentCalls: number;
  concurrency: number;
  rounds: number;
  warmupCalls: number;
}

export interface SigningTask {
  task: 'signing';
  entry: typeof packageRoot | typeof portableEntry;
  signatures: number;
  concurrency: number;
  rounds: number;
}

export type Task = CallsTask | SigningTask;

export interface Pass {
  /** Milliseconds, per call. */
  median: number;
  p99: number;
  perSecond: number;
  /** This process's CPU time (user and system, all threads) per call, in microseconds. */
  cpuMicros: number;
}

export type CallsResult = Record<string, { sequential: Pass; concurrent: Pass }>;
export type SigningResult = Record<string, { sequential: Pass; concurrent: Pass }>;

type Call = () => Promise<unknown>;
type Client = typeof import('../src/index.ts');

export const accessKey = 'HPUAEXAMPLEACCESSKEY';
export const secretKey = 'sk-7Gq9ZpW2xR5vT8nB3mK6jL1hF4dS0aQe';
const token = 'MIIbenchmark-token';
const projectId = '0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9';
const workflowId = '6f2d1b0c-8e3a-4b5d-9c7e-1a2b3c4d5e6f';
const input = { orderId: 42, items: [{ sku: 'A-1001', quantity: 2 }] };
const path = `/v2/${projectId}/fgs/workflows/${workflowId}/executions`;

/** The client as Node.js resolves the package: its Node.js entry, sending with node:http. */
export const ourToken = 'this client, token';
export const ourAkSk = 'this client, AK/SK';
/** The same client given Node's global fetch (`fetch: globalThis.fetch`); it still signs with node:crypto. */
export const fetchToken = 'this client with fetch: globalThis.fetch (node:crypto digests), token';
export const fetchAkSk = 'this client with fetch: globalThis.fetch (node:crypto digests), AK/SK';

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Makes `count` calls, `parallel` at a time; each call's latency goes to `latencies`. Returns the elapsed and CPU time. */
async function runCalls(call: Call, count: number, parallel: number, latencies: number[]): Promise<{ ms: number; cpuMicros: number }> {
  let remaining = count;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (remaining > 0) {
        remaining--;
        const begin = performance.now();
        await call();
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMicros: used.user + used.system };
}

/** Every variant, `calls` calls in all, `parallel` at a time, in alternating rounds after a warm-up. */
async function measure(variants: Record<string, Call>, calls: number, parallel: number, rounds: number, warmup: number): Promise<Record<string, Pass>> {
  const names = Object.keys(variants);
  const totals = Object.fromEntries(names.map((name) => [name, { latencies: [] as number[], ms: 0, cpuMicros: 0 }]));
  for (const name of names) await runCalls(variants[name]!, warmup, parallel, []);
  const perRound = Math.ceil(calls / rounds);
  for (let round = 0; round < rounds; round++) {
    for (const name of names.map((_, i) => names[(i + round) % names.length]!)) {
      const total = totals[name]!;
      const { ms, cpuMicros } = await runCalls(variants[name]!, perRound, parallel, total.latencies);
      total.ms += ms;
      total.cpuMicros += cpuMicros;
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const { latencies, ms, cpuMicros } = totals[name]!;
      const sorted = latencies.sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
      return [name, { median: at(0.5), p99: at(0.99), perSecond: (sorted.length / ms) * 1000, cpuMicros: cpuMicros / sorted.length }];
    }),
  );
}

async function calls(task: CallsTask): Promise<CallsResult> {
  const { createRequestSigner, createWorkflowClient } = (await import(task.entry)) as Client;
  const fromRoot = task.entry === packageRoot;
  const require = createRequire(import.meta.url);
  const { createOfficialClient } = require(task.officialClient) as {
    createOfficialClient(endpoint: string, options: { accessKey: string; secretKey: string; projectId: string }): { startWorkflowExecution(workflowId: string, input: object): Promise<unknown> };
  };
  const local = task.serverUrl === undefined ? await startBenchServer() : undefined;
  const url = task.serverUrl ?? local!.url;
  try {
    const tokenClient = createWorkflowClient({ endpoint: url, projectId, auth: { token } });
    const signingClient = createWorkflowClient({ endpoint: url, projectId, auth: { accessKey, secretKey } });
    const fetchTokenClient = createWorkflowClient({ endpoint: url, projectId, auth: { token }, fetch: globalThis.fetch });
    const fetchSigningClient = createWorkflowClient({ endpoint: url, projectId, auth: { accessKey, secretKey }, fetch: globalThis.fetch });
    const official = createOfficialClient(url, { accessKey, secretKey, projectId });
    const signer = createRequestSigner({ accessKey, secretKey });
    const target = `${url}${path}`;
    const { hostname, port } = new URL(url);
    const agent = new Agent({ keepAlive: true });
    const answered = async (response: Response) => {
      if (!response.ok) throw new Error(`status ${response.status}`);
      return response.json();
    };
    const all: Record<string, Call> = {
      'raw fetch, token': async () =>
        answered(await fetch(target, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token }, body: JSON.stringify({ input }) })),
      [ourToken]: () => tokenClient.startWorkflowExecution({ workflowId, input }),
      [ourAkSk]: () => signingClient.startWorkflowExecution({ workflowId, input }),
      'official SDK, AK/SK': () => official.startWorkflowExecution(workflowId, input),
      [fetchToken]: () => fetchTokenClient.startWorkflowExecution({ workflowId, input }),
      [fetchAkSk]: () => fetchSigningClient.startWorkflowExecution({ workflowId, input }),
      'raw fetch, signed by createRequestSigner': async () =>
        answered(await fetch(await signer(target, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ input }) }, { projectId }))),
      'node:http with keep-alive, token (for scale)': () =>
        new Promise((resolve, reject) => {
          const body = JSON.stringify({ input });
          const outgoing = httpRequest({ agent, hostname, port, path, method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'X-Auth-Token': token } }, (answer) => {
            const chunks: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => chunks.push(chunk));
            answer.on('end', () => (answer.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))) : reject(new Error(`status ${answer.statusCode}`))));
          });
          outgoing.on('error', reject);
          outgoing.end(body);
        }),
    };
    // From …/fetch the client already sends with Node's fetch: the root's extra variants would repeat it.
    const variants = fromRoot ? all : Object.fromEntries(Object.entries(all).filter(([name]) => ['raw fetch, token', ourToken, ourAkSk, 'official SDK, AK/SK'].includes(name)));
    const sequential = await measure(variants, task.sequentialCalls, 1, task.rounds, task.warmupCalls);
    const concurrent = await measure(variants, task.concurrentCalls, task.concurrency, task.rounds, task.warmupCalls);
    agent.destroy();
    return Object.fromEntries(Object.keys(variants).map((name) => [name, { sequential: sequential[name]!, concurrent: concurrent[name]! }]));
  } finally {
    local?.server.close();
    local?.server.closeAllConnections();
  }
}

async function signing(task: SigningTask): Promise<SigningResult> {
  const { computeSignature, createRequestSigner, createSigningKey, importKey, signRequest } = (await import(task.entry)) as Client;
  const require = createRequire(import.meta.url);
  const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as { AKSKSigner: { sign(request: object, credential: unknown): Record<string, string> } };
  const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials') as { BasicCredentials: new () => { withAk(ak: string): { withSk(sk: string): unknown } } };
  const url = `https://functiongraph.cn-north-4.myhuaweicloud.com${path}`;
  const body = JSON.stringify({ input });
  const date = '20261121T020000Z';
  const now = () => new Date('2026-11-21T02:00:00Z');
  const headers = { 'Content-Type': 'application/json', 'X-Sdk-Date': date, 'X-Project-Id': projectId };
  const signer = createRequestSigner({ accessKey, secretKey, now });
  const signingKey = createSigningKey(secretKey);
  const cryptoKey = await importKey(secretKey);
  const credential = new BasicCredentials().withAk(accessKey).withSk(secretKey);
  const signedHeaders: Array<[string, string]> = [...Object.entries(headers), ['host', 'functiongraph.cn-north-4.myhuaweicloud.com']];
  const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body };
  // Each takes the request as its API does: the official signer a description with the body as a value
  // (it serialises it), computeSignature a description with the body's text, the request signers a URL
  // and init (or a Request) from which they build the Request that is sent.
  const variants: Record<string, Call> = {
    'official AKSKSigner.sign': async () => AKSKSigner.sign({ method: 'POST', endpoint: url, headers: { ...headers }, data: input, queryParams: {} }, credential),
    'computeSignature, SigningKey': () => computeSignature(signingKey, { method: 'POST', url, headers: signedHeaders, body }, date),
    'computeSignature, CryptoKey (Web Crypto)': () => computeSignature(cryptoKey, { method: 'POST', url, headers: signedHeaders, body }, date),
    'createRequestSigner(url, init): builds and signs the Request': () => signer(url, init, { projectId }),
    'signRequest(url, init, credentials): the same, key prepared per call': () => signRequest(url, init, { accessKey, secretKey, now, projectId }),
    'createRequestSigner(new Request(url, init)): reads the body back': () => signer(new Request(url, init), { projectId }),
  };
  const warmup = Math.min(2_000, task.signatures);
  const sequential = await measure(variants, task.signatures, 1, task.rounds, warmup);
  const concurrent = await measure(variants, task.signatures, task.concurrency, task.rounds, warmup);
  return Object.fromEntries(Object.keys(variants).map((name) => [name, { sequential: sequential[name]!, concurrent: concurrent[name]! }]));
}

if (import.meta.filename === process.argv[1]) {
  const task = JSON.parse(process.argv[2]!) as Task;
  const result = task.task === 'calls' ? await calls(task) : await signing(task);
  console.log(JSON.stringify(result));
}
