import { spawn } from 'node:child_process';
const { createWorkflowClient } = (await import('../dist/src/index.js')) as typeof import('../src/index.ts');
const child = spawn(process.execPath, ['bench/server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<string>((r) => child.stdout!.on('data', (d) => r(/listening (\d+)/.exec(String(d))![1]!)));
const c = createWorkflowClient({ endpoint: `http://127.0.0.1:${port}`, projectId: 'p', auth: { token: 't' } });
let remaining = 8000;
await Promise.all(Array.from({ length: 16 }, async () => { while (remaining-- > 0) await c.startWorkflowExecution({ workflowId: 'w', input: { a: 1 } }); }));
child.kill();
