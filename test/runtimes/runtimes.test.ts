// The client in every runtime the client's guide names: one scenario (scenario.mjs) run by the pinned Node 24,
// Node 20, Deno, Bun and a headless Chromium, each importing the packed package the way its users do,
// against a server that checks what arrives (api-server.ts). Node, Deno and Bun resolve the package
// through its `exports` in a project's node_modules; the browser through an import map built from the
// same `exports`, on a page served from another origin than the API, which answers CORS.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/paths.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { startServer, type Handler } from '../helpers/http-server.ts';
import { findNode20, pinnedNode, pinnedVersions } from '../helpers/node-versions.ts';
import { packedPackage } from '../helpers/packed-package.ts';
import { startApiServer, unexposedPrefix, type ApiServer, type Fixture } from './api-server.ts';
import { locateBun, locateDeno } from './deno-and-bun.ts';

const fixture: Fixture = {
  projectId: '0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9',
  token: 'token-for-the-scenario',
  aksk: { accessKey: 'AKSCENARIO0000000001', secretKey: 'secret-key-of-the-scenario', securityToken: 'temporary-credentials-token' },
  workflows: {
    token: 'flow-token',
    // A space, a slash and non-ASCII text: the path is percent-encoded before it is signed.
    signed: 'signed flow/ü',
    missing: 'flow-that-does-not-exist',
    timeout: 'flow-that-never-answers',
    abort: 'flow-the-caller-abandons',
  },
};
const input = { orderId: 42, note: 'Grüße ✓' };
const workflowUrns = ['urn:fss:cn-north-4:0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9:workflow:default:order-flow:latest', 'urn:fss:cn-north-4:0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9:workflow:default:订单:latest'];
const timeoutMs = 500;

/** What scenario.mjs reads. */
interface ScenarioConfig {
  endpoint: string;
  unexposedEndpoint: string;
  projectId: string;
  token: string;
  aksk: Fixture['aksk'];
  workflows: Fixture['workflows'];
  input: typeof input;
  timeoutMs: number;
  arrivedUrl: string;
  workflowUrns: string[];
}

interface Outcome {
  resolved?: { execution_id?: string; request_id?: string; success?: string[]; fail?: unknown[] };
  rejected?: { name?: string; message?: string; instanceOf: string[]; status?: number; code?: string; requestId?: string; timeoutMs?: number; isTheAbortReason?: boolean };
}

/** What scenario.mjs prints; `loadError` is the page's own report when the scenario could not load. */
interface Report {
  runtime: string;
  steps: Record<'token' | 'signed' | 'apiError' | 'timeout' | 'abort' | 'unexposed' | 'deleted' | 'deletedThroughFetch', Outcome>;
  loadError?: string;
}

interface Run {
  report: Report;
  /** The runtime the report must name. */
  expected: string;
  /** The page's origin, in a browser. */
  origin?: string;
}

interface Runtime {
  name: string;
  run(config: ScenarioConfig, api: ApiServer): Promise<Run>;
}

let project: string;
/** This file's own folder inside the installed project, holding the scenario. */
let dir: string;
let scenario: string;

beforeAll(async () => {
  ({ project } = await packedPackage());
  dir = join(project, 'runtimes');
  mkdirSync(dir);
  scenario = join(dir, 'scenario.mjs');
  copyFileSync(new URL('scenario.mjs', import.meta.url), scenario);
}, 180_000);

