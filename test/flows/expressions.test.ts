// The expressions of a flow definition: JSONPath, argument values with fallbacks, and conditions, parsed
// and evaluated on small documents, with the vendor's own examples; readable errors with offsets; hostile
// input (long text, deep nesting) refused or parsed without a stack overflow; and a property: a path
// built from a random document's real keys finds exactly the value there.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateCondition,
  ExpressionError,
  first,
  parseArgument,
  parseCondition,
  parseJsonPath,
  query,
  resolveArgument,
  type Condition,
  type JsonPath,
  type PathSegment,
} from '../../src/expressions.ts';

const q = (path: string, root: unknown, context?: { current?: unknown; constants?: unknown }) => query(parseJsonPath(path), root, context);
const holds = (condition: string, root: unknown) => evaluateCondition(parseCondition(condition), root);
const resolve = (value: string, input: unknown, constants?: unknown) => resolveArgument(parseArgument(value), input, constants);
const child = (name: string): PathSegment => ({ kind: 'child', name });
const path = (text: string, segments: PathSegment[], root: JsonPath['root'] = '$'): JsonPath => ({ root, segments, text });
const at = (text: string, segments: PathSegment[], root: JsonPath['root'] = '$'): Condition => ({ kind: 'path', path: path(text, segments, root) });

/** The error a parser throws for `text`. */
function failure(parse: (text: string) => unknown, text: string): ExpressionError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error(`parsed ${JSON.stringify(text.slice(0, 40))} without an error`);
}

const store = {
  book: [
    { title: 'A', price: 8, tag: 'x' },
    { title: 'B', price: 12, tag: 'x' },
    { title: 'C', price: 5, tag: 'y' },
    { title: 'D', price: 30, tag: 'z', isbn: '0-1' },
  ],
  bicycle: { color: 'red', price: 19 },
};

describe('parseJsonPath', () => {
  it('parses the root and dotted names, as the vendor writes them', () => {
    expect(parseJsonPath('$')).toEqual(path('$', []));
    expect(parseJsonPath('$.test')).toEqual(path('$.test', [child('test')]));
    expect(parseJsonPath('$.body')).toEqual(path('$.body', [child('body')]));
    expect(parseJsonPath('$.a.b[0].c')).toEqual(path('$.a.b[0].c', [child('a'), child('b'), { kind: 'index', indexes: [0] }, child('c')]));
  });

  it('takes letters, digits, "_", "-" and non-ASCII letters in a dotted name', () => {
    expect(parseJsonPath('$.a_b-c9.0').segments).toEqual([child('a_b-c9'), child('0')]);
    expect(parseJsonPath('$.名前.Ünïcode.𝒳').segments).toEqual([child('名前'), child('Ünïcode'), child('𝒳')]);
  });

  it('parses bracketed names in either quote, with escapes', () => {
    expect(parseJsonPath("$['a b']").segments).toEqual([child('a b')]);
    expect(parseJsonPath('$["x.y"]').segments).toEqual([child('x.y')]);
    expect(parseJsonPath("$['it\\'s']").segments).toEqual([child("it's")]);
    expect(parseJsonPath('$["say \\"hi\\""]').segments).toEqual([child('say "hi"')]);
    expect(parseJsonPath("$['a\\\\b\\u00e9\\n']").segments).toEqual([child('a\\bé\n')]);
    expect(parseJsonPath("$['']").segments).toEqual([child('')]);
    // A quoted name may hold what would end a path elsewhere.
    expect(parseJsonPath("$[' ] | [?( ']").segments).toEqual([child(' ] | [?( ')]);
  });

  it('parses indexes, several indexes and slices', () => {
    expect(parseJsonPath('$[0]').segments).toEqual([{ kind: 'index', indexes: [0] }]);
    expect(parseJsonPath('$[-1]').segments).toEqual([{ kind: 'index', indexes: [-1] }]);
    expect(parseJsonPath('$[0,2,-1]').segments).toEqual([{ kind: 'index', indexes: [0, 2, -1] }]);
    expect(parseJsonPath('$[1:3]').segments).toEqual([{ kind: 'slice', start: 1, end: 3 }]);
    expect(parseJsonPath('$[:2]').segments).toEqual([{ kind: 'slice', end: 2 }]);
    expect(parseJsonPath('$[-2:]').segments).toEqual([{ kind: 'slice', start: -2 }]);
    expect(parseJsonPath('$[:]').segments).toEqual([{ kind: 'slice' }]);
    expect(parseJsonPath('$[::-1]').segments).toEqual([{ kind: 'slice', step: -1 }]);
    expect(parseJsonPath('$[1:5:2]').segments).toEqual([{ kind: 'slice', start: 1, end: 5, step: 2 }]);
  });

  it('parses wildcards and deep scans', () => {
    expect(parseJsonPath('$.*').segments).toEqual([{ kind: 'wildcard' }]);
    expect(parseJsonPath('$[*]').segments).toEqual([{ kind: 'wildcard' }]);
    expect(parseJsonPath('$..name').segments).toEqual([{ kind: 'deep', segment: child('name') }]);
    expect(parseJsonPath('$..[0]').segments).toEqual([{ kind: 'deep', segment: { kind: 'index', indexes: [0] } }]);
    expect(parseJsonPath('$..*').segments).toEqual([{ kind: 'deep', segment: { kind: 'wildcard' } }]);
    expect(parseJsonPath("$..['a b'].c").segments).toEqual([{ kind: 'deep', segment: child('a b') }, child('c')]);
  });

  it('parses a filter, with "@" as the item and whitespace allowed inside', () => {
    expect(parseJsonPath("$.book[?(@.price < 10 && @.tag == 'x')]").segments).toEqual([
      child('book'),
      {
        kind: 'filter',
        condition: {
          kind: 'and',
          left: { kind: 'compare', operator: '<', left: at('@.price', [child('price')], '@'), right: { kind: 'literal', value: 10 } },
          right: { kind: 'compare', operator: '==', left: at('@.tag', [child('tag')], '@'), right: { kind: 'literal', value: 'x' } },
        },
      },
    ]);
    expect(parseJsonPath('$[?(@)]').segments).toEqual([{ kind: 'filter', condition: at('@', [], '@') }]);
  });

  it('takes $CONST as a root and keeps the text as written', () => {
    expect(parseJsonPath("$CONST['x'].y")).toEqual(path("$CONST['x'].y", [child('x'), child('y')], '$CONST'));
    expect(parseJsonPath('$CONST')).toEqual(path('$CONST', [], '$CONST'));
  });
});

