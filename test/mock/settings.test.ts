// How the mock is configured: --port, --access-key, --secret-key, --security-token and --token, each
// also from MOCK_* variables; bad settings are refused with the option's name and never the secret; the
// banners say how to turn strict mode on; and a mock configured only by the environment, with
// temporary credentials, demands the X-Security-Token that goes with its key.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockSettingsFrom, strictModeHint } from '../../emulator/src/cli/options.ts';
import { spawnEmulator } from '../../emulator/src/process.ts';
import { mockBanner } from '../../emulator/src/cli/serve.ts';
import type { RunningMock } from '../../emulator/src/mock.ts';
import { root } from '../../scripts/paths.ts';
import { createWorkflowClient, WorkflowApiError } from '../../src/index.ts';

const secret = 'sk-do-not-print-me';

describe('settings from options and the environment', () => {
  it('nothing given (or empty variables): port 4010, lenient', () => {
    expect(mockSettingsFrom([], {})).toEqual({ port: 4010, stateless: false, timeScale: 1 });
    expect(mockSettingsFrom([], { MOCK_PORT: '', MOCK_TOKEN: '' })).toEqual({ port: 4010, stateless: false, timeScale: 1 });
  });

  it('options, else variables; an option wins over its variable', () => {
    const env = { MOCK_PORT: '5010', MOCK_ACCESS_KEY: 'AK-ENV', MOCK_SECRET_KEY: secret, MOCK_TOKEN: 'token-env' };
    expect(mockSettingsFrom([], env)).toEqual({ port: 5010, credentials: { keyPair: { accessKey: 'AK-ENV', secretKey: secret }, token: 'token-env' }, stateless: false, timeScale: 1 });
    expect(mockSettingsFrom(['--port', '6010', '--token', 'token-flag', '--security-token', 'st'], env)).toEqual({
      port: 6010,
      credentials: { keyPair: { accessKey: 'AK-ENV', secretKey: secret, securityToken: 'st' }, token: 'token-flag' },
      stateless: false,
      timeScale: 1,
    });
  });

  it('the emulator\'s options, else their variables, paths made absolute; --stateless runs none of them', () => {
    const env = { MOCK_DATA_DIR: 'from-env', MOCK_TIME_SCALE: '0.01' };
    expect(mockSettingsFrom(['--scenarios', 'scenarios.json'], env)).toEqual({
      port: 4010, stateless: false, dataDir: resolve('from-env'), scenarios: resolve('scenarios.json'), timeScale: 0.01,
    });
    expect(mockSettingsFrom(['--stateless'], {})).toEqual({ port: 4010, stateless: true, timeScale: 1 });
    expect(mockSettingsFrom([], { MOCK_STATELESS: '1' })).toMatchObject({ stateless: true });
  });

  it.each([
    [['--access-key', 'AK'], /--access-key and --secret-key together/],
    [['--secret-key', secret], /--access-key and --secret-key together/],
    [['--security-token', 'st'], /--security-token .* belongs to a key pair/],
    [['--token', ' padded'], /--token \(MOCK_TOKEN\) must be printable ASCII/],
    [['--access-key', 'AK', '--secret-key', `${secret}\n`], /--secret-key \(MOCK_SECRET_KEY\) must be printable ASCII/],
    [['--port', '70000'], /invalid port "70000" \(--port or MOCK_PORT\)/],
    [['--time-scale', 'fast'], /invalid time scale "fast" \(--time-scale or MOCK_TIME_SCALE\)/],
    [['--time-scale', '-1'], /invalid time scale "-1"/],
    [['--stateless', '--data-dir', 'x'], /--data-dir is the emulator's, and --stateless runs none/],
    [['--stateless=maybe'], /--stateless takes no value/],
    [['--acces-key', 'AK'], /unknown option --acces-key: did you mean --access-key\? The options are --port, --access-key/],
    [['--port'], /--port needs a value: a port from 0 to 65535/],
    [['strict'], /"strict" is not an option: options start with --/],
    [['--log-level', 'loud'], /invalid log level "loud" \(--log-level or MOCK_LOG_LEVEL\): give one of silent, error, warn, info, debug/],
  ])('refuses %j, naming the option', (argv, message) => {
    let error: Error | undefined;
    try {
      mockSettingsFrom(argv, {});
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain(secret);
  });

  it('npm run mock refuses bad settings before it builds anything, and exits 2', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MOCK_')));
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'mock.ts'), '--secret-key', secret], { cwd: root, encoding: 'utf8', env });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^npm run mock: give --access-key and --secret-key together/m);
    expect(run.stdout + run.stderr).not.toContain(secret);
  });
});

