// Deno and Bun as npm installs them. The `deno` and `bun` devDependencies name their binaries as
// optional platform packages (@deno/linux-x64-glibc, @oven/bun-darwin-aarch64…), and npm installs the
// one that fits this machine. Their install scripts, which would only move that binary into the main
// package, are not allowed to run (package.json `allowScripts`): where no platform package fits, they
// fail `npm ci` as a whole, and Bun's then tries to download one. DENO_BIN and BUN_BIN name others.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../scripts/paths.ts';

export interface RuntimeBinary {
  path: string;
  version: string;
}

interface Runtime {
  name: string;
  /** The npm package, a devDependency. */
  packageName: string;
  /** The scope of its platform packages, and the prefix of their names. */
  platformPackages: { scope: string; prefix: string };
  /** The binary inside a platform package's folder. */
  binaryIn(dir: string): string;
  /** Where the package's own install script would have moved it. */
  moved: string;
  envVariable: string;
  /** The version from the output of `--version`. */
  version(output: string): string | undefined;
}

const exe = process.platform === 'win32' ? '.exe' : '';

const deno: Runtime = {
  name: 'Deno',
  packageName: 'deno',
  platformPackages: { scope: '@deno', prefix: '' },
  binaryIn: (dir) => join(dir, `deno${exe}`),
  moved: join('deno', `deno${exe}`),
  envVariable: 'DENO_BIN',
  version: (output) => /^deno (\S+)/.exec(output)?.[1],
};

const bun: Runtime = {
  name: 'Bun',
  packageName: 'bun',
  platformPackages: { scope: '@oven', prefix: 'bun-' },
  binaryIn: (dir) => join(dir, 'bin', `bun${exe}`),
  moved: join('bun', 'bin', 'bun.exe'),
  envVariable: 'BUN_BIN',
  version: (output) => /^(\d+\.\d+\.\S+)/.exec(output)?.[1],
};

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };

export const locateDeno = (env: NodeJS.ProcessEnv = process.env, modules = join(root, 'node_modules')) => locate(deno, env, modules);
export const locateBun = (env: NodeJS.ProcessEnv = process.env, modules = join(root, 'node_modules')) => locate(bun, env, modules);

function locate(runtime: Runtime, env: NodeJS.ProcessEnv, modules: string): RuntimeBinary {
  const named = env[runtime.envVariable];
  if (named) {
    const version = versionOf(runtime, named);
    if (!version) throw new Error(`${runtime.envVariable}=${named} is not a runnable ${runtime.name}. Unset it to use the one npm installs from the \`${runtime.packageName}\` devDependency.`);
    return { path: named, version };
  }
  const wanted = manifest.devDependencies[runtime.packageName] ?? 'unpinned';
  const { scope, prefix } = runtime.platformPackages;
  const scopeDir = join(modules, scope);
  const installed = existsSync(scopeDir) ? readdirSync(scopeDir).filter((name) => name.startsWith(prefix)) : [];
  const candidates = [...installed.map((name) => runtime.binaryIn(join(scopeDir, name))), join(modules, runtime.moved)];
  const found: string[] = [];
  for (const path of candidates.filter((candidate) => existsSync(candidate))) {
    const version = versionOf(runtime, path);
    if (version === wanted) return { path, version };
    found.push(`${path} (${version ?? 'does not run'})`);
  }
  const shipped = Object.keys(lock.packages)
    .filter((path) => path.startsWith(`node_modules/${scope}/${prefix}`))
    .map((path) => path.slice('node_modules/'.length));
  throw new Error(
    `${runtime.name} ${wanted} is not installed for ${process.platform}-${process.arch}: found ${found.length ? found.join(', ') : 'no platform package'}. ` +
      `npm installs its binary from whichever of the \`${runtime.packageName}\` package's platform packages fits this machine (${shipped.join(', ')}); ` +
      `run \`npm ci\`, or set ${runtime.envVariable}=/path/to/${runtime.packageName} to use a local ${runtime.name}.`,
  );
}

function versionOf(runtime: Runtime, path: string): string | undefined {
  try {
    return runtime.version(execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return undefined;
  }
}
