// No process outlives the one that started it. A mock is one process: the gateway, with Prism's engine
// inside it, and no child of its own, so that nothing is left when it goes. Stopped normally, it exits;
// if whatever started it is killed, it exits too (its IPC channel closes). Prism alone, the CLI server
// the tests compare the mock with, is a child process that behaves the same way.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPrismCli } from '../../scripts/prism-cli.ts';
import { spawnEmulator } from '../../emulator/src/process.ts';
import { root } from '../../scripts/paths.ts';
import { childrenOf, isRunning, untilGone } from '../helpers/processes.ts';

describe('no process outlives a mock', () => {
  it('a mock is one process with no child: Prism runs inside it', async () => {
    const mock = await spawnEmulator(['--stateless']);
    try {
      const answer = await fetch(`${mock.url}/v2/p/fgs/workflows/w/executions`, { method: 'POST', headers: { 'X-Auth-Token': 't', 'Content-Type': 'application/json' }, body: '{"input":{}}' });
      // Prism answered (with the contract's example), and it did so from inside the mock's process.
      expect(((await answer.json()) as { execution_id?: string }).execution_id).toBe('48aff955-ea10-4ffd-b426-190bc192dc14');
      expect(childrenOf(mock.process.pid!)).toEqual([]);
    } finally {
      await mock.stop();
    }
  });

  it('stop() ends the mock', async () => {
    const mock = await spawnEmulator(['--stateless']);
    expect(isRunning(mock.process.pid!)).toBe(true);
    await mock.stop();
    await untilGone([mock.process.pid!]);
  });

  it('when the program that started a mock and Prism alone is killed with SIGKILL, both exit', async () => {
    const parent = spawn(process.execPath, [join(root, 'test', 'fixtures', 'parent-of-a-mock.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let text = '';
      parent.stdout!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(text.split('\n')[0]!);
      });
      parent.once('exit', (code) => reject(new Error(`the parent exited (${code}) before it started a mock`)));
    });
    const { mockPid, prismAlonePid } = JSON.parse(line) as { mockPid: number; prismAlonePid: number };
    expect([isRunning(mockPid), isRunning(prismAlonePid)]).toEqual([true, true]);
    parent.kill('SIGKILL');
    await untilGone([parent.pid!, mockPid, prismAlonePid]);
  });

  it('Prism alone stops with stop()', async () => {
    const prism = await startPrismCli();
    expect(isRunning(prism.process.pid!)).toBe(true);
    await prism.stop();
    await untilGone([prism.process.pid!]);
  });
});
