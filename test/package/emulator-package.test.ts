// The emulator package as people install it: both packages packed with `npm pack`, installed into a
// fresh project beside Vitest, and that project's own suite run (the emulator guide's worked example, and an
// emulator per test file) on the lowest Node.js the emulator's engines allow and on the pinned one.
// Also: its bin as npx runs it, an older Node refused with the version it needs, and nothing left
// running or open once close() has resolved.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { root } from '../../scripts/paths.ts';
import { runOrThrow } from '../../scripts/run.ts';
import { findLowestEmulatorNode, findNode20, pinnedNode, type NodeBinary } from '../helpers/node-versions.ts';
import { npmPack, packedPackage, type Packed } from '../helpers/packed-package.ts';
import { docExampleFiles } from '../helpers/doc-examples.ts';

const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
const emulatorManifest = JSON.parse(readFileSync(join(root, 'emulator', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

let packed: Packed;
let project: string;

/** An emulator per test file, started and closed around the file's tests. */
const perFileTest = `
import { startEmulator } from 'functiongraph-workflow-emulator';
import { createWorkflowClient } from 'functiongraph-workflow-api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { orderFlow } from './orders.js';

const projectId = '1b3d5f7a9c0e42b4d6f8a0c2e4b6d8f0';
let emulator;
beforeAll(async () => {
  emulator = await startEmulator({ timeScale: 0.001 });
});
afterAll(() => emulator.close());

it('runs a flow of its own, which waits on the clock until it is advanced', async () => {
  const client = createWorkflowClient({ endpoint: emulator.url, projectId, auth: { token: 't' } });
  const flow = orderFlow(projectId);
  flow.states.unshift({ id: 'nap', name: 'nap', type: 'Sleep', duration: 86400, end: false, transition: 'reserve', actions: [] });
  flow.start = 'nap';
  const { id: workflowId } = await client.createWorkflow(flow);
  const { execution_id: executionId } = await client.startWorkflowExecution({ workflowId, input: { sku: 'tea', quantity: 1 } });
  await expect.poll(async () => (await emulator.waits(projectId)).map((wait) => wait.kind)).toEqual(['sleep']);
  await emulator.clock.advance(86400);
  // No functions file here: every function answers with its arguments, so no callback is waited for.
  expect((await client.waitForExecution({ workflowId, executionId })).status).toBe('success');
  expect((await emulator.calls(projectId)).map((call) => call.function)).toEqual(['reserve', 'request-approval', 'ship']);
});
`;

/** Jest's per-file form: an emulator started and closed by the file itself. */
const perFileJestTest = `
import { startEmulator } from 'functiongraph-workflow-emulator';
import { createOrders } from './orders.js';

const projectId = '3d5f7a9c1e2b44d6f8a0c2e4b6d8f0a2';
let emulator;
beforeAll(async () => {
  emulator = await startEmulator({ functions: 'functions.json', timeScale: 0 });
}, 60_000);
afterAll(() => emulator.close());

it('runs an order on an emulator of its own', async () => {
  const orders = createOrders({ endpoint: emulator.url, projectId, auth: { token: 't' } });
  await orders.deploy();
  const executionId = await orders.place({ sku: 'jam', quantity: 1 });
  await orders.approve(executionId, 'Lin');
  expect(await orders.outcome(executionId)).toBe('success');
  expect((await emulator.calls(projectId)).map((call) => call.function)).toEqual(['reserve', 'request-approval', 'ship']);
});
`;

/** Starts, uses and closes an emulator, then reports what is still open; it must then exit by itself. */
const leakCheck = `
import { startEmulator } from 'functiongraph-workflow-emulator';
import { createOrders } from './orders.js';

const before = process.getActiveResourcesInfo();
const emulator = await startEmulator({ functions: 'functions.json', timeScale: 0 });
const orders = createOrders({ endpoint: emulator.url, projectId: '2c4e6a8b0d1f43c5e7a9b1d3f5c7e9a1', auth: { token: 't' } });
await orders.deploy();
const executionId = await orders.place({ sku: 'tea', quantity: 3 });
await orders.approve(executionId, 'Ada');
const outcome = await orders.outcome(executionId);
const { execSync } = await import('node:child_process');
const instances = execSync('ps -o pid= --ppid ' + emulator.pid, { encoding: 'utf8' }).split('\\n').map(Number).filter(Boolean);
await emulator.close();
await new Promise((resolve) => setImmediate(resolve));
const alive = [emulator.pid, ...instances].filter((pid) => { try { process.kill(pid, 0); return true; } catch { return false; } });
console.log(JSON.stringify({ outcome, instances: instances.length, before, after: process.getActiveResourcesInfo(), alive }));
`;

/** Runs a command to its end without blocking this worker, so that the tests on each Node run at once. */
function runAsync(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  return new Promise((resolve) =>
    child.once('close', (status, signal) => {
      clearTimeout(killer);
      resolve({ status, signal, stdout, stderr });
    }),
  );
}

beforeAll(async () => {
  const client = await packedPackage();
  const dir = inject('packageDir');
  packed = npmPack(dir, ['--workspace', 'emulator']);
  console.log(`emulator package: ${packed.filename}, ${(packed.size / 1024).toFixed(1)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(1)} KiB unpacked, ${packed.entryCount} files`);

  project = join(dir, 'emulator-consumer');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'orders-service', private: true, type: 'module', scripts: { test: 'vitest run' } }, null, 2));
  // The packages under test are installed from their tarballs, with what they depend on; the test
  // runners, the repository's own (the same versions), are linked in, which saves installing some
  // 500 packages on every run.
  runOrThrow('npm', ['install', '--prefix', project, '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--save-dev', client.tarball, join(dir, packed.filename)]);
  for (const runner of ['vitest', 'jest']) symlinkSync(join(root, 'node_modules', runner), join(project, 'node_modules', runner), 'dir');
  for (const [path, text] of docExampleFiles('consumer')) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
  writeFileSync(join(project, 'per-file.test.js'), perFileTest);
  // The guide's test, as Jest runs it: Jest's globals, and the URL from its global setup's environment.
  const vitestTest = readFileSync(join(project, 'orders.test.js'), 'utf8');
  const jestTest = vitestTest.replace(/^import \{[^}]*\} from 'vitest';\n/m, '').replace("inject('emulatorUrl')", 'process.env.EMULATOR_URL');
  expect(jestTest).not.toMatch(/vitest|inject/);
  writeFileSync(join(project, 'orders.jest.js'), jestTest);
  writeFileSync(join(project, 'per-file.jest.js'), perFileJestTest);
  writeFileSync(join(project, 'leaks.mjs'), leakCheck);
}, 240_000);

