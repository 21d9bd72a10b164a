// validateFlowDefinition, the one validator of flow definitions: every example of the contract is valid,
// and each check finds the problem it is for, at the right JSON Pointer, all of them at once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateFlowDefinition, type FlowDefinition } from '../../src/index.ts';
import { loadBundle, type JsonObject } from '../helpers/contract.ts';

const examples = (loadBundle('openapi.json').components as JsonObject).examples as Record<string, { value: unknown }>;
const definitions = ['VendorCreateExample', 'OrderFlowDefinition', 'ExpressFlowDefinition'] as const;
const orderFlow = () => structuredClone(examples.OrderFlowDefinition!.value) as FlowDefinition;
const shownDefinition = () => structuredClone((examples.WorkflowFound!.value as { definition: FlowDefinition }).definition);

/** The problems' paths, and whether each message says what it should. */
const at = (definition: unknown) => validateFlowDefinition(definition).map((p) => p.path);
const messageAt = (definition: unknown, path: string) => validateFlowDefinition(definition).find((p) => p.path === path)?.message;

describe('validateFlowDefinition', () => {
  it.each([...definitions, 'WorkflowFound'])('finds nothing wrong with the contract example %s', (name) => {
    const value = name === 'WorkflowFound' ? shownDefinition() : examples[name]!.value;
    expect(validateFlowDefinition(value)).toEqual([]);
  });

  it('lets fields no source documents through, at every level', () => {
    const flow = orderFlow() as Record<string, unknown> & FlowDefinition;
    flow.console_layout = { x: 1 };
    (flow.states[0] as Record<string, unknown>).branches = [{ when: '$.a > 1' }];
    (flow.states[0]!.actions[0] as Record<string, unknown>).invoke_mode = 'synchronize';
    expect(validateFlowDefinition(flow)).toEqual([]);
  });

  describe('what the schema says', () => {
    it('a definition that is not an object', () => {
      for (const value of [null, 'flow', 42, [], undefined]) {
        expect(validateFlowDefinition(value), String(value)).toEqual([{ path: '', message: expect.stringMatching(/^must be a JSON object, not /) }]);
      }
    });

    it('required fields, types, lengths, patterns, enumerations and limits, each at its pointer', () => {
      const flow = orderFlow() as Record<string, unknown> & FlowDefinition;
      delete (flow as Partial<FlowDefinition>).retries;
      flow.name = 'order flow';
      flow.constants = null as never;
      flow.mode = 'FAST' as never;
      flow.states[0]!.type = 'Choice' as never;
      flow.states[0]!.actions = new Array(11).fill(flow.states[0]!.actions[0]);
      flow.states[1]!.duration = 86_401;
      (flow.states[2]!.actions[0]!.function_ref as Record<string, unknown>).invoke_mode = 'async';
      flow.functions[1]!.operation = 7 as never;
      expect(validateFlowDefinition(flow)).toEqual([
        { path: '/name', message: 'must match ^([_a-zA-Z0-9().-]|[\\u4e00-\\u9fa5]){1,64}$ (got "order flow")' },
        { path: '/functions/1/operation', message: 'must be a string, not a value of type number' },
        { path: '/states/0/type', message: 'must be one of "Operation", "Sleep", "End" (got "Choice")' },
        { path: '/states/0/actions', message: 'must have at most 10 items (got 11)' },
        { path: '/states/1/duration', message: 'must be at most 86400 (got 86401)' },
        { path: '/states/2/actions/0/function_ref/invoke_mode', message: 'must be one of "synchronize" (got "async")' },
        { path: '/constants', message: 'must be a JSON object, not null' },
        { path: '/retries', message: 'is required' },
        { path: '/mode', message: 'must be one of "NORMAL", "EXPRESS" (got "FAST")' },
      ]);
    });

    it('a limit the schema sets is reported once, not again by the state type\'s own check', () => {
      const flow = orderFlow();
      flow.states[2]!.actions = new Array(11).fill(flow.states[2]!.actions[0]);
      flow.states[1]!.duration = -1;
      expect(validateFlowDefinition(flow)).toEqual([
        { path: '/states/1/duration', message: 'must be at least 0 (got -1)' },
        { path: '/states/2/actions', message: 'must have at most 10 items (got 11)' },
      ]);
    });

    it('escapes "~" and "/" in a pointer (RFC 6901)', () => {
      const flow = orderFlow();
      flow.states[0]!.actions[0]!.function_ref!.arguments = { 'a/b~c': '$.x[' };
      expect(at(flow)).toEqual(['/states/0/actions/0/function_ref/arguments/a~1b~0c']);
    });
  });

  describe('what no schema can say, one example each', () => {
    const cases: Array<[string, (flow: FlowDefinition) => void, string, RegExp]> = [
      ['start names no state', (f) => (f.start = 'begin'), '/start', /^names no state \("begin"\): the flow's state ids are "reserve", "settle", "ship", "failed", "done"$/],
      ['a transition names no state', (f) => (f.states[1]!.transition = 'shipping'), '/states/1/transition', /^names no state \("shipping"\)/],
      ['an error handler names no state', (f) => (f.states[0]!.on_errors![0]!.transition = 'oops'), '/states/0/on_errors/0/transition', /^names no state \("oops"\)/],
      ['a ref_name names no function', (f) => (f.states[2]!.actions[0]!.function_ref!.ref_name = 'notify-all'), '/states/2/actions/0/function_ref/ref_name', /^names no function \("notify-all"\): the flow's functions are "reserve-stock", "charge-card", "notify"$/],
      ['a retry_ref names no retry policy', (f) => (f.states[0]!.on_errors![0]!.retry_ref = 'retry'), '/states/0/on_errors/0/retry_ref', /^names no retry policy \("retry"\): the flow's retry policies are "retry-on-5xx"$/],
      ['a repeated state id', (f) => (f.states[4]!.id = 'failed'), '/states/4/id', /^repeats "failed", the id of \/states\/3: each state's id must be unique$/],
      ['a repeated state name', (f) => (f.states[4]!.name = 'Failed'), '/states/4/name', /^repeats "Failed", the name of \/states\/3/],
      ['a repeated function name', (f) => (f.functions[2]!.name = 'charge-card'), '/functions/2/name', /^repeats "charge-card"/],
      ['a repeated retry policy name', (f) => f.retries.push({ name: 'retry-on-5xx' }), '/retries/1/name', /^repeats "retry-on-5xx"/],
      ['an empty state id', (f) => f.states.push({ id: '', name: 'Orphan', type: 'End', end: true, transition: '', actions: [] }), '/states/5/id', /^must not be empty: a state is referred to by its id$/],
      ['a Sleep without a duration', (f) => delete f.states[1]!.duration, '/states/1/duration', /^is required: a Sleep state waits for duration seconds$/],
      ['a Sleep of 0 seconds', (f) => (f.states[1]!.duration = 0), '/states/1/duration', /^must be at least 0\.001 seconds in a Sleep state \(got 0\)$/],
      ['an Operation without actions', (f) => (f.states[2]!.actions = []), '/states/2/actions', /^must hold 1 to 10 actions in an Operation state \(got 0\)$/],
      ['an action without function_ref', (f) => delete f.states[2]!.actions[0]!.function_ref, '/states/2/actions/0/function_ref', /^is required: an action invokes the function it names$/],
      ['a state that does not end and has no transition', (f) => (f.states[2]!.transition = ''), '/states/2/transition', /^is empty: a state that does not end the flow must name the next state/],
      ['an unreachable state', (f) => f.states.push({ id: 'audit', name: 'Audit', type: 'End', end: true, transition: '', actions: [] }), '/states/5', /^is unreachable: no transition from the start state leads to it$/],
      ['a cycle', (f) => (f.states[2]!.transition = 'reserve'), '/states/2', /^closes a cycle "reserve" → "settle" → "ship" → "reserve": a flow must be acyclic/],
      ['an argument that does not parse', (f) => (f.states[0]!.actions[0]!.function_ref!.arguments.order_id = '$.order[id'), '/states/0/actions/0/function_ref/arguments/order_id', /^is not a valid argument: /],
      ['an argument fallback that does not parse', (f) => (f.states[0]!.actions[1]!.function_ref!.arguments.amount = '$.order.total | '), '/states/0/actions/1/function_ref/arguments/amount', /^is not a valid argument: /],
      ['a nested argument that does not parse', (f) => (f.states[2]!.actions[0]!.function_ref!.arguments.to = { list: ['$.a', '$..'] }), '/states/2/actions/0/function_ref/arguments/to/list/1', /^is not a valid argument: /],
      ['a filter that does not parse', (f) => (f.states[0]!.state_data_filter!.input = 'order'), '/states/0/state_data_filter/input', /^is not a valid JSONPath: /],
      ['an error condition that does not parse', (f) => (f.states[0]!.on_errors![0]!.error = '$.errorCode =='), '/states/0/on_errors/0/error', /^is not a valid condition: /],
      ['an End state that says it does not end', (f) => (f.states[4]!.end = false), '/states/4/end', /^must be true in an End state, which ends the flow$/],
      ['an OBS trigger without its configuration', (f) => (f.triggers = [{ trigger_name: 'upload', trigger_type: 'OBS' }]), '/triggers/0/trigger_config', /^is required for an OBS trigger/],
    ];

    it.each(cases)('%s', (_name, breakIt, path, message) => {
      const flow = orderFlow();
      breakIt(flow);
      const problems = validateFlowDefinition(flow);
      expect(problems.map((p) => p.path), JSON.stringify(problems)).toContain(path);
      expect(problems.find((p) => p.path === path)!.message).toMatch(message);
    });

    it('a state whose id is repeated or empty is reported for its id alone, not as unreachable too', () => {
      const flow = orderFlow();
      flow.states.push({ id: 'failed', name: 'Again', type: 'End', end: true, transition: '', actions: [] });
      flow.states.push({ id: '', name: 'Orphan', type: 'End', end: true, transition: '', actions: [] });
      expect(at(flow)).toEqual(['/states/5/id', '/states/6/id']);
    });

    it('two cycles through one state are both reported', () => {
      const flow = orderFlow();
      flow.states[2]!.transition = 'reserve';
      flow.states[2]!.on_errors = [{ error: '', transition: 'settle' }];
      expect(validateFlowDefinition(flow).filter((p) => p.path === '/states/2').map((p) => p.message)).toEqual([
        expect.stringMatching(/^closes a cycle "reserve" → "settle" → "ship" → "reserve"/),
        expect.stringMatching(/^closes a cycle "settle" → "ship" → "settle"/),
      ]);
    });

    it('a literal, a fallback of each kind and an empty filter or condition are not problems', () => {
      const flow = orderFlow();
      Object.assign(flow.states[0]!.actions[0]!.function_ref!.arguments, {
        region: 'cn-north-7',
        empty: '',
        count: 3,
        flags: [true, null],
        a: "$.a | 'text'",
        b: '$.b | -1.5e3',
        c: '$.c | true',
        d: '$.d | $CONST.default_warehouse',
        e: '$.e | $.constants.default_warehouse',
      });
      flow.states[0]!.state_data_filter = { input: '', output: '' };
      flow.states[0]!.on_errors![0]!.error = '';
      expect(validateFlowDefinition(flow)).toEqual([]);
    });

    it('an End state or end: true needs no transition; an error handler without one is allowed', () => {
      const flow = orderFlow();
      flow.states[2]!.end = true;
      flow.states[2]!.transition = '';
      flow.states[0]!.on_errors![0]!.transition = '';
      // "done" is now reached from nowhere, and so is "failed": both are reported, and nothing else.
      expect(at(flow)).toEqual(['/states/3', '/states/4']);
    });

    it('returns every problem at once', () => {
      const flow = orderFlow();
      flow.start = 'begin';
      flow.states[1]!.transition = 'nowhere';
      delete flow.states[1]!.duration;
      flow.states[2]!.actions[0]!.function_ref!.ref_name = 'x';
      flow.states[0]!.on_errors![0]!.error = '$.a ==';
      expect(at(flow).sort()).toEqual(['/start', '/states/0/on_errors/0/error', '/states/1/duration', '/states/1/transition', '/states/2/actions/0/function_ref/ref_name']);
      expect(messageAt(flow, '/start')).toMatch(/^names no state/);
    });
  });

  describe('hostile input: never throws, and stays bounded', () => {
    it('deep nesting, a cyclic object, huge arrays and odd prototypes', () => {
      let deep: Record<string, unknown> = {};
      const top = deep;
      for (let i = 0; i < 10_000; i++) deep = (deep.next = {}) as Record<string, unknown>;
      const flow = orderFlow() as FlowDefinition & Record<string, unknown>;
      flow.states[0]!.actions[0]!.function_ref!.arguments = top;
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      flow.constants = cyclic;
      flow.extra = cyclic;
      // The arguments are walked 64 levels deep, and what lies below is said not to be checked.
      expect(validateFlowDefinition(flow)).toEqual([
        { path: `/states/0/actions/0/function_ref/arguments${'/next'.repeat(64)}`, message: 'nests deeper than 64 levels: the expressions below are not checked' },
      ]);

      // A list over its limit is reported, and only its first 100 states are looked into: each repeats the first's id, then its name; and no state is the start.
      const huge = orderFlow();
      huge.states = new Array(1_000_000).fill(huge.states[4]);
      const problems = validateFlowDefinition(huge);
      expect(problems).toContainEqual({ path: '/states', message: 'must have at most 100 items (got 1000000)' });
      expect(problems.filter((p) => p.path !== '/states').map((p) => p.path)).toEqual([...Array.from({ length: 99 }, (_, i) => `/states/${i + 1}/id`), ...Array.from({ length: 99 }, (_, i) => `/states/${i + 1}/name`), '/start']);

      const prototypes = JSON.parse('{"name":"f","start":"a","__proto__":{"states":[]},"functions":[],"constants":{},"retries":[]}');
      expect(at(prototypes)).toEqual(['/states']);
      expect(validateFlowDefinition(Object.create({ name: 'inherited' }))).toEqual([{ path: '', message: expect.stringMatching(/^must be a JSON object/) }]);
    });

    it('arbitrary JSON never makes it throw, and a problem always names a place in the input', () => {
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), fc.constant(orderFlow()).chain((flow) => fc.jsonValue().map((junk) => ({ ...flow, states: [...flow.states, junk] })))), (value) => {
          for (const { path } of validateFlowDefinition(value)) {
            let node: unknown = value;
            for (const step of path.split('/').slice(1)) {
              const key = step.replace(/~1/g, '/').replace(/~0/g, '~');
              expect(node !== null && typeof node === 'object', path).toBe(true);
              node = (node as Record<string, unknown>)[key];
            }
          }
        }),
        { numRuns: 300 },
      );
    });
  });
});
