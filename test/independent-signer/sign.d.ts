// Types for sign.js, so that the TypeScript tests can call it.
export interface IndependentRequest {
  method: string;
  /** The full URL as it is sent: its path and query already percent-encoded. */
  url: string;
  /** Every header the request carries, except Host and Authorization. */
  headers: Record<string, string>;
  /** The body exactly as sent; '' for none. */
  body: Uint8Array | string;
  accessKey: string;
  secretKey: string;
  /** The lower-case names of the headers to sign; by default every header and host. */
  signedHeaders?: string[];
}

export interface IndependentSignature {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  signedHeaders: string;
  authorization: string;
}

export function sign(request: IndependentRequest): IndependentSignature;
export function canonicalPath(sentPath: string): string;
export function canonicalQueryOf(sentQuery: string): string;
