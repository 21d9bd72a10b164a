// The JSON Schema for flow definition files, as an editor or a build step uses it: Ajv in its default
// strict mode (which refuses keywords and formats it does not know), on the published file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/paths.ts';
import { validateFlowDefinition } from '../../src/index.ts';
import { loadBundle, type JsonObject } from '../helpers/contract.ts';

const file = join(root, 'generated', 'flow-definition.schema.json');
const schema = JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
const validate = new Ajv({ allErrors: true }).compile(schema);
const examples = (loadBundle('openapi.json').components as JsonObject).examples as Record<string, { value: Record<string, unknown> }>;
const vendor = () => structuredClone(examples.VendorCreateExample!.value) as Record<string, unknown> & { states: Array<Record<string, unknown>> };

describe('flow-definition.schema.json', () => {
  it('is published in the package under its own subpath', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(manifest.exports['./flow-definition.schema.json']).toBe('./generated/flow-definition.schema.json');
    expect(manifest.files).toContain('generated');
  });

  it.each(['VendorCreateExample', 'OrderFlowDefinition', 'ExpressFlowDefinition'])('the contract example %s validates, with a $schema line as an editor file has', (name) => {
    const definition = { $schema: './node_modules/functiongraph-workflow-api/generated/flow-definition.schema.json', ...examples[name]!.value };
    expect(validate(definition), JSON.stringify(validate.errors)).toBe(true);
  });

  it('a broken definition does not, and the errors point where validateFlowDefinition points', () => {
    const broken = vendor();
    broken.states[0]!.type = 'Choice';
    delete broken.start;
    (broken.states[1] as Record<string, unknown>).duration = -1;
    expect(validate(broken)).toBe(false);
    const ajvPaths = new Set((validate.errors ?? []).map((e) => (e.keyword === 'required' ? `${e.instancePath}/${String(e.params.missingProperty)}` : e.instancePath)));
    expect([...ajvPaths]).toEqual(expect.arrayContaining(['/start', '/states/0/type', '/states/1/duration']));
    expect(validateFlowDefinition(broken).map((p) => p.path)).toEqual(expect.arrayContaining(['/start', '/states/0/type', '/states/1/duration']));
  });

  it('describes every field of the contract, and nothing else', () => {
    const contract = (loadBundle('openapi.json').components as JsonObject).schemas as Record<string, JsonObject>;
    const definitions = schema.definitions as Record<string, JsonObject>;
    expect(Object.keys(definitions).sort()).toEqual(
      ['WorkflowCreateBody', 'Trigger', 'TriggerType', 'OBSTriggerConfig', 'WorkflowFunction', 'OperationState', 'OperationStateType', 'OperationStateActionMode', 'WorkflowAction', 'FunctionRef', 'FunctionRefInvokeMode', 'OnError', 'StateDataFilter', 'Retry', 'WorkflowMode', 'ExpressConfig', 'ExpressConfigLogLevel'].sort(),
    );
    for (const [name, definition] of Object.entries(definitions)) {
      const properties = (definition.properties as Record<string, JsonObject> | undefined) ?? {};
      const declared = (contract[name]!.properties as Record<string, JsonObject> | undefined) ?? {};
      expect(Object.keys(properties), name).toEqual(Object.keys(declared));
      expect(definition.required, name).toEqual(contract[name]!.required);
      expect(definition.description, name).toBe(contract[name]!.description);
      // A property's own description, beside its $ref too, where draft-07 would ignore it but for allOf.
      for (const [property, schema] of Object.entries(properties)) {
        expect(schema.description, `${name}.${property}`).toBe(declared[property]!.description);
        if (declared[property]!.$ref !== undefined) expect(schema.allOf, `${name}.${property}`).toEqual([{ $ref: String(declared[property]!.$ref).replace('#/components/schemas/', '#/definitions/') }]);
      }
    }
    expect(JSON.stringify(schema)).not.toContain('#/components/');
  });

  it('lets fields no source documents through, as the contract does', () => {
    const definition = vendor();
    definition.console = { nodes: [] };
    definition.states[0]!.branches = [];
    expect(validate(definition), JSON.stringify(validate.errors)).toBe(true);
  });
});
