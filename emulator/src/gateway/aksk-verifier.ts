// The API gateway's check of an AK/SK signature (SDK-HMAC-SHA256), rebuilt from the request exactly as
// it arrived: the method, the raw request target, the header lines and the body's bytes.
//
//   canonical request = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n payload hash
//   string to sign    = SDK-HMAC-SHA256 \n X-Sdk-Date \n hex(sha256(canonical request))
//   signature         = hex(HMAC-SHA256(secret key, string to sign))
//
// It runs on node:crypto and shares no code with the client's signer (src/signer.ts), so that a mistake
// in one cannot hide in the other. The mock's gateway uses it, and so do the tests that prove the signer.
import { createHmac, hash, timingSafeEqual } from 'node:crypto';

export const signingAlgorithm = 'SDK-HMAC-SHA256';
/** How far X-Sdk-Date may be from the gateway's clock, either way. */
export const allowedClockSkewMs = 15 * 60 * 1000;

export interface ReceivedRequest {
  method: string;
  /** The request target as sent: the path and query, still percent-encoded. */
  target: string;
  /** Header lines in the order they arrived, names as sent. */
  headers: ReadonlyArray<readonly [name: string, value: string]>;
  body: Uint8Array;
}

export interface AccessKeyRecord {
  secretKey: string;
  /** For temporary credentials: the X-Security-Token that must come with this access key. */
  securityToken?: string;
}

/** The secret behind an access key, or undefined when the gateway does not know the key. */
export type FindAccessKey = (accessKey: string) => AccessKeyRecord | undefined;

/** What the gateway computed, for a caller to compare with its own. */
export interface CanonicalForm {
  canonicalRequest: string;
  stringToSign: string;
}

export type SignatureFailure = 'malformed' | 'unknown-access-key' | 'expired' | 'security-token' | 'mismatch';

export interface SignatureRefusal {
  ok: false;
  failure: SignatureFailure;
  /** Plain words for a person; the gateway's own message is far terser. */
  reason: string;
  accessKey?: string;
  /** For `expired`: X-Sdk-Date as sent, and the gateway's clock in the same format. */
  signatureTime?: string;
  serverTime?: string;
  /** Present whenever the request could be canonicalised. */
  canonical?: CanonicalForm;
}

export type SignatureVerdict = { ok: true; accessKey: string; canonical: CanonicalForm } | SignatureRefusal;

interface Authorization {
  accessKey: string;
  signedHeaders: string;
  signature: string;
}

export function verifySignature(request: ReceivedRequest, findAccessKey: FindAccessKey, now: Date): SignatureVerdict {
  const headers = headerMap(request.headers);
  const authorization = parseAuthorization(headers.get('authorization') ?? '');
  if (typeof authorization === 'string') return { ok: false, failure: 'malformed', reason: authorization };
  const { accessKey, signedHeaders, signature } = authorization;

  let canonical: CanonicalForm;
  try {
    canonical = canonicalForm(request, signedHeaders, headers);
  } catch (error) {
    return { ok: false, failure: 'malformed', reason: (error as Error).message, accessKey };
  }
  const refuse = (failure: SignatureFailure, reason: string, extra: Partial<SignatureRefusal> = {}): SignatureRefusal => ({
    ok: false, failure, reason, accessKey, canonical, ...extra,
  });

  const record = findAccessKey(accessKey);
  if (!record) return refuse('unknown-access-key', `the access key ${accessKey} is not known to this gateway`);

  const names = signedHeaders.split(';').map((name) => name.toLowerCase());
  if (!names.includes('x-sdk-date')) return refuse('malformed', 'x-sdk-date is not among the SignedHeaders');
  const date = headers.get('x-sdk-date') ?? '';
  const signedAt = parseSdkDate(date);
  if (signedAt === undefined) return refuse('malformed', `X-Sdk-Date ${JSON.stringify(date)} is not YYYYMMDDTHHMMSSZ`);
  if (Math.abs(now.getTime() - signedAt) > allowedClockSkewMs) {
    return refuse('expired', `X-Sdk-Date is more than 15 minutes from the gateway's clock`, { signatureTime: date, serverTime: formatSdkDate(now) });
  }

  if (record.securityToken !== undefined && !sameText(headers.get('x-security-token') ?? '', record.securityToken)) {
    const sent = headers.has('x-security-token') ? 'a different X-Security-Token' : 'no X-Security-Token';
    return refuse('security-token', `the access key belongs to temporary credentials, and the request carries ${sent}`);
  }

  const expected = createHmac('sha256', record.secretKey).update(canonical.stringToSign).digest('hex');
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
    const missing = names.filter((name) => !headers.has(name));
    const hint = missing.length > 0 ? `; signed headers that did not arrive: ${missing.join(', ')}` : '';
    return refuse('mismatch', `the signature does not match the one computed over X-Mock-Canonical-Request${hint}`);
  }
  return { ok: true, accessKey, canonical };
}

