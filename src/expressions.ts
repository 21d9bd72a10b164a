// The expressions inside a flow definition, parsed and evaluated: JSONPath (state_data_filter.input and
// output, and the left part of an argument), argument values with a fallback (function_ref.arguments),
// and conditions (on_errors[].error). The JSONPath is a Jayway-like subset.
//
// The parser is hand-written and reads the text once, left to right: no regular expression runs over
// more than one token, so hostile text costs linear time. Nesting (parentheses, "!", filters) is capped
// at maxDepth and reported as an ExpressionError, never as a stack overflow; evaluation walks long
// &&/|| chains and deep documents with loops, not recursion, for the same reason.

import { isPlainObject } from './validate.js';

export type PathSegment =
  | { kind: 'child'; name: string } // .name or ['name']
  | { kind: 'wildcard' } // .* or [*]
  | { kind: 'index'; indexes: number[] } // [0], [0,2], [-1]
  | { kind: 'slice'; start?: number; end?: number; step?: number }
  | { kind: 'filter'; condition: Condition } // [?(...)]
  | { kind: 'deep'; segment: PathSegment }; // ..name, ..[0], ..*

/** A parsed path. `text` is the path as written (for `$.constants.a` as a fallback, that text, though the root is `$CONST`). */
export interface JsonPath {
  root: '$' | '@' | '$CONST';
  segments: PathSegment[];
  text: string;
}

export type Condition =
  | { kind: 'path'; path: JsonPath }
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; operator: '==' | '!=' | '<' | '<=' | '>' | '>='; left: Condition; right: Condition }
  | { kind: 'and' | 'or'; left: Condition; right: Condition };

/** What an argument takes when its path finds nothing. A constants path is relative to the constants object: `$CONST.a` and `$.constants.a` both have root `$CONST` and segments [a]. */
export type Fallback = { kind: 'literal'; value: string | number | boolean | null } | { kind: 'constants'; path: JsonPath };

export type ArgumentValue =
  | { kind: 'literal'; value: string } // no leading $
  | { kind: 'path'; path: JsonPath; fallback?: Fallback }; // root '$CONST' for a constant used directly

/** Thrown by the parsers: `message` says what is wrong and where, e.g. `unexpected "]" at character 5`; `offset` is the 0-based index into the text. */
export class ExpressionError extends Error {
  override name = 'ExpressionError';
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

/** The deepest nesting of parentheses, "!" and filters a parser accepts. Real definitions need a handful. */
const maxDepth = 64;

type Root = JsonPath['root'];
type Operator = Extract<Condition, { kind: 'compare' }>['operator'];
type Value = string | number | boolean | null;

/** A path: `$` (or `$CONST`) and segments, with no whitespace around or inside it. */
export function parseJsonPath(text: string): JsonPath {
  const parser = new Parser(text);
  if (text === '') parser.fail('empty path: a path must start with $');
  const path = parser.path(['$', '$CONST']);
  if (!parser.atEnd()) {
    if (isSpace(text, parser.pos)) parser.fail('whitespace is not allowed in a path');
    parser.unexpected();
  }
  return path;
}

/**
 * An argument value: text that does not start with `$` (after whitespace) is a literal, kept as it is;
 * otherwise a path, optionally followed by `|` and a fallback (a number, a quoted string, true, false,
 * null, or a constants path: `$CONST…` or `$.constants…`).
 */
export function parseArgument(text: string): ArgumentValue {
  const parser = new Parser(text);
  parser.skipSpace();
  if (text[parser.pos] !== '$') return { kind: 'literal', value: text };
  const path = parser.path(['$', '$CONST']);
  parser.skipSpace();
  if (parser.atEnd()) return { kind: 'path', path };
  if (text[parser.pos] !== '|') parser.unexpected('expected "|" and a fallback, or the end');
  parser.pos++;
  parser.skipSpace();
  const fallback = parser.fallback();
  parser.skipSpace();
  if (!parser.atEnd()) parser.unexpected();
  return { kind: 'path', path, fallback };
}

/** A boolean expression: paths, literals, comparisons, `!`, `&&`, `||` and parentheses. */
export function parseCondition(text: string): Condition {
  const parser = new Parser(text);
  parser.skipSpace();
  if (parser.atEnd()) parser.fail('empty condition');
  const condition = parser.condition();
  parser.skipSpace();
  if (!parser.atEnd()) parser.unexpected();
  return condition;
}

class Parser {
  readonly text: string;
  pos = 0;
  private depth = 0;
  /** How many filters the position is inside: `@` is the current item only there. */
  private filters = 0;

