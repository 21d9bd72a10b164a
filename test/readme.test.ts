// The README's examples hold. The client example runs as written against the mock (the package name
// resolves to this checkout's source, and the mock's fixed URL becomes the test mock's); the refused
// signature shown to other language teams is what the gateway's verifier computes for that request.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, inject, it, vi } from 'vitest';
import { canonicalForm, parseSdkDate, verifySignature } from '../emulator/src/gateway/aksk-verifier.ts';
import { gatewayErrors } from '../emulator/src/gateway/gateway-errors.ts';
import { startMock } from '../emulator/src/mock.ts';
import { spawnEmulator } from '../emulator/src/process.ts';
import { root } from '../scripts/paths.ts';
import { readmeExample } from './helpers/readme.ts';

/** A start line, header lines and a body, as an HTTP message is written. */
function message(text: string): { start: string; headers: Array<[string, string]>; body: string } {
  const [head = '', body = ''] = text.split(/\n\n/, 2);
  const [start = '', ...lines] = head.split('\n');
  return { start, headers: lines.map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()] as [string, string]), body: body.trim() };
}

/**
 * Runs a README example as written against the test mock: the package name resolves to this checkout's
 * source and the mock's fixed URL becomes the test mock's. Returns what it logged; it must log no error.
 */
async function runExample(name: string, url: string = inject('mockUrl')): Promise<unknown[][]> {
  const source = readmeExample(name);
  expect(source).toContain("from 'functiongraph-workflow-api'");
  expect(source).toContain("'http://127.0.0.1:4010'");
  const runnable = source
    .replace("from 'functiongraph-workflow-api'", `from ${JSON.stringify(pathToFileURL(join(root, 'src', 'index.ts')).href)}`)
    .replace("'http://127.0.0.1:4010'", JSON.stringify(url));
  const dir = join(root, 'test', 'artifacts');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `readme-${name}-example.ts`);
  writeFileSync(file, runnable);

  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    await import(/* @vite-ignore */ pathToFileURL(file).href);
    expect(error).not.toHaveBeenCalled();
    return log.mock.calls;
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('README', () => {
  it('the client example runs as written against the mock', async () => {
    // The mock gives every answer a fresh request ID.
    expect(await runExample('client')).toEqual([
      [expect.stringMatching(/^started execution 48aff955-ea10-4ffd-b426-190bc192dc14 \(request [0-9a-f]{32}\)$/)],
      ['node reserve-stock waits for a callback'],
    ]);
  });

  it('the emulator example runs as written against the emulator, with the README\'s scenarios file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readme-emulator-'));
    const scenarios = join(dir, 'scenarios.json');
    writeFileSync(scenarios, readmeExample('scenarios', 'json'));
    const emulator = await startMock({ port: 0, logLevel: 'silent', timeScale: 0, scenarios });
    try {
      expect(await runExample('emulator', emulator.url)).toEqual([
        ['success', '{"approved":true}'],
        ['reserve: fail, success; ask: success'],
      ]);
      const { calls } = (await (await fetch(`${emulator.url}/_emulator/projects/0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9/calls`)).json()) as { calls: Array<{ function: string; input: unknown }> };
      expect(calls.map((call) => [call.function, call.input])).toEqual([
        ['reserve', { order: 42 }],
        ['reserve', { order: 42 }],
        ['ask-manager', { reserved: true }],
      ]);
    } finally {
      await emulator.stop();
    }
  });

  it('the wait example starts an execution, waits for it and reads its output, as written against the mock', async () => {
    // The mock answers the documented succeeded execution; its output is what the example prints.
    expect(await runExample('wait')).toEqual([['output:', '{"orderId":42,"shipped":true}']]);
  });

  it('the define example validates a definition, creates the flow, starts it and waits for it, as written against the mock', async () => {
    // The mock answers the documented created flow, started execution and succeeded execution.
    expect(await runExample('define')).toEqual([
      ['flow order-flow (urn:fss:cn-north-4:0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9:workflow:default:order-flow:latest): execution 48aff955-ea10-4ffd-b426-190bc192dc14 ended success'],
    ]);
  });

  it('the refused signature for other language teams is what the gateway computes for that request', () => {
    const [requestText, answerText] = readmeExample('refused-signature', 'http').split(/\n(?=HTTP\/1\.1 )/) as [string, string];
    const request = message(requestText);
    const answer = message(answerText);
    const [method, target] = request.start.split(' ') as [string, string];
    const received = { method, target, headers: request.headers, body: new TextEncoder().encode(request.body) };
    const header = (name: string) => answer.headers.find(([n]) => n === name)?.[1] ?? '';
    const sent = (name: string) => request.headers.find(([n]) => n === name)?.[1] ?? '';

    const at = new Date(parseSdkDate(sent('X-Sdk-Date'))!);
    const verdict = verifySignature(received, (ak) => (ak === 'HPUAEXAMPLEACCESSKEY' ? { secretKey: 'example-secret-key' } : undefined), at);
    expect(verdict).toMatchObject({ ok: false, failure: 'mismatch' });
    const computed = canonicalForm(received, 'content-type;host;x-sdk-date');
    expect(JSON.parse(`"${header('X-Mock-Canonical-Request')}"`)).toBe(computed.canonicalRequest);
    expect(JSON.parse(`"${header('X-Mock-String-To-Sign')}"`)).toBe(computed.stringToSign);
    expect(header('X-Mock-Reason')).toBe(verdict.ok ? '' : verdict.reason);
    expect(JSON.parse(answer.body)).toEqual({ error_code: 'APIGW.0301', error_msg: gatewayErrors.signatureInvalid.message, request_id: header('X-Request-Id') });

    // The story holds: the signature shown is what a signer that drops the canonical URI's final "/" computes.
    const withoutSlash = computed.canonicalRequest.replace('/executions/\n', '/executions\n');
    const stringToSign = `SDK-HMAC-SHA256\n${sent('X-Sdk-Date')}\n${createHash('sha256').update(withoutSlash).digest('hex')}`;
    expect(sent('Authorization')).toContain(`Signature=${createHmac('sha256', 'example-secret-key').update(stringToSign).digest('hex')}`);
  });

  it('the curl walkthrough for other language teams prints what it says, command by command, against the emulator it starts', { timeout: 60_000 }, async () => {
    for (const tool of ['curl', 'jq']) {
      const found = spawnSync(tool, ['--version'], { encoding: 'utf8' });
      expect(found.status, `the walkthrough runs ${tool}: install it (Debian: apt-get install ${tool})`).toBe(0);
    }
    const dir = mkdtempSync(join(tmpdir(), 'readme-curl-'));
    for (const file of ['scenarios.json', 'flow.json']) writeFileSync(join(dir, file), readmeExample(`curl/${file}`, 'json'));
    // The emulator as the README starts it, on a free port instead of 4010.
    const start = readmeExample('curl/start', 'sh').trim().split(/\s+/);
    expect(start.slice(0, 2)).toEqual(['npx', 'functiongraph-workflow-emulator']);
    const args = start.slice(2);
    args.splice(args.indexOf('--port'), 2);
    const emulator = await spawnEmulator(args.map((arg) => (arg.endsWith('.json') ? join(dir, arg) : arg)));
    try {
      const steps = [...readmeExample('curl/session', 'sh').matchAll(/^\$ (.*)\n((?:(?!\$ ).*\n)*)/gm), ...readmeExample('curl/extras', 'sh').matchAll(/^\$ (.*)\n((?:(?!\$ ).*\n)*)/gm)].map(
        ([, command, printed]) => ({ command: command!.replaceAll('http://127.0.0.1:4010', emulator.url), printed: printed! }),
      );
      expect(steps.length).toBeGreaterThan(8);
      // One shell for the whole session, so that its variables carry from command to command.
      const script = steps.map(({ command }, i) => `echo '@@@ ${i}'\n${command}`).join('\n');
      const result = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      expect(result.status, result.stderr).toBe(0);
      const outputs = result.stdout.split(/^@@@ \d+\n/m).slice(1);
      // IDs differ on every run.
      const normal = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>').trim();
      expect(steps.map(({ command, printed }) => [command, normal(printed)])).toEqual(steps.map(({ command }, i) => [command, normal(outputs[i] ?? '')]));
    } finally {
      await emulator.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
