// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), synchronous, for everything a signature computes
// but a large body's hash. Web Crypto is asynchronous and, in Node, a thread-pool round trip of
// 60-100 µs per call; a signature needs three digests of a few hundred bytes, which this computes in a
// few microseconds, on every runtime alike. Past a few kilobytes the thread pool wins, and the event
// loop must not stall on a large body (about 8 ms per MiB here), so sha256HexOf hands those to Web
// Crypto.
//
// The arithmetic is on int32 values (`| 0`), which V8 keeps in registers; `>>> 0` would make doubles.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const initialState = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

// Scratch space, reused: everything here runs to completion before anything else can use it.
const W = new Int32Array(64);
const state = new Int32Array(8);
const tail = new Uint8Array(128);
const padded = new Uint8Array(64);
let text = new Uint8Array(1024);
const encoder = new TextEncoder();

const hexDigits = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Bytes as lowercase hex. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  let out = '';
  for (const byte of bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) out += hexDigits[byte];
  return out;
}

/**
 * The digests a signature takes. These portable ones by default; the Node.js entry installs
 * node:crypto's (useDigests), which compute the same bytes natively, several times faster.
 */
export interface Digests {
  /** SHA-256 of bytes, or of a string's UTF-8 bytes, as lowercase hex. */
  sha256Hex(data: string | Uint8Array): string;
  /** HMAC-SHA256 with one key, prepared once: the returned function gives a message's MAC as lowercase hex. */
  hmac(key: Uint8Array): (message: string | Uint8Array) => string;
  /** The same for a key given as text (its UTF-8 bytes) and used once or twice: nothing is prepared ahead. */
  hmacOfText(key: string): (message: string | Uint8Array) => string;
}

let digests: Digests = {
  sha256Hex: (data) => (typeof data === 'string' ? sha256HexOfText(data) : sha256Hex(data)),
  hmac: (key) => hmacSha256(key),
  hmacOfText: (key) => withKeyBytes(key, hmacSha256),
};

/** `prepare` given a key's UTF-8 bytes, which are wiped once it has prepared what it keeps. */
function withKeyBytes<T>(key: string, prepare: (bytes: Uint8Array) => T): T {
  const bytes = encoder.encode(key);
  const prepared = prepare(bytes);
  bytes.fill(0);
  return prepared;
}

/** Replaces the digests every signer uses; they must give the same bytes. */
export function useDigests(replacement: Digests): void {
  digests = replacement;
}

/** SHA-256 of bytes or of a string's UTF-8 bytes, as lowercase hex, with the digests in use. */
export function digestHex(data: string | Uint8Array): string {
  return digests.sha256Hex(data);
}

/** HMAC-SHA256 keyed by a secret's UTF-8 bytes and prepared once, with the digests in use; the bytes are wiped. */
export function keyedMac(secret: string): (message: string | Uint8Array) => string {
  return withKeyBytes(secret, digests.hmac);
}

/** HMAC-SHA256 with a key given as text, for a signature or two, with the digests in use. */
export function keyedMacOfText(key: string): (message: string | Uint8Array) => string {
  return digests.hmacOfText(key);
}

/** Up to this many bytes are hashed synchronously: about 50 µs, below Web Crypto's round trip. */
export const syncDigestLimit = 8 * 1024;

/** The SHA-256 digest of `data`, as lowercase hex: small inputs at once, large ones off the event loop. */
export async function sha256HexOf(data: Uint8Array): Promise<string> {
  return bodyDigest(data);
}

/**
 * A body's SHA-256 digest, as lowercase hex: up to syncDigestLimit bytes at once (no promise to wait
 * for), above it a promise of Web Crypto's. A string is hashed as its UTF-8 bytes.
 */
export function bodyDigest(body: Uint8Array | string): string | Promise<string> {
  // A string of at most a third of the limit is at most the limit in UTF-8.
  if (typeof body === 'string') return body.length * 3 <= syncDigestLimit ? digests.sha256Hex(body) : bodyDigest(encoder.encode(body));
  if (body.length <= syncDigestLimit) return digests.sha256Hex(body);
  return crypto.subtle.digest('SHA-256', body as Uint8Array<ArrayBuffer>).then(toHex);
}

/** The SHA-256 digest of `data`, as lowercase hex, computed synchronously. */
export function sha256Hex(data: Uint8Array): string {
  state.set(initialState);
  finish(state, data, data.length, 0);
  return stateHex(state);
}

/** The SHA-256 digest of a string's UTF-8 bytes, as lowercase hex. */
export function sha256HexOfText(message: string): string {
  state.set(initialState);
  finishText(state, message, 0);
  return stateHex(state);
}

/**
 * HMAC-SHA256 with one key: its inner and outer pad states are hashed once, here, and kept only in
 * the returned function's closure, never in a property. The function gives the MAC of a message (a
 * string is taken as its UTF-8 bytes) as lowercase hex.
 */