describe('banners', () => {
  const fake = (strict: boolean): RunningMock => ({ url: 'http://127.0.0.1:4010', strict, stop: async () => {} });

  it('lenient: says how to turn strict mode on', () => {
    const banner = mockBanner(fake(false), undefined);
    expect(banner).toContain('lenient');
    expect(banner).toContain(strictModeHint('npm run mock --'));
    expect(strictModeHint('npm start --')).toMatch(/npm start -- --access-key AK --secret-key SK .*--token TOKEN\]\n.*MOCK_ACCESS_KEY, MOCK_SECRET_KEY, MOCK_SECURITY_TOKEN, MOCK_TOKEN/s);
  });

  it('says whether the emulator keeps its state in memory or in a file, and its clock and scenarios', () => {
    const emulator = (storage: string) => mockBanner({ ...fake(false), emulator: { storage, timeScale: 0, scenarios: '/tmp/s.json', functions: undefined, recovered: { running: 2, timers: 1 } } }, undefined);
    expect(emulator('memory')).toMatch(/State\s+in memory: gone when the emulator stops/);
    const onDisk = emulator('/data/emulator.sqlite');
    expect(onDisk).toMatch(/State\s+\/data\/emulator\.sqlite \(SQLite, WAL; kept across restarts\)/);
    expect(onDisk).toMatch(/Resumed\s+2 running execution\(s\)/);
    expect(onDisk).toMatch(/Clock\s+time scale 0 \(waits end at once\)/);
    expect(onDisk).toMatch(/Scenarios\s+\/tmp\/s\.json/);
    expect(mockBanner(fake(false), undefined)).toMatch(/Mode\s+stateless/);
  });

  it('names the console on a line of its own, and says in strict mode that it signs in with the credentials', () => {
    const console = 'http://127.0.0.1:4010/_console/';
    expect(mockBanner({ ...fake(false), console }, undefined)).toMatch(/^  Console   http:\/\/127\.0\.0\.1:4010\/_console\/   \(flows drawn as graphs, executions followed node by node and acted on\)$/m);
    expect(mockBanner({ ...fake(true), console }, { token: 'token-hidden' })).toMatch(/^  Console   http:\/\/127\.0\.0\.1:4010\/_console\/ .*; it signs in with the credentials above\)$/m);
    expect(mockBanner(fake(false), undefined)).not.toContain('Console');
  });

  it('strict: names the access key, never a secret or token', () => {
    const banner = mockBanner(fake(true), { keyPair: { accessKey: 'AK-SHOWN', secretKey: secret, securityToken: 'st-hidden' }, token: 'token-hidden' });
    expect(banner).toContain('strict');
    expect(banner).toContain('AK-SHOWN');
    for (const hidden of [secret, 'st-hidden', 'token-hidden']) expect(banner).not.toContain(hidden);
  });
});

describe('the command line', () => {
  it('answers --help with the options, and starts nothing', () => {
    for (const [script, command] of [['scripts/mock.ts', 'npm run mock --'], ['emulator/src/cli/main.ts', 'functiongraph-workflow-emulator']] as const) {
      const result = spawnSync(process.execPath, [join(root, script), '--help'], { encoding: 'utf8', timeout: 30_000 });
      expect([script, result.status]).toEqual([script, 0]);
      expect(result.stdout).toContain(`Usage: ${command} [options]`);
      for (const option of ['--port', '--data-dir', '--scenarios', '--time-scale', '--stateless', '--log-level', '--access-key']) expect(result.stdout).toContain(option);
      expect(result.stdout).not.toContain('Listening on');
    }
  });

  it('prints the URL --port 0 chose on a line of its own, and one line per request at --log-level info', { timeout: 60_000 }, async () => {
    const mock = await spawnEmulator(['--log-level', 'info', '--stateless']);
    try {
      expect(mock.output()).toMatch(new RegExp(`^Listening on ${mock.url.replaceAll('.', '\\.')}$`, 'm'));
      await fetch(`${mock.url}/v2/p/fgs/workflows/w/executions`, { method: 'POST' });
      await expect.poll(() => mock.output()).toMatch(/^POST \/v2\/p\/fgs\/workflows\/w\/executions 401 [\d.]+ ms [0-9a-f]{32}$/m);
      // Prism's own lines only from --log-level debug.
      expect(mock.output()).not.toMatch(/\[HTTP SERVER\]/);
    } finally {
      await mock.stop();
    }
  });
});

describe('a mock configured only by the environment, with temporary credentials', () => {
  it('accepts the key with its X-Security-Token, and refuses it without', { timeout: 120_000 }, async () => {
    const credentials = { accessKey: 'HPUATEMPORARYKEY0001', secretKey: secret, securityToken: 'st-temporary-token' };
    const mock = await spawnEmulator(['--stateless'], { env: { MOCK_ACCESS_KEY: credentials.accessKey, MOCK_SECRET_KEY: credentials.secretKey, MOCK_SECURITY_TOKEN: credentials.securityToken } });
    try {
      expect(mock.strict).toBe(true);
      const call = (auth: Parameters<typeof createWorkflowClient>[0]['auth']) =>
        createWorkflowClient({ endpoint: mock.url, projectId: 'p', auth }).startWorkflowExecution({ workflowId: 'w', input: {} });
      expect((await call(credentials)).execution_id).toMatch(/^48aff955-/);
      const error = await call({ accessKey: credentials.accessKey, secretKey: credentials.secretKey }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowApiError);
      expect([(error as WorkflowApiError).status, (error as WorkflowApiError).code]).toEqual([401, 'APIGW.0301']);
      expect((error as WorkflowApiError).headers.get('X-Mock-Reason')).toContain('temporary credentials');
    } finally {
      await mock.stop();
    }
  });
});