  constructor(text: string) {
    this.text = text;
  }

  fail(message: string, offset = this.pos, hint?: string): never {
    throw new ExpressionError(`${message} at character ${offset}${hint ? `: ${hint}` : ''}`, offset);
  }

  unexpected(hint?: string): never {
    this.fail(this.atEnd() ? 'unexpected end' : `unexpected ${this.shown()}`, this.pos, hint);
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** The character at the position, quoted for a message. */
  shown(offset = this.pos): string {
    return JSON.stringify(String.fromCodePoint(this.text.codePointAt(offset)!));
  }

  skipSpace(): void {
    while (this.pos < this.text.length && isSpace(this.text, this.pos)) this.pos++;
  }

  private enter(offset: number): void {
    if (++this.depth > maxDepth) this.fail(`nested too deeply (more than ${maxDepth} levels)`, offset);
  }

  // --- Paths ---

  path(roots: readonly Root[]): JsonPath {
    const { text } = this;
    const start = this.pos;
    let root: Root;
    if (text.startsWith('$CONST', start) && nameCharLength(text, start + 6) === 0) root = '$CONST';
    else if (text[start] === '$') root = '$';
    else if (text[start] === '@') root = '@';
    else this.fail('a path must start with $');
    if (!roots.includes(root)) {
      this.fail(root === '@' ? '"@" (the current item) can only be used inside a filter' : '$CONST (the constants) cannot be used in a condition', start);
    }
    this.pos += root.length;
    const segments: PathSegment[] = [];
    for (;;) {
      const c = text[this.pos];
      if (c === '.' && text[this.pos + 1] === '.') {
        this.pos += 2;
        segments.push({ kind: 'deep', segment: text[this.pos] === '[' ? this.bracket() : this.dotted('..') });
      } else if (c === '.') {
        this.pos++;
        segments.push(this.dotted('.'));
      } else if (c === '[') {
        segments.push(this.bracket());
      } else {
        return { root, segments, text: text.slice(start, this.pos) };
      }
    }
  }

  /** After "." or "..": a name or "*". */
  private dotted(after: '.' | '..'): PathSegment {
    if (this.text[this.pos] === '*') {
      this.pos++;
      return { kind: 'wildcard' };
    }
    const name = this.name();
    if (name === '') this.fail(`expected a name${after === '..' ? ', "*" or "["' : ' or "*"'} after "${after}"`);
    return { kind: 'child', name };
  }

  /** A run of name characters (possibly empty). */
  private name(): string {
    const start = this.pos;
    for (let length; (length = nameCharLength(this.text, this.pos)) > 0; ) this.pos += length;
    return this.text.slice(start, this.pos);
  }

  private bracket(): PathSegment {
    const { text } = this;
    const open = this.pos++;
    const c = text[this.pos];
    let segment: PathSegment;
    if (c === undefined) this.fail('unterminated "["', open);
    if (c === '*') {
      this.pos++;
      segment = { kind: 'wildcard' };
    } else if (c === "'" || c === '"') {
      segment = { kind: 'child', name: this.quoted() };
    } else if (c === '?') {
      segment = this.filter();
    } else if (c === '-' || c === ':' || isDigit(c)) {
      segment = this.indexes(open);
    } else {
      this.unexpected('expected an index, a slice, a quoted name, "*" or a filter after "["');
    }
    if (this.atEnd()) this.fail('unterminated "["', open);
    if (text[this.pos] !== ']') this.unexpected('expected "]"');
    this.pos++;
    return segment;
  }

  /** `[?(condition)]`, from the "?". */
  private filter(): PathSegment {
    const paren = this.pos + 1;
    if (this.text[paren] !== '(') this.fail('expected "(" after "?"', paren);
    this.enter(paren);
    this.pos = paren + 1;
    this.filters++;
    const condition = this.condition('(');
    this.skipSpace();
    this.closeParen(paren);
    this.filters--;
    this.depth--;
    return { kind: 'filter', condition };
  }

  private closeParen(open: number): void {
    if (this.atEnd()) this.fail('unterminated "("', open);
    if (this.text[this.pos] !== ')') this.unexpected('expected ")"');
    this.pos++;
  }

  /** `[0]`, `[0,2]`, `[-1]` or a slice `[start:end:step]`, from the first character inside. */
  private indexes(open: number): PathSegment {
    const first = this.integer(open, true);
    if (this.text[this.pos] === ':') {
      this.pos++;
      const end = this.integer(open, true);
      let step: number | undefined;
      if (this.text[this.pos] === ':') {
        this.pos++;
        const at = this.pos;
        step = this.integer(open, true);
        if (step === 0) this.fail('a slice step cannot be 0', at);
      }
      return { kind: 'slice', ...(first !== undefined && { start: first }), ...(end !== undefined && { end }), ...(step !== undefined && { step }) };
    }
    const indexes = [first ?? this.integer(open, false)];
    while (this.text[this.pos] === ',') {
      this.pos++;
      indexes.push(this.integer(open, false));
    }
    return { kind: 'index', indexes };
  }

  /** An integer, `-?[0-9]+`; when optional and absent (no digit and no "-"), undefined. */
  private integer(open: number, optional: true): number | undefined;
  private integer(open: number, optional: false): number;
  private integer(open: number, optional: boolean): number | undefined {
    const { text } = this;
    const start = this.pos;
    if (text[this.pos] === '-') this.pos++;
    else if (optional && !isDigit(text[this.pos])) return undefined;
    if (this.atEnd()) this.fail('unterminated "["', open);
    if (!isDigit(text[this.pos])) this.unexpected('expected a digit');
    while (isDigit(text[this.pos])) this.pos++;
    const value = Number(text.slice(start, this.pos));
    if (!Number.isSafeInteger(value)) this.fail('index out of range', start);
    return value;
  }

  /** A string in single or double quotes, from the opening quote; `\'`, `\"`, `\\`, `\/`, `\b\f\n\r\t` and `\uXXXX` are escapes. */
  private quoted(): string {
    const { text } = this;
    const open = this.pos;
    const quote = text[open];
    let value = '';
    let chunk = ++this.pos;
    for (;;) {
      if (this.atEnd()) this.fail('unterminated string', open);
      const c = text[this.pos];
      if (c === quote) {
        value += text.slice(chunk, this.pos++);
        return value;
      }
      if (c !== '\\') {
        this.pos++;
        continue;
      }
      value += text.slice(chunk, this.pos);
      const escape = text[++this.pos];
      if (escape === undefined) this.fail('unterminated string', open);
      const simple = escapes[escape];
      if (simple !== undefined) {
        value += simple;
        this.pos++;
      } else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(this.pos + 1, this.pos + 5))) {
        value += String.fromCharCode(parseInt(text.slice(this.pos + 1, this.pos + 5), 16));
        this.pos += 5;
      } else {
        this.fail(`unknown escape "\\${String.fromCodePoint(text.codePointAt(this.pos)!)}"`, this.pos - 1);
      }
      chunk = this.pos;
    }
  }