export function hmacSha256(key: Uint8Array): (message: string | Uint8Array) => string {
  const block = new Uint8Array(64);
  if (key.length > 64) {
    state.set(initialState);
    finish(state, key, key.length, 0);
    for (let i = 0; i < 8; i++) writeWord(block, i * 4, state[i]!);
  } else {
    block.set(key);
  }
  const inner = padState(block, 0x36);
  const outer = padState(block, 0x5c);
  // Nothing of the key stays behind in scratch space: a long key's last block went through `tail`.
  block.fill(0);
  state.fill(0);
  tail.fill(0);
  W.fill(0);
  return (message) => {
    state.set(inner);
    if (typeof message === 'string') finishText(state, message, 64);
    else finish(state, message, message.length, 64);
    for (let i = 0; i < 8; i++) writeWord(tail, i * 4, state[i]!);
    state.set(outer);
    finish(state, tail, 32, 64);
    return stateHex(state);
  };
}

function padState(block: Uint8Array, pad: number): Int32Array {
  for (let i = 0; i < 64; i++) padded[i] = block[i]! ^ pad;
  const padState = initialState.slice();
  compress(padState, padded, 0, 1);
  padded.fill(0);
  return padState;
}

/** Scratch space for text keeps at most this size once a longer text is hashed. */
const maxScratchText = 64 * 1024;

/** Hashes a string's UTF-8 bytes into `hash` (see finish), encoding it into scratch space. */
function finishText(hash: Int32Array, message: string, prefixBytes: number): void {
  if (text.length < message.length * 3) text = new Uint8Array(message.length * 3);
  // TextEncoder writes a string built of many pieces faster than charCodeAt can read it.
  finish(hash, text, encoder.encodeInto(message, text).written, prefixBytes);
  if (text.length > maxScratchText) text = new Uint8Array(1024);
}

/**
 * Hashes `data`'s first `length` bytes into `hash`, which already holds `prefixBytes` bytes (a whole
 * number of blocks), then pads: 0x80, zeros, and the total length in bits as a 64-bit big-endian number.
 */
function finish(hash: Int32Array, data: Uint8Array, length: number, prefixBytes: number): void {
  const whole = length >>> 6;
  compress(hash, data, 0, whole);
  const rest = length - whole * 64;
  // The tail may be the scratch buffer itself (an HMAC's inner digest); then it is in place already.
  if (data !== tail) for (let i = 0, from = whole * 64; i < rest; i++) tail[i] = data[from + i]!;
  tail.fill(0, rest);
  tail[rest] = 0x80;
  const blocks = rest < 56 ? 1 : 2;
  const bits = (prefixBytes + length) * 8;
  writeWord(tail, blocks * 64 - 8, Math.floor(bits / 0x100000000));
  writeWord(tail, blocks * 64 - 4, bits | 0);
  compress(hash, tail, 0, blocks);
}

function writeWord(bytes: Uint8Array, at: number, word: number): void {
  bytes[at] = word >>> 24;
  bytes[at + 1] = word >>> 16;
  bytes[at + 2] = word >>> 8;
  bytes[at + 3] = word;
}

function stateHex(hash: Int32Array): string {
  let out = '';
  for (let i = 0; i < 8; i++) {
    const word = hash[i]!;
    out += hexDigits[word >>> 24]! + hexDigits[(word >>> 16) & 0xff]! + hexDigits[(word >>> 8) & 0xff]! + hexDigits[word & 0xff]!;
  }
  return out;
}

/** The SHA-256 compression function over `blocks` 64-byte blocks of `bytes` from `offset`. */
function compress(hash: Int32Array, bytes: Uint8Array, offset: number, blocks: number): void {
  let h0 = hash[0]!, h1 = hash[1]!, h2 = hash[2]!, h3 = hash[3]!, h4 = hash[4]!, h5 = hash[5]!, h6 = hash[6]!, h7 = hash[7]!;
  for (let block = 0; block < blocks; block++, offset += 64) {
    for (let t = 0, i = offset; t < 16; t++, i += 4) {
      W[t] = (bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!;
    }
    for (let t = 16; t < 64; t++) {
      const w15 = W[t - 15]!, w2 = W[t - 2]!;
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      W[t] = (W[t - 16]! + s0 + W[t - 7]! + s1) | 0;
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[t]! + W[t]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      h = g; g = f; f = e; e = (d + t1) | 0;
      d = c; c = b; b = a; a = (t1 + S0 + maj) | 0;
    }
    h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
  }
  hash[0] = h0; hash[1] = h1; hash[2] = h2; hash[3] = h3; hash[4] = h4; hash[5] = h5; hash[6] = h6; hash[7] = h7;
}
