// `npm run typecheck`: the three compilations npm test starts with, side by side. Each checks what the
// others cannot: everything with Node's types (tsconfig.json), the client's sources without them, so
// that nothing Node-only creeps in (tsconfig.build.json), and the console with the browser's alone
// (emulator/console/tsconfig.json). They share no state, so they run at once, on all the cores.
import { spawn } from 'node:child_process';
import { bin, root } from './paths.ts';

const projects = [['tsconfig.json'], ['tsconfig.build.json', '--noEmit'], ['emulator/console/tsconfig.json']];

const results = await Promise.all(
  projects.map(
    ([project, ...flags]) =>
      new Promise<{ project: string; status: number; output: string }>((resolve, reject) => {
        const child = spawn(bin('tsc'), ['-p', project!, ...flags], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk));
        child.once('error', reject);
        child.once('close', (status) => resolve({ project: project!, status: status ?? 1, output }));
      }),
  ),
);

for (const { project, status, output } of results) {
  if (status !== 0) console.error(`tsc -p ${project} failed:\n${output}`);
}
process.exit(results.every(({ status }) => status === 0) ? 0 : 1);
