// Every operation from the contract's tables (generated/operations.ts): how its input becomes path,
// query and header parameters and a body, and how its answer becomes a result. No operation has code
// of its own; the only names written here by hand are the options for header parameters.
//
// Inputs: path and query parameters are camelCase options (`execution_id` → `executionId`,
// `start_time` → `startTime`), header parameters are named in `headerOptions`, and body fields keep
// the contract's names. Results: the success body exactly as the service sent it, plus `request_id`.
import { operationTable, schemas, type OperationId, type PropertyConstraint, type ResponseKind } from '../generated/operations.js';
import type { operations } from '../generated/schema.js';
import { failedAnswer, parseJson, requestIdOf, unexpectedAnswer, type Answer } from './answer.js';
import { WorkflowValidationError } from './errors.js';
import { checkPathSegment } from './path.js';
import { checkHeaderValue, checkValue, isPlainObject, serializeBody, type ObjectConstraint } from './validate.js';

/**
 * Options for header parameters whose names do not read well as options; any other header `X-Foo-Bar`
 * is the option `fooBar`. These keep the names the first methods had.
 */
const headerOptions = {
  'X-WorkflowRun-ID': 'runId',
  'X-Workflow-Run-Id': 'runId',
  'X-Workflow-State-Id': 'stateId',
  'X-WorkflowRun-MergeFnParameters': 'mergeFnParameters',
  'X-Get-Workflow-Full-History-Data': 'fullHistoryData',
} as const;

