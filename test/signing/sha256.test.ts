// The synchronous SHA-256 and HMAC-SHA256 behind every signature: FIPS 180-4's and RFC 4231's
// vectors, every padding boundary, and agreement with node:crypto on generated data.
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyDigest, hmacSha256, sha256Hex, sha256HexOfText, syncDigestLimit, toHex } from '../../src/sha256.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const reference = (data: Uint8Array | string) => createHash('sha256').update(typeof data === 'string' ? utf8(data) : data).digest('hex');
const hex = (text: string) => Uint8Array.from(text.match(/../g)!, (byte) => parseInt(byte, 16));

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

describe('sha256HexOfText: a string as its UTF-8 bytes', () => {
  it('agrees with node:crypto on generated text: ASCII, any code point, lone surrogates', () => {
    const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: fc.constantFrom('a', '\ud800', '\udfff', '流', '😀'), maxLength: 50 }));
    fc.assert(fc.property(text, (message) => sha256HexOfText(message) === reference(message)), { numRuns: 2_000 });
  });

  it('non-ASCII text after a long ASCII start, and a text longer than the scratch space, then a short one', () => {
    for (const message of [`${'a'.repeat(1000)}é`, 'x'.repeat(100_000), `${'流'.repeat(30_000)}a`, 'short']) {
      expect(sha256HexOfText(message), message.slice(0, 20)).toBe(reference(message));
    }
  });
});

describe('bodyDigest', () => {
  it('hashes a small body at once and a large one on Web Crypto, with the same digest either way', async () => {
    for (const length of [0, 1, syncDigestLimit, syncDigestLimit + 1, 100_000]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 7) & 0xff);
      const digest = bodyDigest(bytes);
      expect(typeof digest === 'string', `length ${length}`).toBe(length <= syncDigestLimit);
      expect(await digest).toBe(reference(bytes));
      const text = 'é'.repeat(length / 2);
      expect(await bodyDigest(text)).toBe(reference(text));
    }
  });
});

describe('hmacSha256', () => {
  // RFC 4231, test cases 1-4, 6 and 7 (5 truncates the output).
  it.each([
    ['0b'.repeat(20), utf8('Hi There'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    [toHex(utf8('Jefe')), utf8('what do ya want for nothing?'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    ['aa'.repeat(20), new Uint8Array(50).fill(0xdd), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
    ['0102030405060708090a0b0c0d0e0f10111213141516171819', new Uint8Array(50).fill(0xcd), '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b'],
    ['aa'.repeat(131), utf8('Test Using Larger Than Block-Size Key - Hash Key First'), '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54'],
    ['aa'.repeat(131), utf8('This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.'), '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2'],
  ])('RFC 4231: key %s', (key, message, mac) => {
    expect(hmacSha256(hex(key))(message)).toBe(mac);
  });

  it('agrees with node:crypto for generated keys of 0-200 bytes and messages, one key many messages', () => {
    const key = fc.uint8Array({ maxLength: 200 });
    fc.assert(
      fc.property(key, fc.array(fc.string({ unit: 'binary', maxLength: 400 }), { minLength: 1, maxLength: 4 }), (secret, messages) => {
        const mac = hmacSha256(secret);
        return messages.every((message) => mac(message) === createHmac('sha256', secret).update(utf8(message)).digest('hex') && mac(utf8(message)) === mac(message));
      }),
      { numRuns: 1_000 },
    );
  });

  it('keys of every length across the block size agree with node:crypto', () => {
    for (let length = 0; length <= 130; length++) {
      const key = new Uint8Array(length).map((_, i) => (i * 13 + length) & 0xff);
      expect(hmacSha256(key)('SDK-HMAC-SHA256\n20261121T020000Z\nabc'), `key length ${length}`).toBe(createHmac('sha256', key).update('SDK-HMAC-SHA256\n20261121T020000Z\nabc').digest('hex'));
    }
  });

  it('two keys in turn do not disturb each other', () => {
    const first = hmacSha256(utf8('first'));
    const second = hmacSha256(utf8('second'));
    expect([first('m'), second('m'), first('m')]).toEqual([
      createHmac('sha256', 'first').update('m').digest('hex'),
      createHmac('sha256', 'second').update('m').digest('hex'),
      createHmac('sha256', 'first').update('m').digest('hex'),
    ]);
  });

  it('keeps the pad states out of sight: the MAC function has no properties and its text holds no state', () => {
    const mac = hmacSha256(utf8('a secret of mine'));
    expect(Reflect.ownKeys(mac).filter((name) => name !== 'length' && name !== 'name')).toEqual([]);
    expect(String(mac)).not.toContain('secret');
  });
});
