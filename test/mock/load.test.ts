// A bounded load test against the real mock: 2,000 calls through the client at a concurrency of 32.
// Each call asks Prism for a particular documented answer and must get exactly that one back, so a
// lost, duplicated or crossed answer shows up as a mismatch. Figures are printed, never asserted.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { WorkflowApiError } from '../../src/index.ts';
import { callRaw, callThroughClient, clientMethodOperations, documentedAnswers, mockClient, preferHeader, type DocumentedAnswer } from '../helpers/requests.ts';

const total = 2_000;
const concurrency = 32;

type Outcome = 'matched' | 'mismatched' | 'lost';

async function callOnce(answer: DocumentedAnswer): Promise<Outcome> {
  const client = mockClient(inject('mockUrl'));
  const headers = { Prefer: preferHeader(answer) };
  if (!clientMethodOperations.has(answer.op.operationId)) {
    try {
      const { status, data, error } = await callRaw(client, answer.op, headers);
      return status === answer.status && isDeepStrictEqual(status < 300 ? data : error, answer.value) ? 'matched' : 'mismatched';
    } catch {
      return 'lost';
    }
  }
  try {
    const result = await callThroughClient(client, answer.op, headers);
    return answer.status === 200 && result.executionId === answer.value?.execution_id ? 'matched' : 'mismatched';
  } catch (error) {
    if (!(error instanceof WorkflowApiError)) return 'lost';
    const same = error.status === answer.status && error.code === answer.value?.error_code && isDeepStrictEqual(error.data, answer.value);
    return same ? 'matched' : 'mismatched';
  }
}

describe('load on the mock', () => {
  it(`answers ${total} calls at concurrency ${concurrency}, each with the answer it asked for`, { timeout: 300_000 }, async () => {
    const answers = documentedAnswers();
    const counts: Record<Outcome, number> = { matched: 0, mismatched: 0, lost: 0 };
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < total) {
        const index = next++;
        const begin = performance.now();
        counts[await callOnce(answers[index % answers.length]!)]++;
        latencies.push(performance.now() - begin);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
    console.log(
      `load: ${total} calls over ${answers.length} documented answers at concurrency ${concurrency}: ` +
        `${counts.matched} matched, ${counts.mismatched} mismatched, ${counts.lost} lost; ` +
        `${seconds.toFixed(1)} s, ${(total / seconds).toFixed(0)} calls/s, latency p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`,
    );

    expect(counts).toEqual({ matched: total, mismatched: 0, lost: 0 });
    // Still serving afterwards.
    expect(await callOnce(answers[0]!)).toBe('matched');
  });
});
