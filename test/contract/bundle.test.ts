import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleContract, bundleFiles } from '../../scripts/bundle.ts';
import { generatedDir, root } from '../../scripts/paths.ts';

describe('committed bundles', () => {
  let fresh: string;
  beforeAll(() => {
    fresh = mkdtempSync(join(tmpdir(), 'fgs-bundle-'));
    bundleContract(fresh);
  });
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  it.each(bundleFiles)('generated/%s equals a fresh bundle of openapi/', (file) => {
    const committed = readFileSync(join(generatedDir, file), 'utf8');
    const rebuilt = readFileSync(join(fresh, file), 'utf8');
    expect(committed === rebuilt, `generated/${file} is stale: run \`npm run bundle\` and commit the result`).toBe(true);
  });

  it('the YAML and JSON bundles describe the same document', () => {
    const yaml = readFileSync(join(fresh, 'openapi.yaml'), 'utf8');
    const json = JSON.parse(readFileSync(join(fresh, 'openapi.json'), 'utf8'));
    expect(json.openapi).toBe('3.1.0');
    expect(yaml).toContain('openapi: 3.1.0');
    expect(Object.keys(json.paths)).toEqual([
      '/v2/{project_id}/fgs/workflows',
      '/v2/{project_id}/fgs/workflows/{workflow_id}',
      '/v2/{project_id}/fgs/workflow-statistic',
      '/v2/{project_id}/fgs/workflow-statistic/{workflow_urn}',
      '/v2/{project_id}/fgs/workflows/{workflow_id}/executions',
      '/v2/{project_id}/fgs/workflows/{workflow_id}/callback',
      '/v2/{project_id}/fgs/workflows/{workflow_id}/sync-executions',
      '/v2/{project_id}/fgs/workflows/{workflow_id}/executions/{execution_id}',
      '/v2/{project_id}/fgs/workflows/{workflow_id}/executions-history',
      '/v2/{project_id}/fgs/workflows/{workflow_id}/executions/{execution_id}/retry',
      '/v2/{project_id}/fgs/workflows/{workflow_id}/executions/{execution_id}/terminate',
    ]);
  });

  it("info.version is the package's version, so the docs and other teams' generated code say which contract they have", () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(JSON.parse(readFileSync(join(fresh, 'openapi.json'), 'utf8')).info.version).toBe(manifest.version);
  });

  it('the dereferenced bundle has no $ref left', () => {
    expect(readFileSync(join(fresh, 'openapi.dereferenced.json'), 'utf8')).not.toContain('"$ref"');
  });
});
