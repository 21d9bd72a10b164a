// The documentation's links hold: every relative link in every Markdown file of the repository names a
// file that exists, and an anchor names a heading of that file, as GitHub makes its anchors; and every
// guide in docs/ is reached from the README.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/paths.ts';
import { documentationFiles } from '../helpers/doc-examples.ts';

const skipped = new Set(['node_modules', '.git', 'dist', 'build', 'artifacts', '.cache']);

function markdownFiles(dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (skipped.has(name)) return [];
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [relative(root, path)] : [];
  });
}

/** The text outside fenced blocks and code spans, where a link is a link. */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(join(root, file), 'utf8').replace(/^```[\s\S]*?^```$/gm, '');
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of text.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = anchorOf(heading!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

function linksOf(file: string): Array<{ text: string; target: string }> {
  const text = prose(readFileSync(join(root, file), 'utf8'));
  return [...text.matchAll(/\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map(([, label, target]) => ({ text: label!, target: target! }));
}

describe('links in the documentation', () => {
  const files = markdownFiles();

  it('finds the Markdown files: the README, CONTRIBUTING.md, the guides, the emulator package\'s README', () => {
    expect(files).toEqual(expect.arrayContaining([...documentationFiles(), 'emulator/README.md']));
  });

  it.each(files)('%s: every relative link names a file that exists, and every anchor a heading in it', (file) => {
    const broken: string[] = [];
    for (const { text, target } of linksOf(file)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [path, anchor] = target.split('#', 2) as [string, string | undefined];
      const linked = path === '' ? join(root, file) : resolve(root, dirname(file), decodeURIComponent(path));
      if (!existsSync(linked)) {
        broken.push(`[${text}](${target}): ${relative(root, linked)} does not exist`);
        continue;
      }
      if (anchor === undefined) continue;
      if (!linked.endsWith('.md')) {
        broken.push(`[${text}](${target}): an anchor into a file that is not Markdown`);
        continue;
      }
      if (!anchorsOf(relative(root, linked)).has(anchor)) broken.push(`[${text}](${target}): ${relative(root, linked)} has no heading whose anchor is #${anchor}`);
    }
    expect(broken).toEqual([]);
  });

  it('reaches every guide in docs/ from the README', () => {
    const linked = new Set(linksOf('README.md').map(({ target }) => target.split('#', 1)[0]));
    const guides = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`);
    expect(guides.filter((guide) => !linked.has(guide))).toEqual([]);
    expect(guides.length).toBeGreaterThanOrEqual(8);
  });

  it('makes anchors as GitHub does', () => {
    expect(anchorOf('On Node.js: `node:http` and `node:crypto`')).toBe('on-nodejs-nodehttp-and-nodecrypto');
    expect(anchorOf('In your project: `functiongraph-workflow-emulator`')).toBe('in-your-project-functiongraph-workflow-emulator');
    expect(anchorOf('Where the official pages are wrong, and what this contract says')).toBe('where-the-official-pages-are-wrong-and-what-this-contract-says');
  });
});
