import { describe, expect, it } from 'vitest';
import { apiName, bin } from '../../scripts/paths.ts';
import { run } from '../../scripts/run.ts';

describe('redocly lint', () => {
  it('passes with no error and no warning', () => {
    const { status, stdout, stderr } = run(bin('redocly'), ['lint', apiName, '--format', 'stylish']);
    const output = stdout + stderr;
    expect(status, output).toBe(0);
    expect(output).not.toMatch(/warning/i);
    expect(output).toMatch(/valid/i);
  });
});