describe('the emulator package', () => {
  it('ships its bin, its compiled code and the contract it serves, with its own dependencies pinned', () => {
    const files = packed.files.map((file) => file.path);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/functiongraph-workflow-emulator.js', 'dist/emulator/src/index.js', 'dist/emulator/src/index.d.ts', 'dist/emulator/src/cli/main.js', 'dist/emulator/src/functions/host.js', 'dist/generated/openapi.yaml', 'dist/generated/openapi.json']));
    // JavaScript only: Node.js strips no types under node_modules.
    expect(files.filter((file) => /(?<!\.d)\.ts$/.test(file))).toEqual([]);
    expect(files.filter((file) => file.startsWith('test/') || file.includes('/test/'))).toEqual([]);
    for (const [name, range] of Object.entries(emulatorManifest.dependencies)) expect([name, range]).toEqual([name, expect.stringMatching(/^\d+\.\d+\.\d+$/)]);
    const installed = JSON.parse(readFileSync(join(project, 'node_modules', 'functiongraph-workflow-emulator', 'package.json'), 'utf8')) as { dependencies: Record<string, string>; engines: { node: string } };
    expect(installed.dependencies).toEqual(emulatorManifest.dependencies);
    expect(installed.engines.node).toBe(`>=${findLowestEmulatorNode().version.slice(1)}`);
    // The client keeps openapi-fetch as its one runtime dependency.
    expect(JSON.parse(readFileSync(join(project, 'node_modules', 'functiongraph-workflow-api', 'package.json'), 'utf8')).dependencies).toEqual(rootManifest.dependencies);
  });

  const nodes: Array<[string, () => NodeBinary]> = [['the lowest the engines allow', findLowestEmulatorNode], ['the pinned one', () => pinnedNode]];

  it.concurrent.each(nodes)('passes the consumer\'s own Vitest suite (the guide\'s example, and an emulator per file) on Node.js %s', { timeout: 120_000 }, async (_, node) => {
    const { path, version } = node();
    const result = await runAsync(path, [join(project, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter', 'verbose'], { cwd: project, timeoutMs: 110_000, env: { ...process.env, CI: '1', NO_COLOR: '1' } });
    expect(result.status, `${version}:\n${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain('✓ orders.test.js > ships an order once a manager approves it');
    expect(result.stdout).toContain('✓ per-file.test.js > runs a flow of its own, which waits on the clock until it is advanced');
    expect(result.stdout).toMatch(/Tests\s+2 passed \(2\)/);
  });

  it.concurrent('passes the same suite under Jest (global setup and per file), with no open handle it can detect', { timeout: 120_000 }, async () => {
    const { path, version } = pinnedNode;
    const result = await runAsync(path, ['--experimental-vm-modules', join(project, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--detectOpenHandles', '--verbose'], { cwd: project, timeoutMs: 110_000, env: { ...process.env, NO_COLOR: '1' } });
    expect(result.status, `${version}:\n${result.stdout}\n${result.stderr}`).toBe(0);
    // Jest writes its report to standard error.
    expect(result.stderr).toMatch(/PASS \.?\/?orders\.jest\.js/);
    expect(result.stderr).toMatch(/PASS \.?\/?per-file\.jest\.js/);
    expect(result.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(result.stderr).not.toContain('open handle');
  });

  // On the lowest Node; on the pinned one, Jest's --detectOpenHandles above and the emulator tests' own check of close() hold it.
  it.concurrent('leaves no process, timer or open handle once close() resolves, on the lowest Node.js the engines allow', { timeout: 60_000 }, async () => {
    const { path, version } = findLowestEmulatorNode();
    // It must end on its own: anything left open would keep its event loop alive.
    const { status, signal, stdout, stderr } = await runAsync(path, ['leaks.mjs'], { cwd: project, timeoutMs: 30_000 });
    expect([status, signal], `${version} did not exit by itself:\n${stdout}\n${stderr}`).toEqual([0, null]);
    const report = JSON.parse(stdout.trim().split('\n').pop()!) as { outcome: string; instances: number; before: string[]; after: string[]; alive: number[] };
    expect(report.outcome).toBe('success');
    expect(report.instances, 'the functions ran in instances under the emulator').toBeGreaterThan(0);
    expect(report.alive).toEqual([]);
    expect(report.after).toEqual(report.before);
  });

  it.concurrent('runs as npx runs it: --help, and on --port 0 a line a script can read with the URL it chose', { timeout: 60_000 }, async () => {
    const bin = join(project, 'node_modules', '.bin', 'functiongraph-workflow-emulator');
    const help = spawnSync(bin, ['--help'], { cwd: project, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: functiongraph-workflow-emulator \[options\]/);
    expect(help.stdout).toContain('--functions');
    const typo = spawnSync(bin, ['--acces-key', 'AK'], { cwd: project, encoding: 'utf8' });
    expect([typo.status, typo.stderr]).toEqual([2, expect.stringContaining('unknown option --acces-key: did you mean --access-key?')]);

    const child = spawn(bin, ['--port', '0', '--time-scale', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let stdout = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk;
          const match = /^Listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
          // The banner after it names the console, at the same address.
          if (match && stdout.includes(`  Console   ${match[1]!}/_console/ `)) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stdout}`)));
      });
      const info = (await (await fetch(`${url}/_emulator/info`)).json()) as { version: string };
      expect(info.version).toBe(rootManifest.version);
      // The console comes in the package, built: its page and the script the page names.
      const page = await fetch(`${url}/_console/`);
      expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      const script = /<script type="module" crossorigin src="\.\/(assets\/[^"]+\.js)"><\/script>/.exec(await page.text())?.[1];
      expect(script, 'the console\'s page names its script').toBeDefined();
      expect((await fetch(`${url}/_console/${script}`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('refuses an older Node.js at start, naming the version it needs', () => {
    const old = findNode20();
    const result = spawnSync(old.path, [join(project, 'node_modules', 'functiongraph-workflow-emulator', 'bin', 'functiongraph-workflow-emulator.js'), '--port', '0'], { cwd: project, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`functiongraph-workflow-emulator: Node.js ${findLowestEmulatorNode().version.slice(1)} or later is needed (Prism's engine and node:sqlite); this is Node.js ${old.version.slice(1)}. Run it with a newer Node.js.`);
  });
});