describe('query', () => {
  it('follows children, and finds nothing through a missing key or a non-object', () => {
    const doc = { a: { b: [{ c: 1 }, { c: 2 }] }, s: 'text', n: null };
    expect(q('$', doc)).toEqual([doc]);
    expect(q('$.a.b[0].c', doc)).toEqual([1]);
    expect(q("$['a']['b'][1]['c']", doc)).toEqual([2]);
    expect(q('$.missing', doc)).toEqual([]);
    expect(q('$.a.b.c', doc)).toEqual([]); // a child of an array
    expect(q('$.s.length', doc)).toEqual([]); // of a string
    expect(q('$.n.x', doc)).toEqual([]); // of null
    expect(q('$.n', doc)).toEqual([null]); // a null is found
    expect(q('$', undefined)).toEqual([]);
  });

  it('indexes arrays from either end, in the order given, and nothing else', () => {
    const doc = { list: ['a', 'b', 'c'], object: { 0: 'zero' } };
    expect(q('$.list[-1]', doc)).toEqual(['c']);
    expect(q('$.list[-3]', doc)).toEqual(['a']);
    expect(q('$.list[3]', doc)).toEqual([]);
    expect(q('$.list[-4]', doc)).toEqual([]);
    expect(q('$.list[2,0,0]', doc)).toEqual(['c', 'a', 'a']);
    expect(q('$.object[0]', doc)).toEqual([]);
  });

  it('slices as Python does', () => {
    const list = [0, 1, 2, 3, 4, 5];
    const cases: Array<[string, number[]]> = [
      ['[1:3]', [1, 2]],
      ['[:2]', [0, 1]],
      ['[4:]', [4, 5]],
      ['[-2:]', [4, 5]],
      ['[:-4]', [0, 1]],
      ['[-10:2]', [0, 1]],
      ['[10:]', []],
      ['[3:1]', []],
      ['[::2]', [0, 2, 4]],
      ['[1::3]', [1, 4]],
      ['[::-1]', [5, 4, 3, 2, 1, 0]],
      ['[5:1:-2]', [5, 3]],
      ['[-1:-4:-1]', [5, 4, 3]],
      ['[:]', list],
    ];
    for (const [slice, expected] of cases) expect(q(`$${slice}`, list), slice).toEqual(expected);
    expect(q('$[0:2]', { 0: 'a', 1: 'b' })).toEqual([]);
  });

  it('takes a wildcard over an object\'s values and an array\'s items', () => {
    expect(q('$.*', { a: 1, b: [2] })).toEqual([1, [2]]);
    expect(q('$[*].x', [{ x: 1 }, { y: 2 }, { x: 3 }])).toEqual([1, 3]);
    expect(q('$.a.*', { a: 'text' })).toEqual([]);
  });

  it('deep-scans the node itself and everything below it, pre-order, in document order', () => {
    const doc = { a: { name: 1, b: { name: 2 } }, c: [{ name: 3 }, [{ name: 4 }]], name: 0 };
    expect(q('$..name', doc)).toEqual([0, 1, 2, 3, 4]);
    expect(q('$..[0]', doc)).toEqual([{ name: 3 }, { name: 4 }]);
    expect(q('$..*', { a: { b: 1 }, c: [2] })).toEqual([{ b: 1 }, [2], 1, 2]);
    expect(q('$.a..name', doc)).toEqual([1, 2]);
    expect(q('$..price', store)).toEqual([8, 12, 5, 30, 19]);
  });

  it('filters an array\'s items and an object\'s values, with && and ||', () => {
    expect(q("$.book[?(@.price < 10 && @.tag == 'x')].title", store)).toEqual(['A']);
    expect(q("$.book[?(@.price > 20 || @.tag == 'y')].title", store)).toEqual(['C', 'D']);
    expect(q('$.book[?(@.isbn)].title', store)).toEqual(['D']);
    expect(q('$.book[?(!@.isbn)].title', store)).toEqual(['A', 'B', 'C']);
    expect(q('$[?(@.price > 15)].color', store)).toEqual(['red']); // over the object's values
    expect(q('$..[?(@.price >= 19)].title', store)).toEqual(['D']);
  });

  it('lets a filter compare with the root, and nest', () => {
    const doc = { limit: 10, groups: [{ id: 1, items: [{ v: 5 }] }, { id: 2, items: [{ v: 50 }] }] };
    expect(q('$.groups[?(@.items[0].v < $.limit)].id', doc)).toEqual([1]);
    expect(q('$.groups[?(@.items[?(@.v > 10)])].id', doc)).toEqual([2]);
  });

  it('walks own properties of plain objects only: never __proto__, constructor or anything inherited', () => {
    expect(q('$.__proto__', {})).toEqual([]);
    expect(q("$['__proto__']", {})).toEqual([]);
    expect(q('$.constructor', {})).toEqual([]);
    expect(q('$.toString', {})).toEqual([]);
    expect(q('$.list.length', { list: [1] })).toEqual([]);
    expect(q('$.inherited', Object.create({ inherited: 1 }))).toEqual([]);
    expect(q('$.size', new Map([['size', 1]]))).toEqual([]);
    expect(q('$..*', { a: {} })).toEqual([{}]);
    // JSON.parse makes "__proto__" an own property: then it is data, and found.
    const doc = JSON.parse('{"__proto__": {"x": 1}}') as unknown;
    expect(q('$.__proto__.x', doc)).toEqual([1]);
    expect(q('$..x', doc)).toEqual([1]);
  });

  it('starts "@" at the current item and $CONST at the constants', () => {
    expect(query(path('@.a', [child('a')], '@'), { a: 1 }, { current: { a: 2 } })).toEqual([2]);
    expect(q('$CONST.region', { region: 'input' }, { constants: { region: 'cn-north-7' } })).toEqual(['cn-north-7']);
    expect(q('$CONST', {})).toEqual([]);
  });

  it('gives the first match, or undefined', () => {
    expect(first(parseJsonPath('$.book[*].title'), store)).toBe('A');
    expect(first(parseJsonPath('$.nothing'), store)).toBeUndefined();
  });

  it('scans a document nested far deeper than the stack, and one that contains itself', () => {
    let deep: unknown = { leaf: true };
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(q('$..leaf', deep)).toEqual([true]);
    const cyclic: Record<string, unknown> = { name: 'top' };
    cyclic.self = cyclic;
    expect(q('$..name', cyclic)).toEqual(['top']);
  });
});

