// The functions file (--functions FILE): the flows' functions as the user's own code. Each key names a
// function, by its URN (the flow's `functions[].operation`), by the function's name in that URN, or by
// its name in the flow (`functions[].name`), tried in that order; each value is a Node.js module whose
// handler is called as FunctionGraph's Node.js runtime calls it, or an HTTP URL the event is POSTed to:
//
//   { "greet": "./functions/greet.mjs",
//     "urn:fss:cn-north-4:…:function:default:charge:latest": { "module": "./charge.cjs", "handler": "charge", "timeout": 10,
//                                                              "memory": 512, "userData": { "CURRENCY": "EUR" } },
//     "notify": { "url": "http://127.0.0.1:9000/notify", "timeout": 5 },
//     "approve": { "module": "./approve.mjs", "callback": true } }
//
// A relative module path is relative to the file. The file is checked whole when the emulator starts: a
// problem names the file, the place (a JSON Pointer) and what is wrong.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isPlainObject } from '../../../src/validate.ts';

/**
 * A function's defaults: FunctionGraph's 3-second timeout (its FAQ), and 256 MB (its Serverless
 * Framework guide; its AOS template reference says 128).
 */
export const functionDefaults = { timeoutSeconds: 3, memoryMb: 256 };
/** FunctionGraph's limits for a function's timeout (seconds) and memory (MB), but timeouts from 1 s, for quick tests (FunctionGraph's are from 3). */
const limits = { timeoutSeconds: [1, 900], memoryMb: [128, 10_240] } as const;

interface Common {
  /** The key it was found under, for messages. */
  key: string;
  timeoutMs: number;
  /** The node waits for a callback after the handler answers (or before, if the callback comes first). */
  callback: boolean;
}

export interface ModuleFunction extends Common {
  kind: 'module';
  /** Absolute. */
  module: string;
  /** The export to call. */
  handler: string;
  memoryMb: number;
  /** The function's environment variables, also what context.getUserData(key) reads. */
  userData: Record<string, string>;
}

export interface UrlFunction extends Common {
  kind: 'url';
  url: string;
}

export type UserFunction = ModuleFunction | UrlFunction;

export class FunctionsFileError extends Error {
  override name = 'FunctionsFileError';
}

const pointer = (...parts: string[]) => `/${parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

/** Reads and checks a functions file; throws a FunctionsFileError naming the file and the place. */
export function readFunctionsFile(file: string): Map<string, UserFunction> {
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new FunctionsFileError(`${file}: cannot be read: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new FunctionsFileError(`${file}: is not JSON: ${(error as Error).message}`);
  }
  const fail = (where: string, problem: string): never => {
    throw new FunctionsFileError(`${file}: ${where}: ${problem}`);
  };
  if (!isPlainObject(parsed)) fail('/', 'give an object whose keys name functions, e.g. {"greet": "./greet.mjs"}');
  const functions = new Map<string, UserFunction>();
  for (const [key, raw] of Object.entries(parsed as Record<string, unknown>)) {
    const at = pointer(key);
    if (key.trim() === '') fail(at, 'a key names a function: its URN, its name, or its name in the flow');
    const entry: Record<string, unknown> = typeof raw === 'string' ? (/^https?:\/\//i.test(raw) ? { url: raw } : { module: raw }) : isPlainObject(raw) ? (raw as Record<string, unknown>) : fail(at, 'give a module path, a URL, or an object with "module" or "url"');
    const known = new Set(['module', 'handler', 'url', 'timeout', 'memory', 'userData', 'callback']);
    for (const name of Object.keys(entry)) if (!known.has(name)) fail(pointer(key, name), `unknown setting; the settings are ${[...known].join(', ')}`);
    if (('module' in entry) === ('url' in entry)) fail(at, 'give exactly one of "module" (a Node.js module) and "url" (an HTTP endpoint)');
    const timeout = entry.timeout ?? functionDefaults.timeoutSeconds;
    if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout < limits.timeoutSeconds[0] || timeout > limits.timeoutSeconds[1]) {
      fail(pointer(key, 'timeout'), `seconds from ${limits.timeoutSeconds[0]} to ${limits.timeoutSeconds[1]}`);
    }
    const callback = entry.callback ?? false;
    if (typeof callback !== 'boolean') fail(pointer(key, 'callback'), 'true or false');
    const common = { key, timeoutMs: Math.round((timeout as number) * 1000), callback: callback as boolean };
    if ('url' in entry) {
      for (const name of ['handler', 'memory', 'userData']) if (name in entry) fail(pointer(key, name), 'applies to a module, not to a URL');
      let url: URL | undefined;
      try {
        url = typeof entry.url === 'string' ? new URL(entry.url) : undefined;
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) fail(pointer(key, 'url'), 'an http:// or https:// URL');
      if (url!.username || url!.password) fail(pointer(key, 'url'), 'no credentials in the URL');
      functions.set(key, { kind: 'url', url: url!.href, ...common });
      continue;
    }
    if (typeof entry.module !== 'string' || entry.module.trim() === '') fail(pointer(key, 'module'), 'the path of a Node.js module (.js, .mjs or .cjs), relative to this file');
    const module = resolve(dirname(file), entry.module as string);
    if (!existsSync(module)) fail(pointer(key, 'module'), `${module} does not exist`);
    if (!statSync(module).isFile()) fail(pointer(key, 'module'), `${module} is not a file`);
    const handler = entry.handler ?? 'handler';
    if (typeof handler !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(handler)) fail(pointer(key, 'handler'), 'the name of the function the module exports (handler by default)');
    const memory = entry.memory ?? functionDefaults.memoryMb;
    if (typeof memory !== 'number' || !Number.isInteger(memory) || memory < limits.memoryMb[0] || memory > limits.memoryMb[1]) {
      fail(pointer(key, 'memory'), `whole megabytes from ${limits.memoryMb[0]} to ${limits.memoryMb[1]}`);
    }
    const userData = entry.userData ?? {};
    if (!isPlainObject(userData)) fail(pointer(key, 'userData'), 'an object of strings: the function\'s environment variables');
    for (const [name, value] of Object.entries(userData as Record<string, unknown>)) {
      if (typeof value !== 'string') fail(pointer(key, 'userData', name), 'a string');
      if ((value as string).includes('\0')) fail(pointer(key, 'userData', name), 'a string without NUL characters, which no environment variable can hold');
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail(pointer(key, 'userData', name), 'an environment variable\'s name: letters, digits and _, not starting with a digit');
    }
    functions.set(key, { kind: 'module', module, handler: handler as string, memoryMb: memory as number, userData: userData as Record<string, string>, ...common });
  }
  return functions;
}

/** The parts of a function URN: urn:fss:<region>:<project>:function:<package>:<name>[:<version or alias>]. */
export function parseFunctionUrn(urn: string): { region: string; projectId: string; package: string; name: string; version: string } | undefined {
  const match = /^urn:fss:([^:]+):([^:]+):function:([^:]+):([^:]+)(?::([^:]+))?$/.exec(urn);
  if (!match) return undefined;
  return { region: match[1]!, projectId: match[2]!, package: match[3]!, name: match[4]!, version: match[5] ?? 'latest' };
}

/** The entry for a flow's function: by its URN, then the name in its URN, then its name in the flow. */
export function findFunction(functions: Map<string, UserFunction>, refName: string, urn: string | undefined): UserFunction | undefined {
  const parsed = urn === undefined ? undefined : parseFunctionUrn(urn);
  return (urn !== undefined ? functions.get(urn) : undefined) ?? (parsed ? functions.get(parsed.name) : undefined) ?? functions.get(refName);
}
