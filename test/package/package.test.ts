// The package as people install it: packed with `npm pack`, linted by publint and attw, installed into
// a fresh project, compiled by a strict TypeScript consumer (NodeNext and Bundler, without Node's
// types), run on Node against the mock (the Node.js entry too), required from CommonJS, and its bundled
// description read. Runs on the pinned Node and on Node 20, the oldest line the package supports.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { bin, root } from '../../scripts/paths.ts';
import { run, runOrThrow } from '../../scripts/run.ts';
import { findNode20, pinnedNode } from '../helpers/node-versions.ts';
import { packedPackage, type Packed } from '../helpers/packed-package.ts';

let packed: Packed;
let tarball: string;
/** The installed project, shared with other tests. */
let project: string;
/** This file's own folder inside it. */
let consumer: string;

const consumerSource = `
import { createWorkflowClient, WorkflowApiError, type OperationResult } from 'functiongraph-workflow-api';
import type { components } from 'functiongraph-workflow-api/schema';

export async function run(endpoint: string): Promise<string[]> {
  const client = createWorkflowClient({ endpoint, projectId: '0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9', auth: { token: 'token' } });
  const started: OperationResult<'startWorkflowExecution'> = await client.startWorkflowExecution({ workflowId: 'wf-1', input: { orderId: 42 } });
  const body: components['schemas']['CallbackWorkflowRequestBody'] = { result: 'success', output: { ok: true } };
  const resumed = await client.createCallbackWorkflow({ workflowId: 'wf-1', runId: 'r-1', stateId: 's-1', ...body });
  try {
    await client.startWorkflowExecution({ workflowId: 'wf-1', input: {} }, { headers: { Prefer: 'code=404' } });
  } catch (error) {
    if (error instanceof WorkflowApiError) return [started.execution_id, resumed.execution_id, String(error.status), error.code ?? ''];
  }
  throw new Error('expected a 404');
}
`;

const esmRunner = `
import { run } from './out/consumer.js';
import * as fromRoot from 'functiongraph-workflow-api';
import * as portable from 'functiongraph-workflow-api/fetch';
import * as node from 'functiongraph-workflow-api/node';
import spec from 'functiongraph-workflow-api/openapi.json' with { type: 'json' };
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
const spec30 = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('functiongraph-workflow-api/openapi-3.0.json'), 'utf8'));
// The Node.js entry: the same client, sending with node:http.
const viaNode = await node.createWorkflowClient({ endpoint: process.argv[2], projectId: 'p', auth: { token: 't' } }).startWorkflowExecution({ workflowId: 'w', input: {} });
// What each entry sends with, as a server sees it: Node's fetch says "User-Agent: node", node:http nothing.
const userAgents = [];
const server = createServer((request, response) => {
  userAgents.push(request.headers['user-agent'] ?? null);
  request.resume().on('end', () => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"execution_id":"e"}'));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const endpoint = 'http://127.0.0.1:' + server.address().port;
for (const entry of [fromRoot, portable, node]) await entry.createWorkflowClient({ endpoint, projectId: 'p', auth: { token: 't' } }).startWorkflowExecution({ workflowId: 'w', input: {} });
server.closeAllConnections();
server.close();
const resolved = { root: import.meta.resolve('functiongraph-workflow-api'), fetch: import.meta.resolve('functiongraph-workflow-api/fetch') };
console.log(JSON.stringify({
  results: await run(process.argv[2]), viaNode: viaNode.execution_id, nodeFetch: typeof node.createNodeFetch, userAgents,
  resolved: Object.fromEntries(Object.entries(resolved).map(([name, url]) => [name, url.slice(url.lastIndexOf('/dist/'))])),
  sameErrors: fromRoot.WorkflowApiError === portable.WorkflowApiError && node.WorkflowApiError === portable.WorkflowApiError,
  openapi: spec.openapi, openapi30: spec30.openapi, paths: Object.keys(spec.paths),
}));
`;

