// validateFlowDefinition: every problem of a flow definition at once, before it is sent. First what the
// contract's schema says (types, limits, enumerations, required fields), walked from the generated
// tables; then what no schema can say, and what would make the service refuse the flow or make it fail
// at run time: references between states, functions and retry policies, uniqueness, what each state
// type needs, reachability, and the expressions inside. Fields no source documents are not problems: the
// service keeps them, and a definition read back must validate.
import { schemas, type ValueConstraint } from '../generated/operations.js';
import type { components } from '../generated/schema.js';
import { ExpressionError, parseArgument, parseCondition, parseJsonPath } from './expressions.js';
import { isPlainObject, ownProblem } from './validate.js';

/** A flow definition, as `createWorkflow` and `updateWorkFlow` send it and `showWorkFlow` returns it. */
export type FlowDefinition = components['schemas']['WorkflowCreateBody'];

/** One problem: where it is, as a JSON Pointer into the definition (RFC 6901), and what is wrong there. */
export interface FlowDefinitionProblem {
  readonly path: string;
  readonly message: string;
}

/** How deep arguments may nest and still have their expressions checked: far deeper than any real flow's. */
const maxArgumentDepth = 64;
/** What a Sleep state waits at the least, in seconds (the console's wait node). */
const shortestSleep = 0.001;
/** How many actions an Operation state runs. */
const actionsOfOperation = { min: 1, max: 10 } as const;

/**
 * Checks a flow definition and returns every problem found, each `{ path, message }` with `path` a JSON
 * Pointer into the definition; an empty array means it is valid. Nothing is thrown, whatever the input.
 */
export function validateFlowDefinition(definition: unknown): FlowDefinitionProblem[] {
  const problems: FlowDefinitionProblem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });
  if (definition === undefined) report('', 'must be a JSON object, not undefined');
  walk(definition, { ref: 'WorkflowCreateBody' }, '', report);
  if (isPlainObject(definition)) checkFlow(definition, report);
  return problems;
}

type Report = (path: string, message: string) => void;

/** Checks a value against its constraint, and its properties and items against theirs. */
// It follows only what the schema declares, a few levels deep: user data (arguments, constants) is free-form.
function walk(value: unknown, constraint: ValueConstraint, path: string, report: Report): void {
  if (value === undefined) return;
  const problem = ownProblem(value, constraint);
  if (problem) return report(path, problem);
  const objectConstraint = constraint.ref === undefined ? constraint : (schemas[constraint.ref as keyof typeof schemas] as ValueConstraint);
  if (objectConstraint.properties && isPlainObject(value)) {
    for (const [name, property] of Object.entries(objectConstraint.properties)) {
      const child = Object.hasOwn(value, name) ? value[name] : undefined;
      if (child === undefined && property.required) report(pointer(path, name), 'is required');
      else walk(child, property, pointer(path, name), report);
    }
  }
  // An array over its limit is reported once above; its items are not walked, so a huge one costs little.
  const items = constraint.items;
  if (items && Array.isArray(value)) value.forEach((item, i) => walk(item, items, pointer(path, String(i)), report));
}