  // --- Literals and fallbacks ---

  /** A number, a quoted string, true, false or null at the position; undefined (and nothing read) when there is none. */
  private literal(): { value: Value } | undefined {
    const { text } = this;
    const c = text[this.pos];
    if (c === "'" || c === '"') return { value: this.quoted() };
    if (c === '-' || isDigit(c)) {
      const start = this.pos;
      jsonNumber.lastIndex = start;
      const match = jsonNumber.exec(text);
      if (!match) this.fail('expected a number', start);
      this.pos += match[0].length;
      if (this.text[this.pos] === '.' || nameCharLength(text, this.pos) > 0) this.unexpected();
      const value = Number(match[0]);
      if (!Number.isFinite(value)) this.fail('number out of range', start);
      return { value };
    }
    for (const [word, value] of keywords) {
      if (text.startsWith(word, this.pos) && nameCharLength(text, this.pos + word.length) === 0) {
        this.pos += word.length;
        return { value };
      }
    }
    return undefined;
  }

  /** A bare word where a value belongs: reported as the word, with what was probably meant. */
  private word(hint: string): never {
    const start = this.pos;
    const word = this.name();
    this.pos = start;
    this.fail(`unexpected ${JSON.stringify(word.length > 20 ? `${word.slice(0, 20)}…` : word)}`, start, hint);
  }

