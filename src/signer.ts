// AK/SK request signing, algorithm SDK-HMAC-SHA256, as Huawei Cloud's API gateway verifies it.
//
//   canonical request = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n hex(sha256(body))
//   string to sign    = SDK-HMAC-SHA256 \n X-Sdk-Date \n hex(sha256(canonical request))
//   signature         = hex(HMAC-SHA256(secret key, string to sign))
//
// It signs the request exactly as it will be sent: the final percent-encoded path, the query and the
// body's bytes. A signer computes the key's HMAC pad states once and signs synchronously (sha256.ts):
// Web Crypto would cost a thread-pool round trip per signature. Only a body over a few kilobytes is
// hashed on Web Crypto, off the event loop. computeSignature still takes a non-extractable CryptoKey
// from importKey for those who want the key kept inside Web Crypto. Signing sets headers in place and
// never copies the Request: a copy's signal only follows the original's through a weak link in Node's
// fetch, which a garbage collection can cut. Nothing here is Node-only, so it runs in Node.js,
// browsers, Deno, Bun and edge runtimes. The secret key never appears in an error, a property or a
// string.
import { WorkflowValidationError } from './errors.js';
import { bodyDigest, digestHex, keyedMac, keyedMacOfText, toHex } from './sha256.js';
import { checkHeaderValue, isHeaderValue } from './validate.js';

export const signingAlgorithm = 'SDK-HMAC-SHA256';
export const unsignedPayload = 'UNSIGNED-PAYLOAD';

export interface AkSkCredentials {
  /** Access key ID (AK); it is sent in the Authorization header. */
  accessKey: string;
  /** Secret access key (SK); it only keys the HMAC and is never sent. */
  secretKey: string;
  /** Security token of temporary credentials, sent as X-Security-Token. */
  securityToken?: string;
}

export interface SignerOptions extends AkSkCredentials {
  /** The current time; supply it when this machine's clock is off (the gateway allows 15 minutes). */
  now?: () => Date;
  /** Sign `UNSIGNED-PAYLOAD` instead of the body's hash (sent as X-Sdk-Content-Sha256). */
  unsignedPayload?: boolean;
}

export interface SignOptions {
  /** Adds X-Project-Id, as the official SDKs do for project-scoped calls (when it can be a header value). */
  projectId?: string;
}

/** Signs a request and resolves to the Request to send. */
export interface RequestSigner {
  /**
   * Signs a Request in place: sets X-Sdk-Date, the optional headers and Authorization on its own
   * headers and resolves to that same Request, so its signal, body and every other property stay the
   * caller's. The body is read from a clone, so the Request can still be sent.
   */
  (request: Request, options?: SignOptions): Promise<Request>;
  /**
   * Builds the Request that `new Request(url, init)` builds, signs it the same way and resolves to it.
   * A body given as text, bytes or URLSearchParams is hashed as given, without reading it back, which
   * is much cheaper in Node.js than reading a Request's body.
   */
  (url: string | URL, init?: RequestInit, options?: SignOptions): Promise<Request>;
}

/** A request about to be sent: what the signature covers, and the headers it sets in place. */
export interface OutgoingRequest {
  method: string;
  /** Serialised, as Request.url gives it. */
  url: string;
  headers: Headers;
  /** The body's bytes, or text taken as its UTF-8 bytes. */
  body: Uint8Array | string | null;
}

/** Signs an outgoing request in place: at once, or with a promise when a large body is hashed on Web Crypto. */
export type HeaderSigner = (request: OutgoingRequest, options?: SignOptions) => void | Promise<void>;

/** The parts of a request that the signature covers. */
export interface SignableRequest {
  method: string;
  url: string | URL;
  /** Every header to sign, `host` included. */
  headers: Iterable<[string, string]>;
  body: Uint8Array | string;
  /** Use `UNSIGNED-PAYLOAD` in place of the body's hash. */
  unsignedPayload?: boolean;
}

const encoder = new TextEncoder();

/**
 * A secret key made ready for signing by createSigningKey. It holds nothing readable: the HMAC's pad
 * states live in a closure that only computeSignature reaches.
 */
