// For every constraint the contract declares on a request, one request that breaks only that
// constraint, sent raw to the mock, which must reject it with the status the contract documents:
// Prism for the contract's constraints, the gateway in front of it for missing credentials. What Prism
// rejects, it rejects through the mock exactly as Prism alone (its own CLI server) does. The client
// refuses the same request before sending it, naming the field; the unbroken request goes through
// each operation's method.
// The cases are derived from the contract: a new constraint is covered without touching this file,
// and a kind of constraint this file cannot yet break fails loudly instead of being skipped.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { isObject, parametersOf, resolveRef, successStatus, type Json, type JsonObject, type Operation } from '../helpers/contract.ts';
import { WorkflowValidationError } from '../../src/index.ts';
import { callRaw, callThroughClient, contractOperations, doc, exampleRequest, mockClient, urlOf, type ExampleRequest } from '../helpers/requests.ts';

interface Violation {
  location: string[];
  code: string | number;
  message: string;
}

interface Case {
  op: Operation;
  constraint: string;
  expectedStatus: number;
  /** Who rejects it: the gateway (before Prism sees it), or Prism. */
  rejectedBy: 'gateway' | 'prism';
  /** Builds the request from a valid one. */
  mutate(request: RawRequest): void;
  /** Whether the reported violations (Prism's) or the error body (the gateway's) point at this constraint. */
  blames(violations: Violation[], body: JsonObject): boolean;
}

interface RawRequest extends ExampleRequest {
  contentType: string;
  /** Whether a body is sent: the operation's own, or `rawBody`. */
  sendBody: boolean;
  rawBody?: string;
  auth: Record<string, string>;
}

/** Keywords that constrain without being broken below; anything else unknown fails the derivation. */
// What lies inside a property (its items, its own properties) is not broken here: the cases break each
// constraint of a parameter, of the body and of the body's own properties.
const describing = new Set(['description', 'title', 'example', 'examples', 'default', 'properties', 'additionalProperties', 'items', '$ref']);

/** An item the array's schema accepts: the first of its example. */
function validItem(where: string, schema: JsonObject): Json {
  const [item] = Array.isArray(schema.example) ? schema.example : [];
  if (item === undefined) throw new Error(`${where}: give the array an example with an item, so that its item count can be broken alone`);
  return item;
}

/** Text that breaks a pattern and nothing else: the first candidate the pattern refuses that fits the lengths. */
function breakingText(where: string, schema: JsonObject): string {
  const pattern = new RegExp(String(schema.pattern), 'u');
  const fits = (text: string) => [...text].length >= Number(schema.minLength ?? 0) && [...text].length <= Number(schema.maxLength ?? Infinity);
  const found = ['not valid!', 'x', '-1', '0', ' ', '~'].find((text) => fits(text) && !pattern.test(text));
  if (found === undefined) throw new Error(`${where}: no text breaks the pattern ${String(schema.pattern)} alone; teach test/mock/negative-matrix.test.ts one`);
  return found;
}

/** The integer formats of the OpenAPI format registry, as ranges. */
const integerFormats: Record<string, { min: number; max: number }> = { int32: { min: -(2 ** 31), max: 2 ** 31 - 1 } };

function wrongType(type: string): Json {
  const values: Record<string, Json> = { string: 12345, object: 'not-an-object', array: { not: 'an array' }, integer: 'NaN', number: 'NaN', boolean: 'yes' };
  if (!(type in values)) throw new Error(`no wrong value known for type ${type}`);
  return values[type]!;
}

