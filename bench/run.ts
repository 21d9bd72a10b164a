// `npm run bench`: this client against raw fetch and against Huawei's official Node SDK, on the pinned
// Node.js and on Node 20 (the registry's, as test/helpers/node-versions.ts finds it), in one run, on this
// machine. Prints Markdown and writes it to bench/results.md (not with --quick). Nothing here asserts a
// time: these are measurements, reproduced by running the same command.
//
//   1. per call: startWorkflowExecution against a server that answers at once, in the process under
//      test and in a process of its own (bench/server.ts): the client as Node resolves the package
//      (node:http), and given Node's global fetch
//   2. signing: signatures per second and CPU time per signature, the same request for every signer,
//      from the package's root (node:crypto digests) and from …/fetch (portable digests)
//   3. cold start: a fresh Node process imports a client (from either entry) and makes one call
//   4. footprint: installed size and package count with runtime dependencies
//
// Every measurement runs in a worker process (bench/worker.ts, compiled, since Node 20 runs no
// TypeScript) on the Node under test. Each worker alternates its variants round by round and takes
// medians; the workers for both Nodes and both server placements are interleaved, `repeats` times, and
// each figure is the median over those runs. A ratio is taken within one run (both sides measured at
// the same time), and the median of those ratios is reported.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackage } from '../scripts/build-package.ts';
import { bin, root } from '../scripts/paths.ts';
import { runOrThrow } from '../scripts/run.ts';
import { findNode20, pinnedNode, type NodeBinary } from '../test/helpers/node-versions.ts';
import { median, ourAkSk, ourToken, packageRoot, portableEntry, type CallsResult, type CallsTask, type Pass, type SigningResult, type SigningTask } from './worker.ts';

const quick = process.argv.includes('--quick');
const repeats = quick ? 1 : 3;
const calls = { sequentialCalls: quick ? 300 : 1_500, concurrentCalls: quick ? 600 : 3_000, concurrency: 16, rounds: 5, warmupCalls: quick ? 50 : 200 };
const signing = { signatures: quick ? 5_000 : 20_000, concurrency: 16, rounds: 5 };
const coldRuns = quick ? 3 : 7;

const officialClient = join(root, 'bench', 'official-client.cjs');
const workerDir = join(root, 'build', 'bench');
const worker = join(workerDir, 'bench', 'worker.js');

const nodes: Array<{ label: string; node: NodeBinary }> = [
  { label: 'Node 24', node: pinnedNode },
  { label: 'Node 20', node: findNode20() },
];
/** The package's root, as Node resolves it, and its portable entry: each measured in processes of its own. */
const entries = [
  { label: 'from the package (node:crypto digests)', entry: packageRoot },
  { label: 'from …/fetch (portable digests, as in browsers, Deno and Bun)', entry: portableEntry },
] as const;
const placements = [
  { label: 'in process', key: 'in' },
  { label: 'own process', key: 'out' },
] as const;

/** Builds the package that is measured, and the worker that measures it. */
function build(): void {
  buildPackage();
  rmSync(workerDir, { recursive: true, force: true });
  runOrThrow(bin('tsc'), [
    join(root, 'bench', 'worker.ts'), '--outDir', workerDir, '--rootDir', root, '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--target', 'es2022', '--lib', 'es2022,dom,dom.iterable', '--types', 'node', '--skipLibCheck', '--strict', '--rewriteRelativeImportExtensions',
  ]);
}

