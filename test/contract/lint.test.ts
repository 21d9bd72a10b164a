import { describe, expect, it } from 'vitest';
import { apiName, bin, emulatorApiName } from '../../scripts/paths.ts';
import { run } from '../../scripts/run.ts';

describe('redocly lint', () => {
  it.each([apiName, emulatorApiName])('passes %s with no error and no warning', (api) => {
    const { status, stdout, stderr } = run(bin('redocly'), ['lint', api, '--format', 'stylish']);
    const output = stdout + stderr;
    expect(status, output).toBe(0);
    expect(output).not.toMatch(/warning/i);
    expect(output).toMatch(/valid/i);
  });
});