/** One case per keyword of a schema that constrains a value; `put` places a value (undefined: remove it). */
function valueCases(
  where: string,
  schema: JsonObject,
  put: (request: RawRequest, value: Json | undefined) => void,
  blames: (v: Violation) => boolean,
  { canBreakType, emptyIsMissing = false }: { canBreakType: boolean; emptyIsMissing?: boolean },
): Array<Pick<Case, 'constraint' | 'mutate' | 'blames'>> {
  const cases: Array<Pick<Case, 'constraint' | 'mutate' | 'blames'>> = [];
  const add = (keyword: string, value: Json | undefined, code?: string) => {
    // An empty path segment is indistinguishable from a missing parameter: Prism reports it as required.
    const codes = emptyIsMissing && value === '' ? [code, 'required'] : [code];
    cases.push({
      constraint: `${where}: ${keyword}`,
      mutate: (request) => put(request, value),
      blames: (violations) => violations.some((v) => blames(v) && (code === undefined || codes.includes(String(v.code)))),
    });
  };
  for (const [keyword, argument] of Object.entries(schema)) {
    if (describing.has(keyword) || keyword === 'required') continue;
    switch (keyword) {
      case 'type':
        if (canBreakType) add(`type ${String(argument)}`, wrongType(String(argument)), 'type');
        break;
      case 'minLength':
        add(`minLength ${String(argument)}`, 'x'.repeat(Number(argument) - 1), 'minLength');
        break;
      case 'maxLength':
        add(`maxLength ${String(argument)}`, 'x'.repeat(Number(argument) + 1), 'maxLength');
        break;
      case 'enum':
        add(`enum ${JSON.stringify(argument)}`, 'not-a-listed-value', 'enum');
        break;
      case 'pattern':
        add(`pattern ${String(argument)}`, breakingText(where, schema), 'pattern');
        break;
      case 'minItems':
        add(`minItems ${String(argument)}`, new Array(Number(argument) - 1).fill(validItem(where, schema)), 'minItems');
        break;
      case 'maxItems':
        // Valid items, so that the one violation is the count: 101 broken states would each add their own.
        add(`maxItems ${String(argument)}`, new Array(Number(argument) + 1).fill(validItem(where, schema)), 'maxItems');
        break;
      case 'minimum':
        add(`minimum ${String(argument)}`, Number(argument) - 1, 'minimum');
        break;
      case 'maximum':
        add(`maximum ${String(argument)}`, Number(argument) + 1, 'maximum');
        break;
      case 'format': {
        const range = integerFormats[String(argument)];
        if (!range) throw new Error(`${where}: the negative matrix cannot yet break the format "${String(argument)}"; teach test/mock/negative-matrix.test.ts`);
        // A format whose range the schema's own minimum and maximum already keep is implied by them:
        // it cannot be broken alone, and those keywords have their own cases.
        if (typeof schema.maximum !== 'number' || schema.maximum > range.max) add(`format ${String(argument)}`, range.max + 1, 'format');
        else if (typeof schema.minimum !== 'number' || schema.minimum < range.min) add(`format ${String(argument)}`, range.min - 1, 'format');
        break;
      }
      default:
        throw new Error(`${where}: the negative matrix cannot yet break the keyword "${keyword}"; teach test/mock/negative-matrix.test.ts`);
    }
  }
  return cases;
}

const lower = (s: string) => s.toLowerCase();

