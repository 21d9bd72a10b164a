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

/** Checks each property of an object body and serializes it; a value JSON cannot represent is refused by name. */
export function serializeBody(body: Record<string, unknown>, schema: ObjectConstraint): string {
  for (const [name, constraint] of Object.entries(schema.properties)) checkValue(name, body[name], constraint);
  try {
    return JSON.stringify(body);
  } catch (error) {
    // Serialize once on the way out; only on failure look for the field to blame.
    const field = Object.keys(body).find((name) => !serializes(body[name])) ?? 'body';
    throw new WorkflowValidationError(field, `cannot be serialized as JSON: ${(error as Error).message}`);
  }
}

function serializes(value: unknown): boolean {
  try {
    JSON.stringify(value);
    return true;
  } catch {
    return false;
  }
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
