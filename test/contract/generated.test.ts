// The generated TypeScript is never edited by hand and never stale.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adminTypesFile, flowSchemaPath, generateAdminTypes, generateFlowDefinitionSchema, generateOperations, openapiTypescriptFlags, operationsFile } from '../../scripts/generate.ts';
import { bin } from '../../scripts/paths.ts';
import { run } from '../../scripts/run.ts';

describe('generated TypeScript', () => {
  it('generated/schema.d.ts matches openapi/ (openapi-typescript --check)', () => {
    const { status, stdout, stderr } = run(bin('openapi-typescript'), [...openapiTypescriptFlags, '--check']);
    expect(status, `generated/schema.d.ts is stale: run \`npm run generate\` and commit the result\n${stdout}${stderr}`).toBe(0);
  });

  it('generated/operations.ts matches the bundle', () => {
    const stale = readFileSync(operationsFile, 'utf8') !== generateOperations();
    expect(stale, 'generated/operations.ts is stale: run `npm run generate` and commit the result').toBe(false);
  });

  it('generated/flow-definition.schema.json matches the bundle', () => {
    const stale = readFileSync(flowSchemaPath, 'utf8') !== generateFlowDefinitionSchema();
    expect(stale, 'generated/flow-definition.schema.json is stale: run `npm run generate` and commit the result').toBe(false);
  });

  it('emulator/src/generated/admin-api.ts matches openapi/emulator.yaml', async () => {
    const stale = readFileSync(adminTypesFile, 'utf8') !== (await generateAdminTypes());
    expect(stale, 'emulator/src/generated/admin-api.ts is stale: run `npm run generate` and commit the result').toBe(false);
  });
});