describe('conditions', () => {
  it('parses the vendor\'s examples, spaces or none', () => {
    expect(parseCondition('$.errorCode == 500')).toEqual({
      kind: 'compare',
      operator: '==',
      left: at('$.errorCode', [child('errorCode')]),
      right: { kind: 'literal', value: 500 },
    });
    expect(parseCondition('$.age >= 20')).toEqual({ kind: 'compare', operator: '>=', left: at('$.age', [child('age')]), right: { kind: 'literal', value: 20 } });
    expect(parseCondition('$.input<2')).toEqual({ kind: 'compare', operator: '<', left: at('$.input', [child('input')]), right: { kind: 'literal', value: 2 } });
    expect(parseCondition('  $.a==1  ')).toEqual(parseCondition('$.a == 1'));
  });

  it('evaluates the vendor\'s examples', () => {
    expect(holds('$.errorCode == 500', { errorCode: 500 })).toBe(true);
    expect(holds('$.errorCode == 500', { errorCode: 404 })).toBe(false);
    expect(holds('$.errorCode == 500', { errorCode: '500' })).toBe(false);
    expect(holds('$.age >= 20', { age: 20 })).toBe(true);
    expect(holds('$.age >= 20', { age: 19.5 })).toBe(false);
    expect(holds('$.input<2', { input: 1 })).toBe(true);
    expect(holds('$.input<2', { input: 2 })).toBe(false);
  });

  it('compares numbers with numbers and text with text, in code-unit order', () => {
    const doc = { n: 3, s: 'b' };
    const expectations: Array<[string, boolean]> = [
      ['$.n == 3', true],
      ['$.n != 3', false],
      ['$.n < 3', false],
      ['$.n <= 3', true],
      ['$.n > 2.5', true],
      ['$.n >= 4', false],
      ['$.n > -1e3', true],
      ["$.s > 'a'", true],
      ['$.s < "c"', true],
      ["$.s <= 'b'", true],
      ["'Z' < 'a'", true],
      // UTF-16 order: a surrogate (U+D83D) sorts before U+FFFF, though U+1F600 is the larger code point.
      ["'\u{1F600}' < '\uFFFF'", true],
    ];
    for (const [condition, expected] of expectations) expect(holds(condition, doc), condition).toBe(expected);
  });

  it('never orders values of different types, and finds them unequal', () => {
    const doc = { n: 3, s: '3', t: true };
    for (const condition of ['$.n < $.s', '$.n >= $.s', '$.s > 2', '$.t > 0', '$.t == 1', '$.n == $.s', 'null < 1', 'null == false']) {
      expect(holds(condition, doc), condition).toBe(false);
    }
    expect(holds('$.n != $.s', doc)).toBe(true);
  });

  it('tests == and != with deep equality of JSON values', () => {
    const doc = { a: { x: [1, { y: 'z' }], w: null }, b: { w: null, x: [1, { y: 'z' }] }, c: { x: [1, { y: 'Z' }], w: null }, d: [1, 2] };
    expect(holds('$.a == $.b', doc)).toBe(true);
    expect(holds('$.a == $.c', doc)).toBe(false);
    expect(holds('$.a != $.c', doc)).toBe(true);
    expect(holds('$.d == $.a.x', doc)).toBe(false);
    expect(holds('$.a.w == null', doc)).toBe(true);
  });

  it('takes a missing path as undefined: every comparison false but !=', () => {
    const doc = { n: null };
    expect(holds('$.missing == null', doc)).toBe(false);
    expect(holds('$.missing == $.alsoMissing', doc)).toBe(false);
    expect(holds('$.missing < 1', doc)).toBe(false);
    expect(holds('$.missing >= 1', doc)).toBe(false);
    expect(holds('$.missing != 1', doc)).toBe(true);
    expect(holds('$.n == null', doc)).toBe(true);
    expect(holds('$.n != null', doc)).toBe(false);
  });

  it('takes a path with several matches as the array of them', () => {
    const doc = { items: [{ v: 1 }, { v: 2 }], one: [{ v: 1 }], expected: [1, 2] };
    expect(holds('$.items[*].v == $.expected', doc)).toBe(true);
    expect(holds('$.one[*].v == 1', doc)).toBe(true); // exactly one match: the value itself
    expect(holds('$.items[*].v == 1', doc)).toBe(false);
  });

  it('tests a bare path for a match that is not false or null', () => {
    const doc = { yes: true, no: false, nothing: null, zero: 0, empty: '', list: [] };
    const expectations: Array<[string, boolean]> = [
      ['$.yes', true],
      ['$.no', false],
      ['$.nothing', false],
      ['$.missing', false],
      ['$.zero', true],
      ['$.empty', true],
      ['$.list', true],
      ['$.list[*]', false],
      ['!$.missing', true],
      ['!!$.yes', true],
      ['true', true],
      ['null', false],
    ];
    for (const [condition, expected] of expectations) expect(holds(condition, doc), condition).toBe(expected);
  });

  it('binds ! before comparisons, comparisons before &&, and && before ||', () => {
    expect(parseCondition('!$.a == 1')).toMatchObject({ kind: 'compare', left: { kind: 'not' } });
    // (!1) == true is false; !(1 == true) would be true.
    expect(holds('!$.a == true', { a: 1 })).toBe(false);
    expect(parseCondition('true || false && false')).toMatchObject({ kind: 'or', right: { kind: 'and' } });
    expect(holds('true || false && false', {})).toBe(true);
    expect(holds('(true || false) && false', {})).toBe(false);
    expect(parseCondition('$.a == 1 && $.b == 2 || !($.c)')).toEqual({
      kind: 'or',
      left: {
        kind: 'and',
        left: { kind: 'compare', operator: '==', left: at('$.a', [child('a')]), right: { kind: 'literal', value: 1 } },
        right: { kind: 'compare', operator: '==', left: at('$.b', [child('b')]), right: { kind: 'literal', value: 2 } },
      },
      right: { kind: 'not', operand: at('$.c', [child('c')]) },
    });
    // Left to right: a && b && c is (a && b) && c.
    expect(parseCondition('$.a && $.b && $.c')).toMatchObject({ kind: 'and', left: { kind: 'and' }, right: { kind: 'path' } });
  });

  it('parses every kind of literal', () => {
    const literal = (text: string) => (parseCondition(`$.a == ${text}`) as Extract<Condition, { kind: 'compare' }>).right;
    expect(literal('-1.5e-3')).toEqual({ kind: 'literal', value: -0.0015 });
    expect(literal('0')).toEqual({ kind: 'literal', value: 0 });
    expect(literal("'it\\'s'")).toEqual({ kind: 'literal', value: "it's" });
    expect(literal('"double"')).toEqual({ kind: 'literal', value: 'double' });
    expect(literal("''")).toEqual({ kind: 'literal', value: '' });
    expect(literal('true')).toEqual({ kind: 'literal', value: true });
    expect(literal('false')).toEqual({ kind: 'literal', value: false });
    expect(literal('null')).toEqual({ kind: 'literal', value: null });
  });

  it('short-circuits && and ||', () => {
    // The right side is not read once the left decides: a getter counts the reads.
    let reads = 0;
    const doc = {
      get a() {
        reads++;
        return true;
      },
    };
    expect(holds('true || $.a', doc)).toBe(true);
    expect(holds('false && $.a', doc)).toBe(false);
    expect(reads).toBe(0);
    expect(holds('true && $.a', doc)).toBe(true);
    expect(reads).toBe(1);
  });

  it('evaluates "@" against the current item given', () => {
    const condition = parseJsonPath('$[?(@.v > 1)]').segments[0] as Extract<PathSegment, { kind: 'filter' }>;
    expect(evaluateCondition(condition.condition, {}, { current: { v: 2 } })).toBe(true);
    expect(evaluateCondition(condition.condition, {}, { current: { v: 1 } })).toBe(false);
    expect(evaluateCondition(condition.condition, {})).toBe(false);
  });
});

