// `npm run bench`: this client against raw fetch and against Huawei's official Node SDK, in one run,
// on this machine. Prints a Markdown table and writes it to bench/results.md. Nothing here asserts a
// time: these are measurements, reproduced by running the same command.
//
//   1. per-call overhead: startWorkflowExecution against a local server that answers at once
//   2. signing cost: signatures per second, same inputs
//   3. cold start: a fresh Node process that imports a client and makes one call
//   4. footprint: installed size and package count with runtime dependencies
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, lstatSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackage } from '../scripts/build-package.ts';
import { root } from '../scripts/paths.ts';

// The published build is what is measured: build it, then load it.
buildPackage();
// A URL rather than a literal specifier: dist/ exists only once built, and the compiler need not find it.
const builtEntry = new URL('../dist/src/index.js', import.meta.url).href;
const { createRequestSigner, createWorkflowClient, computeSignature, importKey } = (await import(builtEntry)) as typeof import('../src/index.ts');

const require = createRequire(import.meta.url);
const { createOfficialClient } = require('./official-client.cjs') as {
  createOfficialClient(endpoint: string, options: { accessKey: string; secretKey: string; projectId: string }): { startWorkflowExecution(workflowId: string, input: object): Promise<unknown> };
};
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as { AKSKSigner: { sign(request: object, credential: unknown): Record<string, string> } };
const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials') as { BasicCredentials: new () => { withAk(ak: string): { withSk(sk: string): unknown } } };

const quick = process.argv.includes('--quick');
const sequentialCalls = quick ? 300 : 2_000;
const concurrentCalls = quick ? 600 : 4_000;
const concurrency = 16;
const rounds = 5;
const warmupCalls = quick ? 50 : 300;
const signatures = quick ? 2_000 : 20_000;
const coldRuns = quick ? 3 : 7;

const accessKey = 'HPUAEXAMPLEACCESSKEY';
const secretKey = 'sk-7Gq9ZpW2xR5vT8nB3mK6jL1hF4dS0aQe';
const token = 'MIIbenchmark-token';
const projectId = '0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9';
const workflowId = '6f2d1b0c-8e3a-4b5d-9c7e-1a2b3c4d5e6f';
const input = { orderId: 42, items: [{ sku: 'A-1001', quantity: 2 }] };

type Call = () => Promise<unknown>;

interface Stats {
  median: number;
  p99: number;
  perSecond: number;
}

function stats(latencies: number[], totalMs: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p99: at(0.99), perSecond: (latencies.length / totalMs) * 1000 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(root, 'bench', 'server.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the benchmark server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(String(chunk));
      if (match) resolve(match[1]!);
    });
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

/** Makes `count` calls, `parallel` at a time; returns the elapsed milliseconds. `each` gets every call's latency. */
async function runCalls(call: Call, count: number, parallel: number, each?: (ms: number) => void): Promise<number> {
  let remaining = count;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (remaining > 0) {
        remaining--;
        const begin = performance.now();
        await call();
        each?.(performance.now() - begin);
      }
    }),
  );
  return performance.now() - started;
}

/** Runs every variant in `rounds` alternating rounds, so that drift on a shared machine hits all alike. */
async function measure(variants: Record<string, Call>, calls: number, parallel: number): Promise<Record<string, Stats>> {
  const latencies: Record<string, number[]> = {};
  const elapsed: Record<string, number> = {};
  const names = Object.keys(variants);
  for (const name of names) {
    latencies[name] = [];
    elapsed[name] = 0;
    for (let i = 0; i < warmupCalls; i++) await variants[name]!();
  }
  const perRound = Math.ceil(calls / rounds);
  for (let round = 0; round < rounds; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]!);
    for (const name of order) {
      elapsed[name]! += await runCalls(variants[name]!, perRound, parallel, (ms) => latencies[name]!.push(ms));
    }
  }
  return Object.fromEntries(names.map((name) => [name, stats(latencies[name]!, elapsed[name]!)]));
}

async function perCall(url: string) {
  const tokenClient = createWorkflowClient({ endpoint: url, projectId, auth: { token } });
  const signingClient = createWorkflowClient({ endpoint: url, projectId, auth: { accessKey, secretKey } });
  const official = createOfficialClient(url, { accessKey, secretKey, projectId });
  const rawUrl = `${url}/v2/${projectId}/fgs/workflows/${workflowId}/executions`;
  const variants: Record<string, Call> = {
    'raw fetch (token)': async () => {
      const response = await fetch(rawUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token }, body: JSON.stringify({ input }) });
      if (!response.ok) throw new Error(`status ${response.status}`);
      return ((await response.json()) as { execution_id: string }).execution_id;
    },
    'this client, token': () => tokenClient.startWorkflowExecution({ workflowId, input }),
    'this client, AK/SK': () => signingClient.startWorkflowExecution({ workflowId, input }),
    'official SDK, AK/SK': () => official.startWorkflowExecution(workflowId, input),
  };
  return { sequential: await measure(variants, sequentialCalls, 1), concurrent: await measure(variants, concurrentCalls, concurrency) };
}

