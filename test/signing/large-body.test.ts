// A large body is hashed without stalling the event loop: past a few kilobytes the body's SHA-256 runs
// on Web Crypto (a thread pool in Node), while a small body keeps the synchronous fast path. Either
// way the signature is the one an independent verifier computes. How long the loop stalls is measured
// (see docs/performance.md), not asserted here.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorkflowClient } from '../../src/index.ts';
import { sha256Hex, sha256HexOf, syncDigestLimit } from '../../src/sha256.ts';
import { startVerifyingServer } from '../helpers/verifying-server.ts';

const accessKey = 'HPUAEXAMPLEACCESSKEY';
const secretKey = 'sk-7Gq9ZpW2xR5vT8nB3mK6jL1hF4dS0aQe';
let server: Awaited<ReturnType<typeof startVerifyingServer>>;
beforeAll(async () => {
  server = await startVerifyingServer({ [accessKey]: secretKey });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.verdicts.length = 0;
});

const client = () => createWorkflowClient({ endpoint: server.url, projectId: 'p', auth: { accessKey, secretKey }, timeoutMs: 120_000 });

/** Whether `digest` settles before the event loop gets a turn. */
async function settlesBeforeTheLoopTurns(digest: Promise<string>): Promise<boolean> {
  const turn = new Promise<'turn'>((resolve) => setImmediate(() => resolve('turn')));
  return (await Promise.race([digest.then(() => 'digest' as const), turn])) === 'digest';
}

describe('hashing the body', () => {
  it('a small body is hashed at once, without a round trip', async () => {
    const small = new Uint8Array(syncDigestLimit).fill(0x61);
    expect(await settlesBeforeTheLoopTurns(sha256HexOf(small))).toBe(true);
  });

  it('a large body leaves the event loop free while it is hashed', async () => {
    const large = new Uint8Array(50 * 1024 * 1024).fill(0x61);
    const digest = sha256HexOf(large);
    expect(await settlesBeforeTheLoopTurns(digest)).toBe(false);
    expect(await digest).toBe(createHash('sha256').update(large).digest('hex'));
  });

  it('both paths give the same digest on either side of the switch', async () => {
    for (const length of [syncDigestLimit - 1, syncDigestLimit, syncDigestLimit + 1, 1024 * 1024]) {
      const data = new Uint8Array(length).map((_, i) => (i * 31) & 0xff);
      expect(await sha256HexOf(data), `length ${length}`).toBe(sha256Hex(data));
    }
  });
});

describe('signed requests with large bodies, verified independently', () => {
  it.each([syncDigestLimit - 64, syncDigestLimit + 64])('a body around the switch (%i bytes of input)', async (size) => {
    await client().startWorkflowExecution({ workflowId: 'w', input: { data: 'x'.repeat(size) } });
    expect(server.verdicts).toEqual(['valid']);
  });

  it('a 50 MiB body', async () => {
    await client().startWorkflowExecution({ workflowId: 'w', input: { data: 'x'.repeat(50 * 1024 * 1024) } });
    expect(server.verdicts).toEqual(['valid']);
    expect(server.requests[0]!.rawBody.length).toBeGreaterThan(50 * 1024 * 1024);
  });
});
