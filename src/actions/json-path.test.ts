import { describe, expect, it } from 'vitest';
import { compileTranslations, translate } from './translate.ts';
import { compilePath, evaluatePath } from './json-path.ts';

// Each case is a place where JavaScript-filter JSONPath (jsonpath-plus) and Jayway, which Genesys
// runs (platform.md §1.4, §3.3 item 6), disagree. The expected values follow Jayway's rules.
const bind = (path: string, doc: unknown, defaults: Record<string, string> = {}) =>
  translate(
    compileTranslations({ translationMap: { v: path }, translationMapDefaults: defaults, successTemplate: '' }),
    doc,
  );

describe('translation maps follow Jayway, not JavaScript, semantics', () => {
  it('== null matches a null field, not a missing one', () => {
    const doc = { items: [{ id: 'a', x: null }, { id: 'b' }, { id: 'c', x: 0 }] };
    expect(bind('$.items[?(@.x == null)].id', doc).vars).toEqual({ v: '["a"]' });
  });

  it('!@.x means "x does not exist", not "x is falsy"', () => {
    const doc = {
      items: [{ id: 'a', x: false }, { id: 'b', x: 0 }, { id: 'c', x: '' }, { id: 'd' }, { id: 'e', x: null }],
    };
    expect(bind('$.items[?(!@.x)].id', doc).vars).toEqual({ v: '["d"]' });
    expect(bind('$.items[?(@.x)].id', doc).vars).toEqual({ v: '["a","b","c","e"]' });
  });

  it("orders only numbers with numbers and strings with strings: '5' > 4 is false", () => {
    const doc = {
      items: [
        { id: 'a', n: '5' },
        { id: 'b', n: 5 },
        { id: 'c', n: true },
      ],
    };
    expect(bind('$.items[?(@.n > 4)].id', doc).vars).toEqual({ v: '["b"]' });
    expect(bind("$.items[?(@.n >= '4')].id", doc).vars).toEqual({ v: '["a"]' });
    // Equality, unlike ordering, reads a decimal string as its number (Jayway BigDecimal).
    expect(bind('$.items[?(@.n == 5)].id', doc).vars).toEqual({ v: '["a","b"]' });
  });

  it('does not index into a string', () => {
    expect(bind('$.s[0]', { s: 'abc' }, { v: '"none"' }).vars).toEqual({ v: '"none"' });
    expect(bind('$.s[*]', { s: 'abc' }).vars).toEqual({ v: '[]' });
  });

  it('reads .length as a property, and length() as the function', () => {
    const doc = { arr: [1, 2, 3], named: { length: 'long' } };
    expect(bind('$.arr.length', doc).trace[0]).toMatchObject({ source: 'unresolved' });
    expect(bind('$.named.length', doc).vars).toEqual({ v: '"long"' });
    expect(bind('$.arr.length()', doc).vars).toEqual({ v: '3' });
  });

  it('applies a filter on an object to the object itself, not to its values', () => {
    const doc = { routing: { state: 'queued', id: 'r-1' } };
    expect(bind("$.routing[?(@.state == 'queued')].id", doc).vars).toEqual({ v: '["r-1"]' });
    expect(bind("$.routing[?(@.state == 'gone')].id", doc).vars).toEqual({ v: '[]' });
  });

  it('reads escaped quotes in bracket names', () => {
    expect(bind("$['it\\'s']", { "it's": 1 }).vars).toEqual({ v: '1' });
    expect(bind('$["say \\"hi\\""]', { 'say "hi"': 'x' }).vars).toEqual({ v: '"x"' });
  });

  it('evaluates the Jayway operators in, nin, =~, contains and size', () => {
    const doc = { items: [{ id: 'a', b: 'x', tags: ['t'] }, { id: 'b', b: 'y', tags: [] }, { id: 'c' }] };
    expect(bind("$.items[?(@.b in ['x', 'z'])].id", doc).vars).toEqual({ v: '["a"]' });
    expect(bind("$.items[?(@.b nin ['x'])].id", doc).vars).toEqual({ v: '["b","c"]' });
    expect(bind('$.items[?(@.b =~ /Y/i)].id', doc).vars).toEqual({ v: '["b"]' });
    expect(bind("$.items[?(@.tags contains 't')].id", doc).vars).toEqual({ v: '["a"]' });
    expect(bind('$.items[?(@.tags size 0)].id', doc).vars).toEqual({ v: '["b"]' });
  });

  it('keeps the definite/indefinite shapes and the trailing functions', () => {
    expect(evaluatePath(compilePath('$.a[-1]'), { a: [1, 2] })).toEqual({ found: true, value: 2 });
    expect(evaluatePath(compilePath('$.a[5]'), { a: [1, 2] })).toEqual({ found: false });
    expect(evaluatePath(compilePath('$.a[*].length()'), { a: [1, 2] })).toEqual({ found: true, value: 2 });
    expect(evaluatePath(compilePath('$.missing.length()'), {})).toEqual({ found: false });
    expect(evaluatePath(compilePath('$.a.sum()'), { a: [1, 'x', 2] })).toEqual({ found: true, value: 3 });
    expect(evaluatePath(compilePath('$'), 'text')).toEqual({ found: false });
  });
});