async function signing() {
  const url = `https://functiongraph.cn-north-4.myhuaweicloud.com/v2/${projectId}/fgs/workflows/${workflowId}/executions`;
  const body = JSON.stringify({ input });
  const date = '20261121T020000Z';
  const headers = { 'Content-Type': 'application/json', 'X-Sdk-Date': date, 'X-Project-Id': projectId };
  const signer = createRequestSigner({ accessKey, secretKey, now: () => new Date('2026-11-21T02:00:00Z') });
  const key = await importKey(secretKey);
  const credential = new BasicCredentials().withAk(accessKey).withSk(secretKey);
  const signedHeaders: [string, string][] = [...Object.entries(headers), ['host', 'functiongraph.cn-north-4.myhuaweicloud.com']];
  // Like with like: the official signer and computeSignature both take a description of the request and
  // return its signature; signRequest also builds the signed Request, which the official signer never does.
  const variants: Record<string, Call> = {
    'official AKSKSigner.sign': async () => AKSKSigner.sign({ method: 'POST', endpoint: url, headers: { ...headers }, data: input, queryParams: {} }, credential),
    'this client, computeSignature': () => computeSignature(key, { method: 'POST', url, headers: signedHeaders, body }, date),
    'this client, signRequest (builds the signed Request too)': () => signer(new Request(url, { method: 'POST', headers, body }), { projectId }),
  };
  const run = async (sign: Call, count: number, parallel: number) => (count / (await runCalls(sign, count, parallel))) * 1000;
  const result: Record<string, { sequential: number; concurrent: number }> = {};
  for (const sign of Object.values(variants)) await run(sign, 2_000, 1);
  const samples: Record<string, { sequential: number[]; concurrent: number[] }> = {};
  for (let round = 0; round < rounds; round++) {
    for (const [name, sign] of Object.entries(variants)) {
      const entry = (samples[name] ??= { sequential: [], concurrent: [] });
      entry.sequential.push(await run(sign, signatures / rounds, 1));
      entry.concurrent.push(await run(sign, signatures / rounds, concurrency));
    }
  }
  for (const [name, entry] of Object.entries(samples)) result[name] = { sequential: median(entry.sequential), concurrent: median(entry.concurrent) };
  return result;
}

function coldStart(url: string) {
  const scripts = { 'this client': join(root, 'bench', 'cold', 'ours.mjs'), 'official SDK': join(root, 'bench', 'cold', 'official.cjs') };
  const runs: Record<string, { ms: number[]; rssKiB: number[] }> = {};
  for (const name of Object.keys(scripts)) runs[name] = { ms: [], rssKiB: [] };
  for (let i = 0; i < coldRuns; i++) {
    for (const [name, script] of Object.entries(scripts)) {
      const started = performance.now();
      const child = spawnSync(process.execPath, [script, url], { encoding: 'utf8' });
      const ms = performance.now() - started;
      if (child.status !== 0) throw new Error(`${name} cold start failed: ${child.stderr}`);
      runs[name]!.ms.push(ms);
      runs[name]!.rssKiB.push((JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { maxRssKiB: number }).maxRssKiB);
    }
  }
  return Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, { ms: median(r.ms), rssMiB: median(r.rssKiB) / 1024 }]));
}