export interface SigningKey {
  readonly [Symbol.toStringTag]: 'SigningKey';
}

const macs = new WeakMap<SigningKey, (message: string | Uint8Array) => string>();

/**
 * Prepares a secret key for computeSignature: HMAC-SHA256's inner and outer pad states, hashed once,
 * so that each signature runs synchronously. The pad states sign as the key does and are kept in
 * ordinary memory; importKey keeps the key inside Web Crypto instead, at a thread-pool round trip per
 * signature in Node.
 */
export function createSigningKey(secretKey: string): SigningKey {
  if (typeof secretKey !== 'string' || secretKey === '') throw new WorkflowValidationError('secretKey', 'must be a non-empty string');
  const key: SigningKey = Object.freeze(Object.create(signingKeyPrototype) as SigningKey);
  macs.set(key, keyedMac(secretKey));
  return key;
}

const signingKeyPrototype = Object.freeze(Object.defineProperty({}, Symbol.toStringTag, { value: 'SigningKey' }));

/** Creates a signer for one set of credentials; the key's pad states are computed once and reused. */
export function createRequestSigner(options: SignerOptions): RequestSigner {
  return requestSigner(options, 'reused');
}

function requestSigner(options: SignerOptions, keyUse: KeyUse): RequestSigner {
  const sign = createHeaderSigner(options, keyUse);
  const unsigned = options.unsignedPayload === true;
  return async (input: Request | string | URL, initOrOptions?: RequestInit | SignOptions, signOptions?: SignOptions): Promise<Request> => {
    if (typeof input === 'string' || input instanceof URL) {
      const init = initOrOptions as RequestInit | undefined;
      const request = new Request(input, init);
      const given = init?.body;
      // Request refuses a body it cannot send, so no body given is no body sent.
      const body = unsigned || given === undefined || given === null ? null : (bodyAsSent(given) ?? (await readBody(request)));
      // Awaited only when a large body is hashed on Web Crypto: a signature that is ready ends the call.
      const signing = sign({ method: request.method, url: request.url, headers: request.headers, body }, signOptions);
      if (signing) await signing;
      return request;
    }
    const body = unsigned || input.body === null ? null : await readBody(input);
    const signing = sign({ method: input.method, url: input.url, headers: input.headers, body }, initOrOptions as SignOptions | undefined);
    if (signing) await signing;
    return input;
  };
}

/**
 * Signs one request (see RequestSigner): a Request in place, or the Request built from a URL and init.
 * For many requests, create a signer once with createRequestSigner.
 */
export function signRequest(request: Request, options: SignerOptions & SignOptions): Promise<Request>;
export function signRequest(url: string | URL, init: RequestInit | undefined, options: SignerOptions & SignOptions): Promise<Request>;
export function signRequest(input: Request | string | URL, ...rest: [SignerOptions & SignOptions] | [RequestInit | undefined, SignerOptions & SignOptions]): Promise<Request> {
  const options = rest.length === 1 ? rest[0] : rest[1];
  const signOptions = options.projectId === undefined ? {} : { projectId: options.projectId };
  const signer = requestSigner(options, 'once');
  return rest.length === 1 ? signer(input as Request, signOptions) : signer(input as string | URL, rest[0], signOptions);
}

/** A Request's body, read from a clone, so the Request can still be sent. */
async function readBody(request: Request): Promise<Uint8Array> {
  return new Uint8Array(await request.clone().arrayBuffer());
}

/** The bytes Request sends for a body it was given, when they are known without reading them back. */
function bodyAsSent(body: BodyInit): Uint8Array | string | undefined {
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  // A Blob, FormData or stream: Request decides the bytes (a form's boundary, for one).
  return undefined;
}

/**
 * How often a signer's key signs: `reused` prepares it once (pad states, or node:crypto's KeyObject);
 * `once`, for signRequest, keys each MAC directly, which is cheaper for a single signature.
 */
type KeyUse = 'reused' | 'once';

