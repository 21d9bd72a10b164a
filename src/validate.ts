// Checks values against the contract's constraints (generated/operations.ts): input before anything is
// sent, and the top level of an answer before it is returned.
import type { PropertyConstraint, ValueConstraint } from '../generated/operations.js';
import { WorkflowValidationError } from './errors.js';

/** One value's constraints, and whether it must be present. */
export type Constraint = ValueConstraint & { readonly required?: boolean };

/** An object schema: its properties' constraints. */
export interface ObjectConstraint {
  readonly properties: Readonly<Record<string, PropertyConstraint>>;
  /** Whether fields other than the declared ones are kept (a flow definition's). */
  readonly open?: true;
}

/** The longest delay a timer takes: setTimeout fires at once for anything longer. */
export const maxTimeoutMs = 2 ** 31 - 1;

/** Where a value comes from: input is held to every constraint; an answer's enumerations are open (see `problemOf`). */
export type Source = 'input' | 'answer';

/** Throws a WorkflowValidationError naming `field` unless `value` meets `constraint`. */
export function checkValue(field: string, value: unknown, constraint: Constraint, source: Source = 'input'): void {
  if (value === undefined) {
    if (constraint.required) throw new WorkflowValidationError(field, 'is required');
    return;
  }
  const problem = problemOf(value, constraint, source);
  if (problem) throw new WorkflowValidationError(field, problem);
}

/**
 * What is wrong with a value itself, its items and properties aside, or undefined: for walking a whole
 * document (a flow definition) one value at a time.
 */
export function ownProblem(value: unknown, constraint: ValueConstraint): string | undefined {
  const { items: _items, ...own } = constraint;
  return problemOf(value, own, 'input');
}

/** The integer formats' ranges; a JavaScript number holds int64 exactly only as a safe integer. */
const integerRanges: Record<string, readonly [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/**
 * What is wrong with a present value, or undefined. One level deep: an object's own properties and an
 * array's items are checked for their type only, so user data inside is never walked. An answer's
 * enumerated values are not checked: services add values (the history already lists four statuses the
 * pages do not), and a new status must not turn a successful answer into an error.
 */
function problemOf(value: unknown, constraint: ValueConstraint, source: Source, nested = false): string | undefined {
  if (constraint.anyOf) {
    const problems = constraint.anyOf.map((branch) => problemOf(value, branch, source, nested));
    return problems.includes(undefined) ? undefined : problems.join(', or ');
  }
  const type = constraint.ref !== undefined ? 'object' : constraint.type;
  switch (type) {
    case 'string':
      return typeof value === 'string' ? (nested ? undefined : stringProblem(value, constraint, source)) : `must be a string, not ${describe(value)}`;
    case 'integer':
    case 'number':
      return numberProblem(value, constraint, type);
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, not ${describe(value)}`;
    case 'object':
      return isPlainObject(value) ? undefined : `must be a JSON object, not ${describe(value)}`;
    case 'array':
      return Array.isArray(value) ? (nested ? undefined : arrayProblem(value, constraint, source)) : `must be an array, not ${describe(value)}`;
    default:
      return undefined;
  }
}

function stringProblem(value: string, constraint: ValueConstraint, source: Source): string | undefined {
  // JSON Schema counts characters as code points, not UTF-16 units. A string has between length/2 and
  // length code points, so they are counted only when that range leaves the answer open.
  const { minLength, maxLength } = constraint;
  const ambiguous = (minLength !== undefined && value.length < 2 * minLength) || (maxLength !== undefined && value.length > maxLength);
  const length = ambiguous ? [...value].length : value.length;
  if (minLength !== undefined && length < minLength) return minLength === 1 ? 'must not be empty' : `must be at least ${minLength} characters long (got ${length})`;
  if (maxLength !== undefined && length > maxLength) return `must be at most ${maxLength} characters long (got ${length})`;
  if (constraint.enum && source === 'input' && !constraint.enum.includes(value)) {
    return `must be one of ${constraint.enum.map((v) => JSON.stringify(v)).join(', ')} (got ${quote(value)})`;
  }
  if (constraint.pattern !== undefined && !new RegExp(constraint.pattern, 'u').test(value)) return `must match ${constraint.pattern} (got ${quote(value)})`;
  return undefined;
}

function numberProblem(value: unknown, constraint: ValueConstraint, type: 'integer' | 'number'): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a finite number, not ${typeof value === 'number' ? value : describe(value)}`;
  if (type === 'integer' && !Number.isInteger(value)) return `must be a whole number (got ${value})`;
  const [low, high] = integerRanges[constraint.format ?? ''] ?? [-Infinity, Infinity];
  const minimum = Math.max(constraint.minimum ?? -Infinity, low);
  const maximum = Math.min(constraint.maximum ?? Infinity, high);
  if (value < minimum) return `must be at least ${minimum} (got ${value})`;
  if (value > maximum) return `must be at most ${maximum} (got ${value})`;
  return undefined;
}

function arrayProblem(value: unknown[], constraint: ValueConstraint, source: Source): string | undefined {
  if (constraint.minItems !== undefined && value.length < constraint.minItems) return `must have at least ${constraint.minItems} items (got ${value.length})`;
  if (constraint.maxItems !== undefined && value.length > constraint.maxItems) return `must have at most ${constraint.maxItems} items (got ${value.length})`;
  if (!constraint.items) return undefined;
  for (let i = 0; i < value.length; i++) {
    const problem = problemOf(value[i], constraint.items, source, true);
    if (problem) return `item [${i}] ${problem}`;
  }
  return undefined;
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
  for (const name in schema.properties) checkValue(fieldPrefix + name, body[name], schema.properties[name]!);
  // Most bodies hold nothing the replacer below would refuse or see changed; JSON.stringify without a
  // replacer writes them several times faster, and writes them the same.
  if (isPlainJson(body, 0)) return JSON.stringify(body);
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

/**
 * Whether JSON.stringify writes the value exactly as it is: text, finite numbers, booleans, null, and
 * plain objects and arrays of them, without toJSON, undefined or holes. Anything else (or a nesting too
 * deep to walk cheaply, a cycle among them) goes through serializeBody's replacer, which names what is wrong.
 */
function isPlainJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (depth > 32) return false;
      const prototype = Object.getPrototypeOf(value);
      if (prototype === Array.prototype) {
        const array = value as unknown[];
        for (let i = 0; i < array.length; i++) if (!isPlainJson(array[i], depth + 1)) return false;
        return true;
      }
      if ((prototype !== Object.prototype && prototype !== null) || 'toJSON' in value) return false;
      for (const key in value) if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
      return true;
    }
    default:
      return false;
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

/** A time limit in milliseconds, 0 for none; undefined when not given. */
export function checkTimeout(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
    throw new WorkflowValidationError(field, 'must be a finite number of milliseconds, 0 or more');
  }
  // setTimeout fires at once for a longer delay, which would fail every call straight away.
  if (value > maxTimeoutMs) throw new WorkflowValidationError(field, `must be at most ${maxTimeoutMs} (about 24.8 days); 0 means no limit`);
  return value;
}

/** A caller's signal: an AbortSignal from this realm or another (a polyfill, a test environment); null is fetch's "none". */
export function checkSignal(value: unknown): AbortSignal | undefined {
  if (value === undefined || value === null) return undefined;
  const signal = value as Partial<AbortSignal>;
  if (typeof value !== 'object' || typeof signal.aborted !== 'boolean' || typeof signal.addEventListener !== 'function' || typeof signal.removeEventListener !== 'function') {
    throw new WorkflowValidationError('signal', 'must be an AbortSignal');
  }
  return value as AbortSignal;
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
