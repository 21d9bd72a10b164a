// The README's marked examples: a fenced block right after `<!-- readme-example: NAME -->`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../scripts/paths.ts';

const readme = () => readFileSync(join(root, 'README.md'), 'utf8');

/** The block marked NAME, in this language. */
export function readmeExample(name: string, language = 'ts'): string {
  const match = readme().match(new RegExp(`<!-- readme-example: ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} -->\\s*\`\`\`${language}\\n([\\s\\S]*?)\`\`\``));
  if (!match) throw new Error(`README.md has no ${language} example marked <!-- readme-example: ${name} -->`);
  return match[1]!;
}

/** Every block marked `PREFIX/PATH`, by its path: the files of a project the README shows whole. */
export function readmeFiles(prefix: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const match of readme().matchAll(new RegExp(`<!-- readme-example: ${prefix}/(\\S+) -->\\s*\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``, 'g'))) files.set(match[1]!, match[2]!);
  if (files.size === 0) throw new Error(`README.md has no example marked <!-- readme-example: ${prefix}/… -->`);
  return files;
}