  fallback(): Fallback {
    const { text } = this;
    if (this.atEnd()) this.fail('expected a fallback after "|"');
    if (text[this.pos] === '$') {
      const start = this.pos;
      const path = this.path(['$', '$CONST']);
      if (path.root === '$CONST') return { kind: 'constants', path };
      const [first, ...rest] = path.segments;
      if (first?.kind !== 'child' || first.name !== 'constants') this.fail('a fallback path must start with $CONST or $.constants', start);
      return { kind: 'constants', path: { root: '$CONST', segments: rest, text: path.text } };
    }
    const literal = this.literal();
    if (literal) return { kind: 'literal', value: literal.value };
    if (nameCharLength(text, this.pos) > 0) this.word('a fallback string must be quoted');
    this.fail(`expected a fallback after "|" but found ${this.shown()}`);
  }

  // --- Conditions ---

  /** `||` of `&&` of comparisons. `after` names the token before, for "expected a value after …". */
  condition(after?: string): Condition {
    let left = this.and(after);
    for (;;) {
      this.skipSpace();
      if (!this.text.startsWith('||', this.pos)) return left;
      this.pos += 2;
      left = { kind: 'or', left, right: this.and('||') };
    }
  }

  private and(after: string | undefined): Condition {
    let left = this.comparison(after);
    for (;;) {
      this.skipSpace();
      if (!this.text.startsWith('&&', this.pos)) return left;
      this.pos += 2;
      left = { kind: 'and', left, right: this.comparison('&&') };
    }
  }

  private comparison(after: string | undefined): Condition {
    const left = this.unary(after);
    this.skipSpace();
    const operator = this.operator();
    if (!operator) return left;
    const right = this.unary(operator);
    this.skipSpace();
    const at = this.pos;
    if (this.operator()) this.fail('comparisons cannot be chained', at, 'use parentheses');
    return { kind: 'compare', operator, left, right };
  }

  /** A comparison operator at the position, read; undefined (nothing read) when there is none. */
  private operator(): Operator | undefined {
    const { text } = this;
    const two = text.slice(this.pos, this.pos + 2);
    if (two === '=~') this.fail('the "=~" operator is not supported');
    if (two === '==' || two === '!=' || two === '<=' || two === '>=') {
      this.pos += 2;
      return two;
    }
    const one = text[this.pos];
    if (one === '<' || one === '>') {
      this.pos++;
      return one;
    }
    if (one === '=') this.fail('unexpected "="', this.pos, 'did you mean "=="?');
    return undefined;
  }

  private unary(after: string | undefined): Condition {
    this.skipSpace();
    if (this.text[this.pos] !== '!') return this.primary(after);
    this.enter(this.pos);
    this.pos++;
    const operand = this.unary('!');
    this.depth--;
    return { kind: 'not', operand };
  }

  private primary(after: string | undefined): Condition {
    const { text } = this;
    this.skipSpace();
    const expected = `expected a value${after ? ` after "${after}"` : ''}`;
    if (this.atEnd()) this.fail(expected);
    const c = text[this.pos];
    if (c === '(') {
      const open = this.pos;
      this.enter(open);
      this.pos++;
      const inner = this.condition('(');
      this.skipSpace();
      this.closeParen(open);
      this.depth--;
      return inner;
    }
    if (c === '$' || c === '@') return { kind: 'path', path: this.path(this.filters > 0 ? ['$', '@'] : ['$']) };
    const literal = this.literal();
    if (literal) return { kind: 'literal', value: literal.value };
    if (nameCharLength(text, this.pos) > 0) this.word('a path must start with $ and a string must be quoted');
    this.fail(`${expected} but found ${this.shown()}`);
  }
}

