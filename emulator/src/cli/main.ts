// The command line: `functiongraph-workflow-emulator [options]`, and the process that startEmulator()
// starts. Its only static imports are Node's oldest built-ins, so that an older Node.js reaches the
// version check below and is told what it needs, instead of failing to load what needs a newer one.
import { existsSync, readFileSync } from 'node:fs';
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const command = 'functiongraph-workflow-emulator';

/** The lowest Node.js this package's `engines` allows (`>=24.18.0`), read from its package.json. */
function lowestNode(): [number, number, number] {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; engines?: { node?: string } };
      if (manifest.name === command) {
        const match = /^>=(\d+)\.(\d+)\.(\d+)$/.exec(manifest.engines?.node ?? '');
        if (!match) throw new Error(`${file}: engines.node must read >=MAJOR.MINOR.PATCH`);
        return [Number(match[1]), Number(match[2]), Number(match[3])];
      }
    }
    if (dirname(dir) === dir) throw new Error(`no package.json of ${command} above ${fileURLToPath(import.meta.url)}`);
  }
}

const needed = lowestNode();
const running = process.versions.node.split('.').map(Number);
const older = needed.findIndex((part, i) => part !== running[i]);
if (older !== -1 && running[older]! < needed[older]!) {
  console.error(
    `${command}: Node.js ${needed.join('.')} or later is needed (Prism's engine and node:sqlite); this is Node.js ${process.versions.node}. Run it with a newer Node.js.`,
  );
  process.exit(1);
}

// Node.js keeps the compiled code of what it loads (Prism's modules above all) for the next start:
// it starts in two thirds of the time. The cache is Node's own, in the system's temporary directory.
module.enableCompileCache?.();

const { mockSettingsFrom, usage } = await import('./options.ts');
try {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage(command));
    process.exit(0);
  }
  // A refused option is told before the slow part: loading Prism.
  mockSettingsFrom(argv);
  const { serveMock, mockBanner } = await import('./serve.ts');
  const mock = await serveMock(argv);
  if (!process.send) console.log(`\n${mockBanner(mock, mockSettingsFrom(argv).credentials, command)}\n\nPress Ctrl-C to stop.`);
} catch (error) {
  console.error(`${command}: ${(error as Error).message}`);
  process.exit(2);
}
