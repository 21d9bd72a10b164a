// What the flows' functions answer, scripted in a file of the shape Step Functions Local made the
// standard (its MockConfigFile), with flows for state machines and functions for states:
//
//   { "Flows": { "<flow name>": { "TestCases": { "<case>": { "<function name>": "<response id>" } } } },
//     "MockedResponses": { "<response id>": { "0": { "Return": {…} }, "1-2": { "Throw": { "Error": "…", "Cause": "…" } },
//                                              "3": { "WaitForCallback": true } } } }
//
// Beyond that format: a function may map to a list of rules, the first whose `WhenInput` the call's
// input contains picks the response id, and an answer may carry a `Delay` in seconds. The file is
// checked whole before it is used: a problem names the file, the place (a JSON Pointer) and what is
// wrong, and a file that changes is re-read and used only if it is valid.
import { readFileSync, statSync, unwatchFile, watchFile } from 'node:fs';
import { isPlainObject } from '../../../src/validate.ts';

/** One scripted answer of a function. */
export type MockedAnswer =
  | { Return: unknown; Delay?: number }
  | { Throw: { Error: string; Cause: string }; Delay?: number }
  | { WaitForCallback: true };

interface Rule {
  WhenInput?: unknown;
  Response: string;
}

interface ScenarioFile {
  flows: Map<string, Map<string, Map<string, Rule[]>>>;
  responses: Map<string, Array<{ from: number; to: number; answer: MockedAnswer }>>;
}

export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

/** The test case that applies when a start names none. */
export const defaultTestCase = 'Default';
/** The longest scripted delay, in seconds: a day, as a Sleep state's longest. */
const longestDelay = 86_400;

export type Pick =
  | { kind: 'unscripted' }
  | { kind: 'answer'; answer: MockedAnswer; responseId: string }
  | { kind: 'exhausted'; responseId: string; covered: string };

export class Scenarios {
  readonly file: string | undefined;
  #loaded: ScenarioFile | undefined;
  #stamp = '';
  #lastError: string | undefined;
  #loadedAt: number | undefined;

  /** Reads and checks the file (if one is given); throws a ScenarioError when it is not valid. */
  constructor(file: string | undefined) {
    this.file = file;
    if (file === undefined) return;
    const result = this.refresh();
    if (result.error) throw new ScenarioError(result.error);
    // Re-read promptly when the file changes, so that a broken edit is reported when it is saved.
    watchFile(file, { interval: 500, persistent: false }, () => {
      const { error, changed } = this.refresh();
      if (error && changed) console.error(`emulator: ${error}\nemulator: keeping the scenarios loaded before`);
      else if (changed) console.log(`emulator: re-read ${file}`);
    });
  }

