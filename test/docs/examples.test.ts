// The documentation's examples hold, wherever they are (the README, docs/, CONTRIBUTING.md). The
// programs run as written against the mock or the emulator (the package name resolves to this
// checkout's source, and the fixed URL becomes the test server's); the refused signature shown to other
// language teams is what the gateway's verifier computes for that request; the curl walkthrough prints
// what it says; and every TypeScript block, fragments too, compiles under the project's strict settings.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, inject, it, vi } from 'vitest';
import { canonicalForm, parseSdkDate, verifySignature } from '../../emulator/src/gateway/aksk-verifier.ts';
import { gatewayErrors } from '../../emulator/src/gateway/gateway-errors.ts';
import { startMock } from '../../emulator/src/mock.ts';
import { spawnEmulator } from '../../emulator/src/process.ts';
import { root } from '../../scripts/paths.ts';
import { docExample, documentationBlocks } from '../helpers/doc-examples.ts';

/** A start line, header lines and a body, as an HTTP message is written. */
function message(text: string): { start: string; headers: Array<[string, string]>; body: string } {
  const [head = '', body = ''] = text.split(/\n\n/, 2);
  const [start = '', ...lines] = head.split('\n');
  return { start, headers: lines.map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()] as [string, string]), body: body.trim() };
}

/**
 * Runs an example as written against the test mock: the package name resolves to this checkout's
 * source and the mock's fixed URL becomes the test mock's. Returns what it logged; it must log no error.
 */
async function runExample(name: string, url: string = inject('mockUrl')): Promise<unknown[][]> {
  const source = docExample(name);
  expect(source).toContain("from 'functiongraph-workflow-api'");
  expect(source).toContain("'http://127.0.0.1:4010'");
  const runnable = source
    .replace("from 'functiongraph-workflow-api'", `from ${JSON.stringify(pathToFileURL(join(root, 'src', 'index.ts')).href)}`)
    .replace("'http://127.0.0.1:4010'", JSON.stringify(url));
  const dir = join(root, 'test', 'artifacts');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `example-${name.replaceAll('/', '-')}.ts`);
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