const cjsRunner = `
const api = require('functiongraph-workflow-api');
const portable = require('functiongraph-workflow-api/fetch');
const node = require('functiongraph-workflow-api/node');
const spec = require('functiongraph-workflow-api/openapi.json');
const client = api.createWorkflowClient({ endpoint: process.argv[2], projectId: 'p', auth: { token: 't' } });
client.startWorkflowExecution({ workflowId: 'w', input: {} }).then((result) => {
  console.log(JSON.stringify({ createWorkflowClient: typeof api.createWorkflowClient, signRequest: typeof api.signRequest, createNodeFetch: typeof node.createNodeFetch, rootIsNodeEntry: api.createWorkflowClient === node.createWorkflowClient, fetchIsPortable: typeof portable.createNodeFetch, execution_id: result.execution_id, openapi: spec.openapi }));
});
`;

function tsconfig(moduleResolution: 'NodeNext' | 'Bundler') {
  return {
    compilerOptions: {
      strict: true,
      target: 'ES2022',
      lib: ['ES2022', 'DOM'],
      types: [],
      module: moduleResolution === 'NodeNext' ? 'NodeNext' : 'ESNext',
      moduleResolution,
      skipLibCheck: false,
      ...(moduleResolution === 'NodeNext' ? { outDir: 'out' } : { noEmit: true }),
    },
    files: ['consumer.ts'],
  };
}

beforeAll(async () => {
  ({ packed, tarball, project } = await packedPackage());
  consumer = join(project, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'consumer.ts'), consumerSource);
  writeFileSync(join(consumer, 'run.mjs'), esmRunner);
  writeFileSync(join(consumer, 'run.cjs'), cjsRunner);
}, 180_000);