const escapes: Record<string, string> = { "'": "'", '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const keywords: ReadonlyArray<readonly [string, Value]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];
// JSON's number syntax. Sticky, and each part is unambiguous, so it runs in time linear in the match.
const jsonNumber = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const nonAsciiNameChar = /^[\p{L}\p{M}\p{Nd}]$/u;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isSpace(text: string, offset: number): boolean {
  return /\s/.test(text[offset]!);
}

/** How many UTF-16 units the name character at `offset` takes: letters, digits, "_", "-", and non-ASCII letters; 0 for anything else. */
function nameCharLength(text: string, offset: number): number {
  const unit = text.charCodeAt(offset);
  if (Number.isNaN(unit)) return 0;
  if (unit < 0x80) {
    const c = text[offset]!;
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c === '_' || c === '-' ? 1 : 0;
  }
  const point = text.codePointAt(offset)!;
  return nonAsciiNameChar.test(String.fromCodePoint(point)) ? (point > 0xffff ? 2 : 1) : 0;
}

// --- Evaluation ---

/** What paths start from: `$` is `root`, `$CONST` is `constants`. */
interface Scope {
  root: unknown;
  constants: unknown;
}

/** Every value `path` matches, in document order; a definite path matches 0 or 1. `@` is `context.current`, `$CONST` is `context.constants`. */
export function query(path: JsonPath, root: unknown, context: { current?: unknown; constants?: unknown } = {}): unknown[] {
  return select(path, { root, constants: context.constants }, context.current);
}

/** The first value `path` matches, or undefined. */
export function first(path: JsonPath, root: unknown, context: { current?: unknown; constants?: unknown } = {}): unknown {
  return query(path, root, context)[0];
}

/** Whether `condition` holds for the document `root`; `@` is `context.current`. */
export function evaluateCondition(condition: Condition, root: unknown, context: { current?: unknown } = {}): boolean {
  return test(condition, { root, constants: undefined }, context.current);
}

/** An argument's value: a literal's text; else what its path finds (a found null included); else its fallback; else undefined. */
export function resolveArgument(value: ArgumentValue, input: unknown, constants: unknown): unknown {
  if (value.kind === 'literal') return value.value;
  const scope: Scope = { root: input, constants };
  const found = select(value.path, scope, undefined);
  if (found.length > 0) return found[0];
  const { fallback } = value;
  if (!fallback) return undefined;
  return fallback.kind === 'literal' ? fallback.value : select(fallback.path, scope, undefined)[0];
}

function select(path: JsonPath, scope: Scope, current: unknown): unknown[] {
  const start = path.root === '$' ? scope.root : path.root === '@' ? current : scope.constants;
  // undefined is no JSON value: an absent document matches nothing, not one undefined.
  let nodes: unknown[] = start === undefined ? [] : [start];
  for (const segment of path.segments) {
    if (nodes.length === 0) break;
    const next: unknown[] = [];
    for (const node of nodes) apply(segment, node, scope, next);
    nodes = next;
  }
  return nodes;
}

/** Appends to `out` what `segment` matches in `node`. */
function apply(segment: PathSegment, node: unknown, scope: Scope, out: unknown[]): void {
  switch (segment.kind) {
    case 'child':
      // Own properties of plain objects only: `__proto__`, `constructor` and the like match only when the document has them.
      if (isPlainObject(node) && Object.hasOwn(node, segment.name)) push(out, node[segment.name]);
      return;
    case 'wildcard':
      for (const child of children(node)) out.push(child);
      return;
    case 'index':
      if (!Array.isArray(node)) return;
      for (const index of segment.indexes) {
        const at = index < 0 ? node.length + index : index;
        if (at >= 0 && at < node.length) push(out, node[at]);
      }
      return;
    case 'slice':
      if (Array.isArray(node)) for (const at of sliceIndexes(node.length, segment)) push(out, node[at]);
      return;
    case 'filter':
      for (const child of children(node)) if (test(segment.condition, scope, child)) out.push(child);
      return;
    case 'deep':
      descend(node, (each) => apply(segment.segment, each, scope, out));
      return;
  }
}

function push(out: unknown[], value: unknown): void {
  if (value !== undefined) out.push(value);
}

/** An array's items or a plain object's own values; nothing for anything else. */
function children(node: unknown): unknown[] {
  if (Array.isArray(node)) return node.filter((item) => item !== undefined);
  if (isPlainObject(node)) return Object.keys(node).map((key) => node[key]).filter((value) => value !== undefined);
  return [];
}

/** Python's slice: negative positions count from the end, positions out of range are clamped. */
function* sliceIndexes(length: number, slice: { start?: number; end?: number; step?: number }): Generator<number> {
  const step = slice.step ?? 1;
  const [lower, upper] = step > 0 ? [0, length] : [-1, length - 1];
  const clamp = (position: number | undefined, otherwise: number) =>
    position === undefined ? otherwise : Math.min(Math.max(position < 0 ? position + length : position, lower), upper);
  const start = clamp(slice.start, step > 0 ? lower : upper);
  const end = clamp(slice.end, step > 0 ? upper : lower);
  for (let at = start; step > 0 ? at < end : at > end; at += step) yield at;
}

/** Visits `node` and every value below it, pre-order, in document order; with a stack, not recursion. A value that contains itself is not entered twice. */
function descend(node: unknown, visit: (value: unknown) => void): void {
  const pending: Array<{ value: unknown; depth: number }> = [{ value: node, depth: 0 }];
  // The objects above the one being visited, to stop at a cycle (no JSON document has one).
  const above: unknown[] = [];
  const aboveSet = new Set<unknown>();
  while (pending.length > 0) {
    const { value, depth } = pending.pop()!;
    while (above.length > depth) aboveSet.delete(above.pop());
    if (aboveSet.has(value)) continue;
    visit(value);
    const below = children(value);
    if (below.length === 0) continue;
    above.push(value);
    aboveSet.add(value);
    for (let i = below.length - 1; i >= 0; i--) pending.push({ value: below[i], depth: depth + 1 });
  }
}

function test(condition: Condition, scope: Scope, current: unknown): boolean {
  let negated = false;
  while (condition.kind === 'not') {
    negated = !negated;
    condition = condition.operand;
  }
  let result: boolean;
  switch (condition.kind) {
    case 'and':
    case 'or': {
      // A chain of a thousand &&s is a tree a thousand deep: walked with a loop, short-circuiting.
      const stop = condition.kind === 'or';
      result = !stop;
      for (const operand of chain(condition)) {
        if (test(operand, scope, current) === stop) {
          result = stop;
          break;
        }
      }
      break;
    }
    case 'compare':
      result = compare(condition.operator, operandValue(condition.left, scope, current), operandValue(condition.right, scope, current));
      break;
    default:
      result = truthy(operandValue(condition, scope, current));
  }
  return negated ? !result : result;
}

/** The operands of a run of the same && or || operator, left to right. */
function chain(condition: Extract<Condition, { kind: 'and' | 'or' }>): Condition[] {
  const operands: Condition[] = [];
  const pending: Condition[] = [condition];
  while (pending.length > 0) {
    const each = pending.pop()!;
    if (each.kind === condition.kind) pending.push(each.right, each.left);
    else operands.push(each);
  }
  return operands;
}

/** A path's value: its one match, undefined for none, the array of matches for several. A literal's value; anything else is a boolean. */
function operandValue(condition: Condition, scope: Scope, current: unknown): unknown {
  switch (condition.kind) {
    case 'path': {
      const matches = select(condition.path, scope, current);
      return matches.length === 0 ? undefined : matches.length === 1 ? matches[0] : matches;
    }
    case 'literal':
      return condition.value;
    default:
      return test(condition, scope, current);
  }
}

function truthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false;
}

