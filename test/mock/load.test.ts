// A bounded load test against the real mock: 2,000 calls signed with AK/SK through the strict gateway,
// at a concurrency of 32. Each call asks Prism for a particular documented answer and must get exactly
// that one back, with a request ID no other answer had, so a lost, duplicated or crossed answer, or a
// refused signature, shows up as a mismatch.
//
// In the same run, in alternating rounds, the same calls go straight to the Prism behind that gateway:
// the difference is what the gateway costs, in throughput and in CPU time per call of each process.
// Figures are printed, never asserted; bench/gateway.ts measures the same more carefully.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { createWorkflowClient, WorkflowApiError, type WorkflowClient } from '../../src/index.ts';
import { strictCredentials } from '../helpers/mock-credentials.ts';
import { cpuTimeMs } from '../helpers/processes.ts';
import { asServed, callThroughClient, documentedAnswers, preferHeader, requestIdPattern, type DocumentedAnswer } from '../helpers/requests.ts';

const total = 2_000;
const concurrency = 32;
const rounds = 4;
const warmup = 100;

type Outcome = 'matched' | 'mismatched' | 'lost';

interface Target {
  name: string;
  client: WorkflowClient;
  /** Whether the gateway is in front: then every answer has a fresh request ID, repeated in an error body. */
  gateway: boolean;
  counts: Record<Outcome, number>;
  requestIds: Set<string>;
  latencies: number[];
  elapsedMs: number;
  /** CPU time used during this target's rounds, by the gateway and by Prism. */
  cpuMs: { gateway: number; prism: number };
}

function target(name: string, endpoint: string, gateway: boolean): Target {
  const { accessKey, secretKey } = strictCredentials;
  const client = createWorkflowClient({ endpoint, auth: { accessKey, secretKey } });
  return { name, client, gateway, counts: { matched: 0, mismatched: 0, lost: 0 }, requestIds: new Set(), latencies: [], elapsedMs: 0, cpuMs: { gateway: 0, prism: 0 } };
}

async function callOnce(to: Target, answer: DocumentedAnswer): Promise<Outcome> {
  const headers = { Prefer: preferHeader(answer) };
  const idOk = (requestId: string | null | undefined) => !to.gateway || requestIdPattern.test(requestId ?? '');
  try {
    const { request_id: requestId, ...body } = await callThroughClient(to.client, answer.op, headers);
    if (to.gateway) to.requestIds.add(requestId ?? '');
    // Retry and stop answer an empty 200: the request ID is the whole result.
    const expected = answer.value ?? {};
    return answer.status === 200 && isDeepStrictEqual(body, expected) && idOk(requestId) ? 'matched' : 'mismatched';
  } catch (error) {
    if (!(error instanceof WorkflowApiError)) return 'lost';
    if (to.gateway) to.requestIds.add(error.requestId ?? '');
    const expected = to.gateway ? asServed(answer.value!, error.requestId) : answer.value;
    const same = error.status === answer.status && error.code === answer.value?.error_code && isDeepStrictEqual(error.data, expected) && idOk(error.requestId);
    return same ? 'matched' : 'mismatched';
  }
}

/** `count` calls, `concurrency` at a time, cycling through the documented answers from `offset`. */
async function run(to: Target, answers: DocumentedAnswer[], count: number, offset: number, record: boolean): Promise<void> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const index = offset + next++;
      const begin = performance.now();
      const outcome = await callOnce(to, answers[index % answers.length]!);
      if (!record) continue;
      to.counts[outcome]++;
      to.latencies.push(performance.now() - begin);
    }
  };
  const pids = inject('strictMockPids');
  const cpuBefore = { gateway: cpuTimeMs(pids.gateway) ?? Number.NaN, prism: cpuTimeMs(pids.prism) ?? Number.NaN };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (!record) return;
  to.elapsedMs += performance.now() - started;
  to.cpuMs.gateway += (cpuTimeMs(pids.gateway) ?? Number.NaN) - cpuBefore.gateway;
  to.cpuMs.prism += (cpuTimeMs(pids.prism) ?? Number.NaN) - cpuBefore.prism;
}

function summary(to: Target): string {
  const sorted = [...to.latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  const perSecond = (to.latencies.length / to.elapsedMs) * 1000;
  const cpu = (ms: number) => (Number.isNaN(ms) ? 'n/a' : `${((ms / to.latencies.length) * 1000).toFixed(0)} µs`);
  const gatewayCpu = to.gateway ? `gateway ${cpu(to.cpuMs.gateway)}, ` : '';
  return `${to.name}: ${perSecond.toFixed(0)} calls/s, latency p50 ${at(0.5)} ms, p99 ${at(0.99)} ms; CPU per call: ${gatewayCpu}Prism ${cpu(to.cpuMs.prism)}`;
}

describe('load on the mock', () => {
  it(`answers ${total} signed calls through the gateway at concurrency ${concurrency}, each with the answer it asked for`, { timeout: 300_000 }, async () => {
    const answers = documentedAnswers();
    const gateway = target('gateway + Prism', inject('strictMockUrl'), true);
    const prism = target('Prism alone', inject('strictPrismUrl'), false);
    await run(gateway, answers, warmup, 0, false);
    await run(prism, answers, warmup, 0, false);
    gateway.requestIds.clear();

    // Alternating rounds, so that drift on a shared machine hits both alike.
    const perRound = total / rounds;
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [gateway, prism] : [prism, gateway];
      for (const to of order) await run(to, answers, perRound, round * perRound, true);
    }

    const cost = gateway.elapsedMs / prism.elapsedMs - 1;
    console.log(
      `load: ${total} AK/SK-signed calls over ${answers.length} documented answers at concurrency ${concurrency}, in ${rounds} alternating rounds.\n` +
        `  through the gateway: ${gateway.counts.matched} matched, ${gateway.counts.mismatched} mismatched, ${gateway.counts.lost} lost; ${gateway.requestIds.size} distinct request IDs\n` +
        `  ${summary(gateway)}\n  ${summary(prism)}\n` +
        `  the gateway's cost: ${(cost * 100).toFixed(1)}% of Prism's time for the same calls (throughput ${(prism.elapsedMs / gateway.elapsedMs).toFixed(2)}× Prism alone)`,
    );

    expect(gateway.counts).toEqual({ matched: total, mismatched: 0, lost: 0 });
    expect(gateway.requestIds.size).toBe(total);
    expect(prism.counts).toEqual({ matched: total, mismatched: 0, lost: 0 });
    // Still serving afterwards.
    expect(await callOnce(gateway, answers[0]!)).toBe('matched');
  });
});