describe('the npm package', () => {
  it('ships the client, its types, the generated schema and the descriptions, and nothing else', () => {
    const paths = packed.files.map((f) => f.path);
    for (const expected of ['dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/index.d.ts.map', 'dist/node/index.js', 'dist/node/index.d.ts', 'node/index.ts', 'dist/generated/schema.d.ts', 'generated/openapi.json', 'generated/openapi.yaml', 'generated/openapi-3.0.json', 'generated/openapi-3.0.yaml', 'README.md', 'LICENSE']) {
      expect(paths).toContain(expected);
    }
    for (const path of paths) expect(path).toMatch(/^(dist\/(src|node|generated)\/|src\/|node\/|generated\/|README\.md$|LICENSE$|package\.json$)/);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies)).toEqual(['openapi-fetch']);
    // Installing it brings none of the tools: not the browser, not the second Node.
    const installed = Object.keys(JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')).packages);
    expect(installed).toContain('node_modules/openapi-fetch');
    for (const tool of Object.keys(pkg.devDependencies)) expect(installed).not.toContain(`node_modules/${tool}`);
  });

  it('publint finds no problem', () => {
    const { status, stdout, stderr } = run(bin('publint'), ['--strict']);
    expect(status, stdout + stderr).toBe(0);
    expect(stdout).toContain('All good');
  });

  it('attw finds no problem (esm-only profile: require() of ESM works from Node 20.19, proven below)', () => {
    // The YAML files are exported for tooling that reads them; they are not modules to resolve.
    const { status, stdout, stderr } = run(bin('attw'), [tarball, '--profile', 'esm-only', '--exclude-entrypoints', './openapi.yaml', './openapi-3.0.yaml']);
    expect(status, stdout + stderr).toBe(0);
    // The profile leaves out node10 and node16-from-CJS; any problem it still prints must be one of those.
    const problems = stdout.split('\n').filter((line) => /⚠️|💀|❌|🐛|🥴|🎭|❗|🚭|🕵/u.test(line));
    expect(problems.filter((line) => !line.includes('(ignored'))).toEqual([]);
    expect(stdout).toMatch(/"functiongraph-workflow-api"\s+node16 \(from ESM\): 🟢 \(ESM\)\s+bundler: 🟢/u);
  });

  it.each(['NodeNext', 'Bundler'] as const)('a strict TypeScript consumer compiles with moduleResolution %s', (resolution) => {
    writeFileSync(join(consumer, `tsconfig.${resolution}.json`), JSON.stringify(tsconfig(resolution)));
    const { status, stdout, stderr } = run(bin('tsc'), ['-p', join(consumer, `tsconfig.${resolution}.json`)]);
    expect(status, stdout + stderr).toBe(0);
  });

  it.each([
    ['NodeNext', 'functiongraph-workflow-api', 'the Node.js entry'],
    ['Bundler', 'functiongraph-workflow-api/fetch', 'the portable entry, which Deno, Bun and browsers load'],
  ] as const)("the root's types under %s are what %s exports at run time (%s)", (resolution, runtimeEntry, _entry) => {
    // What the entry exports at run time, as Node loads it.
    const script = `console.log(JSON.stringify(Object.keys(await import(${JSON.stringify(runtimeEntry)}))))`;
    const names = JSON.parse(execFileSync(pinnedNode.path, ['--input-type=module', '-e', script], { cwd: consumer, encoding: 'utf8' }).trim()) as string[];
    expect(names).toContain('createWorkflowClient');
    if (resolution === 'NodeNext') expect(names).toContain('createNodeFetch');
    else expect(names).not.toContain('createNodeFetch');
    // Every value the types declare must be named, and nothing else: a missing or an excess key fails to compile.
    const check = `import * as root from 'functiongraph-workflow-api';\nexport const exported = { ${names.map((name) => `${JSON.stringify(name)}: true`).join(', ')} } satisfies Record<keyof typeof root, true>;\n`;
    const file = `exports-${resolution}.ts`;
    writeFileSync(join(consumer, file), check);
    const config = { ...tsconfig(resolution), files: [file] };
    config.compilerOptions = { ...config.compilerOptions, noEmit: true } as typeof config.compilerOptions;
    writeFileSync(join(consumer, `tsconfig.exports-${resolution}.json`), JSON.stringify(config));
    const { status, stdout, stderr } = run(bin('tsc'), ['-p', join(consumer, `tsconfig.exports-${resolution}.json`)]);
    expect(status, stdout + stderr).toBe(0);
  });

  const nodes = () => [pinnedNode, findNode20()];

  it('runs on Node against the mock and reads the bundled descriptions (pinned Node and Node 20)', () => {
    runOrThrow(bin('tsc'), ['-p', join(consumer, 'tsconfig.NodeNext.json')]);
    for (const node of nodes()) {
      const output = execFileSync(node.path, [join(consumer, 'run.mjs'), inject('mockUrl')], { cwd: consumer, encoding: 'utf8' });
      expect(JSON.parse(output), `on ${node.version}`).toEqual({
        results: ['48aff955-ea10-4ffd-b426-190bc192dc14', '48aff955-ea10-4ffd-b426-190bc192dc13', '404', 'FGS.5002'],
        viaNode: '48aff955-ea10-4ffd-b426-190bc192dc14',
        nodeFetch: 'function',
        // In Node.js the package's root is the Node.js entry (node:http); …/fetch is the portable one.
        userAgents: [null, 'node', null],
        resolved: { root: '/dist/node/index.js', fetch: '/dist/src/index.js' },
        sameErrors: true,
        openapi: '3.1.0',
        openapi30: '3.0.3',
        // The installed description has every path of this checkout's bundle.
        paths: Object.keys(JSON.parse(readFileSync(join(root, 'generated', 'openapi.json'), 'utf8')).paths),
      });
    }
  });

  it('can be required from CommonJS (pinned Node and Node 20)', () => {
    for (const node of nodes()) {
      const output = execFileSync(node.path, [join(consumer, 'run.cjs'), inject('mockUrl')], { cwd: consumer, encoding: 'utf8' });
      expect(JSON.parse(output.trim().split('\n').at(-1)!), `on ${node.version}`).toEqual({
        createWorkflowClient: 'function',
        signRequest: 'function',
        createNodeFetch: 'function',
        rootIsNodeEntry: true,
        fetchIsPortable: 'undefined',
        execution_id: '48aff955-ea10-4ffd-b426-190bc192dc14',
        openapi: '3.1.0',
      });
    }
  });
});