function footprint() {
  const work = mkdtempSync(join(tmpdir(), 'fgs-footprint-'));
  try {
    const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
    const tarball = join(work, (JSON.parse(pack.stdout.slice(pack.stdout.search(/^\[/m))) as Array<{ filename: string }>)[0]!.filename);
    const install = (name: string, spec: string) => {
      const dir = join(work, name);
      const result = spawnSync('npm', ['install', spec, '--prefix', dir, '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`npm install ${spec} failed: ${result.stderr}`);
      return measureTree(join(dir, 'node_modules'));
    };
    const officialVersion = (require('@huaweicloud/huaweicloud-sdk-functiongraph/package.json') as { version: string }).version;
    return {
      'this client': install('ours', tarball),
      'official SDK': install('official', `@huaweicloud/huaweicloud-sdk-functiongraph@${officialVersion}`),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Packages (folders holding a package.json under node_modules) and bytes of every file. */
function measureTree(nodeModules: string): { packages: number; bytes: number } {
  let packages = 0;
  let bytes = 0;
  const walk = (dir: string, inNodeModules: boolean) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        const isPackage = inNodeModules && !entry.name.startsWith('@') && !entry.name.startsWith('.') && existsSync(join(path, 'package.json'));
        if (isPackage) packages++;
        walk(path, entry.name === 'node_modules' || (inNodeModules && entry.name.startsWith('@')));
      } else {
        bytes += lstatSync(path).size;
      }
    }
  };
  walk(nodeModules, true);
  return { packages, bytes };
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const ratio = (value: number, base: number) => `${fmt(value / base)}×`;

async function main() {
  const server = await startServer();
  try {
    console.error('Measuring per-call overhead …');
    const calls = await perCall(server.url);
    console.error('Measuring signing …');
    const signs = await signing();
    console.error('Measuring cold start …');
    const cold = coldStart(server.url);
    console.error('Measuring footprint …');
    const feet = footprint();

    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    const lines: string[] = [
      '# Benchmark results',
      '',
      `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${availableParallelism()} CPUs (${cpu}), Node.js ${process.version}.` +
        ` ${quick ? 'Quick run (--quick): fewer calls, rougher figures.' : ''}`,
      '',
      `## Per-call overhead: startWorkflowExecution against a local server that answers at once`,
      '',
      `${sequentialCalls} calls one at a time, then ${concurrentCalls} calls ${concurrency} at a time, each after ${warmupCalls} warm-up calls,` +
        ` in ${rounds} alternating rounds. Latency is per call, in milliseconds; ratios are to raw fetch.`,
      '',
      '| Client | Sequential median | p99 | calls/s | vs raw fetch (median) | Concurrent (16) median | p99 | calls/s | vs raw fetch (calls/s) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ];
    const baseSeq = calls.sequential['raw fetch (token)']!;
    const baseConc = calls.concurrent['raw fetch (token)']!;
    for (const name of Object.keys(calls.sequential)) {
      const s = calls.sequential[name]!;
      const c = calls.concurrent[name]!;
      lines.push(`| ${name} | ${fmt(s.median, 3)} | ${fmt(s.p99, 3)} | ${fmt(s.perSecond, 0)} | ${ratio(s.median, baseSeq.median)} | ${fmt(c.median, 3)} | ${fmt(c.p99, 3)} | ${fmt(c.perSecond, 0)} | ${ratio(baseConc.perSecond, c.perSecond)} slower |`);
    }
    const officialSigns = signs['official AKSKSigner.sign']!;
    lines.push(
      '',
      `## Signing: signatures per second for the same request (median of ${rounds} alternating rounds of ${signatures / rounds})`,
      '',
      '| Signer | one at a time | vs official | 16 at a time | vs official |',
      '| --- | ---: | ---: | ---: | ---: |',
    );
    for (const [name, perSecond] of Object.entries(signs)) {
      lines.push(`| ${name} | ${fmt(perSecond.sequential, 0)} | ${ratio(perSecond.sequential, officialSigns.sequential)} | ${fmt(perSecond.concurrent, 0)} | ${ratio(perSecond.concurrent, officialSigns.concurrent)} |`);
    }
    const ours = cold['this client']!;
    const theirs = cold['official SDK']!;
    lines.push(
      '',
      `## Cold start: a fresh Node process imports the client and makes one AK/SK call (median of ${coldRuns} runs)`,
      '',
      '| Client | Wall time (ms) | Peak RSS (MiB) |',
      '| --- | ---: | ---: |',
      `| this client | ${fmt(ours.ms, 0)} | ${fmt(ours.rssMiB, 1)} |`,
      `| official SDK | ${fmt(theirs.ms, 0)} | ${fmt(theirs.rssMiB, 1)} |`,
      `| this client / official | ${ratio(ours.ms, theirs.ms)} | ${ratio(ours.rssMiB, theirs.rssMiB)} |`,
    );
    const small = feet['this client'];
    const large = feet['official SDK'];
    lines.push(
      '',
      '## Footprint: installed with runtime dependencies (`npm install`, no dev dependencies)',
      '',
      '| Package | Packages installed | Installed size (MiB) |',
      '| --- | ---: | ---: |',
      `| functiongraph-workflow-api (this package) | ${small.packages} | ${fmt(small.bytes / 2 ** 20)} |`,
      `| @huaweicloud/huaweicloud-sdk-functiongraph | ${large.packages} | ${fmt(large.bytes / 2 ** 20)} |`,
      `| this package / official | ${ratio(small.packages, large.packages)} | ${ratio(small.bytes, large.bytes)} |`,
      '',
      'The official SDK as installed from the registry cannot be loaded until `uuid` is installed beside it (its core requires it without declaring it); the footprint above is without it.',
      '',
    );
    const markdown = lines.join('\n');
    console.log(markdown);
    if (!quick) writeFileSync(join(root, 'bench', 'results.md'), markdown);
  } finally {
    server.child.kill('SIGTERM');
  }
}

await main();