// ---- Types: each operation's input and result, from the generated schema ----

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
type Dashless<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Dashless<Tail>}` : S;
type HeaderOption<H extends PropertyKey> = H extends keyof typeof headerOptions ? (typeof headerOptions)[H]
  : H extends `X-${infer Rest}` ? Uncapitalize<Dashless<Rest>>
  : Uncapitalize<Dashless<H & string>>;
/** A parameter location the operation does not use contributes no options. */
type Given<T> = [NonNullable<T>] extends [never] ? {} : NonNullable<T>;
/** A text header that takes only "true" and "false" (and maybe "") may be given as a boolean too. */
type HeaderValue<V> = [Extract<V, 'true'>] extends [never] ? V : V | boolean;
type Flat<T> = { [K in keyof T]: T[K] } & {};
type ParametersOf<K extends OperationId> = operations[K]['parameters'];
type PathOptions<K extends OperationId> = Omit<{ [N in keyof ParametersOf<K>['path'] as CamelCase<N & string>]: ParametersOf<K>['path'][N] }, 'projectId'> & {
  /** Overrides the client's `projectId` for this call. */
  projectId?: string;
};
type QueryOptions<K extends OperationId> = { [N in keyof Given<ParametersOf<K>['query']> as CamelCase<N & string>]: Given<ParametersOf<K>['query']>[N] };
type HeaderOptions<K extends OperationId> = { [N in keyof Given<ParametersOf<K>['header']> as HeaderOption<N>]: HeaderValue<Given<ParametersOf<K>['header']>[N]> };
type BodyFields<K extends OperationId> = operations[K] extends { requestBody: { content: { 'application/json': infer Body } } } ? Body : {};
/** The body of the operation's 2xx answer: 200 for most, 201 for createWorkflow; retry and stop answer none. */
type SuccessBody<K extends OperationId> = operations[K]['responses'] extends { 200: { content: { 'application/json': infer Body } } } ? Body
  : operations[K]['responses'] extends { 201: { content: { 'application/json': infer Body } } } ? Body
  : {};

/** The keys T names, its index signature aside. */
type KnownKeys<T> = keyof { [P in keyof T as string extends P ? never : number extends P ? never : P]: 0 };
/** The named keys of T that may be left out. */
type OptionalKeys<T> = { [P in KnownKeys<T>]-?: {} extends Pick<T, P> ? P : never }[KnownKeys<T>];
/** An open body's other fields (a flow definition's), as the contract leaves them: any. */
type OtherFields<T> = string extends keyof T ? { [key: string]: unknown } : {};
/** A free-form object of the contract (an execution's input, a flow's constants) takes any object type, an interface too. */
type Widened<V> = V extends readonly unknown[] ? V : V extends { [key: string]: unknown } ? (string extends keyof V ? object : V) : V;
/**
 * Inputs as a caller writes them: an optional option may also be given as `undefined` (it is then not
 * sent), under `exactOptionalPropertyTypes` too, and a free-form object may be an interface.
 */
type Lenient<T> = Flat<
  { [P in Exclude<KnownKeys<T>, OptionalKeys<T>>]: Widened<T[P]> } & { [P in OptionalKeys<T>]?: Widened<Exclude<T[P], undefined>> | undefined } & OtherFields<T>
>;

/** What an operation's method takes: camelCase options for path, query and header parameters, and the body's fields by their contract names. */
export type OperationInput<K extends OperationId> = Lenient<PathOptions<K> & QueryOptions<K> & HeaderOptions<K> & BodyFields<K>>;

/**
 * What an operation's method resolves with: the success body exactly as the service sent it (its own
 * snake_case names, user data untouched), and the answer's request ID as `request_id`. Retry and stop
 * answer no body: their result is the request ID alone.
 */
export type OperationResult<K extends OperationId> = Flat<SuccessBody<K> & { request_id: string | undefined }>;

// ---- Runtime: a plan per operation, built once from the tables ----

/** One parameter: the option it is read from, its name on the wire and its constraints. */
export interface Binding {
  readonly option: string;
  readonly name: string;
  readonly constraint: PropertyConstraint;
}

export interface Plan {
  readonly method: string;
  readonly path: string;
  readonly pathParams: readonly Binding[];
  readonly queryParams: readonly Binding[];
  readonly headerParams: readonly Binding[];
  /** The body's fields and their constraints; undefined when the operation sends no body. */
  readonly body: ObjectConstraint | undefined;
  /** The options the parameters are read from, which an open body never takes as fields. */
  readonly options: ReadonlySet<string>;
  readonly success: readonly ResponseKind[];
}

/** What openapi-fetch is given for one call: parameters by location, in their contract names, and the serialized body. */
export interface Outgoing {
  params: { path: Record<string, string>; query?: Record<string, string>; header?: Record<string, string> };
  body: string | undefined;
}

const camelCase = (name: string) => name.replace(/_([a-z0-9])/g, (_match, next: string) => next.toUpperCase());
const headerOption = (name: string) => (headerOptions as Record<string, string>)[name] ?? name.replace(/^X-/, '').replace(/-/g, '').replace(/^./, (c) => c.toLowerCase());

function planOf(id: OperationId): Plan {
  const { method, path, parameters, body, success } = operationTable[id];
  const bind = (group: Readonly<Record<string, PropertyConstraint>>, optionOf: (name: string) => string) =>
    Object.entries(group).map(([name, constraint]) => ({ option: optionOf(name), name, constraint }));
  const bodySchema = body ? (schemas[body.schema as keyof typeof schemas] as ObjectConstraint) : undefined;
  const plan: Plan = {
    method,
    path,
    pathParams: bind(parameters.path, camelCase),
    queryParams: bind(parameters.query, camelCase),
    headerParams: bind(parameters.header, headerOption),
    body: bodySchema,
    options: new Set<string>(),
    success,
  };
  // Options and body fields share one input object: a name used twice would be ambiguous.
  const options = [...plan.pathParams, ...plan.queryParams, ...plan.headerParams].map((b) => b.option);
  for (const option of options) (plan.options as Set<string>).add(option);
  const names = options.concat(Object.keys(bodySchema?.properties ?? {}));
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) throw new Error(`${id}: the input name ${repeated} is used twice; give a header parameter its own name in headerOptions`);
  return plan;
}

export const operationIds = Object.keys(operationTable) as OperationId[];
export const plans = Object.fromEntries(operationIds.map((id) => [id, planOf(id)])) as Record<OperationId, Plan>;

/** The text a parameter goes as, checked against the contract; undefined when it is not given. */
function wireValue(field: string, value: unknown, constraint: PropertyConstraint): string | undefined {
  // A text parameter with the values "true" and "false" also takes the boolean.
  if (typeof value === 'boolean' && constraint.type === 'string' && constraint.enum?.includes(String(value))) value = String(value);
  checkValue(field, value, constraint);
  return value === undefined ? undefined : String(value);
}

/** A path parameter: always required, and one segment. */
export function checkPathValue(field: string, value: unknown, constraint: PropertyConstraint): string {
  if (value === undefined) throw new WorkflowValidationError(field, 'is required');
  checkValue(field, value, constraint);
  checkPathSegment(field, value as string);
  return value as string;
}

/** Checks a header value for HTTP; an empty value is no value, so a required header must not be empty. */
export function checkHeaderParameter(field: string, value: string, binding: Binding): void {
  if (binding.constraint.required && value === '') throw new WorkflowValidationError(field, `must not be empty: it is the required ${binding.name} header`);
  checkHeaderValue(field, binding.name, value);
}

/** A method's input as openapi-fetch takes it, every value checked; only the parameters given are sent. */
export function outgoing(plan: Plan, input: unknown, defaultProjectId: string | undefined): Outgoing {
  if (!isPlainObject(input)) throw new WorkflowValidationError('input', 'must be an object');
  const path: Record<string, string> = {};
  for (const binding of plan.pathParams) {
    let value = input[binding.option];
    if (binding.name === 'project_id') {
      value ??= defaultProjectId;
      if (value === undefined) throw new WorkflowValidationError('projectId', 'is required: give it to createWorkflowClient or to the call');
    }
    path[binding.name] = checkPathValue(binding.option, value, binding.constraint);
  }
  const params: Outgoing['params'] = { path };
  for (const binding of plan.queryParams) {
    const value = wireValue(binding.option, input[binding.option], binding.constraint);
    if (value !== undefined) (params.query ??= {})[binding.name] = value;
  }
  for (const binding of plan.headerParams) {
    const value = wireValue(binding.option, input[binding.option], binding.constraint);
    if (value === undefined) continue;
    checkHeaderParameter(binding.option, value, binding);
    (params.header ??= {})[binding.name] = value;
  }
  if (!plan.body) return { params, body: undefined };
  // The body's fields in the order the caller gave them, as JSON.stringify of their own object would. An
  // open body (a flow definition) also takes every other field that is not one of the parameters' options,
  // so that a definition read back from the service is sent with the fields no source documents.
  const fields: Record<string, unknown> = {};
  for (const name in input) {
    if (!Object.hasOwn(input, name) || input[name] === undefined) continue;
    if (Object.hasOwn(plan.body.properties, name)) fields[name] = input[name];
    else if (plan.body.open && !plan.options.has(name)) {
      checkNotAnOption(plan, name);
      // Defined, not assigned: an own "__proto__" key (JSON.parse makes one) must stay a field.
      Object.defineProperty(fields, name, { value: input[name], enumerable: true, writable: true, configurable: true });
    }
  }
  return { params, body: serializeBody(fields, plan.body) };
}

/**
 * Every method's options by their lower-case spelling. A flow definition's own fields are snake_case, so
 * a key without "_" or "-" that spells an option (`projectID`, `executionId` given to createWorkflow) is a
 * mistake that an open body would otherwise send to the service, or worse, route by.
 */
let optionSpellings: Map<string, string> | undefined;

function checkNotAnOption(plan: Plan, name: string): void {
  if (/[_-]/.test(name)) return;
  optionSpellings ??= new Map(Object.values(plans).flatMap((p) => [...p.options].map((option) => [option.toLowerCase(), option] as const)));
  const option = optionSpellings.get(name.toLowerCase());
  if (option === undefined) return;
  throw new WorkflowValidationError(name, plan.options.has(option) ? `is not an option: did you mean ${option}?` : `is not an option of this method, and no field of a flow definition`);
}

/** The method's result from an answer, or a WorkflowApiError with whatever can be learnt from it. */
export function resultOf(plan: Plan, answer: Answer): Record<string, unknown> {
  const { response } = answer;
  const data = parseJson(answer.text);
  if (!response.ok) throw failedAnswer(answer, data);
  // A documented status; another 2xx is read as the first documented one.
  const kind = plan.success.find((k) => k.status === response.status) ?? plan.success[0]!;
  // Retry and stop answer no body; one that arrives anyway is not the client's to judge.
  if (kind.body === 'empty') return { request_id: requestIdOf(response.headers) };
  const problem = bodyProblem(data, schemas[kind.schema as keyof typeof schemas] as ObjectConstraint);
  if (problem) throw unexpectedAnswer(answer, problem, data);
  const body = data as Record<string, unknown>;
  // The header, else a request ID the body carries of its own, as an error's requestId is found.
  body.request_id = requestIdOf(response.headers) ?? (typeof body.request_id === 'string' ? body.request_id : undefined);
  return body;
}

function bodyProblem(data: unknown, schema: ObjectConstraint): string | undefined {
  if (!isPlainObject(data)) return 'the body is not the documented JSON object';
  try {
    for (const name in schema.properties) checkValue(name, data[name], schema.properties[name]!, 'answer');
  } catch (error) {
    return `the body does not match the contract (${(error as Error).message})`;
  }
  return undefined;
}
