// When Prism fails, the gateway still answers, with a request ID, and the mock lives on: 502 when
// Prism's engine fails on a request, 504 when it does not answer in time, the gateway's 500 when its
// answer cannot be sent as it is. Here a gateway runs in this process in front of the real Prism engine,
// wrapped so that chosen requests fail on purpose (a header of the test's own picks which).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../emulator/src/gateway/gateway.ts';
import { gatewayErrors } from '../../emulator/src/gateway/gateway-errors.ts';
import { createPrismEngine, type Engine, type EngineAnswer, type PrismEngine } from '../../emulator/src/gateway/prism-engine.ts';
import { generatedDir } from '../../scripts/paths.ts';
import { doc, requestIdPattern } from '../helpers/answers.ts';
import type { JsonObject } from '../helpers/contract.ts';

const path = '/v2/p/fgs/workflows/w/executions';
const gateways: Gateway[] = [];
let prism: PrismEngine;

/** Prism's engine, except for requests whose X-Test-Failure header asks for a failure. */
function failingOnRequest(failures: Record<string, () => Promise<EngineAnswer>>): Engine {
  return { answer: (request) => failures[String(request.headers['x-test-failure'])]?.() ?? prism.answer(request) };
}

async function gatewayIn(engine: Engine, backendTimeoutMs = 20_000): Promise<string> {
  const gateway = createGateway({ engine, contract: doc, backendTimeoutMs });
  gateways.push(gateway);
  await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(gateway.server.address() as { port: number }).port}`;
}

const post = (base: string, failure?: string) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'X-Auth-Token': 't', 'Content-Type': 'application/json', ...(failure && { 'X-Test-Failure': failure }) }, body: '{"input":{}}' });

async function expectGatewayError(response: Response, status: number, message: string) {
  const id = response.headers.get('X-Request-Id');
  expect(id).toMatch(requestIdPattern);
  expect([response.status, await response.json()]).toEqual([status, { error_code: 'APIGW.0201', error_msg: message, request_id: id }]);
}

async function expectPrismStillAnswers(base: string) {
  const after = await post(base);
  expect([after.status, ((await after.json()) as JsonObject).execution_id]).toEqual([200, '48aff955-ea10-4ffd-b426-190bc192dc14']);
}

beforeAll(async () => {
  prism = await createPrismEngine(join(generatedDir, 'openapi.yaml'), { logLevel: 'silent' });
});
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
});

describe('a failing Prism', () => {
  it('Prism fails on a request: 502 APIGW.0201 Backend unavailable, and the next request is answered', async () => {
    const base = await gatewayIn(failingOnRequest({ throws: () => Promise.reject(new Error('engine failure on purpose')) }));
    const response = await post(base, 'throws');
    expect(response.headers.get('X-Mock-Reason')).toBe('Prism failed: engine failure on purpose');
    await expectGatewayError(response, 502, gatewayErrors.backendUnavailable.message);
    await expectPrismStillAnswers(base);
  });

  it('no answer in time: 504 APIGW.0201 Backend timeout, and the next request is answered', async () => {
    const base = await gatewayIn(failingOnRequest({ silent: () => new Promise(() => {}) }), 300);
    await expectGatewayError(await post(base, 'silent'), 504, gatewayErrors.backendTimeout.message);
    await expectPrismStillAnswers(base);
  });

  it('an answer Node will not send (a header with a line break): the gateway\'s 500, and the next request is answered', async () => {
    const broken = async (): Promise<EngineAnswer> => ({ status: 200, headers: [['X-Broken', 'a\r\nb']], body: undefined });
    const base = await gatewayIn(failingOnRequest({ broken }));
    await expectGatewayError(await post(base, 'broken'), 500, 'An unexpected error occurred');
    await expectPrismStillAnswers(base);
  });
});
