// The synchronous SHA-256 behind the signature's two digests: FIPS 180-4's vectors, every padding
// boundary, and agreement with node:crypto on generated data.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex, toHex } from '../../src/sha256.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const reference = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('FIPS 180-4 vector %j', (message, digest) => {
    expect(sha256Hex(utf8(message))).toBe(digest);
  });

  it('one million "a"', () => {
    expect(sha256Hex(new Uint8Array(1_000_000).fill(0x61))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('every length across the padding boundaries agrees with node:crypto', () => {
    for (let length = 0; length <= 300; length++) {
      const data = new Uint8Array(length).map((_, i) => (i * 31 + length) & 0xff);
      expect(sha256Hex(data), `length ${length}`).toBe(reference(data));
    }
  });

  it('agrees with node:crypto on 2,000 generated inputs', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2_000 }), (data) => sha256Hex(data) === reference(data)), { numRuns: 2_000 });
  });

  it('toHex', () => {
    expect(toHex(new Uint8Array([0, 1, 0xab, 0xff]))).toBe('0001abff');
  });
});
