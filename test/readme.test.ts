// The README's client example runs as written against the mock. Two things change before it runs:
// the package name resolves to this checkout's source, and the mock's fixed URL becomes the test mock's.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, inject, it, vi } from 'vitest';
import { root } from '../scripts/paths.ts';

function readmeExample(name: string): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const match = readme.match(new RegExp(`<!-- readme-example: ${name} -->\\s*\`\`\`ts\\n([\\s\\S]*?)\`\`\``));
  if (!match) throw new Error(`README.md has no example marked <!-- readme-example: ${name} -->`);
  return match[1]!;
}

describe('README', () => {
  it('the client example runs as written against the mock', async () => {
    const source = readmeExample('client');
    expect(source).toContain("from 'functiongraph-workflow-api'");
    expect(source).toContain("'http://127.0.0.1:4010'");
    const runnable = source
      .replace("from 'functiongraph-workflow-api'", `from ${JSON.stringify(pathToFileURL(join(root, 'src', 'index.ts')).href)}`)
      .replace("'http://127.0.0.1:4010'", JSON.stringify(inject('mockUrl')));
    const dir = join(root, 'test', 'artifacts');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'readme-client-example.ts');
    writeFileSync(file, runnable);

    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await import(/* @vite-ignore */ pathToFileURL(file).href);
      // The mock gives every answer a fresh request ID.
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/^started execution 48aff955-ea10-4ffd-b426-190bc192dc14 \(request [0-9a-f]{32}\)$/));
      expect(error).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });
});
