// The headless Chromium that browser tests drive with playwright-core. CHROMIUM_PATH names one;
// otherwise it is the Linux x64 build that @sparticuz/chromium carries inside its npm package, so
// `npm ci` is the whole set-up. That build is unpacked once per package version into
// node_modules/.cache, with its own fonts and the NSS libraries it links against, so it needs
// nothing from the system and renders the same everywhere.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';
import { root } from '../../scripts/paths.ts';

export interface LocatedChromium {
  executablePath: string;
  /** Where the binary came from, for messages. */
  source: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

interface Host {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  arch: string;
}

const packageDir = join(root, 'node_modules', '@sparticuz', 'chromium');

// Offline machines: no background services, no first-run work, no update checks.
const offlineArgs = ['--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// The package's flags suit serverless functions; these two would switch off the same-origin policy
// and mixed-content blocking, which a page under test must meet as a reader's browser applies them.
const weakeningArgs = new Set(['--disable-web-security', '--allow-running-insecure-content']);

/** The browser to launch: CHROMIUM_PATH if set, else the bundled build; fails saying what to do. */
export function locateChromium({ env, platform, arch }: Host = process): LocatedChromium {
  const named = env.CHROMIUM_PATH;
  if (named) {
    if (!existsSync(named)) throw new Error(`CHROMIUM_PATH names ${named}, which does not exist: point it at a Chrome or Chromium binary, or unset it to use the bundled Chromium (Linux x64).`);
    // --no-sandbox: the sandbox cannot start as root, which CI containers often are.
    return { executablePath: named, source: 'CHROMIUM_PATH', args: ['--no-sandbox', '--disable-gpu', ...offlineArgs], env };
  }
  if (platform !== 'linux' || arch !== 'x64') {
    throw new Error(
      `No bundled Chromium for ${platform}-${arch}: @sparticuz/chromium ships a Linux x64 build only. Point CHROMIUM_PATH at a local ` +
        'Chrome or Chromium, e.g. CHROMIUM_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" npm test on macOS, ' +
        'or install Chromium (Debian: `apt-get install -y chromium`) and run CHROMIUM_PATH=/usr/bin/chromium npm test.',
    );
  }
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const dir = unpacked(version);
  sparticuz.setGraphicsMode = false;
  return {
    executablePath: join(dir, 'chromium'),
    source: `@sparticuz/chromium ${version}`,
    args: [...sparticuz.args.filter((arg) => !weakeningArgs.has(arg)), '--disable-gpu', ...offlineArgs],
    env: {
      ...env,
      LD_LIBRARY_PATH: [join(dir, 'al2023', 'lib'), env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_PATH: join(dir, 'fonts'),
    },
  };
}

/** Launches the located Chromium headless, with `extraArgs` after its own; close the browser when done. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const { executablePath, args, env } = locateChromium();
  return chromium.launch({ executablePath, args: [...args, ...extraArgs], env, headless: true });
}

/**
 * The folder holding the unpacked browser. The package unpacks into os.tmpdir(), trusting whatever a
 * `chromium` file found there is; a private TMPDIR for the unpacking child and an atomic rename keep
 * parallel runs from reading each other's half-written files.
 */
function unpacked(version: string): string {
  const cache = join(root, 'node_modules', '.cache', 'chromium');
  const dir = join(cache, version);
  if (existsSync(dir)) return dir;
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(join(cache, `${version}.partial-`));
  try {
    const bin = join(packageDir, 'bin');
    // al2023.tar.br holds libnss3 and friends, which the package unpacks only on Amazon Linux.
    const script = `import c, { inflate } from '@sparticuz/chromium';
      await c.executablePath(${JSON.stringify(bin)});
      await inflate(${JSON.stringify(join(bin, 'al2023.tar.br'))});`;
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, env: { ...process.env, TMPDIR: staging }, stdio: ['ignore', 'ignore', 'pipe'] });
    // The shipped fonts.conf names /tmp/fonts; point fontconfig at the fonts where they are.
    const xml = (path: string) => path.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    writeFileSync(join(staging, 'fonts', 'fonts.conf'), `<?xml version="1.0"?>\n<fontconfig>\n  <dir>${xml(join(dir, 'fonts'))}</dir>\n  <cachedir>${xml(join(dir, 'fonts-cache'))}</cachedir>\n</fontconfig>\n`);
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another run finished first; its copy is complete.
      if (!existsSync(dir)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}
