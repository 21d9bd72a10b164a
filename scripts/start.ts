// `npm start`: build every artifact from openapi/ and say where each one is.
import { relative } from 'node:path';
import { join } from 'node:path';
import { bundleContract, bundleFiles } from './bundle.ts';
import { buildDocs } from './docs.ts';
import { docsFile, generatedDir, root } from './paths.ts';

bundleContract();
buildDocs();
const show = (file: string) => relative(root, file);
console.log(`Built from openapi/:
  bundled descriptions  ${bundleFiles.map((f) => show(join(generatedDir, f))).join(', ')}
  HTML reference        ${show(docsFile)}  (open it in a browser)`);