describe('arguments', () => {
  it('passes a value without a leading $ through unchanged', () => {
    for (const text of ['cn-north-7', '', '  spaced  ', 'a | b', "'quoted'", '42', 'price: $5']) {
      expect(parseArgument(text)).toEqual({ kind: 'literal', value: text });
      expect(resolve(text, { a: 1 })).toBe(text);
    }
  });

  it('parses a path without a fallback', () => {
    expect(parseArgument('$.test')).toEqual({ kind: 'path', path: path('$.test', [child('test')]) });
    expect(parseArgument('  $.a  ')).toEqual({ kind: 'path', path: path('$.a', [child('a')]) });
    expect(resolve('$.a.b', { a: { b: 'v' } })).toBe('v');
    expect(resolve('$.a.b', {})).toBeUndefined();
  });

  it('parses and resolves each kind of literal fallback', () => {
    expect(parseArgument("$.a.b | 'default'")).toEqual({
      kind: 'path',
      path: path('$.a.b', [child('a'), child('b')]),
      fallback: { kind: 'literal', value: 'default' },
    });
    const fallbacks: Array<[string, unknown]> = [
      ["$.x | 'default'", 'default'],
      ['$.x|"double"', 'double'],
      ["$.x | 'it\\'s'", "it's"],
      ['$.x | 42', 42],
      ['$.x | -1.5e2', -150],
      ['$.x | true', true],
      ['$.x | false', false],
      ['$.x | null', null],
      ["  $.x   |   ''  ", ''],
    ];
    for (const [text, expected] of fallbacks) {
      expect(parseArgument(text), text).toMatchObject({ kind: 'path', fallback: { kind: 'literal', value: expected } });
      expect(resolve(text, {}), text).toBe(expected);
      expect(resolve(text, { x: 'found' }), text).toBe('found');
    }
  });

  it('reads a constants fallback, as $CONST or $.constants, relative to the constants', () => {
    const constants = { a: { b: 'from constants' }, input: { bucket: 'bucket-1' }, x: 1 };
    expect(parseArgument('$.a | $CONST.a.b')).toEqual({
      kind: 'path',
      path: path('$.a', [child('a')]),
      fallback: { kind: 'constants', path: path('$CONST.a.b', [child('a'), child('b')], '$CONST') },
    });
    expect(parseArgument('$.input.bucket | $.constants.input.bucket')).toEqual({
      kind: 'path',
      path: path('$.input.bucket', [child('input'), child('bucket')]),
      fallback: { kind: 'constants', path: path('$.constants.input.bucket', [child('input'), child('bucket')], '$CONST') },
    });
    expect(resolve('$.a | $CONST.a.b', {}, constants)).toBe('from constants');
    expect(resolve('$.a | $CONST.a.b', { a: 'from input' }, constants)).toBe('from input');
    expect(resolve('$.input.bucket | $.constants.input.bucket', {}, constants)).toBe('bucket-1');
    expect(resolve('$.input.bucket | $.constants.input.bucket', { input: { bucket: 'mine' } }, constants)).toBe('mine');
    // The input's own "constants" key is not the constants.
    expect(resolve('$.y | $.constants.x', { constants: { x: 'input' } }, constants)).toBe(1);
    expect(resolve("$.y | $CONST['x']", {}, constants)).toBe(1);
    expect(resolve('$.y | $CONST', {}, constants)).toEqual(constants);
    expect(resolve('$.y | $CONST.missing', {}, constants)).toBeUndefined();
  });

  it('uses a constant directly, without a fallback', () => {
    expect(parseArgument('$CONST.a.b')).toEqual({ kind: 'path', path: path('$CONST.a.b', [child('a'), child('b')], '$CONST') });
    expect(resolve('$CONST.a.b', { a: { b: 'input' } }, { a: { b: 'constant' } })).toBe('constant');
    expect(resolve("$CONST['x'] | 'none'", {}, {})).toBe('none');
  });

  it('splits at the first | outside brackets and quotes', () => {
    expect(parseArgument("$['a|b'] | 'x|y'")).toMatchObject({ path: { segments: [child('a|b')] }, fallback: { value: 'x|y' } });
    expect(resolve("$['a|b'] | 'x|y'", { 'a|b': 1 })).toBe(1);
    expect(resolve("$['a|b'] | 'x|y'", {})).toBe('x|y');
    expect(resolve('$.list[?(@.a || @.b)].v | 0', { list: [{ b: true, v: 7 }] })).toBe(7);
    expect(resolve('$.list[?(@.a || @.b)].v | 0', { list: [{ v: 7 }] })).toBe(0);
  });

  it('counts a found null or false as found', () => {
    expect(resolve("$.a | 'fallback'", { a: null })).toBeNull();
    expect(resolve("$.a | 'fallback'", { a: false })).toBe(false);
    expect(resolve('$.a | $CONST.a', { a: 0 }, { a: 1 })).toBe(0);
  });

  it('takes the first of several matches', () => {
    expect(resolve("$.list[*] | 'none'", { list: ['first', 'second'] })).toBe('first');
    expect(resolve("$.list[*] | 'none'", { list: [] })).toBe('none');
  });
});