function runWorker<T>(node: NodeBinary, task: CallsTask | SigningTask): T {
  const output = execFileSync(node.path, [worker, JSON.stringify(task)], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(output.trim().split('\n').at(-1)!) as T;
}

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

/** Runs of one configuration, each a record of variants. */
type Runs<R> = R[];

/** The median over runs of `figure` for one variant. */
const over = <R>(runs: Runs<R>, figure: (run: R) => number): number => median(runs.map(figure));

function footprint() {
  const require = createRequire(import.meta.url);
  const work = mkdtempSync(join(tmpdir(), 'fgs-footprint-'));
  try {
    const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
    const packed = (JSON.parse(pack.stdout.slice(pack.stdout.search(/^\[/m))) as Array<{ filename: string; size: number; unpackedSize: number; entryCount: number }>)[0]!;
    const install = (name: string, spec: string) => {
      const dir = join(work, name);
      const result = spawnSync('npm', ['install', spec, '--prefix', dir, '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`npm install ${spec} failed: ${result.stderr}`);
      return measureTree(join(dir, 'node_modules'));
    };
    const officialVersion = (require('@huaweicloud/huaweicloud-sdk-functiongraph/package.json') as { version: string }).version;
    return {
      tarball: packed,
      ours: install('ours', join(work, packed.filename)),
      official: install('official', `@huaweicloud/huaweicloud-sdk-functiongraph@${officialVersion}`),
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
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, item.name);
      if (item.isSymbolicLink()) continue;
      if (item.isDirectory()) {
        if (inNodeModules && !item.name.startsWith('@') && !item.name.startsWith('.') && existsSync(join(path, 'package.json'))) packages++;
        walk(path, item.name === 'node_modules' || (inNodeModules && item.name.startsWith('@')));
      } else {
        bytes += lstatSync(path).size;
      }
    }
  };
  walk(nodeModules, true);
  return { packages, bytes };
}

/** A fresh process per run, both clients alternating, on each Node: wall time and peak memory. */
function coldStart(url: string) {
  const scripts = {
    'this client': join(root, 'bench', 'cold', 'ours.mjs'),
    'this client from …/fetch': join(root, 'bench', 'cold', 'ours-fetch.mjs'),
    'official SDK': join(root, 'bench', 'cold', 'official.cjs'),
  };
  return nodes.map(({ label, node }) => {
    const runs: Record<string, { ms: number[]; rssKiB: number[] }> = {};
    for (let i = 0; i < coldRuns; i++) {
      for (const [name, script] of Object.entries(scripts)) {
        const started = performance.now();
        const child = spawnSync(node.path, [script, url], { encoding: 'utf8' });
        const ms = performance.now() - started;
        if (child.status !== 0) throw new Error(`${name} cold start on ${label} failed: ${child.stderr}`);
        const run = (runs[name] ??= { ms: [], rssKiB: [] });
        run.ms.push(ms);
        run.rssKiB.push((JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { maxRssKiB: number }).maxRssKiB);
      }
    }
    return { label, version: node.version, ours: runs['this client']!, oursFetch: runs['this client from …/fetch']!, official: runs['official SDK']! };
  });
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const times = (n: number) => `${fmt(n)}×`;
const table = (head: string[], rows: string[][], align: string[] = head.map((_, i) => (i === 0 ? '---' : '---:'))) =>
  [`| ${head.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];

async function main() {
  build();
  const server = await startServer();
  const callRuns: Record<string, Runs<CallsResult>> = {};
  const signRuns: Record<string, Runs<SigningResult>> = {};
  let cold: ReturnType<typeof coldStart>;
  try {
    for (let repeat = 1; repeat <= repeats; repeat++) {
      for (const { label, node } of repeat % 2 ? nodes : [...nodes].reverse()) {
        for (const placement of repeat % 2 ? placements : [...placements].reverse()) {
          for (const { entry } of entries) {
            console.error(`Per call, ${label}, server ${placement.label}, ${entry} (run ${repeat} of ${repeats}) …`);
            const task: CallsTask = { task: 'calls', entry, officialClient, ...calls, ...(placement.key === 'out' && { serverUrl: server.url }) };
            (callRuns[`${label} ${placement.key} ${entry}`] ??= []).push(runWorker<CallsResult>(node, task));
          }
        }
        for (const { entry } of entries) {
          console.error(`Signing, ${label}, ${entry} (run ${repeat} of ${repeats}) …`);
          (signRuns[`${label} ${entry}`] ??= []).push(runWorker<SigningResult>(node, { task: 'signing', entry, ...signing }));
        }
      }
    }
    console.error('Cold start …');
    cold = coldStart(server.url);
  } finally {
    server.child.kill('SIGTERM');
  }
  console.error('Footprint …');
  const feet = footprint();

  const raw = 'raw fetch, token';
  const official = 'official SDK, AK/SK';
  const officialSigner = 'official AKSKSigner.sign';
  const ratio = (runs: Runs<CallsResult>, name: string, base: string, figure: (pass: { sequential: Pass; concurrent: Pass }) => number) =>
    over(runs, (run) => figure(run[name]!) / figure(run[base]!));
  const latency = (p: { sequential: Pass }) => p.sequential.median;
  const throughput = (p: { concurrent: Pass }) => p.concurrent.perSecond;
  const configs = nodes.flatMap(({ label }) =>
    placements.map((placement) => ({
      label: `${label}, server ${placement.label}`,
      runs: callRuns[`${label} ${placement.key} ${packageRoot}`]!,
      portableRuns: callRuns[`${label} ${placement.key} ${portableEntry}`]!,
    })),
  );
  // Signing ratios are from the package's root unless another entry is named.
  const signerRatio = (label: string, name: string, pass: 'sequential' | 'concurrent', entry: string = packageRoot) =>
    over(signRuns[`${label} ${entry}`]!, (run) => run[name]![pass].perSecond / run[officialSigner]![pass].perSecond);
  const signerCpuRatio = (label: string, name: string, entry: string = packageRoot) =>
    over(signRuns[`${label} ${entry}`]!, (run) => run[officialSigner]!.sequential.cpuMicros / run[name]!.sequential.cpuMicros);
  const requestSigner = 'createRequestSigner(url, init): builds and signs the Request';
  const oneShotSigner = 'signRequest(url, init, credentials): the same, key prepared per call';
  const signerRow = (measure: string, goal: string, name: string, entry?: string) => [
    measure,
    goal,
    ...(['sequential', 'concurrent'] as const).flatMap((pass) => nodes.map(({ label }) => times(signerRatio(label, name, pass, entry)))),
    ...nodes.map(({ label }) => times(signerCpuRatio(label, name, entry))),
  ];

  const lines: string[] = [
    '# Benchmark results',
    '',
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown CPU'}),` +
      ` Node.js ${nodes.map(({ node }) => node.version).join(' and ')}.${quick ? ' Quick run (--quick): fewer calls, rougher figures.' : ''}` +
      ` Every figure is the median of ${repeats} run${repeats > 1 ? 's' : ''} per Node and server placement, interleaved; each run alternates its variants` +
      ` over ${calls.rounds} rounds and takes medians. A ratio is taken within a run, then its median over runs.`,
    '',
    '## Goals',
    '',
    ...table(
      ['Measure', 'Goal', ...configs.map((c) => c.label)],
      [
        ['token client / raw fetch, median latency one call at a time', '≤ 1.10×', ...configs.map((c) => times(ratio(c.runs, ourToken, raw, latency)))],
        ['token client / raw fetch, calls/s 16 at a time', '≥ 0.90×', ...configs.map((c) => times(ratio(c.runs, ourToken, raw, throughput)))],
        ['AK/SK client / raw fetch, median latency one call at a time', '≤ 1.15×', ...configs.map((c) => times(ratio(c.runs, ourAkSk, raw, latency)))],
        ['AK/SK client / official SDK, median latency one call at a time', '≤ 0.90× on Node 24', ...configs.map((c) => times(ratio(c.runs, ourAkSk, official, latency)))],
        ['AK/SK client / official SDK, calls/s 16 at a time', '> 1×', ...configs.map((c) => times(ratio(c.runs, ourAkSk, official, throughput)))],
        ['From …/fetch (Node\'s fetch, portable digests): token client / raw fetch, median latency one call at a time', '', ...configs.map((c) => times(ratio(c.portableRuns, ourToken, raw, latency)))],
        ['From …/fetch: token client / raw fetch, calls/s 16 at a time', '', ...configs.map((c) => times(ratio(c.portableRuns, ourToken, raw, throughput)))],
        ['From …/fetch: AK/SK client / raw fetch, median latency one call at a time', '', ...configs.map((c) => times(ratio(c.portableRuns, ourAkSk, raw, latency)))],
        ['From …/fetch: AK/SK client / official SDK, median latency one call at a time', '', ...configs.map((c) => times(ratio(c.portableRuns, ourAkSk, official, latency)))],
        ['From …/fetch: AK/SK client / official SDK, calls/s 16 at a time', '', ...configs.map((c) => times(ratio(c.portableRuns, ourAkSk, official, throughput)))],
      ],
      ['---', '---', ...configs.map(() => '---:')],
    ),
    '',
    ...table(
      ['Measure', 'Goal', ...nodes.map(({ label }) => `${label}: one at a time`), ...nodes.map(({ label }) => `${label}: 16 at a time`), ...nodes.map(({ label }) => `${label}: by CPU time`)],
      [
        signerRow('computeSignature / AKSKSigner.sign, signatures per second', '≥ 2×', 'computeSignature, SigningKey'),
        signerRow('createRequestSigner(url, init) / AKSKSigner.sign, signatures per second', '≥ 1×', requestSigner),
        signerRow('signRequest(url, init, credentials) / AKSKSigner.sign, signatures per second', '≥ 1×', oneShotSigner),
        signerRow('From …/fetch (portable digests): computeSignature / AKSKSigner.sign', '', 'computeSignature, SigningKey', portableEntry),
        signerRow('From …/fetch: createRequestSigner(url, init) / AKSKSigner.sign', '', requestSigner, portableEntry),
        signerRow('From …/fetch: signRequest(url, init, credentials) / AKSKSigner.sign', '', oneShotSigner, portableEntry),
      ],
      ['---', '---', ...nodes.flatMap(() => ['---:', '---:', '---:'])],
    ),
    '',
    '## Per call: startWorkflowExecution against a local server that answers at once',
    '',
    `${calls.sequentialCalls} calls one at a time, then ${calls.concurrentCalls} calls ${calls.concurrency} at a time, per variant and run, each after ${calls.warmupCalls} warm-up calls.` +
      ' Latency in milliseconds. Client CPU is the mean CPU time of the process under test per call, one at a time, all threads (with the server in process, the server\'s share is in it).' +
      ' Ratios are to raw fetch with a token, and for the AK/SK rows also to the official SDK.' +
      ' "From the package" imports it by name, as Node resolves it (the Node.js entry: node:http, node:crypto); "from …/fetch" runs in a process of its own,' +
      ' which never loads the Node.js entry, so that its client signs with the portable digests, as outside Node.js.',
  ];
  for (const { label: config, runs: rootRuns, portableRuns } of configs) for (const [label, runs] of [[`${config}, from the package`, rootRuns], [`${config}, from …/fetch`, portableRuns]] as const) {
    const names = Object.keys(runs[0]!);
    lines.push('', `### ${label}`, '', ...table(
      ['Client', 'median', 'p99', 'vs raw fetch', 'vs official SDK', 'client CPU µs/call (mean)', '16 at a time: calls/s', 'vs raw fetch', 'vs official SDK'],
      names.map((name) => {
        const akSk = name.includes('AK/SK') || name.includes('signed');
        return [
          name,
          fmt(over(runs, (run) => run[name]!.sequential.median), 3),
          fmt(over(runs, (run) => run[name]!.sequential.p99), 3),
          times(ratio(runs, name, raw, latency)),
          akSk ? times(ratio(runs, name, official, latency)) : '',
          fmt(over(runs, (run) => run[name]!.sequential.cpuMicros), 0),
          fmt(over(runs, (run) => run[name]!.concurrent.perSecond), 0),
          times(ratio(runs, name, raw, throughput)),
          akSk ? times(ratio(runs, name, official, throughput)) : '',
        ];
      }),
    ));
  }
  lines.push(
    '',
    '## Signing: the same request for every signer',
    '',
    `${signing.signatures} signatures one at a time, then ${signing.signatures} ${signing.concurrency} at a time, per signer and run. Each signer takes the request as its API does:` +
      ' the official signer a description with the body as a value (it serialises it), computeSignature a description with the body\'s text,' +
      ' the request signers a URL and init or a Request, from which they build or sign the Request that is sent. CPU time is the mean per signature, one at a time,' +
      ' all threads (Web Crypto runs on a thread pool).',
  );
  for (const { label } of nodes) for (const { label: from, entry } of entries) {
    const runs = signRuns[`${label} ${entry}`]!;
    lines.push('', `### ${label}, ${from}`, '', ...table(
      ['Signer', 'one at a time: signatures/s', 'vs official', '16 at a time: signatures/s', 'vs official', 'CPU µs/signature (mean)', 'vs official (CPU)'],
      Object.keys(runs[0]!).map((name) => [
        name,
        fmt(over(runs, (run) => run[name]!.sequential.perSecond), 0),
        times(signerRatio(label, name, 'sequential', entry)),
        fmt(over(runs, (run) => run[name]!.concurrent.perSecond), 0),
        times(signerRatio(label, name, 'concurrent', entry)),
        fmt(over(runs, (run) => run[name]!.sequential.cpuMicros), 1),
        times(signerCpuRatio(label, name, entry)),
      ]),
    ));
  }
  lines.push(
    '',
    `## Cold start: a fresh Node process imports the client and makes one AK/SK call (median of ${coldRuns} runs)`,
    '',
    ...table(
      ['Node', 'Entry', 'this client: ms', 'official SDK: ms', 'ratio', 'this client: peak RSS MiB', 'official SDK: peak RSS MiB', 'ratio'],
      cold.flatMap(({ label, version, ours, oursFetch, official: theirs }) =>
        ([['the package (Node.js entry)', ours], ['…/fetch (portable)', oursFetch]] as const).map(([entryName, runs]) => [
          `${label} (${version})`,
          entryName,
          fmt(median(runs.ms), 0),
          fmt(median(theirs.ms), 0),
          times(median(runs.ms) / median(theirs.ms)),
          fmt(median(runs.rssKiB) / 1024, 1),
          fmt(median(theirs.rssKiB) / 1024, 1),
          times(median(runs.rssKiB) / median(theirs.rssKiB)),
        ]),
      ),
    ),
    '',
    '## Footprint: installed with runtime dependencies (`npm install`, no dev dependencies)',
    '',
    ...table(
      ['Package', 'Packages installed', 'Installed size (MiB)'],
      [
        ['functiongraph-workflow-api (this package)', String(feet.ours.packages), fmt(feet.ours.bytes / 2 ** 20)],
        ['@huaweicloud/huaweicloud-sdk-functiongraph', String(feet.official.packages), fmt(feet.official.bytes / 2 ** 20)],
        ['this package / official', times(feet.ours.packages / feet.official.packages), times(feet.ours.bytes / feet.official.bytes)],
      ],
    ),
    '',
    `This package's tarball: ${feet.tarball.size} bytes packed, ${feet.tarball.unpackedSize} unpacked, ${feet.tarball.entryCount} files.` +
      ' The official SDK as installed from the registry cannot be loaded until `uuid` is installed beside it (its core requires it without declaring it); the footprint above is without it.',
    '',
  );
  const markdown = lines.join('\n');
  console.log(markdown);
  if (!quick) writeFileSync(join(root, 'bench', 'results.md'), markdown);
}

await main();
