// The Node.js binaries to run consumer code on: the repository's pinned Node (this process), and a
// Node 20 (the oldest line the package supports), found on PATH or named by NODE20_BIN.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
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

/** Node 20.19 or later on the 20 line; fails with how to get one. */
export function findNode20(): NodeBinary {
  const candidates = process.env.NODE20_BIN
    ? [process.env.NODE20_BIN]
    : (process.env.PATH ?? '').split(delimiter).filter((dir) => dir && !dir.startsWith(join(root, 'node_modules'))).map((dir) => join(dir, 'node'));
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const version = versionOf(path);
    const match = version && /^v20\.(\d+)\./.exec(version);
    if (match && Number(match[1]) >= 19) return { path, version: version! };
  }
  throw new Error(
    'No Node.js 20.19+ found to prove the package still runs on Node 20. Install one (Debian: `apt-get install -y nodejs` ' +
      'from a Node 20 source; or `nvm install 20`) and put it on PATH, or set NODE20_BIN=/path/to/node20.',
  );
}

export const pinnedNode: NodeBinary = { path: process.execPath, version: process.version };