describe('errors', () => {
  const cases: Array<[string, (text: string) => unknown, string, string | RegExp, number]> = [
    ['path', parseJsonPath, '$.a[', 'unterminated "[" at character 3', 3],
    ['path', parseJsonPath, '$.a[0', 'unterminated "[" at character 3', 3],
    ['path', parseJsonPath, 'a.b', /must start with \$/, 0],
    ['path', parseJsonPath, '', /must start with \$/, 0],
    ['path', parseJsonPath, '$.', 'expected a name or "*" after "." at character 2', 2],
    ['path', parseJsonPath, '$...a', /expected a name, "\*" or "\[" after "\.\." at character 3/, 3],
    ['path', parseJsonPath, '$.a]', 'unexpected "]" at character 3', 3],
    ['path', parseJsonPath, '$[]', /^unexpected "\]" at character 2/, 2],
    ['path', parseJsonPath, "$['abc", 'unterminated string at character 2', 2],
    ['path', parseJsonPath, "$['a\\q']", 'unknown escape "\\q" at character 4', 4],
    ['path', parseJsonPath, '$.a b', 'whitespace is not allowed in a path at character 3', 3],
    ['path', parseJsonPath, ' $.a', /must start with \$/, 0],
    ['path', parseJsonPath, '$[1:2:0]', 'a slice step cannot be 0 at character 6', 6],
    ['path', parseJsonPath, '$[0, 1]', /^unexpected " " at character 4/, 4],
    ['path', parseJsonPath, '$[1,]', /^unexpected "\]" at character 4: expected a digit/, 4],
    ['path', parseJsonPath, '$[99999999999999999999]', 'index out of range at character 2', 2],
    ['path', parseJsonPath, '$[?(@.a > 1]', /^unexpected "\]" at character 11: expected "\)"/, 11],
    ['path', parseJsonPath, '$[?@.a]', 'expected "(" after "?" at character 3', 3],
    ['path', parseJsonPath, '@.a', /"@" \(the current item\) can only be used inside a filter at character 0/, 0],
    ['condition', parseCondition, '$.a ==', 'expected a value after "==" at character 6', 6],
    ['condition', parseCondition, '$.a && ', 'expected a value after "&&" at character 7', 7],
    ['condition', parseCondition, '$.a == ]', 'expected a value after "==" but found "]" at character 7', 7],
    ['condition', parseCondition, '', 'empty condition at character 0', 0],
    ['condition', parseCondition, '   ', 'empty condition at character 3', 3],
    ['condition', parseCondition, '$.a = 1', /^unexpected "=" at character 4: did you mean "=="\?/, 4],
    ['condition', parseCondition, '($.a == 1', 'unterminated "(" at character 0', 0],
    ['condition', parseCondition, '$.a == 1)', 'unexpected ")" at character 8', 8],
    ['condition', parseCondition, '$.a == 1 == 2', /^comparisons cannot be chained at character 9/, 9],
    ['condition', parseCondition, 'errorCode == 500', /^unexpected "errorCode" at character 0/, 0],
    ['condition', parseCondition, '$.a == 500abc', 'unexpected "a" at character 10', 10],
    ['condition', parseCondition, '$.a == 01', 'unexpected "1" at character 8', 8],
    ['condition', parseCondition, "$.a == 'open", 'unterminated string at character 7', 7],
    ['condition', parseCondition, '$.a == 1e999', 'number out of range at character 7', 7],
    ['condition', parseCondition, '$.a =~ /x/', 'the "=~" operator is not supported at character 4', 4],
    ['condition', parseCondition, '@.a == 1', /can only be used inside a filter at character 0/, 0],
    ['condition', parseCondition, '$.a == $CONST.b', /\$CONST \(the constants\) cannot be used in a condition at character 7/, 7],
    ['condition', parseCondition, '$.a & $.b', 'unexpected "&" at character 4', 4],
    ['argument', parseArgument, '$.a | ', 'expected a fallback after "|" at character 6', 6],
    ['argument', parseArgument, '$.a |', 'expected a fallback after "|" at character 5', 5],
    ['argument', parseArgument, '$.a | default', /^unexpected "default" at character 6: a fallback string must be quoted/, 6],
    ['argument', parseArgument, '$.a | $.other', 'a fallback path must start with $CONST or $.constants at character 6', 6],
    ['argument', parseArgument, "$.a | 'x' | 'y'", 'unexpected "|" at character 10', 10],
    ['argument', parseArgument, '$.a || 1', 'expected a fallback after "|" but found "|" at character 5', 5],
    ['argument', parseArgument, '$.a b', /^unexpected "b" at character 4/, 4],
    ['argument', parseArgument, '$.a | @.b', 'expected a fallback after "|" but found "@" at character 6', 6],
  ];

  for (const [kind, parse, text, message, offset] of cases) {
    it(`refuses the ${kind} ${JSON.stringify(text)} at character ${offset}`, () => {
      const error = failure(parse, text);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('ExpressionError');
      if (typeof message === 'string') expect(error.message).toBe(message);
      else expect(error.message).toMatch(message);
      expect(error.offset).toBe(offset);
    });
  }
});

