// The emulator package as people install it: both packages packed with `npm pack`, installed into a
// fresh project beside Vitest, and that project's own suite run (the README's worked example, and an
// emulator per test file) on the lowest Node.js the emulator's engines allow and on the pinned one.
// Also: its bin as npx runs it, an older Node refused with the version it needs, and nothing left
// running or open once close() has resolved.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { root } from '../../scripts/paths.ts';
import { runOrThrow } from '../../scripts/run.ts';
import { findLowestEmulatorNode, findNode20, pinnedNode, type NodeBinary } from '../helpers/node-versions.ts';
import { packedPackage, type Packed } from '../helpers/packed-package.ts';
import { readmeFiles } from '../helpers/readme.ts';

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

beforeAll(async () => {
  const client = await packedPackage();
  const dir = inject('packageDir');
  const output = runOrThrow('npm', ['pack', '--workspace', 'emulator', '--json', '--pack-destination', dir]).stdout;
  packed = (JSON.parse(output.slice(output.search(/^\[/m))) as Packed[])[0]!;
  console.log(`emulator package: ${packed.filename}, ${(packed.size / 1024).toFixed(1)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(1)} KiB unpacked, ${packed.entryCount} files`);

  project = join(dir, 'emulator-consumer');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'orders-service', private: true, type: 'module', scripts: { test: 'vitest run' } }, null, 2));
  runOrThrow('npm', [
    'install', '--prefix', project, '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--save-dev',
    client.tarball, join(dir, packed.filename), `vitest@${rootManifest.devDependencies.vitest}`,
  ]);
  for (const [path, text] of readmeFiles('consumer')) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
  writeFileSync(join(project, 'per-file.test.js'), perFileTest);
  writeFileSync(join(project, 'leaks.mjs'), leakCheck);
}, 240_000);

describe('the emulator package', () => {
  it('ships its bin, its compiled code and the contract it serves, with its own dependencies pinned', () => {
    const files = packed.files.map((file) => file.path);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'bin/functiongraph-workflow-emulator.js', 'dist/emulator/src/index.js', 'dist/emulator/src/index.d.ts', 'dist/emulator/src/cli/main.js', 'dist/emulator/src/functions/host.js', 'dist/generated/openapi.yaml', 'dist/generated/openapi.json']));
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

  it.each(nodes)('passes the consumer\'s own Vitest suite (the README\'s example, and an emulator per file) on Node.js %s', { timeout: 120_000 }, async (_, node) => {
    const { path, version } = node();
    const result = spawnSync(path, [join(project, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter', 'verbose'], { cwd: project, encoding: 'utf8', timeout: 110_000, env: { ...process.env, CI: '1', NO_COLOR: '1' } });
    expect(result.status, `${version}:\n${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain('✓ orders.test.js > ships an order once a manager approves it');
    expect(result.stdout).toContain('✓ per-file.test.js > runs a flow of its own, which waits on the clock until it is advanced');
    expect(result.stdout).toMatch(/Tests\s+2 passed \(2\)/);
  });

  it.each(nodes)('leaves no process, timer or open handle once close() resolves, on Node.js %s', { timeout: 60_000 }, async (_, node) => {
    const { path, version } = node();
    const child = spawn(path, ['leaks.mjs'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    // It must end on its own: anything left open would keep its event loop alive.
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (...args) => resolve(args)));
    clearTimeout(killer);
    expect([code, signal], `${version} did not exit by itself:\n${stdout}\n${stderr}`).toEqual([0, null]);
    const report = JSON.parse(stdout.trim().split('\n').pop()!) as { outcome: string; instances: number; before: string[]; after: string[]; alive: number[] };
    expect(report.outcome).toBe('success');
    expect(report.instances, 'the functions ran in instances under the emulator').toBeGreaterThan(0);
    expect(report.alive).toEqual([]);
    expect(report.after).toEqual(report.before);
  });

  it('runs as npx runs it: --help, and on --port 0 a line a script can read with the URL it chose', { timeout: 60_000 }, async () => {
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
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stdout}`)));
      });
      const info = (await (await fetch(`${url}/_emulator/info`)).json()) as { version: string };
      expect(info.version).toBe(rootManifest.version);
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
