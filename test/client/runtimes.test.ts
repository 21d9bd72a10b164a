// What depends on the runtime's fetch, proven on the pinned Node and on Node 20 (runtimes.child.mjs):
// - Time limits and aborts survive garbage collection. Node's fetch follows a Request's signal through
//   a weak link: once nothing holds that Request, a collection cuts the link and an abort no longer
//   reaches the connection. The client must never depend on such a link; the child runs with
//   --expose-gc and forces collections mid-call.
// - A redirect, in whatever form this fetch returns it with redirect: 'manual' (Node gives the 3xx
//   itself, browsers an opaque redirect), is refused and never followed.
// - An answer over maxResponseBytes is cut off.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, root } from '../../scripts/paths.ts';
import { runOrThrow } from '../../scripts/run.ts';
import { findNode20, pinnedNode, type NodeBinary } from '../helpers/node-versions.ts';

// The child runs compiled JavaScript (Node 20 runs no TypeScript); it is compiled inside the
// repository so that openapi-fetch resolves from node_modules.
let entry: string;
let outDir: string;
beforeAll(() => {
  mkdirSync(join(root, 'test', 'artifacts'), { recursive: true });
  outDir = mkdtempSync(join(root, 'test', 'artifacts', 'runtimes-'));
  // The Node.js entry's build compiles the portable client it imports too.
  runOrThrow(bin('tsc'), ['-p', 'tsconfig.node.json', '--outDir', outDir, '--declaration', 'false', '--declarationMap', 'false', '--sourceMap', 'false']);
  entry = join(outDir, 'src', 'index.js');
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

interface Outcome {
  settled: string;
  sent?: boolean;
  message?: string;
  connection: string;
  sameRequest?: boolean;
}

interface Results {
  akskTimeout: Outcome;
  akskSignal: Outcome;
  tokenFunctionSignal: Outcome;
  customFetchTimeout: Outcome;
  rawTimeout: Outcome;
  signRequest: Outcome;
  signRequestFromInit: Outcome;
  concurrent: { lateSucceeded: number; lateTimedOut: number };
  nodeFetchTimeout: Outcome;
  nodeFetchSignal: Outcome;
  nodeFetchConcurrent: { lateSucceeded: number; lateTimedOut: number };
  redirect: { method: string; raw: string; status: number; elsewhereRequests: number };
  answerLimit: { settled: string; truncated: boolean; bodyLength: number; written: number };
}

function runChild(node: NodeBinary): { node: string; results: Results } {
  const output = execFileSync(node.path, ['--expose-gc', join(import.meta.dirname, 'runtimes.child.mjs'), entry], { encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(output.trim().split('\n').at(-1)!);
}

const nodes: Array<[string, () => NodeBinary]> = [
  ['the pinned Node', () => pinnedNode],
  ['Node 20', findNode20],
];

describe.each(nodes)('on %s', (_name, node) => {
  let results: Results;
  beforeAll(() => {
    ({ results } = runChild(node()));
  }, 180_000);

  describe('with collections forced mid-call', () => {
    it('an AK/SK call still times out, and the connection is closed', () => {
      expect(results.akskTimeout).toMatchObject({ settled: 'WorkflowTimeoutError', sent: true, connection: 'closed' });
    });

    it("an AK/SK call still stops at the caller's abort, with the caller's reason", () => {
      expect(results.akskSignal).toMatchObject({ settled: 'Error', message: 'caller aborted', connection: 'closed' });
    });

    it("a call with a token function still stops at the caller's abort", () => {
      expect(results.tokenFunctionSignal).toMatchObject({ settled: 'Error', message: 'caller aborted', connection: 'closed' });
    });

    it('a call through a fetch function still times out, and the connection is closed', () => {
      expect(results.customFetchTimeout).toMatchObject({ settled: 'WorkflowTimeoutError', connection: 'closed' });
    });

    it('client.raw still times out, and the connection is closed', () => {
      expect(results.rawTimeout).toMatchObject({ settled: 'WorkflowTimeoutError', connection: 'closed' });
    });

    it("signRequest signs the caller's own Request, so fetch still stops at the caller's abort", () => {
      expect(results.signRequest).toMatchObject({ sameRequest: true, settled: 'Error', message: 'caller aborted', connection: 'closed' });
    });

    it("signRequest from a URL and init builds a Request that still stops at the caller's abort", () => {
      expect(results.signRequestFromInit).toMatchObject({ settled: 'Error', message: 'caller aborted', connection: 'closed' });
    });

    it('of 100 concurrent AK/SK calls, none answered after the limit succeeds', () => {
      expect(results.concurrent).toEqual({ lateSucceeded: 0, lateTimedOut: 50 });
    });

    it('a call through the Node.js entry\'s fetch still times out, and the connection is closed', () => {
      expect(results.nodeFetchTimeout).toMatchObject({ settled: 'WorkflowTimeoutError', sent: true, connection: 'closed' });
    });

    it("a call through the Node.js entry's fetch still stops at the caller's abort", () => {
      expect(results.nodeFetchSignal).toMatchObject({ settled: 'Error', message: 'caller aborted', connection: 'closed' });
    });

    it("of 100 concurrent calls through the Node.js entry's fetch, none answered after the limit succeeds", () => {
      expect(results.nodeFetchConcurrent).toEqual({ lateSucceeded: 0, lateTimedOut: 50 });
    });
  });

  it('a redirect to another origin is a WorkflowApiError, from the methods and client.raw, and nothing reaches that origin', () => {
    expect(results.redirect).toEqual({ method: 'WorkflowApiError', raw: 'WorkflowApiError', status: 307, elsewhereRequests: 0 });
  });

  it('an answer over maxResponseBytes is cut off, and the rest never read', () => {
    expect(results.answerLimit).toMatchObject({ settled: 'WorkflowApiError', truncated: true, bodyLength: 1024 * 1024 });
    expect(results.answerLimit.written).toBeLessThan(32 * 1024 * 1024);
  });
});
