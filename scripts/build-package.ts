// Builds what the npm package ships into dist/: the client compiled by tsc (ESM, declarations and
// declaration maps), its Node.js entry point (`./node`), and the generated schema types as their own entry point (`./schema`).
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, generatedDir, root } from './paths.ts';
import { runOrThrow } from './run.ts';

export const distDir = join(root, 'dist');

export function buildPackage(): void {
  rmSync(distDir, { recursive: true, force: true });
  runOrThrow(bin('tsc'), ['-p', 'tsconfig.build.json']);
  runOrThrow(bin('tsc'), ['-p', 'tsconfig.node.json']);
  // tsc never copies a .d.ts; the schema entry is types only, with an empty module beside it.
  mkdirSync(join(distDir, 'generated'), { recursive: true });
  copyFileSync(join(generatedDir, 'schema.d.ts'), join(distDir, 'generated', 'schema.d.ts'));
  writeFileSync(join(distDir, 'generated', 'schema.js'), '// Types only: see schema.d.ts.\nexport {};\n');
}

if (import.meta.main) {
  buildPackage();
  console.log(`Built the package into ${distDir}`);
}
