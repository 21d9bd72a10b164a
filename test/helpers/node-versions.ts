// The Node.js binaries to run consumer code on: the repository's pinned Node (this process), and the
// Node 20 that npm installs from the registry as the `node20` devDependency, the oldest line the
// package supports. NODE20_BIN names another Node 20.19+ instead.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../scripts/paths.ts';

export interface NodeBinary {
  path: string;
  version: string;
}

function versionOf(path: string): string | undefined {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

const devDependencies = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;

/** The versions package.json pins: `node` (which runs everything) and `node20` (an npm alias of `node`). */
export const pinnedVersions = {
  node: `v${devDependencies.node}`,
  node20: `v${/^npm:node@(\d+\.\d+\.\d+)$/.exec(devDependencies.node20 ?? '')?.[1] ?? 'unpinned'}`,
};

/** Where `npm ci` puts the registry's Node 20 (its install step fetches the binary). */
export const registryNode20 = join(root, 'node_modules', 'node20', 'bin', 'node');

/** NODE20_BIN if set (Node 20.19 or later on the 20 line), else the pinned registry Node 20; fails with what to do. */
export function findNode20(env: NodeJS.ProcessEnv = process.env): NodeBinary {
  const named = env.NODE20_BIN;
  if (named) {
    const version = versionOf(named);
    const match = version && /^v20\.(\d+)\./.exec(version);
    if (!match || Number(match[1]) < 19) {
      throw new Error(`NODE20_BIN=${named} is ${version ?? 'not a runnable Node.js'}; it must be Node.js 20.19 or later on the 20 line. Unset it to use the pinned ${pinnedVersions.node20} from node_modules.`);
    }
    return { path: named, version };
  }
  const version = existsSync(registryNode20) ? versionOf(registryNode20) : undefined;
  if (version !== pinnedVersions.node20) {
    throw new Error(
      `The pinned Node.js ${pinnedVersions.node20} is not at ${registryNode20} (found ${version ?? 'nothing'}): run \`npm ci\` ` +
        '(with install scripts: the `node20` package fetches its binary when installed), or set NODE20_BIN=/path/to/node20.',
    );
  }
  return { path: registryNode20, version };
}

export const pinnedNode: NodeBinary = { path: process.execPath, version: process.version };

/**
 * The lowest Node.js the emulator package's `engines` allows, as npm installs it from the registry (the
 * `node-emulator-lowest` devDependency), which must be that very version: engines and what is tested
 * cannot drift apart.
 */
export function findLowestEmulatorNode(): NodeBinary {
  const engines = (JSON.parse(readFileSync(join(root, 'emulator', 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  const lowest = /^>=(\d+\.\d+\.\d+)$/.exec(engines)?.[1];
  const pinned = /^npm:node@(\d+\.\d+\.\d+)$/.exec(devDependencies['node-emulator-lowest'] ?? '')?.[1];
  if (!lowest || pinned !== lowest) {
    throw new Error(`emulator/package.json's engines.node is ${engines}, but the node-emulator-lowest devDependency is ${devDependencies['node-emulator-lowest'] ?? 'missing'}: pin it to npm:node@${lowest ?? 'X.Y.Z'} and run npm install`);
  }
  const path = join(root, 'node_modules', 'node-emulator-lowest', 'bin', 'node');
  const version = existsSync(path) ? versionOf(path) : undefined;
  if (version !== `v${lowest}`) {
    throw new Error(`Node.js v${lowest} is not at ${path} (found ${version ?? 'nothing'}): run \`npm ci\` (with install scripts: the node-emulator-lowest package fetches its binary when installed)`);
  }
  return { path, version };
}