/** The checks no schema can express. Each looks only at values of the right type: the walk reports the others. */
function checkFlow(flow: Record<string, unknown>, report: Report): void {
  const states = objectsIn(flow.states, limitOf('states'));
  const functions = objectsIn(flow.functions, limitOf('functions'));
  const retries = objectsIn(flow.retries, limitOf('retries'));
  const triggers = objectsIn(flow.triggers, limitOf('triggers'));

  // The schema lets a state's id and a function's name be empty, yet nothing could refer to them.
  const stateIds = uniqueNames(states, 'id', '/states', 'state', report, { reportEmpty: true });
  uniqueNames(states, 'name', '/states', 'state', report);
  const functionNames = uniqueNames(functions, 'name', '/functions', 'function', report, { reportEmpty: true });
  const retryNames = uniqueNames(retries, 'name', '/retries', 'retry policy', report);
  uniqueNames(triggers, 'trigger_name', '/triggers', 'trigger', report);

  const known = (names: Map<string, number>, kind: string) => {
    const list = [...names.keys()].slice(0, 10).map((name) => JSON.stringify(name));
    return names.size === 0 ? `the flow has no ${kind}` : `the flow's ${kind} are ${list.join(', ')}${names.size > 10 ? ', …' : ''}`;
  };
  // A reference into a list that is missing or not a list is not reported again: the walk reported the list.
  const refersTo = (path: string, value: unknown, names: Map<string, number> | undefined, kind: string, noun: string) => {
    if (names && typeof value === 'string' && value !== '' && !names.has(value)) report(path, `names no ${noun} (${JSON.stringify(value)}): ${known(names, kind)}`);
  };
  const listed = (list: unknown, names: Map<string, number>) => (Array.isArray(list) ? names : undefined);

  refersTo('/start', flow.start, listed(flow.states, stateIds), 'state ids', 'state');

  /** Each state's successors by index: its transition, and its error handlers' transitions. */
  const successors: number[][] = states.map(() => []);
  const follow = (from: number, to: unknown) => {
    const target = typeof to === 'string' ? stateIds.get(to) : undefined;
    if (target !== undefined) successors[from]!.push(target);
  };

  states.forEach(({ value: state, index }, position) => {
    const at = `/states/${index}`;
    const ends = state.type === 'End' || state.end === true;
    // The schema's own limits (at most 10 actions, a duration of 0 or more) are the walk's to report.
    if (state.type === 'Operation' && Array.isArray(state.actions) && state.actions.length < actionsOfOperation.min) {
      report(`${at}/actions`, `must hold ${actionsOfOperation.min} to ${actionsOfOperation.max} actions in an Operation state (got ${state.actions.length})`);
    }
    if (state.type === 'Sleep') {
      if (state.duration === undefined) report(`${at}/duration`, 'is required: a Sleep state waits for duration seconds');
      else if (typeof state.duration === 'number' && state.duration >= 0 && state.duration < shortestSleep) report(`${at}/duration`, `must be at least ${shortestSleep} seconds in a Sleep state (got ${state.duration})`);
    }
    if (state.type === 'End' && state.end === false) report(`${at}/end`, 'must be true in an End state, which ends the flow');
    if (typeof state.transition === 'string') {
      if (state.transition === '' && !ends) report(`${at}/transition`, 'is empty: a state that does not end the flow must name the next state (or set end: true)');
      refersTo(`${at}/transition`, state.transition, stateIds, 'state ids', 'state');
      if (!ends) follow(position, state.transition);
    }
    objectsIn(state.actions).forEach(({ value: action, index: a }) => {
      const actionAt = `${at}/actions/${a}`;
      if (action.function_ref === undefined) return report(`${actionAt}/function_ref`, 'is required: an action invokes the function it names');
      if (!isPlainObject(action.function_ref)) return;
      refersTo(`${actionAt}/function_ref/ref_name`, action.function_ref.ref_name, listed(flow.functions, functionNames), 'functions', 'function');
      if (action.function_ref.ref_name === '') report(`${actionAt}/function_ref/ref_name`, 'must not be empty: it names one of the flow\'s functions');
      checkArguments(action.function_ref.arguments, `${actionAt}/function_ref/arguments`, 0, report);
    });
    if (isPlainObject(state.state_data_filter)) {
      for (const side of ['input', 'output'] as const) {
        const filter = state.state_data_filter[side];
        if (typeof filter === 'string' && filter !== '') expression(`${at}/state_data_filter/${side}`, () => parseJsonPath(filter), 'JSONPath', report);
      }
    }
    objectsIn(state.on_errors).forEach(({ value: handler, index: h }) => {
      const handlerAt = `${at}/on_errors/${h}`;
      const condition = handler.error;
      if (typeof condition === 'string' && condition.trim() !== '') expression(`${handlerAt}/error`, () => parseCondition(condition), 'condition', report);
      refersTo(`${handlerAt}/transition`, handler.transition, stateIds, 'state ids', 'state');
      refersTo(`${handlerAt}/retry_ref`, handler.retry_ref, listed(flow.retries, retryNames), 'retry policies', 'retry policy');
      follow(position, handler.transition);
    });
  });

  triggers.forEach(({ value: trigger, index }) => {
    if (trigger.trigger_type === 'OBS' && trigger.trigger_config === undefined) report(`/triggers/${index}/trigger_config`, 'is required for an OBS trigger: it names the bucket and its events');
  });

  const start = typeof flow.start === 'string' ? stateIds.get(flow.start) : undefined;
  // A state whose id is missing, empty or repeated was reported as such, and no transition can name it.
  const identified = (position: number) => stateIds.get(states[position]!.value.id as string) === position;
  if (start !== undefined) checkGraph(states, successors, start, identified, report);
}

