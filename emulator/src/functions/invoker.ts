// Calls the user's functions for the runner: a module in an instance of its own (./host.ts, a child
// process, one invocation at a time, kept warm for the next as FunctionGraph keeps an instance), or a
// URL the event is POSTed to. Whatever the function does (throws, answers what is not JSON, runs past
// its timeout, exits, crashes, loops forever, floods its memory), the answer is an Outcome: the
// emulator's own process never runs the user's code and never waits past the timeout.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { largestAnswer, type AnswerMessage, type ContextFacts, type InvokeMessage } from './protocol.ts';
import type { ModuleFunction, UrlFunction, UserFunction } from './functions-file.ts';

/** What a call came to: the function's JSON answer, or why it failed, as a node's error. */
export type Outcome = { ok: true; value: unknown } | { ok: false; errorCode: string | number; errorMessage: string };

export interface Invocation {
  fn: UserFunction;
  event: unknown;
  /** The headers the function is given: the execution's own and the x-workflow-* IDs. */
  headers: Record<string, string>;
  context: Omit<ContextFacts, 'timeoutMs' | 'memoryMb' | 'userData'>;
}

/** At most this many instances of one function run at once; more invocations wait for one to be free. */
const instancesPerFunction = 8;
const hostEntry = fileURLToPath(new URL(`./host.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url));

interface Instance {
  child: ChildProcess;
  busy: boolean;
  /** Killed or exited: never given another invocation, though its process may not be gone yet. */
  dead: boolean;
  /** The last of what it wrote to standard error, for a crash's message. */
  stderr: string;
  /** V8's own last words, if it ran out of memory: they come before a native stack trace. */
  fatal?: string;
  exited: Promise<void>;
}

/**
 * What a function's instance gets of the emulator's environment: what a program needs to run, not
 * what the emulator was given (its credentials, a CI job's tokens, NODE_OPTIONS). FunctionGraph too
 * gives a function its own variables (userData), not its caller's.
 */
const passedOn = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'LANG', 'LC_ALL', 'TZ', 'SYSTEMROOT', 'SystemRoot'];

export class Invoker {
  readonly #pools = new Map<string, { instances: Set<Instance>; queue: Array<() => void> }>();
  readonly #onLog: (fn: string, line: string) => void;
  /** Ends the URL calls still under way when the invoker closes. */
  readonly #closing = new AbortController();
  #closed = false;
  #nextId = 1;

  constructor({ onLog = () => {} }: { onLog?: (fn: string, line: string) => void } = {}) {
    this.#onLog = onLog;
  }

  invoke(invocation: Invocation): Promise<Outcome> {
    if (this.#closed) return Promise.resolve(failed('Emulator.Stopped', 'the emulator is stopping'));
    return invocation.fn.kind === 'module' ? this.#invokeModule(invocation.fn, invocation) : invokeUrl(invocation.fn, invocation, this.#closing.signal);
  }

  /** Ends every instance, running or idle, and waits until their processes have exited. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#closing.abort();
    // Invocations waiting for an instance are told the emulator is stopping.
    for (const pool of this.#pools.values()) for (const release of pool.queue.splice(0)) release();
    const instances = [...this.#pools.values()].flatMap((pool) => [...pool.instances]);
    for (const instance of instances) instance.child.kill('SIGKILL');
    await Promise.all(instances.map((instance) => instance.exited));
  }

  /** How many instances are running now, for the emulator's info and for tests. */
  get instances(): number {
    return [...this.#pools.values()].reduce((sum, pool) => sum + pool.instances.size, 0);
  }

  async #invokeModule(fn: ModuleFunction, invocation: Invocation): Promise<Outcome> {
    // Instances belong to one entry of the functions file: up to 8 of each, as docs/emulator.md says.
    let pool = this.#pools.get(fn.key);
    if (!pool) this.#pools.set(fn.key, (pool = { instances: new Set(), queue: [] }));
    const idle = () => [...pool.instances].find((each) => !each.busy && !each.dead);
    let instance = idle();
    while (!instance && pool.instances.size >= instancesPerFunction) {
      await new Promise<void>((resolve) => pool.queue.push(resolve));
      if (this.#closed) return failed('Emulator.Stopped', 'the emulator is stopping');
      instance = idle();
    }
    try {
      instance ??= this.#startInstance(fn, pool, fn.key);
    } catch (error) {
      return failed('Emulator.FunctionCrashed', `function ${fn.key}'s process cannot be started: ${(error as Error).message}`);
    }
    instance.busy = true;
    try {
      return await this.#run(instance, fn, invocation);
    } finally {
      instance.busy = false;
      pool.queue.shift()?.();
    }
  }

  #startInstance(fn: ModuleFunction, pool: { instances: Set<Instance>; queue: Array<() => void> }, name: string): Instance {
    const { instances } = pool;
    const inherited = Object.fromEntries(passedOn.filter((variable) => process.env[variable] !== undefined).map((variable) => [variable, process.env[variable]]));
    const child = spawn(process.execPath, [`--max-old-space-size=${fn.memoryMb}`, hostEntry, String(process.pid)], {
      env: { ...inherited, ...fn.userData },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    let markGone!: () => void;
    const exited = new Promise<void>((resolve) => (markGone = resolve));
    child.once('close', () => markGone());
    const instance: Instance = { child, busy: false, dead: false, stderr: '', exited };
    // A failed start (too many processes) or a closed channel: the instance is done; its call fails when its process is gone.
    child.on('error', (error) => {
      instance.dead = true;
      instance.stderr += `\n${error.message}`;
      // Never started: no exit will come to free its place.
      if (child.pid === undefined) markGone();
    });
    child.once('disconnect', () => (instance.dead = true));
    instances.add(instance);
    const instanceGone = () => {
      if (!instances.delete(instance)) return;
      instance.dead = true;
      // Its place is free: an invocation waiting for one may start an instance of its own.
      pool.queue.shift()?.();
    };
    void instance.exited.then(instanceGone);
    const lines = (stream: NodeJS.ReadableStream, keep: boolean) => {
      let partial = '';
      stream.on('data', (chunk: Buffer) => {
        const text = partial + chunk.toString();
        if (keep) instance.stderr = (instance.stderr + chunk.toString()).slice(-2000);
        const parts = text.split('\n');
        partial = parts.pop()!.slice(-4000);
        for (const line of parts) {
          if (keep && /^FATAL ERROR:/.test(line.trim())) instance.fatal = line.trim();
          this.#onLog(name, line);
        }
      });
    };
    lines(child.stdout!, false);
    lines(child.stderr!, true);
    return instance;
  }

  #run(instance: Instance, fn: ModuleFunction, invocation: Invocation): Promise<Outcome> {
    const id = this.#nextId++;
    const { child } = instance;
    // A crash's message quotes this call's output, not an earlier one's.
    instance.stderr = '';
    delete instance.fatal;
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      const settle = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(outcome);
      };
      const onMessage = (message: AnswerMessage) => {
        if (message?.id !== id) return;
        if (message.type === 'answer' && typeof message.json === 'string') {
          try {
            settle({ ok: true, value: JSON.parse(message.json) });
          } catch {
            settle(failed('Emulator.NotJson', `function ${fn.key} answered what is not JSON`));
          }
          return;
        }
        if (message.type !== 'failed') return;
        if (message.reason === 'threw') return settle(failed(message.code ?? message.name ?? 'Error', `function ${fn.key} threw ${message.name ?? 'an error'}: ${message.message}`));
        if (message.reason === 'not-json') return settle(failed('Emulator.NotJson', `function ${fn.key}: ${message.message}`));
        settle(failed('Emulator.HandlerNotFound', `function ${fn.key}: ${message.message}`));
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        // Its last words on standard error may arrive after the exit: wait for its pipes to close, a little.
        const report = () => {
          clearTimeout(cap);
          // Its last lines, but not a native stack trace's frames.
          const lines = instance.stderr.split('\n').map((line) => line.trim()).filter((line) => line && !/^(\d+: 0x[0-9a-f]+|<---|=====|Security context|Native stack)/i.test(line));
          const last = instance.fatal ?? lines.slice(-3).join(' | ');
          const memory = instance.fatal ? ` (its memory is ${fn.memoryMb} MB)` : '';
          settle(failed('Emulator.FunctionCrashed', `function ${fn.key}'s process exited (${signal ?? `code ${code}`}) before it answered${last ? `: ${last.slice(-600)}` : ''}${memory}`));
        };
        const cap = setTimeout(report, 250);
        child.once('close', report);
      };
      const timer = setTimeout(() => {
        // Stopped where it stands, as FunctionGraph stops an invocation at its timeout; the next call gets a fresh instance.
        instance.dead = true;
        child.kill('SIGKILL');
        settle(failed('Emulator.FunctionTimeout', `function ${fn.key} ran past its ${fn.timeoutMs / 1000}-second timeout and was stopped`));
      }, fn.timeoutMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
      const message: InvokeMessage = {
        type: 'invoke', id, module: fn.module, handler: fn.handler, event: invocation.event,
        context: { ...invocation.context, timeoutMs: fn.timeoutMs, memoryMb: fn.memoryMb, userData: fn.userData },
      };
      // A channel that closed meanwhile reports here, not as an error thrown later.
      child.send(message, (error) => {
        if (!error) return;
        instance.dead = true;
        child.kill('SIGKILL');
        settle(failed('Emulator.FunctionCrashed', `function ${fn.key}'s process cannot be reached: ${error.message}`));
      });
    });
  }
}

