// Every example in the contract validates against its schema, checked with Ajv's JSON Schema 2020-12
// validator: a second opinion beside Redocly's own example rules.
import { describe, expect, it } from 'vitest';
import { isObject, loadBundle, operations, parametersOf, resolveRef, successStatus, type Json, type JsonObject } from '../helpers/contract.ts';
import { createSchemaValidator } from '../helpers/schema-validator.ts';

const doc = loadBundle();

interface ExampleCase {
  where: string;
  schema: Json;
  value: Json;
}

/** Every example the contract holds, each paired with the schema it must satisfy. */
function collectExamples(): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const fromMedia = (where: string, media: JsonObject) => {
    for (const [name, raw] of Object.entries((media.examples as JsonObject | undefined) ?? {})) {
      const example = resolveRef(doc, raw) as JsonObject;
      cases.push({ where: `${where} example ${name}`, schema: media.schema as Json, value: example.value as Json });
    }
    if ('example' in media) cases.push({ where: `${where} example`, schema: media.schema as Json, value: media.example as Json });
  };
  for (const op of operations(doc)) {
    for (const parameter of parametersOf(doc, op)) {
      cases.push({ where: `${op.operationId} parameter ${String(parameter.name)}`, schema: parameter.schema as Json, value: parameter.example as Json });
    }
    const body = resolveRef(doc, op.operation.requestBody as Json) as JsonObject | undefined;
    for (const [type, media] of Object.entries((body?.content as JsonObject | undefined) ?? {})) fromMedia(`${op.operationId} request ${type}`, media as JsonObject);
    for (const [status, raw] of Object.entries(op.operation.responses as JsonObject)) {
      const response = resolveRef(doc, raw) as JsonObject;
      for (const [name, header] of Object.entries((response.headers as JsonObject | undefined) ?? {})) {
        const resolved = resolveRef(doc, header) as JsonObject;
        cases.push({ where: `${op.operationId} ${status} header ${name}`, schema: resolved.schema as Json, value: resolved.example as Json });
      }
      for (const [type, media] of Object.entries((response.content as JsonObject | undefined) ?? {})) {
        fromMedia(`${op.operationId} ${status} ${type}`, media as JsonObject);
      }
    }
  }
  // Schema-level examples, on every schema and every property.
  const walkSchema = (where: string, schema: Json) => {
    if (!isObject(schema)) return;
    if ('example' in schema) cases.push({ where: `${where} example`, schema, value: schema.example as Json });
    for (const [name, property] of Object.entries((schema.properties as JsonObject | undefined) ?? {})) {
      walkSchema(`${where}.${name}`, property);
    }
  };
  for (const [name, schema] of Object.entries((doc.components as JsonObject).schemas as JsonObject)) {
    walkSchema(`schema ${name}`, schema);
  }
  return cases;
}

describe('examples (Ajv, JSON Schema 2020-12)', () => {
  const check = createSchemaValidator(doc);
  const cases = collectExamples();

  it('finds the examples of every operation, their parameters, headers and schemas', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    for (const op of operations(doc)) {
      const hasBody = op.operation.requestBody !== undefined;
      expect(cases.some((c) => c.where.startsWith(`${op.operationId} request`)), `${op.operationId} request examples`).toBe(hasBody);
      const success = successStatus(op);
      expect(cases.some((c) => c.where.startsWith(`${op.operationId} ${success} application/json example `)), `${op.operationId} ${success} examples`).toBe(
        !['retryWorkFlow', 'stopWorkFlow'].includes(op.operationId),
      );
    }
  });

  it.each(cases.map((c) => [c.where, c] as const))('%s validates', (_where, c) => {
    expect(c.value, 'an example is missing its value').not.toBeUndefined();
    expect(check(c.schema, c.value)).toEqual([]);
  });

  it('rejects examples that break the schema (the validator is really checking)', () => {
    const callback = { $ref: '#/components/schemas/CallbackWorkflowRequestBody' };
    expect(check(callback, { result: 'success', output: {} })).toEqual([]);
    expect(check(callback, { result: 'maybe', output: {} })).not.toEqual([]);
    expect(check(callback, { result: 'fail' })).not.toEqual([]);
    expect(check(callback, { result: 'fail', output: {}, error: 'x'.repeat(65) })).not.toEqual([]);
    expect(check({ $ref: '#/components/schemas/ErrorResponse' }, { error_code: 'FSS.0400', error_msg: 'x' })).not.toEqual([]);
    const node = { $ref: '#/components/schemas/NodeExecution' };
    expect(check(node, { error_message: 'Execution failed' })).toEqual([]);
    expect(check(node, { error_message: { detail: 'Execution failed' } })).toEqual([]);
    expect(check(node, { error_message: 42 })).not.toEqual([]);
    expect(check(node, { begin_time: -1 })).not.toEqual([]);
    expect(check(node, { begin_time: 1.5 })).not.toEqual([]);
    const page = { $ref: '#/components/schemas/ShowWorkflowExecutionForPageResponseBody' };
    expect(check(page, { executions: [{ status: 'retrying' }], total: 1, size: 10 })).toEqual([]);
    expect(check(page, { executions: [], total: 1, size: 2 ** 31 })).not.toEqual([]);
    expect(check({ $ref: '#/components/schemas/FlowExecutionBrief' }, { status: 'retrying' })).not.toEqual([]);
  });
});
