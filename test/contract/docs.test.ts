import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocs } from '../../scripts/docs.ts';
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
  });
});