  /** What is in use: where from, when it was read, and the problem of the newest version if it was refused. */
  describe(): { file: string | null; loaded_at: number | null; flows: string[]; test_cases: Record<string, string[]>; error: string | null } {
    const flows = [...(this.#loaded?.flows ?? [])];
    return {
      file: this.file ?? null,
      loaded_at: this.#loadedAt ?? null,
      flows: flows.map(([name]) => name),
      test_cases: Object.fromEntries(flows.map(([name, cases]) => [name, [...cases.keys()]])),
      error: this.#lastError ?? null,
    };
  }

  /** Re-reads the file when its size or modification time changed; a version that is not valid is refused whole. */
  refresh(): { error?: string; changed: boolean } {
    if (this.file === undefined) return { changed: false };
    let stamp: string;
    try {
      const stat = statSync(this.file);
      stamp = `${stat.size}:${stat.mtimeMs}`;
    } catch (error) {
      return this.#refuse(`${this.file}: cannot be read: ${(error as Error).message}`, 'missing');
    }
    if (stamp === this.#stamp) return { changed: false, ...(this.#lastError !== undefined && { error: this.#lastError }) };
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      return this.#refuse(`${this.file}: cannot be read: ${(error as Error).message}`, stamp);
    }
    try {
      this.#loaded = parseScenarios(text, this.file);
      this.#stamp = stamp;
      this.#lastError = undefined;
      this.#loadedAt = Date.now();
      return { changed: true };
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      return this.#refuse(error.message, stamp);
    }
  }

  #refuse(message: string, stamp: string): { error: string; changed: boolean } {
    const changed = stamp !== this.#stamp || message !== this.#lastError;
    this.#stamp = stamp;
    this.#lastError = message;
    return { error: message, changed };
  }

  /** The test case a start picks (its X-Emulator-Test-Case header, else Default where the flow has one), or why it cannot. */
  testCaseFor(flowName: string, requested: string | undefined): { testCase: string | undefined } | { error: string } {
    this.refresh();
    const cases = this.#loaded?.flows.get(flowName);
    if (requested === undefined) return { testCase: cases?.has(defaultTestCase) ? defaultTestCase : undefined };
    if (!this.#loaded) return { error: `X-Emulator-Test-Case names the test case ${JSON.stringify(requested)}, but the emulator was started without --scenarios` };
    if (!cases) return { error: `X-Emulator-Test-Case names the test case ${JSON.stringify(requested)}, but ${this.file} has no flow named ${JSON.stringify(flowName)} under Flows` };
    if (!cases.has(requested)) {
      return { error: `X-Emulator-Test-Case names the test case ${JSON.stringify(requested)}, which flow ${JSON.stringify(flowName)} does not have in ${this.file}: it has ${[...cases.keys()].map((name) => JSON.stringify(name)).join(', ')}` };
    }
    return { testCase: requested };
  }

  /** The answer for the `invocation`-th call (0-based) of a function in an execution of this test case. */
  pick(flowName: string, testCase: string | undefined, functionName: string, invocation: number, input: unknown): Pick {
    if (testCase === undefined) return { kind: 'unscripted' };
    this.refresh();
    const rules = this.#loaded?.flows.get(flowName)?.get(testCase)?.get(functionName);
    const rule = rules?.find((each) => each.WhenInput === undefined || contains(input, each.WhenInput));
    if (!rule) return { kind: 'unscripted' };
    const ranges = this.#loaded!.responses.get(rule.Response)!;
    const found = ranges.find(({ from, to }) => invocation >= from && invocation <= to);
    if (found) return { kind: 'answer', answer: found.answer, responseId: rule.Response };
    return { kind: 'exhausted', responseId: rule.Response, covered: ranges.map(({ from, to }) => (from === to ? `${from}` : `${from}-${to}`)).join(', ') };
  }

  close(): void {
    if (this.file !== undefined) unwatchFile(this.file);
  }
}

/** Whether `value` holds everything `pattern` has: objects by their keys, recursively; anything else by equality. */
export function contains(value: unknown, pattern: unknown): boolean {
  if (isPlainObject(pattern)) {
    if (!isPlainObject(value)) return false;
    return Object.keys(pattern).every((key) => Object.hasOwn(value, key) && contains(value[key], pattern[key]));
  }
  if (Array.isArray(pattern)) return Array.isArray(value) && value.length === pattern.length && pattern.every((item, i) => contains(value[i], item));
  return value === pattern;
}

/** Parses and checks the text of a scenarios file; throws a ScenarioError naming the file, the place and the problem. */
export function parseScenarios(text: string, file: string): ScenarioFile {
  const fail = (at: string, message: string): never => {
    throw new ScenarioError(`${file}: ${at === '' ? '' : `${at}: `}${message}`);
  };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    fail('', `is not JSON: ${(error as Error).message}`);
  }
  if (!isPlainObject(document)) return fail('', 'must hold a JSON object with Flows and MockedResponses');
  for (const key of Object.keys(document)) {
    if (key === 'StateMachines') fail('/StateMachines', 'is the name Step Functions Local uses: name it Flows here, with a flow name for each state machine name');
    if (key !== 'Flows' && key !== 'MockedResponses') fail(`/${escape(key)}`, 'is not a field of a scenarios file: it has Flows and MockedResponses');
  }
  const responses = new Map<string, Array<{ from: number; to: number; answer: MockedAnswer }>>();
  const rawResponses = document.MockedResponses ?? {};
  if (!isPlainObject(rawResponses)) fail('/MockedResponses', 'must be an object of response ids');
  for (const [id, byInvocation] of Object.entries(rawResponses as Record<string, unknown>)) {
    const at = `/MockedResponses/${escape(id)}`;
    if (!isPlainObject(byInvocation) || Object.keys(byInvocation).length === 0) fail(at, 'must be an object of invocation numbers ("0", "1-2") to answers');
    const ranges: Array<{ from: number; to: number; answer: MockedAnswer }> = [];
    for (const [key, answer] of Object.entries(byInvocation as Record<string, unknown>)) {
      const range = /^(0|[1-9][0-9]{0,8})(?:-(0|[1-9][0-9]{0,8}))?$/.exec(key);
      if (!range) fail(`${at}/${escape(key)}`, 'is not an invocation number ("0") or range ("1-2") of whole numbers from 0');
      const from = Number(range![1]);
      const to = range![2] === undefined ? from : Number(range![2]);
      if (to < from) fail(`${at}/${escape(key)}`, `is a range that ends before it starts: write "${to}-${from}"`);
      ranges.push({ from, to, answer: checkAnswer(answer, `${at}/${escape(key)}`, fail) });
    }
    ranges.sort((a, b) => a.from - b.from);
    let next = 0;
    for (const { from, to } of ranges) {
      const label = from === to ? `${from}` : `${from}-${to}`;
      if (from < next) fail(`${at}/${label}`, `overlaps another range: invocation ${from} has two answers`);
      if (from > next) fail(at, `has no answer for invocation ${next}: the invocations must be covered from 0 without gaps (next is "${label}")`);
      next = to + 1;
    }
    responses.set(id, ranges);
  }
  const flows = new Map<string, Map<string, Map<string, Rule[]>>>();
  const rawFlows = document.Flows ?? {};
  if (!isPlainObject(rawFlows)) fail('/Flows', 'must be an object of flow names');
  for (const [flowName, flow] of Object.entries(rawFlows as Record<string, unknown>)) {
    const at = `/Flows/${escape(flowName)}`;
    if (!isPlainObject(flow)) fail(at, 'must be an object with TestCases');
    for (const key of Object.keys(flow as object)) if (key !== 'TestCases') fail(`${at}/${escape(key)}`, 'is not a field of a flow: it has TestCases');
    const testCases = (flow as Record<string, unknown>).TestCases;
    if (!isPlainObject(testCases)) fail(`${at}/TestCases`, 'must be an object of test case names');
    const cases = new Map<string, Map<string, Rule[]>>();
    for (const [caseName, functions] of Object.entries(testCases as Record<string, unknown>)) {
      const caseAt = `${at}/TestCases/${escape(caseName)}`;
      if (!isPlainObject(functions)) fail(caseAt, 'must be an object of function names to response ids');
      const byFunction = new Map<string, Rule[]>();
      for (const [functionName, mapping] of Object.entries(functions as Record<string, unknown>)) {
        const mapAt = `${caseAt}/${escape(functionName)}`;
        const known = (id: unknown, where: string) => {
          if (typeof id !== 'string') fail(where, 'must be a response id (a string)');
          if (!responses.has(id as string)) fail(where, `names the response id ${JSON.stringify(id)}, which MockedResponses does not define${responses.size ? `: it defines ${[...responses.keys()].slice(0, 10).map((name) => JSON.stringify(name)).join(', ')}` : ''}`);
          return id as string;
        };
        if (typeof mapping === 'string') {
          byFunction.set(functionName, [{ Response: known(mapping, mapAt) }]);
          continue;
        }
        if (!Array.isArray(mapping) || mapping.length === 0) fail(mapAt, 'must be a response id, or a list of { "WhenInput": {…}, "Response": "<id>" } rules');
        byFunction.set(functionName, (mapping as unknown[]).map((rule, i) => {
          const ruleAt = `${mapAt}/${i}`;
          if (!isPlainObject(rule)) fail(ruleAt, 'must be an object { "WhenInput": {…}, "Response": "<id>" }');
          for (const key of Object.keys(rule as object)) if (key !== 'WhenInput' && key !== 'Response') fail(`${ruleAt}/${escape(key)}`, 'is not a field of a rule: it has WhenInput (optional) and Response');
          const { WhenInput, Response } = rule as Record<string, unknown>;
          return { ...(WhenInput !== undefined && { WhenInput }), Response: known(Response, `${ruleAt}/Response`) };
        }));
      }
      cases.set(caseName, byFunction);
    }
    flows.set(flowName, cases);
  }
  return { flows, responses };
}

function checkAnswer(answer: unknown, at: string, fail: (at: string, message: string) => never): MockedAnswer {
  if (!isPlainObject(answer)) return fail(at, 'must be an object with one of Return, Throw or WaitForCallback');
  const kinds = ['Return', 'Throw', 'WaitForCallback'].filter((kind) => Object.hasOwn(answer, kind));
  if (kinds.length !== 1) fail(at, kinds.length === 0 ? 'must have one of Return, Throw or WaitForCallback' : `has ${kinds.join(' and ')}: give exactly one`);
  for (const key of Object.keys(answer)) if (!['Return', 'Throw', 'WaitForCallback', 'Delay'].includes(key)) fail(`${at}/${escape(key)}`, 'is not a field of an answer: it has Return, Throw or WaitForCallback, and Delay');
  if (answer.Delay !== undefined) {
    if (typeof answer.Delay !== 'number' || !Number.isFinite(answer.Delay) || answer.Delay < 0 || answer.Delay > longestDelay) fail(`${at}/Delay`, `must be a number of seconds from 0 to ${longestDelay}`);
    if (kinds[0] === 'WaitForCallback') fail(`${at}/Delay`, 'does not go with WaitForCallback: the callback decides when the node goes on');
  }
  if (kinds[0] === 'WaitForCallback' && answer.WaitForCallback !== true) fail(`${at}/WaitForCallback`, 'must be true');
  if (kinds[0] === 'Throw') {
    const thrown = answer.Throw;
    if (!isPlainObject(thrown)) fail(`${at}/Throw`, 'must be an object { "Error": "…", "Cause": "…" }');
    for (const key of ['Error', 'Cause']) {
      const value = (thrown as Record<string, unknown>)[key];
      if (typeof value !== 'string' || value === '') fail(`${at}/Throw/${key}`, 'is required: a non-empty string');
    }
    for (const key of Object.keys(thrown as object)) if (key !== 'Error' && key !== 'Cause') fail(`${at}/Throw/${escape(key)}`, 'is not a field of Throw: it has Error and Cause');
  }
  return answer as MockedAnswer;
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
