// The documentation's examples: a fenced block right after `<!-- example: NAME -->`, in the README, the
// guides in docs/ or CONTRIBUTING.md. Each name is used once across them all.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../scripts/paths.ts';

/** The Markdown files a reader is sent to, relative to the repository's root. */
export function documentationFiles(): string[] {
  return ['README.md', 'CONTRIBUTING.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`)];
}

export interface FencedBlock {
  file: string;
  /** The line of the opening fence, from 1. */
  line: number;
  language: string;
  code: string;
  /** The name its marker gives, when it has one. */
  name?: string;
}

/** Every fenced block of a Markdown file, with the name of the marker right before it. */
export function fencedBlocks(file: string, text = readFileSync(join(root, file), 'utf8')): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  for (const match of text.matchAll(/(?:<!-- example: (\S+) -->\s*\n)?^```(\w*)\n([\s\S]*?)^```$/gm)) {
    const line = text.slice(0, match.index + match[0].indexOf('```')).split('\n').length;
    blocks.push({ file, line, language: match[2]!, code: match[3]!, ...(match[1] && { name: match[1] }) });
  }
  return blocks;
}

/** Every block of the documentation. */
export function documentationBlocks(): FencedBlock[] {
  return documentationFiles().flatMap((file) => fencedBlocks(file));
}

/** The block marked NAME, in this language. */
export function docExample(name: string, language = 'ts'): string {
  const found = documentationBlocks().filter((block) => block.name === name);
  if (found.length !== 1 || found[0]!.language !== language) {
    throw new Error(`the documentation has ${found.length} examples marked <!-- example: ${name} -->${found.length === 1 ? ` (in ${found[0]!.language}, not ${language})` : ''}: there must be one, in ${language}`);
  }
  return found[0]!.code;
}

/** Every block marked `PREFIX/PATH`, by its path: the files of a project the documentation shows whole. */
export function docExampleFiles(prefix: string): Map<string, string> {
  const files = new Map(documentationBlocks().filter((block) => block.name?.startsWith(`${prefix}/`)).map((block) => [block.name!.slice(prefix.length + 1), block.code]));
  if (files.size === 0) throw new Error(`the documentation has no example marked <!-- example: ${prefix}/… -->`);
  return files;
}
