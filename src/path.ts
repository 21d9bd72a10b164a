// Path parameters always stay one path segment.
//
// Everything outside RFC 3986's segment characters (pchar: unreserved, sub-delims, ":" and "@") is
// percent-encoded, so "/", "?", "#", "%" and "\" can never change the path. Characters that are legal
// in a segment go on the wire as they are, as Huawei's SDKs send them, which keeps the signed form of
// the path unambiguous: decoding each segment once gives back exactly the caller's value.
import { WorkflowValidationError } from './errors.js';

// encodeURIComponent escapes these legal segment characters too; put them back.
const legalButEscaped = /%(24|26|2B|2C|3A|3B|3D|40)/g;
const loneSurrogate = /\p{Cs}/u;

export function encodePathSegment(value: string): string {
  const encoded = encodeURIComponent(value);
  return encoded.includes('%') ? encoded.replace(legalButEscaped, (escaped) => decodeURIComponent(escaped)) : encoded;
}

/** Refuses values that cannot be one segment. `field` names the option in the message. */
export function checkPathSegment(field: string, value: string): void {
  // URL parsing resolves these away ("/a/../b" is "/b"), so no encoding can keep them in place.
  if (value === '.' || value === '..') {
    throw new WorkflowValidationError(field, `must not be "${value}": it would be resolved away as a relative path segment`);
  }
  if (loneSurrogate.test(value)) {
    throw new WorkflowValidationError(field, 'must be well-formed Unicode text (it contains a lone surrogate)');
  }
}

/** A `{name}` placeholder in a path template; split by it, a template alternates text and names. */
const placeholder = /\{([^{}]+)\}/g;

/** An openapi-fetch path serializer that fills `{name}` placeholders with encoded segments. */
export function serializePath(url: string, params: Record<string, unknown>): string {
  return url.replace(placeholder, (_match, name: string) => {
    const value = params[name];
    if (typeof value !== 'string') throw new WorkflowValidationError(name, 'is required and must be a string');
    checkPathSegment(name, value);
    return encodePathSegment(value);
  });
}

/**
 * A path template split once into its text and its placeholders, for values already checked with
 * checkPathSegment: the function returned gives what serializePath gives, without matching the template on every call.
 */
export function compilePath(template: string): (params: Readonly<Record<string, string>>) => string {
  // Splitting on the capturing pattern gives text, name, text, …, text.
  const parts = template.split(placeholder);
  return (params) => {
    let path = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) path += encodePathSegment(params[parts[i]!]!) + parts[i + 1]!;
    return path;
  };
}