describe('hostile input', () => {
  /** Runs `work` and says how long it took, in milliseconds. */
  function timed(work: () => void): number {
    const start = performance.now();
    work();
    return performance.now() - start;
  }

  it('parses a 100 000-character path in linear time, and queries it', () => {
    const text = `$${'.a'.repeat(50_000)}`;
    expect(text).toHaveLength(100_001);
    let doc: unknown = 'bottom';
    for (let i = 0; i < 50_000; i++) doc = { a: doc };
    let parsed: JsonPath | undefined;
    expect(timed(() => (parsed = parseJsonPath(text)))).toBeLessThan(2_000);
    expect(parsed!.segments).toHaveLength(50_000);
    expect(query(parsed!, doc)).toEqual(['bottom']);
  });

  it('refuses 100 000 characters of garbage quickly, with an ExpressionError', () => {
    const inputs: Array<[(text: string) => unknown, string]> = [
      [parseJsonPath, `$${'['.repeat(100_000)}`],
      [parseJsonPath, `$['${"\\'".repeat(50_000)}`], // an unterminated string of escapes
      [parseJsonPath, `$${'.'.repeat(100_000)}`],
      [parseJsonPath, `$[${'1,'.repeat(50_000)}`],
      [parseCondition, `$.a == ${'9'.repeat(100_000)}`],
      [parseCondition, `${'$.a == 1 && '.repeat(10_000)}`],
      [parseCondition, 'x'.repeat(100_000)],
      [parseArgument, `$.a | ${'1'.repeat(100_000)}x`],
      [parseArgument, `$.a | '${'x'.repeat(100_000)}`],
    ];
    for (const [parse, text] of inputs) {
      let error: ExpressionError | undefined;
      expect(timed(() => (error = failure(parse, text)))).toBeLessThan(2_000);
      expect(error).toBeInstanceOf(ExpressionError);
      expect(error!.message.length).toBeLessThan(300);
    }
  });

  it('parses long strings and long && chains, and evaluates them without deep recursion', () => {
    const long = 'x'.repeat(100_000);
    expect(holds(`$.s == '${long}'`, { s: long })).toBe(true);
    const chain = Array.from({ length: 20_000 }, (_, i) => `$.a[${i % 3}] == ${i % 3}`).join(' && ');
    expect(holds(chain, { a: [0, 1, 2] })).toBe(true);
    expect(holds(chain, { a: [0, 1, 3] })).toBe(false);
    const alternatives = Array.from({ length: 20_000 }, (_, i) => `$.n == ${i}`).join(' || ');
    expect(holds(alternatives, { n: 19_999 })).toBe(true);
    expect(holds(alternatives, { n: -1 })).toBe(false);
  });

  it('caps nesting at 64 levels and reports where, instead of overflowing the stack', () => {
    const nested = (depth: number) => `${'('.repeat(depth)}$.a${')'.repeat(depth)}`;
    expect(holds(nested(64), { a: true })).toBe(true);
    const cases: Array<[(text: string) => unknown, string]> = [
      [parseCondition, nested(65)],
      [parseCondition, nested(10_000)],
      [parseCondition, '('.repeat(100_000)],
      [parseCondition, `${'!'.repeat(10_000)}$.a`],
      [parseCondition, `${'!('.repeat(5_000)}true${')'.repeat(5_000)}`],
      [parseJsonPath, `$${'[?(@'.repeat(10_000)}${')]'.repeat(10_000)}`],
      [parseArgument, `$.a | $CONST${'[?(@'.repeat(10_000)}`],
    ];
    for (const [parse, text] of cases) {
      const error = failure(parse, text);
      expect(error.message).toMatch(/^nested too deeply \(more than 64 levels\) at character \d+$/);
      expect(error.offset).toBeLessThanOrEqual(4 * 65 + 10); // at the 65th level, not at the end
    }
    expect(failure(parseCondition, nested(65)).offset).toBe(64);
  });
});

