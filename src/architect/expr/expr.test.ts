import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArchType, ArchValue } from '../model.ts';
import { ExprError } from './ast.ts';
import { checkExpression } from './check.ts';
import { evaluate } from './evaluate.ts';
import { parseExpression } from './parser.ts';
import { archToString } from './values.ts';

const VARS: Record<string, { type: ArchType; value: ArchValue }> = {
  'Flow.n': { type: { base: 'Integer', collection: false }, value: 5 },
  'Flow.d': { type: { base: 'Decimal', collection: false }, value: 2.5 },
  'Flow.s': { type: { base: 'String', collection: false }, value: '  Hello  ' },
  'Flow.b': { type: { base: 'Boolean', collection: false }, value: true },
  'Flow.unsetInt': { type: { base: 'Integer', collection: false }, value: null },
  'Flow.unsetStr': { type: { base: 'String', collection: false }, value: null },
  'Flow.ani': { type: { base: 'String', collection: false }, value: 'tel:+3225551234' },
  'State.one': { type: { base: 'String', collection: true }, value: ['outbound'] },
  'State.two': { type: { base: 'String', collection: true }, value: ['a', 'b'] },
  'State.empty': { type: { base: 'String', collection: true }, value: [] },
  'Task.ints': { type: { base: 'Integer', collection: true }, value: [3, 4, 5] },
};
const find = (name: string) => Object.entries(VARS).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
const env = {
  lookup: (name: string, pos: number) => {
    const v = find(name);
    if (!v) throw new ExprError('SB_ARCHITECT_FLOW_INVALID', `undeclared ${name}`, pos);
    return v.value;
  },
};
const typeEnv = { typeOf: (name: string) => find(name)?.type };
const run = (text: string) => evaluate(parseExpression(text), env);
const fails = (text: string): ExprError => {
  try {
    run(text);
  } catch (e) {
    if (e instanceof ExprError) return e;
    throw e;
  }
  throw new Error(`expected ${text} to fail`);
};