describe('the documentation\'s examples', () => {

  it('the client example runs as written against the mock', async () => {
    // The mock gives every answer a fresh request ID.
    expect(await runExample('client')).toEqual([
      [expect.stringMatching(/^started execution 48aff955-ea10-4ffd-b426-190bc192dc14 \(request [0-9a-f]{32}\)$/)],
      ['node reserve-stock waits for a callback'],
    ]);
  });

  it('the README\'s first example creates a flow, starts it and waits for it, and the emulator guide\'s runs with its scenarios file, both as written against the emulator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readme-emulator-'));
    const scenarios = join(dir, 'scenarios.json');
    writeFileSync(scenarios, docExample('scenarios', 'json'));
    const emulator = await startMock({ port: 0, logLevel: 'silent', timeScale: 0, scenarios });
    try {
      expect(await runExample('readme/start', emulator.url)).toEqual([['success', '{"who":"Ada"}']]);
      // Both use the same project: the second starts from an empty one.
      expect((await fetch(`${emulator.url}/_emulator/projects/0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9`, { method: 'DELETE' })).status).toBe(200);
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
    const [requestText, answerText] = docExample('refused-signature', 'http').split(/\n(?=HTTP\/1\.1 )/) as [string, string];
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
    for (const file of ['scenarios.json', 'flow.json']) writeFileSync(join(dir, file), docExample(`curl/${file}`, 'json'));
    // The emulator as the README starts it, on a free port instead of 4010.
    const start = docExample('curl/start', 'sh').trim().split(/\s+/);
    expect(start.slice(0, 2)).toEqual(['npx', 'functiongraph-workflow-emulator']);
    const args = start.slice(2);
    args.splice(args.indexOf('--port'), 2);
    const emulator = await spawnEmulator(args.map((arg) => (arg.endsWith('.json') ? join(dir, arg) : arg)));
    try {
      const steps = [...docExample('curl/session', 'sh').matchAll(/^\$ (.*)\n((?:(?!\$ ).*\n)*)/gm), ...docExample('curl/extras', 'sh').matchAll(/^\$ (.*)\n((?:(?!\$ ).*\n)*)/gm)].map(
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

/** tsconfig.json's compilerOptions (the file has comments, which JSON.parse refuses). */
function projectCompilerOptions(): Record<string, unknown> {
  return (JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { compilerOptions: Record<string, unknown> }).compilerOptions;
}

/** Every example a test here or in test/package/ runs; a marked example no test runs is a mistake. */
const examplesRun = [
  'client', 'wait', 'define', 'emulator', 'scenarios', 'refused-signature', 'readme/start',
  'curl/start', 'curl/scenarios.json', 'curl/flow.json', 'curl/session', 'curl/extras',
  // Compiled only, with the names they assume (below): fragments of a program.
  'readme/callback', 'readme/emulator-test',
];

describe('the documentation\'s code', () => {
  it('marks only examples that a test runs, each name once', () => {
    const names = documentationBlocks().flatMap((block) => (block.name ? [block.name] : []));
    expect(names.length, 'each name once').toBe(new Set(names).size);
    // The consumer project's files run in test/package/emulator-package.test.ts.
    expect(names.filter((name) => !name.startsWith('consumer/')).sort()).toEqual([...examplesRun].sort());
  });

  it('compiles: every TypeScript block of the README, the guides and CONTRIBUTING.md, under the project\'s strict settings', () => {
    const blocks = documentationBlocks().filter((block) => block.language === 'ts');
    expect(blocks.length).toBeGreaterThan(15);
    mkdirSync(join(root, 'test', 'artifacts'), { recursive: true });
    const dir = mkdtempSync(join(root, 'test', 'artifacts', 'doc-types-'));
    try {
      // A fragment uses names a whole program would have declared before it; here they are declared
      // with their types. A block that declares one itself shadows it.
      writeFileSync(join(dir, 'assumed.d.ts'), `import type { WorkflowAuth, WorkflowClient } from 'functiongraph-workflow-api';
declare global {
  const client: WorkflowClient;
  const createWorkflowClient: typeof import('functiongraph-workflow-api').createWorkflowClient;
  const pendingCallbacks: typeof import('functiongraph-workflow-api').pendingCallbacks;
  const projectId: string, token: string, workflowId: string, executionId: string, runId: string, stateId: string;
  const auth: WorkflowAuth, accessKey: string, secretKey: string;
  const url: string, headers: Record<string, string>, body: string, signal: AbortSignal;
  const tokenCache: { current(): string };
  /** The service under test in the README's test. */
  function shipOrder(options: { endpoint: string; orderId: number }): Promise<boolean>;
}
export {};
`);
      const files = blocks.map((block) => {
        const name = `${block.file.replace(/[/.]/g, '-')}-line-${block.line}.ts`;
        writeFileSync(join(dir, name), `${block.code}\nexport {};\n`);
        return name;
      });
      const at = (path: string) => [join(root, path)];
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: {
          // The project's own settings, but for what a user's code need not follow: type-only imports
          // may leave out `type`, and enums or namespaces are theirs to use.
          ...projectCompilerOptions(),
          verbatimModuleSyntax: false,
          erasableSyntaxOnly: false,
          // As the packages resolve for their users, to this checkout's sources.
          paths: {
            'functiongraph-workflow-api': at('node/index.ts'),
            'functiongraph-workflow-api/node': at('node/index.ts'),
            'functiongraph-workflow-api/fetch': at('src/index.ts'),
            'functiongraph-workflow-api/schema': at('generated/schema.d.ts'),
            'functiongraph-workflow-emulator': at('emulator/src/index.ts'),
          },
        },
        files: ['assumed.d.ts', ...files],
      }, null, 2));
      const tsc = spawnSync(join(root, 'node_modules', 'typescript-7', 'bin', 'tsc'), ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
      expect(tsc.status, `${tsc.stdout}${tsc.stderr}\n(each file is named for the Markdown file and the line its block starts on)`).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