/** Every state is reached from the start, and no path leads back to a state it left (the console's flows are acyclic). */
function checkGraph(states: Array<Indexed>, successors: number[][], start: number, identified: (position: number) => boolean, report: Report): void {
  const reached = new Set<number>();
  const onPath: number[] = [];
  /** Each cycle is reported once, at the edge that closes it. */
  const reportedCycles = new Set<string>();
  // Depth-first, iteratively: a definition holds at most a few hundred states, but a hostile one is not bound by that.
  const visit = (first: number) => {
    const stack: Array<{ state: number; next: number }> = [{ state: first, next: 0 }];
    reached.add(first);
    onPath.push(first);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const target = successors[frame.state]![frame.next++];
      if (target === undefined) {
        stack.pop();
        onPath.pop();
        continue;
      }
      const loopsAt = onPath.indexOf(target);
      if (loopsAt !== -1) {
        const edge = `${frame.state}→${target}`;
        if (!reportedCycles.has(edge)) {
          reportedCycles.add(edge);
          const cycle = [...onPath.slice(loopsAt), target].map((i) => JSON.stringify(states[i]!.value.id)).join(' → ');
          report(`/states/${states[frame.state]!.index}`, `closes a cycle ${cycle}: a flow must be acyclic; repeat a state with a retry policy instead`);
        }
        continue;
      }
      if (reached.has(target)) continue;
      reached.add(target);
      onPath.push(target);
      stack.push({ state: target, next: 0 });
    }
  };
  visit(start);
  states.forEach(({ index }, position) => {
    if (!reached.has(position) && identified(position)) report(`/states/${index}`, 'is unreachable: no transition from the start state leads to it');
  });
}

/** Every string among the arguments is an expression (or a literal); objects and arrays nest. */
function checkArguments(value: unknown, path: string, depth: number, report: Report): void {
  if (depth >= maxArgumentDepth) return report(path, `nests deeper than ${maxArgumentDepth} levels: the expressions below are not checked`);
  if (typeof value === 'string') return expression(path, () => parseArgument(value), 'argument', report);
  if (Array.isArray(value)) value.forEach((item, i) => checkArguments(item, pointer(path, String(i)), depth + 1, report));
  else if (isPlainObject(value)) for (const [name, item] of Object.entries(value)) checkArguments(item, pointer(path, name), depth + 1, report);
}

function expression(path: string, parse: () => unknown, kind: string, report: Report): void {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    report(path, `is not a valid ${kind}: ${error.message}`);
  }
}

interface Indexed {
  value: Record<string, unknown>;
  /** The index in the definition's array, for the pointer. */
  index: number;
}

/** The most items a top-level list of the definition may hold, from the schema. */
function limitOf(list: 'states' | 'functions' | 'retries' | 'triggers'): number {
  return (schemas.WorkflowCreateBody.properties[list] as ValueConstraint).maxItems ?? Infinity;
}

/**
 * The objects of an array, with their indexes; anything else (reported by the walk) is left out. A list
 * longer than its limit is reported by the walk, and only its first `limit` items are looked into.
 */
function objectsIn(value: unknown, limit = 200): Indexed[] {
  if (!Array.isArray(value)) return [];
  const objects: Indexed[] = [];
  for (let index = 0; index < Math.min(value.length, limit); index++) {
    const item: unknown = value[index];
    if (isPlainObject(item)) objects.push({ value: item, index });
  }
  return objects;
}

/** The values of `field` to their position in `items`; a repeated one is reported, and an empty one when the schema allows it. */
function uniqueNames(items: Indexed[], field: string, at: string, noun: string, report: Report, { reportEmpty = false } = {}): Map<string, number> {
  const names = new Map<string, number>();
  items.forEach(({ value, index }, position) => {
    const name = value[field];
    if (typeof name !== 'string') return;
    if (name === '') return reportEmpty ? report(`${at}/${index}/${field}`, `must not be empty: a ${noun} is referred to by its ${field}`) : undefined;
    const first = names.get(name);
    if (first !== undefined) return report(`${at}/${index}/${field}`, `repeats ${JSON.stringify(name)}, the ${field} of ${at}/${items[first]!.index}: each ${noun}'s ${field} must be unique`);
    names.set(name, position);
  });
  return names;
}

/** A JSON Pointer one step further (RFC 6901: `~` and `/` escaped). */
function pointer(path: string, name: string): string {
  return `${path}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
