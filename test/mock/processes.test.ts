// No process outlives the one that started it. A mock is a process of its own (the gateway) with Prism
// as its child; each is watched by its process ID. Stopped normally, both exit; if the mock is killed
// with SIGKILL, Prism exits too (its IPC channel closes); if whatever started the mock is killed, both
// exit; if Prism dies, the mock stops and says why.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnMock } from '../../mock/process.ts';
import { root } from '../../scripts/paths.ts';
import { isRunning, untilGone } from '../helpers/processes.ts';

describe('no process outlives a mock', () => {
  it('stop() ends the mock and its Prism', async () => {
    const mock = await spawnMock();
    const pids = [mock.process.pid!, mock.prismPid];
    expect(pids.map(isRunning)).toEqual([true, true]);
    await mock.stop();
    await untilGone(pids);
  });

  it('a mock killed with SIGKILL takes its Prism along', async () => {
    const mock = await spawnMock();
    expect(isRunning(mock.prismPid)).toBe(true);
    process.kill(mock.process.pid!, 'SIGKILL');
    expect(await mock.exited).toBe('SIGKILL');
    await untilGone([mock.prismPid]);
  });

  it('when the program that started a mock is killed with SIGKILL, the mock and its Prism exit', async () => {
    const parent = spawn(process.execPath, [join(root, 'test', 'fixtures', 'parent-of-a-mock.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let text = '';
      parent.stdout!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(text.split('\n')[0]!);
      });
      parent.once('exit', (code) => reject(new Error(`the parent exited (${code}) before it started a mock`)));
    });
    const { mockPid, prismPid } = JSON.parse(line) as { mockPid: number; prismPid: number };
    expect([isRunning(mockPid), isRunning(prismPid)]).toEqual([true, true]);
    parent.kill('SIGKILL');
    await untilGone([parent.pid!, mockPid, prismPid]);
  });

  it('when Prism dies, the mock stops too and says why', async () => {
    const mock = await spawnMock();
    process.kill(mock.prismPid, 'SIGKILL');
    expect(await mock.exited).toBe(1);
    expect(mock.output()).toContain('Prism exited unexpectedly');
    await untilGone([mock.process.pid!, mock.prismPid]);
  });
});
