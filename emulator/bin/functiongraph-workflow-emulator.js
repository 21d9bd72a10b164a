#!/usr/bin/env node
// `npx functiongraph-workflow-emulator [options]`: the compiled command line once the package is
// built or installed; in a checkout without a build, its TypeScript sources (Node.js strips the
// types; src/engine/source-imports.ts maps the client's `.js` imports to their `.ts` files).
import { existsSync } from 'node:fs';

const built = new URL('../dist/emulator/src/cli/main.js', import.meta.url);
await import(existsSync(built) ? built : new URL('../src/cli/main.ts', import.meta.url));