function deriveCases(op: Operation): Case[] {
  const responses = op.operation.responses as JsonObject;
  const documented = (status: number) => {
    if (!(String(status) in responses)) throw new Error(`${op.operationId} does not document ${status}`);
    return status;
  };
  const invalid = documented(400);
  const cases: Case[] = [];
  const push = (c: Pick<Case, 'constraint' | 'mutate' | 'blames'>, expectedStatus = invalid, rejectedBy: Case['rejectedBy'] = 'prism') =>
    cases.push({ op, expectedStatus, rejectedBy, ...c });

  // The security requirement: no credentials at all. The gateway refuses it before Prism sees it.
  push(
    {
      constraint: 'security: IamToken or AkSkSignature',
      mutate: (r) => (r.auth = {}),
      blames: (_vs, body) => body.error_code === 'APIGW.0301' && String(body.error_msg).endsWith(': x-auth-token not found'),
    },
    documented(401),
    'gateway',
  );

  for (const parameter of parametersOf(doc, op)) {
    const name = String(parameter.name);
    const schema = resolveRef(doc, parameter.schema as Json) as JsonObject;
    const where = `${parameter.in} parameter ${name}`;
    const group = (r: RawRequest) => ({ path: r.path, query: r.query, header: r.headers })[String(parameter.in)]!;
    const put = (r: RawRequest, value: Json | undefined) => {
      if (value === undefined) delete group(r)[name];
      else group(r)[name] = String(value);
    };
    const blames = (v: Violation) => v.location.map(lower).includes(lower(name)) || (v.location.includes(String(parameter.in)) && lower(v.message).includes(lower(name)));
    if (parameter.required === true) {
      // A missing path parameter is an empty segment; a missing header is absent.
      push({ constraint: `${where}: required`, mutate: (r) => (parameter.in === 'path' ? put(r, '') : put(r, undefined)), blames: (vs) => vs.some(blames) });
    }
    // On the wire every parameter is text: only a non-string type (a boolean, an integer) can be broken.
    const canBreakType = schema.type !== 'string';
    for (const c of valueCases(where, schema, put, blames, { canBreakType, emptyIsMissing: parameter.in === 'path' })) push(c);
  }

  if (op.operation.requestBody === undefined) return cases;
  const requestBody = resolveRef(doc, op.operation.requestBody as Json) as JsonObject;
  const content = requestBody.content as JsonObject;
  const accepted = Object.keys(content);
  push({
    constraint: `request body: content type ${accepted.join(' | ')}`,
    mutate: (r) => {
      r.contentType = 'text/plain';
      r.rawBody = JSON.stringify(r.body);
    },
    blames: (vs) => vs.some((v) => v.code === 415),
  });
  if (requestBody.required === true) {
    push({ constraint: 'request body: required', mutate: (r) => (r.sendBody = false), blames: (vs) => vs.some((v) => v.code === 'required' && v.location.length === 1) });
  }
  const bodySchema = resolveRef(doc, (content['application/json'] as JsonObject).schema as Json) as JsonObject;
  const bodyBlames = (v: Violation) => v.location.join('.') === 'request.body';
  for (const c of valueCases('request body', bodySchema, (r, value) => (r.rawBody = JSON.stringify(value)), bodyBlames, { canBreakType: true })) push(c);

  const required = new Set((bodySchema.required as string[] | undefined) ?? []);
  for (const [name, raw] of Object.entries((bodySchema.properties as JsonObject | undefined) ?? {})) {
    const schema = resolveRef(doc, raw) as JsonObject;
    const where = `body property ${name}`;
    const put = (r: RawRequest, value: Json | undefined) => {
      if (value === undefined) delete r.body[name];
      else r.body[name] = value;
    };
    const blames = (v: Violation) => v.location.join('.') === `request.body.${name}` || (v.location.join('.') === 'request.body' && v.message.includes(`'${name}'`));
    if (required.has(name)) push({ constraint: `${where}: required`, mutate: (r) => put(r, undefined), blames: (vs) => vs.some(blames) });
    for (const c of valueCases(where, schema, put, blames, { canBreakType: true })) push(c);
  }
  return cases;
}

function validRequest(op: Operation): RawRequest {
  const example = exampleRequest(op);
  return { ...structuredClone(example), contentType: 'application/json', sendBody: example.hasBody, auth: { 'X-Auth-Token': 'token-for-the-mock' } };
}

async function send(op: Operation, request: RawRequest, base = inject('mockUrl')) {
  const body = request.sendBody ? (request.rawBody ?? JSON.stringify(request.body)) : undefined;
  const response = await fetch(urlOf(base, op, request.path, request.query), {
    method: op.method.toUpperCase(),
    headers: { ...request.headers, ...request.auth, ...(body !== undefined && { 'Content-Type': request.contentType }) },
    ...(body !== undefined && { body }),
  });
  // Retry and stop answer an empty 200; every other answer is a JSON object.
  const text = await response.text();
  const answer = (text === '' ? {} : JSON.parse(text)) as JsonObject;
  const violations = JSON.parse(response.headers.get('sl-violations') ?? '[]') as Violation[];
  return { status: response.status, violations, body: answer, requestId: response.headers.get('X-Request-Id') };
}

