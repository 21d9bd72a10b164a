// A second SDK-HMAC-SHA256 signer, written from the AkSkSignature description in the published
// contract and from nothing else: not the client's code, not an SDK, not the README. Plain JavaScript
// on node:crypto, as a team in another language would write it from the same text.
//
// Every step quotes the sentence of the description that it implements, word for word (a test
// checks that each quotation is in the published description). A step with nothing to quote would be
// a gap in the description.
import { createHash, createHmac } from 'node:crypto';

/**
 * Signs a request as it will be sent.
 * @param {object} request
 * @param {string} request.method
 * @param {string} request.url The full URL as it is sent: its path and query already percent-encoded.
 * @param {Record<string, string>} request.headers Every header the request carries, except Host and Authorization.
 * @param {Uint8Array | string} request.body The body exactly as sent; '' for none.
 * @param {string} request.accessKey
 * @param {string} request.secretKey
 * @param {string[]} [request.signedHeaders] The lower-case names of the headers to sign; by default every header and host.
 */
export function sign({ method, url, headers, body, accessKey, secretKey, signedHeaders }) {
  const target = new URL(url);
  const present = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

  // "Sign `host` as well, as the official SDKs do; its value is the host name of the URL, followed by
  // `:` and the port when the URL names a port that is not the scheme's default."
  // (URL.host is exactly that: WHATWG URLs drop a default port.)
  const values = { ...present, host: target.host };
  // "Any other header the request carries may be signed; the official Node SDK signs every header it sends."
  // "`Authorization` is never signed."
  const names = (signedHeaders ?? Object.keys(values)).map((name) => name.toLowerCase()).filter((name) => name !== 'authorization');
  // "`x-sdk-date` must always be signed."
  if (!names.includes('x-sdk-date')) throw new Error('x-sdk-date must be signed');
  // "When a request carries `X-Project-Id`, `X-Security-Token` or `X-Sdk-Content-Sha256`, that header must be signed too"
  for (const name of ['x-project-id', 'x-security-token', 'x-sdk-content-sha256']) {
    if (name in present && !names.includes(name)) throw new Error(`${name} must be signed`);
  }
  for (const name of names) if (!(name in values)) throw new Error(`signed header ${name} is not in the request`);

  // 1. "Take the path of the request exactly as it is sent, without the query."
  const sentPath = target.pathname;
  const canonicalUri = canonicalPath(sentPath);

  // 2. "Take the query of the request as it is sent, the part after `?`; a request without a query
  // gives an empty canonical query."
  const canonicalQuery = canonicalQueryOf(target.search.replace(/^\?/, ''));

  // 3. "For each signed header, in the order of its lower-case name, write the lower-case name, a `:`,
  // the header's value without leading and trailing spaces, and a line feed."
  const sorted = [...names].sort(byCharacterCode);
  // "Every line ends with its line feed, the last one too, so the canonical request has an empty line
  // after the canonical headers."
  const canonicalHeaders = sorted.map((name) => `${name}:${values[name].trim()}\n`).join('');

  // 4. "The lower-case names of the signed headers, sorted, joined with `;`"
  const signedHeaderList = sorted.join(';');

  // 5. "The lower-case hexadecimal SHA-256 of the bytes of the body exactly as sent"
  // "When the request carries `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` and signs that header, the
  // payload hash is the text `UNSIGNED-PAYLOAD` instead"
  const unsigned = present['x-sdk-content-sha256'] === 'UNSIGNED-PAYLOAD' && names.includes('x-sdk-content-sha256');
  const payloadHash = unsigned ? 'UNSIGNED-PAYLOAD' : sha256Hex(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);

  // 6. "The method in upper case, the canonical URI, the canonical query, the canonical headers, the
  // signed headers and the payload hash, joined with line feeds, with no line feed at the end."
  const canonicalRequest = [method.toUpperCase(), canonicalUri, canonicalQuery, canonicalHeaders, signedHeaderList, payloadHash].join('\n');

  // 7. "`SDK-HMAC-SHA256`, a line feed, the value of `X-Sdk-Date`, a line feed, and the lower-case
  // hexadecimal SHA-256 of the UTF-8 bytes of the canonical request."
  const stringToSign = `SDK-HMAC-SHA256\n${values['x-sdk-date']}\n${sha256Hex(Buffer.from(canonicalRequest, 'utf8'))}`;

  // 8. "The lower-case hexadecimal HMAC-SHA256 of the UTF-8 bytes of the string to sign, keyed with the
  // UTF-8 bytes of the secret key."
  const signature = createHmac('sha256', Buffer.from(secretKey, 'utf8')).update(Buffer.from(stringToSign, 'utf8')).digest('hex');

  // "`Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<signed headers>, Signature=<signature>`,
  // written exactly so: one space after `SDK-HMAC-SHA256`, and a comma and one space between the three parts."
  // "The same text goes into `SignedHeaders=` of the `Authorization` header."
  const authorization = `SDK-HMAC-SHA256 Access=${accessKey}, SignedHeaders=${signedHeaderList}, Signature=${signature}`;
  return { canonicalRequest, stringToSign, signature, signedHeaders: signedHeaderList, authorization };
}

/** Step 1, the canonical URI of a path as sent. */
export function canonicalPath(sentPath) {
  // "Split it at every `/`."
  const segments = sentPath.split('/');
  // "Decode the percent-escapes of each segment once, reading the decoded bytes as UTF-8"
  // "Then percent-encode each segment per RFC 3986"
  // "Join the segments with `/`, and add a `/` at the end if the result does not already end with one."
  const joined = segments.map((segment) => percentEncode(decodeOnce(segment))).join('/');
  return joined.endsWith('/') ? joined : `${joined}/`;
}

/** Step 2, the canonical query of a query as sent (without its `?`). */
export function canonicalQueryOf(sentQuery) {
  // "Split it at every `&` and drop the empty parts."
  const parts = sentQuery.split('&').filter((part) => part !== '');
  const pairs = parts.map((part) => {
    // "Split each part at its first `=` into a name and a value; a part without `=` has an empty value."
    const at = part.indexOf('=');
    const [name, value] = at === -1 ? [part, ''] : [part.slice(0, at), part.slice(at + 1)];
    // "Decode the name and the value once, and percent-encode each as a path segment is encoded in step 1
    // (a `+` is not read as a space)."
    return [percentEncode(decodeOnce(name)), percentEncode(decodeOnce(value))];
  });
  // "Sort the pairs by encoded name, and pairs with the same name by encoded value, comparing character codes."
  pairs.sort(([an, av], [bn, bv]) => byCharacterCode(an, bn) || byCharacterCode(av, bv));
  // "Write each pair as `name=value` and join them with `&`"
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** Percent-escapes decoded once, the bytes read as UTF-8. */
function decodeOnce(text) {
  const bytes = [];
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '%') {
      // RFC 3986 allows `%` in a URI only before two hexadecimal digits, so a sent path has no other.
      const hex = chars.slice(i + 1, i + 3).join('');
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new Error(`malformed percent-escape in ${JSON.stringify(text)}`);
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(chars[i], 'utf8'));
    }
  }
  // ignoreBOM keeps a leading U+FEFF as text: the decoder would otherwise drop it as a byte-order mark.
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(Uint8Array.from(bytes));
}

// "every byte of its UTF-8 form except `A-Z a-z 0-9 - _ . ~` becomes `%` and two upper-case hexadecimal digits"
function percentEncode(text) {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function byCharacterCode(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sha256Hex(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}
