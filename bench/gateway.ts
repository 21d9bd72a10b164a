// `npm run bench:gateway`: what the mock's gateway costs, measured against Prism alone in one run.
// Three servers answer the same signed calls, in alternating rounds so that drift on a shared machine
// hits all alike, each at a concurrency of 32:
//
//   Prism alone   Prism's own CLI server (`prism mock` on the published bundle, as anyone runs it
//                 without this repository), logging at the level the mock's Prism logs at (warn);
//   the mock      the strict mock as tests start it: the gateway (route, limits, signature check,
//                 request IDs) with Prism's engine in the same process;
//   second hop    for reference, a bare node:http keep-alive proxy in its own process, in front of
//                 another Prism alone: the least that any gateway in its own process would cost.
//                 (Its own Prism, so that its rounds do not warm the Prism of the first row.)
//
// Two measures, each on its own: throughput (calls per second) and CPU time per call of each server's
// processes (from /proc on Linux), each as a ratio to Prism alone over all rounds, and round by round
// against Prism alone's round (median and range), so that one disturbed round cannot carry the figure. The client is kept lean (node:http with keep-alive, each documented answer signed once by
// this package's signer, valid for the 15 minutes of the run), so that the servers' work dominates.
// Printed, and written to bench/gateway-results.md; nothing is asserted.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { startPrismCli } from '../scripts/prism-cli.ts';
import { spawnEmulator } from '../emulator/src/process.ts';
import { buildPackage } from '../scripts/build-package.ts';
import { root } from '../scripts/paths.ts';
import { documentedAnswers, exampleRequest, urlOf } from '../test/helpers/answers.ts';
import { cpuTimeMs } from '../test/helpers/processes.ts';

const quick = process.argv.includes('--quick');
const concurrency = 32;
const rounds = quick ? 3 : 12;
const callsPerRound = quick ? 300 : 1_000;
const warmup = quick ? 200 : 1_000;
const accessKey = 'HPUABENCHACCESSKEY01';
const secretKey = 'bench-secret-key';

if (process.argv[2] === 'bare-proxy') {
  // The second hop, in its own process: forward, stream back, nothing else.
  const upstream = new URL(process.argv[3]!);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const forwarded = request({ agent, host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, 'content-length': body.length } }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      forwarded.on('error', () => outgoing.destroy());
      forwarded.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as AddressInfo).port));
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}

interface SignedCall {
  method: string;
  path: string;
  /** As signed, Host included: the gateway checks them against the signature. */
  headers: Record<string, string>;
  body: Buffer;
  /** The documented status the call asks Prism for. */
  status: number;
}

/** One request per documented answer of the contract, signed by this package's (built) signer. */
async function signedCalls(base: string): Promise<SignedCall[]> {
  buildPackage();
  // A URL rather than a literal specifier: dist/ exists only once built.
  const { signRequest } = (await import(new URL('../dist/src/index.js', import.meta.url).href)) as typeof import('../src/index.ts');
  const calls: SignedCall[] = [];
  for (const answer of documentedAnswers()) {
    const { path, query, headers, hasBody, body } = exampleRequest(answer.op);
    const unsigned = new Request(urlOf(base, answer.op, path, query), {
      method: answer.op.method.toUpperCase(),
      headers: { ...headers, ...(hasBody && { 'Content-Type': 'application/json' }) },
      ...(hasBody && { body: JSON.stringify(body) }),
    });
    const signed = await signRequest(unsigned, { accessKey, secretKey, projectId: path.project_id! });
    const url = new URL(signed.url);
    // Prefer is not signed: Prism reads it to pick the answer.
    const signedHeaders = { ...Object.fromEntries(signed.headers), host: url.host, prefer: `code=${answer.status}, example=${answer.example}` };
    calls.push({ method: signed.method, path: url.pathname + url.search, headers: signedHeaders, body: Buffer.from(await signed.arrayBuffer()), status: answer.status });
  }
  return calls;
}