/** The signer the client uses: it already holds the body's bytes, and sets the headers it sends. */
export function createHeaderSigner(options: SignerOptions, keyUse: KeyUse = 'reused'): HeaderSigner {
  // Only what signing needs is kept; a reused key lives on only as what was prepared from it.
  const { accessKey, securityToken, now = () => new Date(), unsignedPayload: unsigned = false } = checkCredentials(options);
  const mac = keyUse === 'once' ? keyedMacOfText(options.secretKey) : keyedMac(options.secretKey);
  const credential = `${signingAlgorithm} Access=${accessKey}, SignedHeaders=`;

  return ({ method, url, headers, body }, { projectId } = {}) => {
    // The body is hashed first, before any other code runs (now() is the caller's), so the bytes hashed
    // are the bytes given: a small body at once, a large one copied by Web Crypto as the digest starts.
    const payloadHash = unsigned ? unsignedPayload : bodyDigest(body ?? emptyBody);
    // Awaited below unless something fails first; a failure then is the one to report.
    if (typeof payloadHash !== 'string') payloadHash.catch(() => {});
    // What a caller may have put there is replaced: Host is the URL's (fetch sends no other), and
    // X-Sdk-Content-Sha256 says UNSIGNED-PAYLOAD only when the body's hash is really left out.
    headers.delete('authorization');
    headers.delete('host');
    const date = dateOf(now());
    headers.set('X-Sdk-Date', date);
    // Real project IDs are 32 hex digits. One that cannot be a header value (non-ASCII text, which the
    // contract allows in the path) is left out of this optional header rather than refused.
    if (projectId !== undefined && isHeaderValue(projectId)) headers.set('X-Project-Id', projectId);
    if (securityToken !== undefined) headers.set('X-Security-Token', securityToken);
    if (unsigned) headers.set('X-Sdk-Content-Sha256', unsignedPayload);
    else headers.delete('X-Sdk-Content-Sha256');

    const target = urlParts(url);
    // Headers gives its names in lower case, sorted, each once; forEach is cheaper than its iterator.
    const entries: Array<[string, string]> = [['host', target.host]];
    headers.forEach((value, name) => entries.push([name, value]));
    const authorize = (hash: string) => {
      const { signedHeaders, stringToSign } = canonicalForm(method, target, entries, hash, date);
      headers.set('Authorization', `${credential}${signedHeaders}, Signature=${mac(stringToSign)}`);
    };
    // Synchronous for a body hashed at once, so that signing a call awaits nothing.
    if (typeof payloadHash === 'string') return authorize(payloadHash);
    return payloadHash.then(authorize);
  };
}

const emptyBody = new Uint8Array();

/**
 * The signature of a request at a given X-Sdk-Date, over exactly the headers given. `key` is a
 * SigningKey (createSigningKey), or a CryptoKey (importKey) to sign on Web Crypto.
 */
export async function computeSignature(
  key: SigningKey | CryptoKey,
  request: SignableRequest,
  date: string,
): Promise<{ signedHeaders: string; signature: string; canonicalRequest: string }> {
  const url = typeof request.url === 'string' ? new URL(request.url) : request.url;
  const entries: Array<[string, string]> = [];
  for (const [name, value] of request.headers) entries.push([name.toLowerCase(), value]);
  let payloadHash = request.unsignedPayload ? unsignedPayload : bodyDigest(request.body);
  if (typeof payloadHash !== 'string') payloadHash = await payloadHash;
  const { signedHeaders, canonicalRequest, stringToSign } = canonicalForm(request.method, url, entries, payloadHash, date);
  const mac = macs.get(key as SigningKey);
  const signature = mac ? mac(stringToSign) : toHex(await crypto.subtle.sign('HMAC', key as CryptoKey, encoder.encode(stringToSign)));
  return { signedHeaders, signature, canonicalRequest };
}

/** The canonical request and the string to sign; `headers` have lower-case names and are sorted here. */
function canonicalForm(method: string, url: UrlParts, headers: Array<[string, string]>, payloadHash: string, date: string) {
  headers.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let signedHeaders = '';
  let canonicalHeaders = '';
  for (const [name, value] of headers) {
    signedHeaders += signedHeaders === '' ? name : `;${name}`;
    canonicalHeaders += `${name}:${value.trim()}\n`;
  }
  const canonicalRequest = `${method.toUpperCase()}\n${canonicalUri(url.pathname)}\n${canonicalQuery(url.search)}\n${canonicalHeaders}\n${signedHeaders}\n${payloadHash}`;
  const stringToSign = `${signingAlgorithm}\n${date}\n${digestHex(canonicalRequest)}`;
  return { signedHeaders, canonicalRequest, stringToSign };
}

