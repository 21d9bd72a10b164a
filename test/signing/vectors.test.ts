// The published SDK-HMAC-SHA256 vectors (huaweicloud-sdk-go-v3, core/auth/signer/signer_test.go):
// AK "AccessKey", SK "SecretKey", only x-sdk-date signed; with both kinds of key computeSignature takes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalQuery, canonicalUri, computeSignature, createSigningKey, importKey, sdkDate, type SigningKey } from '../../src/index.ts';

const date = '20060102T150405Z';

const keys: Array<[string, (secretKey: string) => Promise<SigningKey | CryptoKey>]> = [
  ['a SigningKey (createSigningKey)', async (secretKey) => createSigningKey(secretKey)],
  ['a CryptoKey (importKey)', importKey],
];

describe.each(keys)('published signing vectors, with %s', (_kind, keyOf) => {
  it.each([
    ['GET', 'https://example.huaweicloud.com/path?limit=1', '', '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624'],
    ['POST', 'https://example.huaweicloud.com/path?key=value', '{"Name":"test","Id":1}\n', 'cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59'],
  ])('%s %s', async (method, url, body, expected) => {
    const key = await keyOf('SecretKey');
    const { signature, signedHeaders } = await computeSignature(key, { method, url, headers: [['X-Sdk-Date', date]], body }, date);
    expect(signedHeaders).toBe('x-sdk-date');
    expect(signature).toBe(expected);
  });

  it('a different key, body or date gives a different signature', async () => {
    const sign = async (sk: string, body: string, at: string) =>
      (await computeSignature(await keyOf(sk), { method: 'GET', url: 'https://example.huaweicloud.com/path?limit=1', headers: [['X-Sdk-Date', at]], body }, at)).signature;
    const reference = await sign('SecretKey', '', date);
    expect(await sign('SecretKeY', '', date)).not.toBe(reference);
    expect(await sign('SecretKey', ' ', date)).not.toBe(reference);
    expect(await sign('SecretKey', '', '20060102T150406Z')).not.toBe(reference);
  });
});

describe('the two kinds of key', () => {
  it('sign generated requests alike: any secret, body bytes or text, headers, query', async () => {
    const request = fc.record({
      secretKey: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
      method: fc.constantFrom('GET', 'post', 'PUT'),
      path: fc.webPath(),
      query: fc.webQueryParameters(),
      headers: fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/), fc.string({ unit: fc.constantFrom('a', ' ', 'z', '9', ':', 'é'), maxLength: 20 }))),
      body: fc.oneof(fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), fc.constant('x'.repeat(20_000))),
      unsignedPayload: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ secretKey, method, path, query, headers, body, unsignedPayload }) => {
        const signable = { method, url: `https://example.huaweicloud.com${path}?${query}`, headers: [...headers, ['X-Sdk-Date', date]] as Array<[string, string]>, body, unsignedPayload };
        const fast = await computeSignature(createSigningKey(secretKey), signable, date);
        const webCrypto = await computeSignature(await importKey(secretKey), signable, date);
        expect(fast).toEqual(webCrypto);
      }),
      { numRuns: 300 },
    );
  });

  it('createSigningKey refuses what cannot be a secret key, naming the field', () => {
    for (const secretKey of ['', undefined, 42]) expect(() => createSigningKey(secretKey as string)).toThrow(/^secretKey must be a non-empty string$/);
  });
});

describe('canonical forms', () => {
  it('X-Sdk-Date is YYYYMMDDTHHMMSSZ in UTC', () => {
    expect(sdkDate(new Date(Date.UTC(2006, 0, 2, 15, 4, 5, 999)))).toBe(date);
  });

  it('decodes each path segment once, then encodes it per RFC 3986, ending in /', () => {
    expect(canonicalUri('/v2/p/fgs/workflows/a%20b/executions')).toBe('/v2/p/fgs/workflows/a%20b/executions/');
    expect(canonicalUri("/w/it's/!$&()*+,;=/:@")).toBe('/w/it%27s/%21%24%26%28%29%2A%2B%2C%3B%3D/%3A%40/');
    expect(canonicalUri('/w/100%25/a%2Fb/%E6%B5%81')).toBe('/w/100%25/a%2Fb/%E6%B5%81/');
    expect(canonicalUri('/')).toBe('/');
  });

  it('sorts the query by name, then value, encoding both', () => {
    expect(canonicalQuery('?b=2&a=z&a=y&c&d=%20x')).toBe('a=y&a=z&b=2&c=&d=%20x');
    expect(canonicalQuery('')).toBe('');
  });
});