const cases = contractOperations.flatMap(deriveCases);
let rejected = 0;

describe('negative matrix: each declared request constraint, broken alone, is rejected by the mock', () => {
  afterAll(() => {
    console.log(`negative matrix: ${cases.length} constraints, ${rejected} rejected`);
  });

  it.each(contractOperations.map((op) => [op.operationId, op] as const))('%s: the unbroken request is accepted (the control)', async (_id, op) => {
    const { status, violations } = await send(op, validRequest(op));
    expect({ status, violations }).toEqual({ status: successStatus(op), violations: [] });
  });

  it.each(contractOperations.map((op) => [op.operationId, op] as const))("%s: the unbroken request, through the client's method, is accepted", async (_id, op) => {
    await expect(callThroughClient(mockClient(inject('mockUrl')), op, {})).resolves.toHaveProperty('request_id');
  });

  it('derives cases for every kind of constraint the contract declares', () => {
    const kinds = new Set(cases.map((c) => c.constraint.split(': ')[1]!.split(' ')[0]));
    expect([...kinds].sort()).toEqual(['IamToken', 'content', 'enum', 'format', 'maxItems', 'maxLength', 'maximum', 'minItems', 'minLength', 'minimum', 'pattern', 'required', 'type']);
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it.each(cases.map((c) => [c.op.operationId, c.constraint, c] as const))('%s, %s', async (_id, _constraint, c) => {
    const request = validRequest(c.op);
    c.mutate(request);
    const { status, violations, body, requestId } = await send(c.op, request);
    expect(status).toBe(c.expectedStatus);
    expect(c.blames(violations, body), `rejected for another reason: ${JSON.stringify({ violations, body })}`).toBe(true);
    if (c.rejectedBy === 'prism') {
      const alone = await send(c.op, request, inject('prismAloneUrl'));
      // The same rejection; only the request ID is the gateway's own.
      expect(body.request_id).toBe(requestId);
      expect({ status, violations, body: { ...body, request_id: alone.body.request_id } }).toEqual({ status: alone.status, violations: alone.violations, body: alone.body });
    }
    rejected++;
  });
});

/** The field the client names for a broken constraint, as client.raw names it; undefined for what the client always sets itself. */
function clientField(constraint: string): string | undefined {
  const [where = ''] = constraint.split(': ');
  const parameter = /^(path|query|header) parameter (.+)$/.exec(where);
  if (parameter) return `params.${parameter[1]}.${parameter[2]}`;
  if (where.startsWith('body property ')) return `body.${where.slice('body property '.length)}`;
  if (constraint.startsWith('request body: content type') || where === 'security') return undefined;
  if (where === 'request body') return 'body';
  throw new Error(`no client field known for "${constraint}"`);
}

describe('negative matrix: the client refuses each broken request before sending it', () => {
  const refusable = cases.filter((c) => clientField(c.constraint) !== undefined);
  afterAll(() => {
    console.log(`negative matrix through client.raw: ${refusable.length} of ${cases.length} constraints refused before sending (the others are the credential and the content type, which the client sets itself)`);
  });

  it.each(refusable.map((c) => [c.op.operationId, c.constraint, c] as const))('%s, %s', async (_id, _constraint, c) => {
    const request = validRequest(c.op);
    c.mutate(request);
    let sent = 0;
    const client = mockClient(inject('mockUrl'), (outgoing) => {
      sent++;
      return fetch(outgoing);
    });
    const { path, query, headers, sendBody, rawBody, body } = request;
    const broken = { ...exampleRequest(c.op), path, query, headers, hasBody: sendBody, body: (rawBody === undefined ? body : JSON.parse(rawBody)) as JsonObject };
    const error = await callRaw(client, c.op, {}, broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowValidationError);
    expect((error as WorkflowValidationError).field).toBe(clientField(c.constraint));
    expect(sent).toBe(0);
  });
});