/** Imports a secret key into Web Crypto, non-extractable, for computeSignature. createSigningKey signs faster. */
export function importKey(secretKey: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secretKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** What a signature needs of a URL. */
interface UrlParts {
  host: string;
  pathname: string;
  search: string;
}

/** Scheme, host and path of a serialised http(s) URL without user info; the query runs to the fragment. */
const serializedUrl = /^https?:\/\/([^/?#@]+)(\/[^?#]*)(\?[^#]*)?/;

/**
 * The host, path and query of a URL as Request.url serialises it, without parsing it again; a URL of
 * any other shape goes through the URL parser.
 */
function urlParts(url: string): UrlParts {
  const match = serializedUrl.exec(url);
  return match ? { host: match[1]!, pathname: match[2]!, search: match[3] ?? '' } : new URL(url);
}

// X-Sdk-Date changes once a second; signatures within the same second, by any signer, reuse it.
let lastSecond = Number.NaN;
let lastDate = '';

/** X-Sdk-Date for a time. */
function dateOf(at: Date): string {
  const second = at instanceof Date ? Math.floor(at.getTime() / 1000) : Number.NaN;
  if (second !== lastSecond) {
    lastDate = sdkDate(at);
    lastSecond = second;
  }
  return lastDate;
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function sdkDate(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new WorkflowValidationError('auth.now', 'must return a valid Date');
  const iso = date.toISOString();
  // YYYY-MM-DDTHH:MM:SS.sssZ; years past 9999 take a sign and two more digits.
  if (iso.length !== 24) return iso.replace(/[-:]|\.\d{3}/g, '');
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** Characters that decoding and RFC 3986 encoding both leave as they are. */
const unreservedPath = /^[A-Za-z0-9\-._~/]*$/;

/** Each segment decoded once, then percent-encoded per RFC 3986; always ends in "/". */
export function canonicalUri(pathname: string): string {
  const path = unreservedPath.test(pathname) ? pathname : pathname.split('/').map((segment) => encodeRfc3986(decodeOnce(segment, 'path'))).join('/');
  return path.endsWith('/') ? path : `${path}/`;
}

/** Parameters sorted by name (then value), names and values encoded like path segments. */
export function canonicalQuery(search: string): string {
  if (search === '' || search === '?') return '';
  const pairs = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      const [name, value] = at === -1 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
      return [encodeRfc3986(decodeOnce(name, 'query')), encodeRfc3986(decodeOnce(value, 'query'))] as const;
    });
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

function decodeOnce(text: string, where: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new TypeError(`cannot sign a request whose ${where} has a malformed percent-encoding`);
  }
}

/** RFC 3986: everything but A-Z a-z 0-9 - _ . ~ is percent-encoded (encodeURIComponent also spares !'()*). */
function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}


// The messages name the field, never its value.
function checkCredentials(options: SignerOptions): SignerOptions {
  const { accessKey, secretKey, securityToken, now } = options;
  if (typeof accessKey !== 'string' || accessKey === '') throw new WorkflowValidationError('auth.accessKey', 'must be a non-empty string');
  if (!/^[\x21-\x7e]+$/.test(accessKey) || accessKey.includes(',')) {
    throw new WorkflowValidationError('auth.accessKey', 'must contain only printable ASCII characters without spaces or commas');
  }
  if (typeof secretKey !== 'string' || secretKey === '') throw new WorkflowValidationError('auth.secretKey', 'must be a non-empty string');
  if (securityToken !== undefined) {
    if (typeof securityToken !== 'string' || securityToken.trim() === '') throw new WorkflowValidationError('auth.securityToken', 'must be a non-empty string');
    checkHeaderValue('auth.securityToken', 'X-Security-Token', securityToken);
  }
  if (now !== undefined && typeof now !== 'function') throw new WorkflowValidationError('auth.now', 'must be a function that returns a Date');
  return options;
}
