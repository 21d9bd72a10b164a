// What `npm ci` must bring for the tests to run with nothing but Node and npm on the machine: the
// pinned Node 24 that runs every script, the registry's Node 20 for the compatibility proof, and a
// headless Chromium from the registry.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, root } from '../scripts/paths.ts';
import { launchChromium, locateChromium } from './helpers/chromium.ts';
import { startServer, type Handler } from './helpers/http-server.ts';
import { findNode20, pinnedVersions, registryNode20 } from './helpers/node-versions.ts';

const version = (node: string) => execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();

it('CI runs exactly the README\'s commands, with nothing installed before them', () => {
  const commands = readFileSync(join(root, '.ci', 'run'), 'utf8').split('\n').filter((line) => line && !/^(#|set |cd )/.test(line));
  expect(commands).toEqual(['npm ci', 'npm test']);
  expect(readFileSync(join(root, 'README.md'), 'utf8')).toMatch(/You need Node\.js ≥ 20\.19 and npm\..*\n```sh\nnpm ci && npm start .*\nnpm test /s);
});

describe('Node.js', () => {
  it('runs on the Node version pinned by the repository', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const pinned = pkg.devDependencies.node as string;
    expect(readFileSync(join(root, '.nvmrc'), 'utf8').trim()).toBe(pinned);
    expect(process.version, 'npm scripts should find node_modules/.bin/node first; run `npm ci`').toBe(`v${pinned}`);
  });

  it('node_modules/.bin/node is the pinned Node, though the node20 and node-emulator-lowest aliases declare the same bin', () => {
    const hint = '`node`, `node20` and `node-emulator-lowest` each declare a `node` bin; `npm ci` links the pinned one, a partial `npm install` may not: run `npm ci`';
    expect(realpathSync(bin('node')), hint).toBe(realpathSync(join(root, 'node_modules', 'node', 'bin', 'node')));
    expect(version(bin('node')), hint).toBe(pinnedVersions.node);
  });

  it('npm scripts run on the pinned Node, not on the Node that runs npm', () => {
    const output = execFileSync('npm', ['exec', '--offline', '-c', 'node --version'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(output.trim()).toBe(pinnedVersions.node);
  });

  it('the Node 20 for the compatibility proof is the pinned one from the registry', () => {
    expect(pinnedVersions.node20).toMatch(/^v20\.(19|[2-9]\d)\.\d+$/);
    expect(findNode20({})).toEqual({ path: registryNode20, version: pinnedVersions.node20 });
  });

  it('NODE20_BIN overrides it, and must be a Node 20.19+', () => {
    expect(findNode20({ NODE20_BIN: registryNode20 })).toEqual({ path: registryNode20, version: pinnedVersions.node20 });
    expect(() => findNode20({ NODE20_BIN: process.execPath })).toThrow(`NODE20_BIN=${process.execPath} is ${process.version}; it must be Node.js 20.19 or later`);
    expect(() => findNode20({ NODE20_BIN: join(root, 'no-such-node') })).toThrow('is not a runnable Node.js');
  });
});

describe('Chromium', () => {
  const linux = { env: {}, platform: 'linux', arch: 'x64' } as const;

  it('CHROMIUM_PATH wins over the bundled build, and must exist', () => {
    expect(locateChromium({ ...linux, env: { CHROMIUM_PATH: process.execPath } })).toMatchObject({ executablePath: process.execPath, source: 'CHROMIUM_PATH' });
    expect(() => locateChromium({ ...linux, env: { CHROMIUM_PATH: '/no/such/chromium' } })).toThrow('CHROMIUM_PATH names /no/such/chromium, which does not exist');
  });

  it.each([
    ['darwin', 'arm64'],
    ['darwin', 'x64'],
    ['linux', 'arm64'],
  ] as const)('on %s-%s, which the package does not serve, fails saying how to use a local browser', (platform, arch) => {
    expect(() => locateChromium({ env: {}, platform, arch })).toThrow(new RegExp(`No bundled Chromium for ${platform}-${arch}.*Point CHROMIUM_PATH at a local Chrome or Chromium`));
  });

  it('on Linux x64 is the build inside @sparticuz/chromium, unpacked with its fonts and libraries', () => {
    const located = locateChromium(linux);
    const { version: packaged } = JSON.parse(readFileSync(join(root, 'node_modules', '@sparticuz', 'chromium', 'package.json'), 'utf8'));
    expect(located.source).toBe(`@sparticuz/chromium ${packaged}`);
    for (const file of [located.executablePath, join(located.env.FONTCONFIG_PATH!, 'fonts.conf'), join(located.env.LD_LIBRARY_PATH!.split(':')[0]!, 'libnss3.so')]) {
      expect(existsSync(file), file).toBe(true);
    }
    expect(located.args).toContain('--no-sandbox');
    expect(located.args).not.toContain('--disable-web-security');
  });

  it('enforces the same-origin policy, as a reader\'s browser does', async () => {
    const page = (api: string): Handler => (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end(`<script>fetch(${JSON.stringify(api)}).then((r) => r.text(), (e) => 'blocked: ' + e.name).then((t) => { document.title = t; });</script>`);
    };
    const open = startServer((_request, response) => response.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end('allowed'));
    const closed = startServer((_request, response) => response.writeHead(200).end('leaked'));
    const servers = await Promise.all([open, closed]);
    const [openApi, closedApi] = servers;
    const site = await startServer();
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      const titleFor = async (api: string) => {
        site.handle(page(api));
        await tab.goto(site.url);
        await tab.waitForFunction(() => document.title !== '');
        return tab.title();
      };
      expect(await titleFor(openApi!.url)).toBe('allowed');
      expect(await titleFor(closedApi!.url)).toBe('blocked: TypeError');
      expect(closedApi!.requests).toHaveLength(1);
    } finally {
      await browser.close();
      await Promise.all([...servers, site].map((server) => server.close()));
    }
  });
});
