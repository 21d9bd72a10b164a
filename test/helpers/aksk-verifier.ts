// An independent SDK-HMAC-SHA256 verifier: a test HTTP server that recomputes each signature from the
// raw request line, headers and body it received, with node:crypto and none of the client's code,
// the way the API gateway does. It answers 200 when the signature holds and 401 APIGW.0303 otherwise.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { startServer, type ReceivedRequest, type TestServer } from './http-server.ts';

const window = 15 * 60 * 1000;

export interface Verdict {
  ok: boolean;
  reason: string;
}

export function verify(request: ReceivedRequest, secrets: Record<string, string>, now: Date): Verdict {
  const authorization = header(request.headers, 'authorization') ?? '';
  const match = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([^,\s]+), Signature=([0-9a-f]{64})$/.exec(authorization);
  if (!match) return { ok: false, reason: 'malformed Authorization' };
  const [, access, signedList, signature] = match as unknown as [string, string, string, string];
  const secret = secrets[access];
  if (secret === undefined) return { ok: false, reason: 'unknown access key' };
  const signed = signedList.split(';');
  if (!signed.includes('x-sdk-date')) return { ok: false, reason: 'x-sdk-date is not signed' };
  if ([...signed].sort().join(';') !== signedList) return { ok: false, reason: 'SignedHeaders not sorted' };

  const date = header(request.headers, 'x-sdk-date') ?? '';
  const parts = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (!parts) return { ok: false, reason: 'malformed X-Sdk-Date' };
  const [y, mo, d, h, mi, s] = parts.slice(1).map(Number) as [number, number, number, number, number, number];
  const at = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Math.abs(now.getTime() - at) > window) return { ok: false, reason: 'X-Sdk-Date more than 15 minutes off' };

  const [rawPath, rawQuery = ''] = request.target.split('?', 2) as [string, string?];
  let uri: string;
  let query: string;
  try {
    uri = rawPath.split('/').map((segment) => rfc3986(decodeURIComponent(segment))).join('/');
    if (!uri.endsWith('/')) uri += '/';
    query = rawQuery
      .split('&')
      .filter(Boolean)
      .map((pair) => {
        const [name = '', value = ''] = pair.split(/=(.*)/s);
        return [rfc3986(decodeURIComponent(name)), rfc3986(decodeURIComponent(value))] as const;
      })
      .sort(([an, av], [bn, bv]) => (an === bn ? (av < bv ? -1 : av > bv ? 1 : 0) : an < bn ? -1 : 1))
      .map(([name, value]) => `${name}=${value}`)
      .join('&');
  } catch {
    return { ok: false, reason: 'malformed percent-encoding' };
  }
  let canonicalHeaders = '';
  for (const name of signed) {
    const value = header(request.headers, name);
    if (value === undefined) return { ok: false, reason: `signed header ${name} is missing` };
    canonicalHeaders += `${name}:${value.trim()}\n`;
  }
  const unsigned = header(request.headers, 'x-sdk-content-sha256') === 'UNSIGNED-PAYLOAD' && signed.includes('x-sdk-content-sha256');
  const payload = unsigned ? 'UNSIGNED-PAYLOAD' : sha256(request.rawBody);
  const canonical = [request.method, uri, query, canonicalHeaders, signedList, payload].join('\n');
  const stringToSign = `SDK-HMAC-SHA256\n${date}\n${sha256(canonical)}`;
  const expected = createHmac('sha256', secret).update(stringToSign).digest();
  const ok = timingSafeEqual(expected, Buffer.from(signature, 'hex'));
  return { ok, reason: ok ? 'valid' : 'signature mismatch' };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A server that answers like the gateway in front of FunctionGraph: verified, or 401 APIGW.0303. */
export async function startVerifyingServer(secrets: Record<string, string>, now: () => Date = () => new Date()): Promise<TestServer & { verdicts: Verdict[] }> {
  const verdicts: Verdict[] = [];
  const server = await startServer((request, response) => {
    const verdict = verify(request, secrets, now());
    verdicts.push(verdict);
    const [status, body] = verdict.ok
      ? [200, { execution_id: 'signed-ok' }]
      : [401, { error_code: 'APIGW.0303', error_msg: `Incorrect app authentication information: ${verdict.reason}.` }];
    response.writeHead(status, { 'Content-Type': 'application/json', 'X-Request-Id': 'verifier' });
    response.end(JSON.stringify(body));
  });
  return Object.assign(server, { verdicts });
}
