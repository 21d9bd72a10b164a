// The per-operation tables in generated/operations.ts say what the contract says, and the generator
// refuses a schema keyword it cannot carry rather than dropping it, wherever in a body it appears.
import { describe, expect, it } from 'vitest';
import { operationTable, schemas, type OperationTable } from '../../generated/operations.ts';
import { buildTables } from '../../scripts/generate.ts';
import { loadBundle, operations, parametersOf, type JsonObject } from '../helpers/contract.ts';

const bundle = loadBundle();

describe('per-operation tables', () => {
  it('have one entry per operation, with its method, path and parameters by location', () => {
    const ops = operations(bundle);
    expect(Object.keys(operationTable).sort()).toEqual(ops.map((op) => op.operationId).sort());
    for (const op of ops) {
      const table = (operationTable as Readonly<Record<string, OperationTable>>)[op.operationId]!;
      expect([table.method, table.path]).toEqual([op.method.toUpperCase(), op.path]);
      for (const parameter of parametersOf(bundle, op)) {
        const group = table.parameters[String(parameter.in) as 'path' | 'query' | 'header'];
        expect(group[String(parameter.name)]?.required, `${op.operationId} ${String(parameter.name)}`).toBe(parameter.required === true);
      }
      const count = Object.values(table.parameters).reduce((n, group) => n + Object.keys(group).length, 0);
      expect(count).toBe(parametersOf(bundle, op).length);
      expect(table.body === null).toBe(op.operation.requestBody === undefined);
      expect([...table.success, ...table.errors].map((r) => String(r.status))).toEqual(Object.keys(op.operation.responses as JsonObject));
    }
  });

  it('name the schemas of bodies, mark empty answers and free-form user data', () => {
    expect(operationTable.startSyncWorkflowExecution.body).toEqual({ required: true, mediaType: 'application/json', schema: 'FlowExecuteBody' });
    expect(operationTable.showWorkflowExecution.success).toEqual([{ status: 200, body: 'json', schema: 'ShowWorkflowExecutionResponseBody' }]);
    expect(operationTable.retryWorkFlow.success).toEqual([{ status: 200, body: 'empty' }]);
    expect(operationTable.stopWorkFlow.success).toEqual([{ status: 200, body: 'empty' }]);
    expect(operationTable.listWorkflowExecutions.parameters.query.limit).toEqual({ required: false, type: 'integer', format: 'int32', minimum: 0, maximum: 500 });
    expect(operationTable.showWorkflowExecution.parameters.header['X-Get-Workflow-Full-History-Data']).toEqual({ required: false, type: 'boolean' });
    expect(schemas.ShowWorkflowExecutionResponseBody.properties.node_execution_details.items).toEqual({ ref: 'NodeExecutionDetail' });
    expect(schemas.NodeExecution.properties.input).toEqual({ required: false, type: 'object', freeForm: true });
    expect(schemas.NodeExecution.properties.error_message.anyOf).toEqual([{ type: 'object', freeForm: true }, { type: 'string' }]);
    // Every schema a table names is there.
    const tables: OperationTable[] = Object.values(operationTable);
    const named = tables.flatMap((t) => [t.body?.schema, ...[...t.success, ...t.errors].map((r) => ('schema' in r ? r.schema : undefined))]);
    for (const name of named) if (name !== undefined) expect(schemas).toHaveProperty(name);
  });

  it.each([
    ['a parameter', (doc: JsonObject) => (((doc.components as JsonObject).parameters as JsonObject).HistoryLimit as JsonObject).schema as JsonObject],
    ['a request body', (doc: JsonObject) => ((doc.components as JsonObject).schemas as JsonObject).FlowExecuteBody as JsonObject],
    ['a schema nested in a response', (doc: JsonObject) => (((doc.components as JsonObject).schemas as JsonObject).NodeExecution as JsonObject).properties as JsonObject],
  ] as const)('the generator refuses a keyword it cannot carry in %s', (_where, target) => {
    const doc = structuredClone(bundle);
    const node = target(doc);
    const into = 'begin_time' in node ? (node.begin_time as JsonObject) : node;
    into.multipleOf = 2;
    expect(() => buildTables(doc)).toThrow(/schema keyword "multipleOf" is not carried/);
  });

  it('the generator refuses additionalProperties other than true', () => {
    const doc = structuredClone(bundle);
    (((doc.components as JsonObject).schemas as JsonObject).SyncExecutionNodeErrorDetail as JsonObject).additionalProperties = false;
    expect(() => buildTables(doc)).toThrow(/SyncExecutionNodeErrorDetail: additionalProperties other than true/);
  });
});