function compare(operator: Operator, left: unknown, right: unknown): boolean {
  if (operator === '==' || operator === '!=') {
    const equal = left !== undefined && right !== undefined && jsonEqual(left, right);
    return operator === '==' ? equal : !equal;
  }
  // Numbers with numbers, text with text (UTF-16 code-unit order, as JavaScript compares); anything else is not ordered.
  if (typeof left === 'number' && typeof right === 'number') return ordered(operator, left < right, left === right, left > right);
  if (typeof left === 'string' && typeof right === 'string') return ordered(operator, left < right, left === right, left > right);
  return false;
}

function ordered(operator: '<' | '<=' | '>' | '>=', less: boolean, equal: boolean, greater: boolean): boolean {
  switch (operator) {
    case '<':
      return less;
    case '<=':
      return less || equal;
    case '>':
      return greater;
    case '>=':
      return greater || equal;
  }
}

/** Deep equality of JSON values: same arrays item by item, same objects key by key in any order. With a stack, not recursion. */
function jsonEqual(a: unknown, b: unknown): boolean {
  const pending: unknown[] = [a, b];
  while (pending.length > 0) {
    const y = pending.pop();
    const x = pending.pop();
    if (x === y) continue;
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) pending.push(x[i], y[i]);
    } else if (isPlainObject(x) && isPlainObject(y)) {
      const keys = Object.keys(x);
      if (keys.length !== Object.keys(y).length) return false;
      for (const key of keys) {
        if (!Object.hasOwn(y, key)) return false;
        pending.push(x[key], y[key]);
      }
    } else {
      return false;
    }
  }
  return true;
}