describe('property: a path built from a document\'s own keys', () => {
  type Step = string | number;

  /** Every path to a value inside `value` (the empty path included), as keys and indexes. */
  function paths(value: unknown, prefix: Step[] = [], out: Step[][] = []): Step[][] {
    out.push(prefix);
    if (Array.isArray(value)) value.forEach((item, i) => paths(item, [...prefix, i], out));
    else if (typeof value === 'object' && value !== null) for (const key of Object.keys(value)) paths((value as Record<string, unknown>)[key], [...prefix, key], out);
    return out;
  }

  const quote = (key: string, mark: "'" | '"') => `[${mark}${key.replaceAll('\\', '\\\\').replaceAll(mark, `\\${mark}`)}${mark}]`;
  const dottable = (key: string) => /^[A-Za-z0-9_-]+$/.test(key) || /^\p{L}+$/u.test(key);

  /** The path as text, each step written in one of its forms, chosen by `forms`. */
  function write(steps: Step[], lengths: number[], forms: number[]): string {
    return `$${steps
      .map((step, i) => {
        const form = forms[i % forms.length]! % 3;
        if (typeof step === 'number') return form === 0 ? `[${step - lengths[i]!}]` : `[${step}]`;
        if (form === 0 && dottable(step)) return `.${step}`;
        return quote(step, form === 1 ? "'" : '"');
      })
      .join('')}`;
  }

  // Keys are drawn mostly from characters a path treats specially (quotes, escapes, brackets, "|", "$",
  // whitespace, non-ASCII), and names an object inherits; objects may have a null prototype.
  const key = fc.oneof(
    { arbitrary: fc.string({ unit: fc.constantFrom('a', '_', '-', "'", '"', '\\', '.', '[', ']', ' ', '$', '|', '名', '𝒳', '\ud800'), maxLength: 5 }), weight: 3 },
    fc.string({ unit: 'binary', maxLength: 4 }),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'length', 'constants', 'CONST', ''),
  );
  const { documents } = fc.letrec<{ documents: unknown }>((tie) => ({
    documents: fc.oneof(
      { maxDepth: 4 },
      fc.constantFrom(null, true, false, 0, ''),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string(),
      { arbitrary: fc.array(tie('documents'), { maxLength: 4 }), weight: 2 },
      { arbitrary: fc.dictionary(key, tie('documents'), { maxKeys: 5 }), weight: 5 },
    ),
  }));

  it('parses, and query finds exactly the value there', () => {
    const sample = documents
      .chain((doc) => fc.tuple(fc.constant(doc), fc.constantFrom(...paths(doc)), fc.array(fc.nat(), { minLength: 1, maxLength: 8 })));
    fc.assert(
      fc.property(sample, ([doc, steps, forms]) => {
        let value: unknown = doc;
        const lengths: number[] = [];
        for (const step of steps) {
          lengths.push(Array.isArray(value) ? value.length : 0);
          value = (value as Record<Step, unknown>)[step];
        }
        const text = write(steps, lengths, forms);
        const parsed = parseJsonPath(text);
        expect(parsed.text).toBe(text);
        expect(parsed.segments).toHaveLength(steps.length);
        const found = query(parsed, doc);
        expect(found).toHaveLength(1);
        expect(found[0]).toBe(value);
      }),
      { numRuns: 500 },
    );
  });
});
