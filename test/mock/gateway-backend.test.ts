// When the backend fails, the gateway still answers: 502 when nothing listens where Prism should be,
// 504 when the backend does not answer in time. Here the gateway runs in this process in front of real
// loopback servers that fail on purpose (a closed port, a server that never answers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../mock/gateway.ts';
import { gatewayErrors } from '../../mock/gateway-errors.ts';
import { freePort } from '../../mock/prism.ts';
import { startServer, type TestServer } from '../helpers/http-server.ts';
import { doc, requestIdPattern } from '../helpers/answers.ts';
import type { JsonObject } from '../helpers/contract.ts';

const path = '/v2/p/fgs/workflows/w/executions';
let silent: TestServer;
const gateways: Gateway[] = [];

async function gatewayIn(front: string, backendTimeoutMs = 20_000): Promise<string> {
  const gateway = createGateway({ upstream: front, contract: doc, backendTimeoutMs });
  gateways.push(gateway);
  await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(gateway.server.address() as { port: number }).port}`;
}

const post = (base: string) => fetch(`${base}${path}`, { method: 'POST', headers: { 'X-Auth-Token': 't', 'Content-Type': 'application/json' }, body: '{"input":{}}' });

beforeAll(async () => {
  // Reads the request, then never answers.
  silent = await startServer(() => {});
});
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
  await silent.close();
});

describe('a failing backend', () => {
  it('nothing listening: 502 APIGW.0201 Backend unavailable', async () => {
    const response = await post(await gatewayIn(`http://127.0.0.1:${await freePort()}`));
    const id = response.headers.get('X-Request-Id');
    expect(id).toMatch(requestIdPattern);
    expect([response.status, await response.json()]).toEqual([502, { error_code: 'APIGW.0201', error_msg: gatewayErrors.backendUnavailable.message, request_id: id }]);
  });

  it('no answer in time: 504 APIGW.0201 Backend timeout', async () => {
    const response = await post(await gatewayIn(silent.url, 300));
    expect(response.status).toBe(504);
    expect(((await response.json()) as JsonObject).error_msg).toBe(gatewayErrors.backendTimeout.message);
    expect(silent.requests).toHaveLength(1);
  });
});
