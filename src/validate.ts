// Checks input against the contract's constraints (generated/operations.ts) before anything is sent.
import { WorkflowValidationError } from './errors.js';

/** One field's constraints, as generated from the contract. */
export interface Constraint {
  readonly required?: boolean;
  readonly type?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly enum?: readonly string[];
  readonly pattern?: string;
}

export interface ObjectConstraint extends Constraint {
  readonly properties: Readonly<Record<string, Constraint>>;
}

/** Throws a WorkflowValidationError naming `field` unless `value` meets `constraint`. */
export function checkValue(field: string, value: unknown, constraint: Constraint): void {
  if (value === undefined) {
    if (constraint.required) throw new WorkflowValidationError(field, 'is required');
    return;
  }
  if (constraint.type === 'string') checkString(field, value, constraint);
  else if (constraint.type === 'object' && !isPlainObject(value)) {
    throw new WorkflowValidationError(field, `must be a JSON object, not ${describe(value)}`);
  }
}

function checkString(field: string, value: unknown, constraint: Constraint): asserts value is string {
  if (typeof value !== 'string') throw new WorkflowValidationError(field, `must be a string, not ${describe(value)}`);
  // JSON Schema counts characters as code points, not UTF-16 units. A string has between length/2 and
  // length code points, so they are counted only when that range leaves the answer open.
  const { minLength, maxLength } = constraint;
  const ambiguous = (minLength !== undefined && value.length < 2 * minLength) || (maxLength !== undefined && value.length > maxLength);
  const length = ambiguous ? [...value].length : value.length;
  if (minLength !== undefined && length < minLength) {
    throw new WorkflowValidationError(field, minLength === 1 ? 'must not be empty' : `must be at least ${minLength} characters long (got ${length})`);
  }
  if (maxLength !== undefined && length > maxLength) {
    throw new WorkflowValidationError(field, `must be at most ${maxLength} characters long (got ${length})`);
  }
  if (constraint.enum && !constraint.enum.includes(value)) {
    throw new WorkflowValidationError(field, `must be one of ${constraint.enum.map((v) => JSON.stringify(v)).join(', ')} (got ${quote(value)})`);
  }
  if (constraint.pattern !== undefined && !new RegExp(constraint.pattern, 'u').test(value)) {
    throw new WorkflowValidationError(field, `must match ${constraint.pattern} (got ${quote(value)})`);
  }
}

/** Header values must survive HTTP intact: printable ASCII, spaces and tabs only. */
export function isHeaderValue(value: string): boolean {
  return /^[\t\x20-\x7e]*$/.test(value);
}

export function checkHeaderValue(field: string, headerName: string, value: string): void {
  if (!isHeaderValue(value)) {
    throw new WorkflowValidationError(field, `must contain only printable ASCII characters, because it is sent as the ${headerName} header`);
  }
}

/** Why the client, not the caller, sets a header (by lowercase name); `undefined` when the caller may. */
export type HeaderOwner = (lowercaseName: string) => string | undefined;

const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Checks headers given as an object of names to string values: names, values, and none the client owns. */
export function checkHeaders(field: string, headers: unknown, owner: HeaderOwner): asserts headers is Record<string, string> | undefined {
  if (headers === undefined) return;
  if (!isPlainObject(headers)) throw new WorkflowValidationError(field, 'must be an object of header names to values');
  for (const [name, value] of Object.entries(headers)) {
    checkHeaderName(field, name, owner);
    if (typeof value !== 'string') throw new WorkflowValidationError(`${field}.${name}`, 'must be a string');
    checkHeaderValue(`${field}.${name}`, name, value);
  }
}

/** Checks one header name: a valid token, and not one the client owns. */
export function checkHeaderName(field: string, name: string, owner: HeaderOwner): void {
  if (!headerName.test(name)) throw new WorkflowValidationError(field, `has an invalid header name ${JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name)}`);
  const reason = owner(name.toLowerCase());
  if (reason) throw new WorkflowValidationError(`${field}.${name}`, `cannot be given: ${reason}`);
}

/**
 * Checks each property of an object body and serializes it. The check runs on what JSON.stringify
 * actually writes (after any toJSON), and a value JSON would silently change is refused by name:
 * NaN and Infinity (sent as null), a Map, Set or other built-in whose contents JSON drops (a Map is
 * sent as {}), and undefined or a function in an array (sent as null).
 */
export function serializeBody(body: Record<string, unknown>, schema: ObjectConstraint, fieldPrefix = ''): string {
  for (const [name, constraint] of Object.entries(schema.properties)) checkValue(fieldPrefix + name, body[name], constraint);
  let field = 'body';
  try {
    return JSON.stringify(body, function (this: unknown, key, value: unknown) {
      if (this === body) {
        // A top-level field, checked above; a toJSON may have turned it into anything, so check what is written.
        field = fieldPrefix + key;
        const constraint = schema.properties[key];
        if (constraint && value !== body[key]) checkValue(field, value, constraint);
        return value;
      }
      const problem =
        typeof value === 'number' ? (Number.isFinite(value) ? undefined : `is ${value}, which JSON would send as null`)
        : typeof value === 'object' && value !== null ? lossy(value)
        : Array.isArray(this) && (value === undefined || typeof value === 'function' || typeof value === 'symbol') ? `is ${value === undefined ? 'undefined' : `a ${typeof value}`}, which JSON would send as null`
        : undefined;
      if (problem) throw new WorkflowValidationError(field, `cannot be serialized as JSON: ${Array.isArray(this) ? `item [${key}]` : `"${key.length > 40 ? `${key.slice(0, 40)}…` : key}"`} ${problem}`);
      return value;
    });
  } catch (error) {
    if (error instanceof WorkflowValidationError) throw error;
    // JSON.stringify's own refusals (a BigInt, a cycle), in the field being written when it threw.
    throw new WorkflowValidationError(field, `cannot be serialized as JSON: ${(error as Error).message}`);
  }
}

/** A built-in whose contents JSON.stringify drops without a word; plain objects and arrays are let through first, being most of any body. */
function lossy(value: object): string | undefined {
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === Array.prototype || prototype === null) return undefined;
  const kind =
    value instanceof Map ? 'Map'
    : value instanceof Set ? 'Set'
    : value instanceof WeakMap || value instanceof WeakSet ? 'weak collection'
    : value instanceof RegExp ? 'RegExp'
    : value instanceof Error ? 'Error'
    : value instanceof Promise ? 'Promise'
    : value instanceof ArrayBuffer || ArrayBuffer.isView(value) ? 'binary buffer'
    : undefined;
  return kind && `is a ${kind}, whose contents JSON does not keep`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a value of type ${typeof value}`;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