/** CPU time of processes in milliseconds (NaN where /proc is not there). */
function cpuMs(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + (cpuTimeMs(pid) ?? Number.NaN), 0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main() {
  const [mock, prism, prismBehindProxy] = await Promise.all([
    spawnEmulator(['--access-key', accessKey, '--secret-key', secretKey]),
    startPrismCli({ logLevel: 'warn' }),
    startPrismCli({ logLevel: 'warn' }),
  ]);
  const bare = fork(import.meta.filename, ['bare-proxy', prismBehindProxy.url], { stdio: 'inherit' });
  try {
    const barePort = await new Promise<number>((resolve) => bare.once('message', (port) => resolve(port as number)));
    const calls = await signedCalls(mock.url);
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    const send = (base: URL, call: SignedCall, mayRetry = true): Promise<number> =>
      new Promise<number>((resolve, reject) => {
        const sent = request({ agent, host: base.hostname, port: base.port, method: call.method, path: call.path, headers: call.headers }, (answer) => {
          answer.resume();
          answer.on('end', () => resolve(answer.statusCode ?? 0));
        });
        sent.on('error', (error: NodeJS.ErrnoException) => {
          // A kept-alive connection the server closed (idle while the other servers had their turn) just as it was reused.
          if (mayRetry && sent.reusedSocket && error.code === 'ECONNRESET') resolve(send(base, call, false));
          else reject(error);
        });
        sent.end(call.body);
      });

    const variants = [
      { name: 'Prism alone (`prism mock`, one process)', url: new URL(prism.url), pids: [prism.process.pid!] },
      { name: 'the mock (strict gateway, Prism in the same process)', url: new URL(mock.url), pids: [mock.process.pid!] },
      { name: 'for reference: Prism alone behind a bare proxy (second hop)', url: new URL(`http://127.0.0.1:${barePort}`), pids: [bare.pid!, prismBehindProxy.process.pid!] },
    ];
    const stats = variants.map(() => ({ calls: 0, ms: 0, cpuMs: 0, wrong: 0, perSecond: [] as number[], cpuPerCall: [] as number[] }));
    for (const variant of variants) {
      let next = 0;
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (next < warmup) await send(variant.url, calls[next++ % calls.length]!);
      }));
    }
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < variants.length; k++) {
        const index = (k + round) % variants.length;
        const variant = variants[index]!;
        const stat = stats[index]!;
        const before = { cpu: cpuMs(variant.pids), at: performance.now() };
        let next = 0;
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (next < callsPerRound) {
              const call = calls[(round * callsPerRound + next++) % calls.length]!;
              if ((await send(variant.url, call)) !== call.status) stat.wrong++;
            }
          }),
        );
        const ms = performance.now() - before.at;
        const cpu = cpuMs(variant.pids) - before.cpu;
        stat.ms += ms;
        stat.calls += callsPerRound;
        stat.cpuMs += cpu;
        stat.perSecond.push((callsPerRound / ms) * 1000);
        stat.cpuPerCall[round] = cpu / callsPerRound;
      }
    }

    const base = stats[0]!;
    const throughput = (stat: (typeof stats)[number]) => (stat.calls / stat.ms) * 1000;
    const cpuPerCall = (stat: (typeof stats)[number]) => (stat.cpuMs / stat.calls) * 1000;
    const spread = (ratios: number[]) => `${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
    const rows = variants.map((variant, i) => {
      const stat = stats[i]!;
      const throughputRatios = stat.perSecond.map((value, round) => value / base.perSecond[round]!);
      const cpuRatios = stat.cpuPerCall.map((value, round) => value / base.cpuPerCall[round]!);
      return (
        `| ${variant.name} | ${throughput(stat).toFixed(0)} | ${(throughput(stat) / throughput(base)).toFixed(2)}× | ${spread(throughputRatios)} ` +
        `| ${cpuPerCall(stat).toFixed(0)} | ${(cpuPerCall(stat) / cpuPerCall(base)).toFixed(2)}× | ${spread(cpuRatios)} | ${stat.wrong} |`
      );
    });
    const mockStat = stats[1]!;
    const mockRatios = {
      throughput: mockStat.perSecond.map((value, round) => value / base.perSecond[round]!),
      cpu: mockStat.cpuPerCall.map((value, round) => value / base.cpuPerCall[round]!),
    };
    const markdown = [
      "# What the mock's gateway costs",
      '',
      `Measured by \`npm run bench:gateway\` on ${new Date().toISOString().slice(0, 10)}: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown CPU'}), Node.js ${process.version}. ` +
        `${rounds} alternating rounds of ${callsPerRound} calls per server at a concurrency of ${concurrency}, after ${warmup} warm-up calls each, over the contract's ${calls.length} documented answers, signed with AK/SK.`,
      '',
      '| Server | calls/s | vs Prism alone | round by round: median (range) | CPU µs/call | vs Prism alone | round by round: median (range) | wrong answers |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      `The gateway's cost against Prism alone: throughput ${(throughput(mockStat) / throughput(base)).toFixed(2)}× over all rounds ` +
        `(${median(mockRatios.throughput).toFixed(2)}× round by round); CPU time per call ${(cpuPerCall(mockStat) / cpuPerCall(base)).toFixed(2)}× ` +
        `(${median(mockRatios.cpu).toFixed(2)}× round by round).`,
      '',
    ].join('\n');
    console.log(markdown);
    if (!quick) writeFileSync(join(root, 'bench', 'gateway-results.md'), markdown);
  } finally {
    bare.kill();
    await Promise.all([mock.stop(), prism.stop(), prismBehindProxy.stop()]);
  }
}