/** Runs the scenario file with a command-line runtime in the project, and reads its one line of JSON. */
async function runFile(command: string, args: string[], config: ScenarioConfig, env: NodeJS.ProcessEnv = {}): Promise<Report> {
  try {
    const { stdout } = await promisify(execFile)(command, [...args, scenario, JSON.stringify(config)], {
      cwd: dir, env: { ...process.env, NO_COLOR: '1', ...env }, encoding: 'utf8', timeout: 120_000,
    });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as Report;
  } catch (error) {
    const { code, signal, stdout = '', stderr = '' } = error as { code?: number | string; signal?: string; stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} could not run the scenario (${signal ?? `exit ${code}`}):\n${stderr}${stdout}`);
  }
}

const runtimes: Runtime[] = [
  {
    name: 'Node.js 24 (pinned)',
    run: async (config) => ({ report: await runFile(pinnedNode.path, [], config), expected: `Node.js ${pinnedNode.version}` }),
  },
  {
    name: 'Node.js 20',
    run: async (config) => {
      const node = findNode20();
      return { report: await runFile(node.path, [], config), expected: `Node.js ${node.version}` };
    },
  },
  {
    name: 'Deno',
    run: async (config) => {
      const deno = locateDeno();
      // Network for the test server only; modules from the project's node_modules, never from a
      // registry (a dead one is named so that any attempt fails); no lock file, cache of its own.
      const flags = ['run', '--node-modules-dir=manual', '--no-remote', '--cached-only', '--no-lock', '--no-prompt', '--allow-net=127.0.0.1'];
      const env = { DENO_DIR: join(dir, '.deno'), DENO_NO_UPDATE_CHECK: '1', NPM_CONFIG_REGISTRY: 'http://127.0.0.1:9/' };
      return { report: await runFile(deno.path, flags, config, env), expected: `Deno ${deno.version}` };
    },
  },
  {
    name: 'Bun',
    run: async (config) => {
      const bun = locateBun();
      // --no-install: the package comes from the project's node_modules, never auto-installed.
      return { report: await runFile(bun.path, ['--no-install'], config), expected: `Bun ${bun.version}` };
    },
  },
  {
    name: 'Chromium, on a page from another origin',
    run: async (config, api) => {
      const site = await startServer(scenarioPage());
      let browser: Browser | undefined;
      try {
        browser = await launchChromium();
        api.allowOrigin(site.url);
        const page = await browser.newPage();
        // The browser's own account of what went wrong, for a scenario that fails to load.
        const problems: string[] = [];
        page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
        page.on('pageerror', (error) => problems.push(error.message));
        page.on('requestfailed', (request) => problems.push(`${request.url()}: ${request.failure()?.errorText}`));
        const reported = page.waitForEvent('console', { predicate: (message) => message.type() === 'log', timeout: 120_000 });
        await page.goto(`${site.url}/?config=${encodeURIComponent(JSON.stringify(config))}`);
        const report = JSON.parse((await reported).text()) as Report;
        if (report.loadError) report.loadError += `\n${problems.join('\n')}`;
        return { report, expected: `HeadlessChrome/${browser.version()}`, origin: site.url };
      } finally {
        await browser?.close();
        await site.close();
      }
    },
  },
];

describe('one scenario, against a server that checks what arrives, in every runtime the client\'s guide names', () => {
  it.each(runtimes)('$name', async ({ run }) => {
    const api = await startApiServer(fixture);
    try {
      const config: ScenarioConfig = {
        endpoint: api.url,
        unexposedEndpoint: `${api.url}${unexposedPrefix}`,
        projectId: fixture.projectId,
        token: fixture.token,
        aksk: fixture.aksk,
        workflows: fixture.workflows,
        input,
        timeoutMs,
        arrivedUrl: api.arrivedUrl(fixture.workflows.abort),
        workflowUrns,
      };
      const { report, expected, origin } = await run(config, api);
      expect(report.loadError, 'the scenario did not load').toBeUndefined();
      console.log(`ran in ${report.runtime}`);
      expect(report.runtime).toContain(expected);
      const inBrowser = origin !== undefined;

      // What the scenario saw.
      expect(report.steps).toMatchObject({
        token: { resolved: { execution_id: 'exec-token', request_id: 'req-token' } },
        signed: { resolved: { execution_id: 'exec-signed', request_id: 'req-signed' } },
        apiError: { rejected: { name: 'WorkflowApiError', instanceOf: ['WorkflowError', 'WorkflowApiError'], status: 404, code: 'FGS.5002', requestId: 'req-missing' } },
        timeout: { rejected: { name: 'WorkflowTimeoutError', instanceOf: ['WorkflowError', 'WorkflowNetworkError', 'WorkflowTimeoutError'], timeoutMs } },
        abort: { rejected: { isTheAbortReason: true, message: 'the caller gave up' } },
        unexposed: { resolved: { execution_id: 'exec-token' } },
        deleted: { resolved: { success: workflowUrns, fail: [], request_id: 'req-deleted' } },
        deletedThroughFetch: { resolved: { success: workflowUrns, fail: [], request_id: 'req-deleted' } },
      });
      // X-Request-Id reaches a page on another origin only when the server exposes it.
      expect(report.steps.unexposed.resolved!.request_id).toBe(inBrowser ? undefined : 'req-token');

      // What the server received.
      const { workflows, projectId } = fixture;
      const tokenCalls = api.callsOf(workflows.token);
      expect(tokenCalls.map((call) => call.target)).toEqual([`/v2/${projectId}/fgs/workflows/flow-token/executions`, `${unexposedPrefix}/v2/${projectId}/fgs/workflows/flow-token/executions`]);
      for (const call of tokenCalls) {
        // In Node.js the package resolves to its Node.js entry, which sends with node:http: no User-Agent,
        // where every fetch (Node's included) sends one. Deno, Bun and the browser use their own fetch.
        if (report.runtime.startsWith('Node.js')) expect(call.headers['user-agent']).toBeUndefined();
        else expect(call.headers['user-agent']).toEqual(expect.any(String));
        expect(call.headers['x-auth-token']).toBe(fixture.token);
        expect(call.headers['content-type']).toMatch(/^application\/json/);
        expect(JSON.parse(call.body)).toEqual({ input });
      }
      const [signed, ...more] = api.callsOf(workflows.signed);
      expect(more).toEqual([]);
      expect(signed!.target).toBe(`/v2/${projectId}/fgs/workflows/signed%20flow%2F%C3%BC/executions`);
      // The DELETEs arrived with their body intact, and signed over it.
      const deletes = api.deletes();
      expect(deletes.map((call) => call.target)).toEqual([`/v2/${projectId}/fgs/workflows`, `/v2/${projectId}/fgs/workflows`]);
      for (const call of deletes) {
        expect(call.body).toBe(JSON.stringify({ workflow_urns: workflowUrns }));
        expect(call.headers['content-type']).toMatch(/^application\/json/);
        expect(call.headers['content-length']).toBe(String(Buffer.byteLength(call.body)));
      }
      expect(api.verdicts).toEqual(['valid', 'valid', 'valid']);
      const authorization = /^SDK-HMAC-SHA256 Access=AKSCENARIO0000000001, SignedHeaders=(\S+), Signature=[0-9a-f]{64}$/.exec(signed!.headers.authorization ?? '');
      expect(authorization?.[1]?.split(';'), signed!.headers.authorization).toEqual(expect.arrayContaining(['content-type', 'host', 'x-project-id', 'x-sdk-date', 'x-security-token']));
      expect(signed!.headers).toMatchObject({ 'x-project-id': projectId, 'x-security-token': fixture.aksk.securityToken });
      expect(JSON.parse(signed!.body)).toEqual({ input });
      expect(api.callsOf(workflows.missing)).toHaveLength(1);
      // The scenario aborts only once the server has the call. The timed-out call is not counted: on a
      // loaded machine it may be given up before it is sent, which the client must survive too.
      expect(api.callsOf(workflows.abort)).toHaveLength(1);

      if (inBrowser) {
        expect(new URL(origin).port).not.toBe(new URL(api.url).port);
        const calls = api.requests.filter((request) => request.method === 'POST');
        expect(new Set(calls.map((call) => call.headers.origin))).toEqual(new Set([origin]));
        // Custom headers make every call preflighted: the token call and the signed one at least.
        const asked = api.preflights().map((preflight) => [preflight.headers.origin, preflight.headers['access-control-request-headers']]);
        expect(asked).toContainEqual([origin, expect.stringContaining('x-auth-token')]);
        expect(asked).toContainEqual([origin, expect.stringContaining('authorization')]);
      }
    } finally {
      await api.close();
    }
  }, 180_000);
});

/**
 * The page that runs the scenario in a browser: the installed package and what it imports served
 * from node_modules, bare specifiers mapped by an import map, and the scenario loaded as a module.
 * A scenario that cannot load (a module that does not resolve in a browser) reports `loadError`.
 */
function scenarioPage(): Handler {
  const imports = importMap('functiongraph-workflow-api');
  const html = `<!doctype html>
<meta charset="utf-8">
<title>Scenario</title>
<script type="importmap">${JSON.stringify({ imports })}</script>
<script type="module">
  import('/scenario.mjs').catch((error) => console.log(JSON.stringify({ loadError: String(error) })));
</script>
`;
  const modules = join(project, 'node_modules') + sep;
  return (request, response) => {
    const path = decodeURIComponent(new URL(request.target, 'http://page').pathname);
    const file = path === '/scenario.mjs' ? scenario : join(project, path);
    if (path === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
    } else if ((file === scenario || file.startsWith(modules)) && existsSync(file) && statSync(file).isFile()) {
      const type = file.endsWith('.json') ? 'application/json' : 'text/javascript';
      response.writeHead(200, { 'Content-Type': `${type}; charset=utf-8` }).end(readFileSync(file));
    } else {
      response.writeHead(404).end();
    }
  };
}

const browserConditions = new Set(['browser', 'import', 'default']);

/** Bare specifiers to URLs, as a bundler for the browser resolves them: each package's `exports`, for a package and what it depends on. */
function importMap(name: string, imports: Record<string, string> = {}): Record<string, string> {
  if (imports[name]) return imports;
  const manifest = JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8')) as { exports?: unknown; module?: string; main?: string; dependencies?: Record<string, string> };
  imports[name] = `/node_modules/${name}/${entryPoint(manifest).replace(/^\.\//, '')}`;
  for (const dependency of Object.keys(manifest.dependencies ?? {})) importMap(dependency, imports);
  return imports;
}

function entryPoint(manifest: { exports?: unknown; module?: string; main?: string }): string {
  let target = manifest.exports;
  if (target && typeof target === 'object' && Object.keys(target).some((key) => key.startsWith('.'))) target = (target as Record<string, unknown>)['.'];
  // Conditions are tried in the order the package lists them.
  while (target && typeof target === 'object') {
    const key = Object.keys(target).find((condition) => browserConditions.has(condition));
    target = key === undefined ? undefined : (target as Record<string, unknown>)[key];
  }
  return typeof target === 'string' ? target : (manifest.module ?? manifest.main ?? 'index.js');
}

const pinnedVersion = (name: string) => (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies[name];

it('the client\'s guide names the versions these tests run', () => {
  const chromium = pinnedVersion('@sparticuz/chromium')!.split('.')[0];
  const versions = `Node.js ${pinnedVersions.node20.slice(1)} and ${pinnedVersions.node.slice(1)}, Chromium ${chromium}, Deno ${pinnedVersion('deno')} and Bun ${pinnedVersion('bun')}`;
  expect(readFileSync(join(root, 'docs', 'client.md'), 'utf8').replace(/\s+/g, ' ')).toContain(`\`npm test\` runs the packed package on ${versions}.`);
});

describe('Deno and Bun, from the npm registry', () => {

  it.each([
    ['Deno', locateDeno, 'deno'],
    ['Bun', locateBun, 'bun'],
  ] as const)('%s is the pinned version, installed by npm', (_name, locate, packageName) => {
    const found = locate({});
    expect(found.version).toBe(pinnedVersion(packageName));
    expect(found.path.startsWith(join(root, 'node_modules') + sep), found.path).toBe(true);
  });

  it.each([
    ['Deno', locateDeno, 'deno', 'DENO_BIN', '@deno/linux-x64-glibc'],
    ['Bun', locateBun, 'bun', 'BUN_BIN', '@oven/bun-linux-x64'],
  ] as const)('where no platform package fits, %s fails saying what to do', (name, locate, packageName, variable, example) => {
    const expected = `${name} ${pinnedVersion(packageName)} is not installed for ${process.platform}-${process.arch}: found no platform package.`;
    expect(() => locate({}, join(root, 'no-such-node_modules'))).toThrow(expected);
    expect(() => locate({}, join(root, 'no-such-node_modules'))).toThrow(new RegExp(`platform packages fits this machine \\(.*${example}.*\\); run \`npm ci\`, or set ${variable}=`));
  });

  it.each([
    ['DENO_BIN', locateDeno],
    ['BUN_BIN', locateBun],
  ] as const)('%s names another binary, which must run', (variable, locate) => {
    const installed = locate({});
    expect(locate({ [variable]: installed.path })).toEqual(installed);
    expect(() => locate({ [variable]: join(root, 'no-such-binary') })).toThrow(`${variable}=${join(root, 'no-such-binary')} is not a runnable`);
  });
});
