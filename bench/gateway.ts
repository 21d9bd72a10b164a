// `npm run bench:gateway`: what the mock's gateway costs, measured against Prism alone in one run.
// Three ways to reach the same Prism, in alternating rounds so that drift on a shared machine hits all
// alike, each at a concurrency of 32:
//
//   Prism alone       the requests go straight to the Prism behind a strict mock;
//   bare proxy        a node:http keep-alive proxy that does nothing else, in a process of its own:
//                     the least that any gateway in its own process costs;
//   gateway           the strict mock's gateway: route, limits, signature check, request IDs.
//
// The client is kept lean (node:http with keep-alive, each documented answer signed once by this
// package's signer, valid for the 15 minutes of the run), so that the servers' work dominates. The
// figures are throughput and CPU time per call of each server process (from /proc on Linux). Printed,
// and written to bench/gateway-results.md; nothing is asserted.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { spawnMock } from '../mock/process.ts';
import { buildPackage } from '../scripts/build-package.ts';
import { root } from '../scripts/paths.ts';
import { documentedAnswers, exampleRequest, urlOf } from '../test/helpers/answers.ts';
import { cpuTimeMs } from '../test/helpers/processes.ts';

const concurrency = 32;
const rounds = 6;
const callsPerRound = process.argv.includes('--quick') ? 300 : 1_500;
const accessKey = 'HPUABENCHACCESSKEY01';
const secretKey = 'bench-secret-key';

if (process.argv[2] === 'bare-proxy') {
  // The baseline proxy, in its own process: forward, stream back, nothing else.
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

/** CPU time of a process in milliseconds (NaN where /proc is not there). */
function cpuMs(pid: number): number {
  return cpuTimeMs(pid) ?? Number.NaN;
}

async function main() {
  const mock = await spawnMock(['--access-key', accessKey, '--secret-key', secretKey]);
  const bare = fork(import.meta.filename, ['bare-proxy', mock.prismUrl], { stdio: 'inherit' });
  const barePort = await new Promise<number>((resolve) => bare.once('message', (port) => resolve(port as number)));
  try {
    const calls = await signedCalls(mock.url);
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    const send = (base: URL, call: SignedCall) =>
      new Promise<number>((resolve, reject) => {
        const sent = request({ agent, host: base.hostname, port: base.port, method: call.method, path: call.path, headers: call.headers }, (answer) => {
          answer.resume();
          answer.on('end', () => resolve(answer.statusCode ?? 0));
        });
        sent.on('error', reject);
        sent.end(call.body);
      });

    const variants = [
      { name: 'Prism alone', url: new URL(mock.prismUrl), pids: [] as number[] },
      { name: 'bare node:http proxy', url: new URL(`http://127.0.0.1:${barePort}`), pids: [bare.pid!] },
      { name: 'gateway (strict, signatures verified)', url: new URL(mock.url), pids: [mock.process.pid!] },
    ];
    const stats = variants.map(() => ({ calls: 0, ms: 0, proxyCpuMs: 0, prismCpuMs: 0, wrong: 0 }));
    for (const variant of variants) {
      for (let i = 0; i < 200; i++) await send(variant.url, calls[i % calls.length]!);
    }
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < variants.length; k++) {
        const index = (k + round) % variants.length;
        const variant = variants[index]!;
        const stat = stats[index]!;
        const before = { proxy: variant.pids.map(cpuMs), prism: cpuMs(mock.prismPid), at: performance.now() };
        let next = 0;
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (next < callsPerRound) {
              const call = calls[next++ % calls.length]!;
              if ((await send(variant.url, call)) !== call.status) stat.wrong++;
            }
          }),
        );
        stat.ms += performance.now() - before.at;
        stat.calls += callsPerRound;
        stat.proxyCpuMs += variant.pids.reduce((sum, pid, i) => sum + cpuMs(pid) - before.proxy[i]!, 0);
        stat.prismCpuMs += cpuMs(mock.prismPid) - before.prism;
      }
    }

    const base = stats[0]!;
    const rows = variants.map((variant, i) => {
      const stat = stats[i]!;
      const perSecond = (stat.calls / stat.ms) * 1000;
      const basePerSecond = (base.calls / base.ms) * 1000;
      const proxyCpu = variant.pids.length ? `${((stat.proxyCpuMs / stat.calls) * 1000).toFixed(0)}` : '–';
      return `| ${variant.name} | ${perSecond.toFixed(0)} | ${(perSecond / basePerSecond).toFixed(2)}× | ${proxyCpu} | ${((stat.prismCpuMs / stat.calls) * 1000).toFixed(0)} | ${stat.wrong} |`;
    });
    const markdown = [
      '# What the mock\'s gateway costs',
      '',
      `Measured by \`npm run bench:gateway\` on ${new Date().toISOString().slice(0, 10)}: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown CPU'}), Node.js ${process.version}. ` +
        `${rounds} alternating rounds of ${callsPerRound} calls per variant at a concurrency of ${concurrency}, over the contract's ${calls.length} documented answers, signed with AK/SK.`,
      '',
      '| Variant | calls/s | vs Prism alone | proxy CPU µs/call | Prism CPU µs/call | wrong answers |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
    ].join('\n');
    console.log(markdown);
    if (!process.argv.includes('--quick')) writeFileSync(join(root, 'bench', 'gateway-results.md'), markdown);
  } finally {
    bare.kill();
    await mock.stop();
  }
}
