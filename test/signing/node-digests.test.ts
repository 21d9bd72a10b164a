// The Node.js entry's digests (node:crypto) agree byte for byte with the portable ones, and once the
// entry is imported every signature goes through them: the 1,200 generated requests of
// official-signer.test.ts run again here, signed with node:crypto, against the official signer.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeDigests } from '../../node/digests.ts';
import '../../node/index.ts';
import { createRequestSigner, signRequest } from '../../src/index.ts';
import { hmacSha256, sha256Hex, sha256HexOfText } from '../../src/sha256.ts';
import './official-signer.test.ts';

// Counted where the signers reach them, so that a signature that bypassed them would show.
const counts = { hashes: 0, keys: 0 };
const { sha256Hex: nativeHash, hmac: nativeHmac } = nodeDigests;
nodeDigests.sha256Hex = (data) => (counts.hashes++, nativeHash(data));
nodeDigests.hmac = (key) => (counts.keys++, nativeHmac(key));
const { hmacOfText: nativeHmacOfText } = nodeDigests;
nodeDigests.hmacOfText = (key) => (counts.keys++, nativeHmacOfText(key));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('node:crypto digests', () => {
  it('hash bytes as the portable SHA-256 does, across every padding boundary', () => {
    for (let length = 0; length <= 300; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 151 + length) & 0xff);
      expect(nodeDigests.sha256Hex(data), `length ${length}`).toBe(sha256Hex(data));
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2_000 }), (data) => nodeDigests.sha256Hex(data) === sha256Hex(data)), { numRuns: 1_000 });
  });

  it('hash text as its UTF-8 bytes, lone surrogates included, as TextEncoder gives them', () => {
    for (const text of ['', 'abc', 'ü€😀', '\ud800', 'a\udc00b', '\ud83d']) expect(nodeDigests.sha256Hex(text), JSON.stringify(text)).toBe(sha256HexOfText(text));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => nodeDigests.sha256Hex(text) === sha256HexOfText(text)), { numRuns: 1_000 });
  });

  it('give the portable HMAC for keys shorter and longer than a block, on text and bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 300 }), (key, message) => {
        const expected = hmacSha256(key)(message);
        return nodeDigests.hmac(key)(message) === expected && nodeDigests.hmac(key)(utf8(message)) === expected;
      }),
      { numRuns: 1_000 },
    );
  });

  it('key an HMAC with text as its UTF-8 bytes, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }), fc.string({ unit: 'binary', maxLength: 300 }), (key, message) => {
        const expected = hmacSha256(utf8(key))(message);
        return nodeDigests.hmacOfText(key)(message) === expected && nodeDigests.hmacOfText(key)(utf8(message)) === expected;
      }),
      { numRuns: 1_000 },
    );
  });

  it('hash a view into a larger buffer as the bytes it shows', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(), fc.nat(), (data, a, b) => {
        const [from, to] = [a % data.length, b % (data.length + 1)].sort((x, y) => x - y) as [number, number];
        const view = data.subarray(from, to);
        return nodeDigests.sha256Hex(view) === sha256Hex(view.slice());
      }),
      { numRuns: 1_000 },
    );
  });

  it('keep the key out of reach: the MAC is a plain function with nothing to read', () => {
    const secret = 'sk-never-shown-7Gq9ZpW2xR5vT8nB3mK6jL1';
    const mac = nodeDigests.hmac(utf8(secret));
    expect(Object.keys(mac)).toEqual([]);
    expect(String(mac)).not.toContain(secret);
    expect(JSON.stringify(mac)).toBeUndefined();
  });

  it('are what the public signers use once the entry is imported', async () => {
    const { hashes, keys } = counts;
    const options = { accessKey: 'HPUAEXAMPLEACCESSKEY', secretKey: 'sk-example', now: () => new Date('2026-11-21T02:00:00Z') };
    const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"input":{}}' };
    const viaSigner = await createRequestSigner(options)('https://functiongraph.cn-north-4.myhuaweicloud.com/v2/p/fgs/workflows/w/executions', init);
    const viaOneShot = await signRequest('https://functiongraph.cn-north-4.myhuaweicloud.com/v2/p/fgs/workflows/w/executions', init, options);
    expect(viaOneShot.headers.get('Authorization')).toBe(viaSigner.headers.get('Authorization'));
    // A body's hash and a canonical request's, per signature; one key per signer.
    expect(counts.hashes - hashes).toBe(4);
    expect(counts.keys - keys).toBe(2);
  });
});

afterAll(() => {
  // The generated requests above were signed here, natively: two digests each at least.
  expect(counts.hashes).toBeGreaterThanOrEqual(2_400);
});