/** The canonical request and string to sign for a request, over the headers `signedHeaders` names. */
export function canonicalForm(request: ReceivedRequest, signedHeaders: string, headers = headerMap(request.headers)): CanonicalForm {
  const at = request.target.indexOf('?');
  const path = at === -1 ? request.target : request.target.slice(0, at);
  const query = at === -1 ? '' : request.target.slice(at + 1);
  const hasUnsignedPayload = headers.get('x-sdk-content-sha256') === 'UNSIGNED-PAYLOAD';
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(path),
    canonicalQuery(query),
    signedHeaders.split(';').map((name) => `${name.toLowerCase()}:${headers.get(name.toLowerCase()) ?? ''}\n`).join(''),
    signedHeaders,
    hasUnsignedPayload ? 'UNSIGNED-PAYLOAD' : sha256Hex(request.body),
  ].join('\n');
  const stringToSign = `${signingAlgorithm}\n${headers.get('x-sdk-date') ?? ''}\n${sha256Hex(canonicalRequest)}`;
  return { canonicalRequest, stringToSign };
}

/** Each segment of the raw path decoded once, then percent-encoded per RFC 3986; always ends in "/". */
export function canonicalUri(rawPath: string): string {
  const path = rawPath.split('/').map((segment) => canonicalPiece(segment, 'path')).join('/');
  return path.endsWith('/') ? path : `${path}/`;
}

/** The raw query's parameters, names and values encoded like path segments, sorted by name, then value. */
export function canonicalQuery(rawQuery: string): string {
  const pairs = rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      const [name, value] = at === -1 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
      return [canonicalPiece(name, 'query'), canonicalPiece(value, 'query')] as const;
    });
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** `YYYYMMDDTHHMMSSZ`, in UTC. */
export function formatSdkDate(date: Date): string {
  return date.toISOString().replace(/[-:]|\.\d{3}/g, '');
}

/** Milliseconds since the epoch, or undefined unless the text is a real `YYYYMMDDTHHMMSSZ` instant. */
export function parseSdkDate(text: string): number | undefined {
  const parts = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number) as [number, number, number, number, number, number];
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 20260231 over into March, 24:00 into the next day, and years 0 to 99 into the 1900s:
  // a real instant reads back as written.
  const date = new Date(time);
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day &&
    date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
  return real ? time : undefined;
}

function parseAuthorization(value: string): Authorization | string {
  const expected = `expected "${signingAlgorithm} Access=<AK>, SignedHeaders=<names>, Signature=<hex>"`;
  if (value === '') return `no Authorization header; ${expected}`;
  if (!value.startsWith(`${signingAlgorithm} `)) return `Authorization does not start with "${signingAlgorithm} "; ${expected}`;
  const fields = new Map<string, string>();
  for (const part of value.slice(signingAlgorithm.length + 1).split(',')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const accessKey = fields.get('Access');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKey || !signedHeaders || !signature) return `Authorization lacks Access, SignedHeaders or Signature; ${expected}`;
  return { accessKey, signedHeaders, signature };
}

/** Header values by lower-case name, each trimmed; a repeated header's values joined with ",". */
function headerMap(lines: ReceivedRequest['headers']): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of lines) {
    const key = name.toLowerCase();
    const previous = map.get(key);
    map.set(key, previous === undefined ? value.trim() : `${previous},${value.trim()}`);
  }
  return map;
}

/** Only RFC 3986's unreserved characters: text that decoding and encoding give back unchanged. */
const unreservedOnly = /^[A-Za-z0-9\-._~]*$/;

/** A path segment, or a query name or value, decoded once and encoded per RFC 3986. */
function canonicalPiece(text: string, where: 'path' | 'query'): string {
  // Most pieces are plain identifiers: the same text, without decoding and encoding it (the verifier runs on every signed call).
  return unreservedOnly.test(text) ? text : rfc3986(decode(text, where));
}

function decode(text: string, where: 'path' | 'query'): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new Error(`the ${where} has malformed percent-encoding: ${JSON.stringify(text)}`);
  }
}

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

/** Compares two secrets in constant time (their digests have one length whatever the inputs). */
export function sameText(a: string, b: string): boolean {
  return timingSafeEqual(hash('sha256', a, 'buffer'), hash('sha256', b, 'buffer'));
}
