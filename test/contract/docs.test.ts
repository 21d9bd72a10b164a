import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildDocs } from '../../scripts/docs.ts';
import { root } from '../../scripts/paths.ts';
import { loadBundle, operations } from '../helpers/contract.ts';

describe('HTML docs build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fgs-docs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds a self-contained page that names every operation', () => {
    const file = join(dir, 'index.html');
    buildDocs(file);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<title>FunctionGraph flows API</title>');
    const ops = operations(loadBundle());
    expect(ops).toHaveLength(15);
    for (const op of ops) {
      expect(html).toContain(String(op.operation.summary));
      expect(html).toContain(op.operationId);
    }
    // Redoc is inlined, so the page needs no CDN.
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).not.toMatch(/import\s*\{[^}]*\}\s*from\s*"https?:/);

    // The emulator's own endpoints, beside it: every operation of openapi/emulator.yaml.
    const emulator = readFileSync(join(dir, 'emulator.html'), 'utf8');
    const described = parse(readFileSync(join(root, 'openapi', 'emulator.yaml'), 'utf8')) as { paths: Record<string, Record<string, { operationId: string; summary: string }>> };
    const endpoints = Object.values(described.paths).flatMap((item) => Object.values(item));
    expect(endpoints).toHaveLength(7);
    for (const { operationId, summary } of endpoints) {
      expect(emulator).toContain(operationId);
      expect(emulator).toContain(summary);
    }
    expect(emulator).not.toMatch(/<script[^>]+src="https?:/);
  });
});