describe('expression evaluation', () => {
  it.each<[string, ArchValue]>([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['7 / 2', 3.5],
    ['7 % 3', 1],
    ['-Flow.n + 1', -4],
    ['Flow.n + Flow.d', 7.5],
    ['"a" + "b"', 'ab'],
    ['"it\\"s"', 'it"s'],
    ['Flow.n == 5', true],
    ['Flow.n != 5', false],
    ['Flow.n <> 4', true],
    ['Flow.n >= 5 and Flow.n < 6', true],
    ['Flow.n > 5 or Flow.n <= 4', false],
    ['"abc" < "abd"', true],
    ['not Flow.b', false],
    ['NOT Flow.b OR Flow.b', true],
    ['not 1 == 2', true],
    ['Flow.unsetStr == NOT_SET', true],
    ['Flow.unsetStr == ""', false],
    ['Flow.unsetStr != "x"', true],
    ['"On Queue" == "on queue"', false],
    ['Flow.n == 5.0', true],
    ['If(Flow.n > 3, "big", "small")', 'big'],
    ['If(IsSet(Flow.unsetInt), Flow.unsetInt + 1, 0)', 0],
    ['5 + If(IsSet(Flow.unsetInt), Flow.unsetInt, 0)', 5],
    ['IsSet(Flow.unsetInt)', false],
    ['IsSet(Flow.n)', true],
    ['IsSet(State.empty)', false],
    ['IsNotSetOrEmpty(Flow.unsetStr)', true],
    ['IsNotSetOrEmpty("")', true],
    ['IsNotSetOrEmpty(State.one)', false],
    ['ToString(Flow.n)', '5'],
    ['ToString(Flow.d)', '2.5'],
    ['ToString(Flow.b)', 'true'],
    ['toString(State.one)', 'outbound'],
    ['ToString(State.two)', 'a,b'],
    ['ToString(State.empty)', ''],
    ['ToString(Flow.unsetInt)', null],
    ['ToString(NOT_SET) == ""', false],
    ['(If(toString(State.one) == "outbound", true, false))', true],
    ['ToInt("42")', 42],
    ['ToInt(" -7 ")', -7],
    ['ToInt(2.9)', 2],
    ['ToInt(Flow.unsetStr)', null],
    ['ToDecimal("2.25")', 2.25],
    ['ToBool("TRUE")', true],
    ['Append("a", "b", "c")', 'abc'],
    ['Append(Flow.unsetStr, ": ", "x")', ': x'],
    ['Trim(Append(Flow.s, "!"))', 'Hello  !'],
    ['Count(Task.ints)', 3],
    ['Count(State.empty)', 0],
    ['Contains(Task.ints, 4)', true],
    ['Contains(State.two, "c")', false],
    ['Contains("hello", "ell")', true],
    ['GetAt(Task.ints, 2)', 5],
    ['Task.ints[0] + Task.ints[1]', 7],
    ['Substring("abcdef", 1, 3)', 'bcd'],
    ['Trim(Flow.s)', 'Hello'],
    ['Lower("AbC")', 'abc'],
    ['Upper("AbC")', 'ABC'],
    ['right(Flow.ani,12)', ':+3225551234'],
    ['Left("abcdef", 2)', 'ab'],
    ['Right("ab", 5)', 'ab'],
    ['Length("abc")', 3],
    ['MakeList(1, 2)', [1, 2]],
    ['Count(MakeList("x"))', 1],
    ['flow.N + 1', 6],
    ['TOSTRING(1)', '1'],
  ])('%s → %j', (text, expected) => {
    expect(run(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['Flow.unsetInt + 1', 'SB_ARCHITECT_NOT_SET'],
    ['Flow.n + "x"', 'SB_ARCHITECT_EXPR_TYPE'],
    ['Flow.n == "5"', 'SB_ARCHITECT_EXPR_TYPE'],
    ['Flow.unsetInt < 3', 'SB_ARCHITECT_NOT_SET'],
    ['Flow.unsetStr and true', 'SB_ARCHITECT_NOT_SET'],
    ['If(NOT_SET, 1, 2)', 'SB_ARCHITECT_NOT_SET'],
    ['1 / 0', 'SB_ARCHITECT_VALUE_INVALID'],
    ['ToInt("abc")', 'SB_ARCHITECT_VALUE_INVALID'],
    ['GetAt(Task.ints, 3)', 'SB_ARCHITECT_VALUE_INVALID'],
    ['Substring("abc", 2, 5)', 'SB_ARCHITECT_VALUE_INVALID'],
    ['Length(Flow.unsetStr)', 'SB_ARCHITECT_NOT_SET'],
    ['Nope(1)', 'SB_ARCHITECT_EXPR_TYPE'],
    ['Count(1, 2)', 'SB_ARCHITECT_EXPR_TYPE'],
  ])('%s fails with %s', (text, code) => {
    expect(fails(text).code).toBe(code);
  });

  it('Count, GetAt and Contains treat a NOT_SET collection as empty; Contains on a NOT_SET string fails', () => {
    const vars: Record<string, { type: ArchType; value: ArchValue }> = {
      'Flow.unsetList': { type: { base: 'String', collection: true }, value: null },
      'Flow.unsetStr': { type: { base: 'String', collection: false }, value: null },
    };
    const typed = { lookup: (name: string) => vars[name]?.value ?? null, typeOf: (name: string) => vars[name]?.type };
    const at = (text: string) => evaluate(parseExpression(text), typed);
    expect(at('Contains(Flow.unsetList, "a")')).toBe(false);
    expect(at('Contains(If(true, Flow.unsetList, Flow.unsetList), "a")')).toBe(false);
    expect(at('Count(Flow.unsetList)')).toBe(0);
    expect(() => at('GetAt(Flow.unsetList, 0)')).toThrow(/outside the collection \(0 items\)/);
    expect(() => at('Contains(Flow.unsetStr, "a")')).toThrow(ExprError);
  });

  it('a runtime type error names the column of the operator', () => {
    const e = fails('1 + (Flow.n + "x")');
    expect(e.code).toBe('SB_ARCHITECT_EXPR_TYPE');
    expect(e.column).toBe(13);
    expect(e.message).toBe("cannot apply '+' to Integer and String");
  });

  it('and/or short-circuit, so the right side is not evaluated', () => {
    expect(run('false and Flow.unsetInt > 1')).toBe(false);
    expect(run('true or Flow.unsetInt > 1')).toBe(true);
  });
});

describe('expression parsing', () => {
  it.each<[string, number, string]>([
    ['1 +', 4, 'unexpected end of expression at column 4'],
    ['(1 + 2', 7, "expected ')' but found end of expression at column 7"],
    ['Flow.a && Flow.b', 8, "'&&' is not an Architect operator; use 'and' at column 8"],
    ['Flow.a = 1', 8, "'=' is not an Architect operator; use '==' at column 8"],
    ['"open', 1, 'unterminated string literal starting at column 1'],
    ['foo + 1', 1, "unknown name 'foo' (variables start with Flow., State., Task. or Common.) at column 1"],
    ['1 2', 3, "unexpected '2' at column 3"],
    ['', 1, 'empty expression at column 1'],
    ['Flow.a # 1', 8, "unexpected character '#' at column 8"],
  ])('%j is a syntax error at column %i', (text, column, message) => {
    try {
      parseExpression(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ExprError);
      expect((e as ExprError).code).toBe('SB_ARCHITECT_EXPR_SYNTAX');
      expect((e as ExprError).column).toBe(column);
      expect((e as ExprError).message).toBe(message);
    }
  });
});

describe('static type checking', () => {
  const typeOf = (text: string) => checkExpression(parseExpression(text), typeEnv);
  it.each<[string, string, boolean]>([
    ['Flow.n + Flow.n', 'Integer', false],
    ['Flow.n + Flow.d', 'Decimal', false],
    ['Flow.n / 2', 'Decimal', false],
    ['If(Flow.b, 1, 2.5)', 'Decimal', false],
    ['ToString(State.one) == "outbound"', 'Boolean', false],
    ['MakeList(1, 2)', 'Integer', true],
    ['GetAt(State.two, 0)', 'String', false],
    ['Flow.unsetInt == NOT_SET', 'Boolean', false],
  ])('%s : %s', (text, base, collection) => {
    expect(typeOf(text)).toEqual({ base, collection });
  });

  it.each<[string, string]>([
    ['Flow.n + Flow.s', "cannot apply '+' to Integer and String"],
    ['Flow.s == 1', "cannot compare String and Integer with '=='"],
    ['not Flow.n', "'not' needs a Boolean; got Integer"],
    ['If(Flow.n, 1, 2)', 'If: argument 1 must be Boolean; got Integer'],
    ['If(Flow.b, 1, "x")', 'If: the two results must have the same type; got Integer and String'],
    ['Count(Flow.s)', 'Count: argument 1 must be a collection; got String'],
    ['Append("a", 1)', 'Append: argument 2 must be String; got Integer'],
    ['Contains(Task.ints, "x")', 'Contains: the item must be Integer; got String'],
    ['Flow.s[0]', 'only a collection can be indexed; got String'],
  ])('%s is a type mismatch', (text, message) => {
    expect(() => typeOf(text)).toThrow(message);
  });

  it('an undeclared variable is reported with its column', () => {
    try {
      typeOf('1 + Flow.missing');
      expect.unreachable();
    } catch (e) {
      expect((e as ExprError).code).toBe('SB_ARCHITECT_FLOW_INVALID');
      expect((e as ExprError).column).toBe(5);
    }
  });
});

describe('expression properties', () => {
  const int = fc.integer({ min: -1_000_000, max: 1_000_000 });
  it('integer arithmetic matches JavaScript and the checker says Integer', () => {
    fc.assert(
      fc.property(int, int, int, (a, b, c) => {
        const text = `${a} + ${b} * ${c}`.replace(/\+ -/g, '- ').replace(/\* -(\d+)/, '* (-$1)');
        expect(run(text)).toBe(a + b * c);
        expect(checkExpression(parseExpression(text), typeEnv)).toEqual({ base: 'Integer', collection: false });
      }),
    );
  });
  it('a string literal round-trips through escaping, and ToString is the identity on it', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const lit = `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
        expect(run(`ToString(${lit})`)).toBe(s);
        expect(run(`${lit} == ${lit}`)).toBe(true);
      }),
    );
  });
  it('ToString of a one-element collection is the element; of many, the items joined with commas', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'x') }), { maxLength: 5 }), (items) => {
        expect(archToString(items)).toBe(items.join(','));
      }),
    );
  });
  it('not (a == b) equals (a != b) for any pair of integers or NOT_SET', () => {
    const v = fc.option(int, { nil: null });
    fc.assert(
      fc.property(v, v, (a, b) => {
        const lit = (x: number | null) => (x === null ? 'NOT_SET' : `(${x})`);
        expect(run(`not (${lit(a)} == ${lit(b)})`)).toBe(run(`${lit(a)} != ${lit(b)}`));
      }),
    );
  });
});
