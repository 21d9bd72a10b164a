// A bounded load test against the real mock: 2,000 calls signed with AK/SK through the strict gateway,
// at a concurrency of 32. Each call asks Prism for a particular documented answer and must get exactly
// that one back, with a request ID no other answer had, so a lost, duplicated or crossed answer, or a
// refused signature, shows up as a mismatch.
//
// In the same run, in alternating rounds, the same calls go to Prism alone: Prism's own CLI server on the
// published bundle, as anyone runs it without this repository. The difference is what the gateway costs,
// measured two ways: in throughput (over all rounds, and round by round) and in CPU time per call of each
// server's process. Figures are printed, never asserted; bench/gateway.ts measures the same at length.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { createWorkflowClient, WorkflowApiError, type WorkflowClient } from '../../src/index.ts';
import { strictCredentials } from '../helpers/mock-credentials.ts';
import { cpuTimeMs } from '../helpers/processes.ts';
import { asServed, callThroughClient, documentedAnswers, preferHeader, requestIdPattern, type DocumentedAnswer } from '../helpers/requests.ts';

const total = 2_000;
const concurrency = 32;
const rounds = 8;
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
  /** Calls per second, and CPU time per call, round by round. */
  perRound: number[];
  cpuPerRound: number[];
  /** The server's process, and the CPU time it used during this target's rounds. */
  pid: number;
  cpuMs: number;
}

function target(name: string, endpoint: string, gateway: boolean, pid: number): Target {
  const { accessKey, secretKey } = strictCredentials;
  const client = createWorkflowClient({ endpoint, auth: { accessKey, secretKey } });
  return { name, client, gateway, counts: { matched: 0, mismatched: 0, lost: 0 }, requestIds: new Set(), latencies: [], elapsedMs: 0, perRound: [], cpuPerRound: [], pid, cpuMs: 0 };
}

async function callOnce(to: Target, answer: DocumentedAnswer): Promise<Outcome> {
  const headers = { Prefer: preferHeader(answer) };
  const idOk = (requestId: string | null | undefined) => !to.gateway || requestIdPattern.test(requestId ?? '');
  try {
    const { request_id: requestId, ...body } = await callThroughClient(to.client, answer.op, headers);
    if (to.gateway) to.requestIds.add(requestId ?? '');
    // Retry and stop answer an empty 200: the request ID is the whole result.
    const expected = answer.value ?? {};
    return answer.status < 300 && isDeepStrictEqual(body, expected) && idOk(requestId) ? 'matched' : 'mismatched';
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
  const cpuBefore = cpuTimeMs(to.pid) ?? Number.NaN;
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (!record) return;
  const elapsedMs = performance.now() - started;
  to.elapsedMs += elapsedMs;
  to.perRound.push((count / elapsedMs) * 1000);
  const cpuMs = (cpuTimeMs(to.pid) ?? Number.NaN) - cpuBefore;
  to.cpuMs += cpuMs;
  to.cpuPerRound.push(cpuMs / count);
}

const cpuPerCallUs = (to: Target) => (to.cpuMs / to.latencies.length) * 1000;

function summary(to: Target): string {
  const sorted = [...to.latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  const perSecond = (to.latencies.length / to.elapsedMs) * 1000;
  const cpu = Number.isNaN(to.cpuMs) ? 'n/a' : `${cpuPerCallUs(to).toFixed(0)} µs`;
  return `${to.name}: ${perSecond.toFixed(0)} calls/s, latency p50 ${at(0.5)} ms, p99 ${at(0.99)} ms; CPU per call ${cpu}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

describe('load on the mock', () => {
  it(`answers ${total} signed calls through the gateway at concurrency ${concurrency}, each with the answer it asked for`, { timeout: 300_000 }, async () => {
    const answers = documentedAnswers();
    const pids = inject('mockPids');
    const gateway = target('the mock (strict gateway, Prism inside)', inject('strictMockUrl'), true, pids.strictMock);
    const prism = target('Prism alone (prism mock)', inject('prismAloneUrl'), false, pids.prismAlone);
    await run(gateway, answers, warmup, 0, false);
    await run(prism, answers, warmup, 0, false);
    gateway.requestIds.clear();

    // Alternating rounds, so that drift on a shared machine hits both alike.
    const perRound = total / rounds;
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [gateway, prism] : [prism, gateway];
      for (const to of order) await run(to, answers, perRound, round * perRound, true);
    }

    const throughputRatio = prism.elapsedMs / gateway.elapsedMs;
    const roundRatios = gateway.perRound.map((perSecond, round) => perSecond / prism.perRound[round]!);
    const cpuRoundRatios = gateway.cpuPerRound.map((cpu, round) => cpu / prism.cpuPerRound[round]!);
    console.log(
      `load: ${total} AK/SK-signed calls over ${answers.length} documented answers at concurrency ${concurrency}, in ${rounds} alternating rounds.\n` +
        `  through the gateway: ${gateway.counts.matched} matched, ${gateway.counts.mismatched} mismatched, ${gateway.counts.lost} lost; ${gateway.requestIds.size} distinct request IDs\n` +
        `  ${summary(gateway)}\n  ${summary(prism)}\n` +
        `  throughput ${throughputRatio.toFixed(2)}× Prism alone's (round by round: median ${median(roundRatios).toFixed(2)}×, ${Math.min(...roundRatios).toFixed(2)}–${Math.max(...roundRatios).toFixed(2)}); ` +
        `CPU per call ${(cpuPerCallUs(gateway) / cpuPerCallUs(prism)).toFixed(2)}× Prism alone's (round by round: median ${median(cpuRoundRatios).toFixed(2)}×)`,
    );

    expect(gateway.counts).toEqual({ matched: total, mismatched: 0, lost: 0 });
    expect(gateway.requestIds.size).toBe(total);
    expect(prism.counts).toEqual({ matched: total, mismatched: 0, lost: 0 });
    // Still serving afterwards.
    expect(await callOnce(gateway, answers[0]!)).toBe('matched');
  });
});