/** POSTs the event to the function's URL and reads its JSON answer; follows no redirect, reads at most 6 MB. */
async function invokeUrl(fn: UrlFunction, invocation: Invocation, closing: AbortSignal): Promise<Outcome> {
  const timeout = AbortSignal.timeout(fn.timeoutMs);
  const signal = AbortSignal.any([timeout, closing]);
  try {
    const response = await fetch(fn.url, {
      method: 'POST',
      redirect: 'manual',
      signal,
      headers: { ...forwardable(invocation.headers), 'content-type': 'application/json', accept: 'application/json', 'x-cff-request-id': invocation.context.requestId },
      body: JSON.stringify(invocation.event),
    });
    const text = await readCapped(response);
    if (text === undefined) return failed('Emulator.NotJson', `function ${fn.key} (${fn.url}) answered more than 6 MB`);
    if (response.status >= 300 && response.status < 400) {
      return failed(response.status, `function ${fn.key} (${fn.url}) answered ${response.status} to ${response.headers.get('location') ?? 'nowhere'}: the emulator follows no redirect`);
    }
    if (!response.ok) return failed(response.status, `function ${fn.key} (${fn.url}) answered ${response.status}: ${text.slice(0, 300)}`);
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return failed('Emulator.NotJson', `function ${fn.key} (${fn.url}) answered ${response.status} with what is not JSON: ${text.slice(0, 120)}`);
    }
  } catch (error) {
    if (closing.aborted) return failed('Emulator.Stopped', 'the emulator is stopping');
    if (timeout.aborted) return failed('Emulator.FunctionTimeout', `function ${fn.key} (${fn.url}) did not answer within its ${fn.timeoutMs / 1000}-second timeout`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return failed('Emulator.FunctionUnreachable', `function ${fn.key} (${fn.url}) cannot be reached: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
}

/** Headers that describe a connection or a body are this request's own, not the execution's to set. */
const ownedHeaders = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect', 'proxy-authorization', 'proxy-connection']);

/** The execution's headers that can go on to a URL: valid names and values, none of the request's own. */
function forwardable(headers: Record<string, unknown>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || ownedHeaders.has(name.toLowerCase()) || /[\r\n\0]/.test(value)) continue;
    kept[name.toLowerCase()] = value;
  }
  return kept;
}

/** The body as text, or undefined once it passes 6 MB (the rest is not read). */
async function readCapped(response: Response): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > largestAnswer) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function failed(errorCode: string | number, errorMessage: string): Outcome {
  return { ok: false, errorCode, errorMessage };
}
