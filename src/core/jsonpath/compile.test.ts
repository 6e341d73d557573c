import fc from 'fast-check';
import { JSONPath } from 'jsonpath-plus';
import { describe, expect, it } from 'vitest';
import { MISSING } from './compare.ts';
import { compileJsonPath } from './compile.ts';
import { JsonPathSyntaxError } from './syntax-error.ts';

const event = {
  mediaType: 'CALLBACK',
  callbackNumbers: ['+13175551234', '+13175550000'],
  participants: [
    { purpose: 'user', sessions: [{ direction: 'inbound', segments: [{ segmentType: 'interact' }] }] },
    { purpose: 'customer', sessions: [{ direction: 'inbound', segments: [{ segmentType: 'alert' }] }], priority: 3 },
    { purpose: 'agent', priority: 7 },
  ],
  attributes: { "it's": 'quoted', 'a.b': 'dotted' },
  nothing: null,
};

describe('compileJsonPath', () => {
  it('prefixes bare names with $. and reads them as definite paths with Jayway paths', () => {
    const p = compileJsonPath('mediaType');
    expect(p.normalized).toBe('$.mediaType');
    expect(p.definite).toBe(true);
    expect(p.read(event)).toBe('CALLBACK');
    expect(p.extract(event)).toEqual([{ value: 'CALLBACK', path: "$['mediaType']" }]);
  });

  it('answers MISSING for an absent key but a value for a key holding null', () => {
    expect(compileJsonPath('queueId').read(event)).toBe(MISSING);
    expect(compileJsonPath('queueId').extract(event)).toEqual([]);
    expect(compileJsonPath('$.nothing').read(event)).toBeNull();
    expect(compileJsonPath('nothing').extract(event)).toEqual([{ value: null, path: "$['nothing']" }]);
  });

  it('reads bracket notation, quoted names with dots and quotes, and negative indexes', () => {
    expect(compileJsonPath("$['attributes']['a.b']").read(event)).toBe('dotted');
    expect(compileJsonPath('$.attributes["it\'s"]').extract(event)).toEqual([
      { value: 'quoted', path: "$['attributes']['it\\'s']" },
    ]);
    expect(compileJsonPath('callbackNumbers[-1]').extract(event)).toEqual([
      { value: '+13175550000', path: "$['callbackNumbers'][1]" },
    ]);
    expect(compileJsonPath('callbackNumbers[5]').read(event)).toBe(MISSING);
  });

  it('yields lists for wildcards, slices, deep scans and filters', () => {
    const w = compileJsonPath('callbackNumbers[*]');
    expect(w.definite).toBe(false);
    expect(w.extract(event)).toEqual([
      { value: '+13175551234', path: "$['callbackNumbers'][0]" },
      { value: '+13175550000', path: "$['callbackNumbers'][1]" },
    ]);
    expect(compileJsonPath('participants[0:2].purpose').read(event)).toEqual(['user', 'customer']);
    expect(compileJsonPath('$..segmentType').read(event)).toEqual(['interact', 'alert']);
    expect(compileJsonPath("participants[?(@.purpose == 'agent' || @.priority > 2)].priority").read(event)).toEqual([
      3, 7,
    ]);
    expect(compileJsonPath("participants[?(@.purpose != 'user' && @.priority >= 7)].purpose").read(event)).toEqual([
      'agent',
    ]);
    expect(compileJsonPath('participants[?(@.sessions)].purpose').read(event)).toEqual(['user', 'customer']);
    expect(compileJsonPath('participants[?(@.purpose =~ /^CUST/i)].purpose').read(event)).toEqual(['customer']);
    expect(compileJsonPath("participants[?(@.purpose in ['user','agent'])].purpose").read(event)).toEqual([
      'user',
      'agent',
    ]);
    expect(
      compileJsonPath(
        "$['participants'][?(@.purpose=='user')]['sessions'][?(@.direction=='inbound')]['segments'][?(@.segmentType=='interact')].segmentType",
      ).extract(event),
    ).toEqual([{ value: 'interact', path: "$['participants'][0]['sessions'][0]['segments'][0]['segmentType']" }]);
  });

  it('compares a string field with a number in a filter by value, as Jayway does', () => {
    expect(
      compileJsonPath('items[?(@.n == 5)].id').read({
        items: [
          { id: 'a', n: '5' },
          { id: 'b', n: 6 },
        ],
      }),
    ).toEqual(['a']);
  });

  it('deep-scans a deeply nested event without exhausting the stack', () => {
    // JSON.parse accepts this nesting; a recursive walk overflows and would lose the event for every trigger of its topic.
    const depth = 20_000;
    const deep = JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown;
    expect(compileJsonPath('$..a').read(deep)).toHaveLength(depth);
    expect(compileJsonPath('$..[?(@.a == 1)]').extract(deep)).toEqual([
      { value: { a: 1 }, path: `$${"['a']".repeat(depth - 1)}` },
    ]);
  });

  it('rejects bad syntax naming the position', () => {
    expect(() => compileJsonPath('a..')).toThrow(/found the end at position 3/);
    expect(() => compileJsonPath('a.b c')).toThrow(/' ' at position 3/);
    expect(() => compileJsonPath('a[')).toThrow(/jsonPath "a\["/);
    expect(() => compileJsonPath("a[?(@.x == 'y']")).toThrow(/expected "\)"/);
    expect(() => compileJsonPath('a.length()')).toThrow(/functions/);
    expect(() => compileJsonPath('  ')).toThrow(/empty/);
  });

  it('reports a syntax error with its position in the path as written', () => {
    const err = (source: string, options = {}): JsonPathSyntaxError => {
      try {
        compileJsonPath(source, options);
      } catch (e) {
        if (e instanceof JsonPathSyntaxError) return e;
      }
      throw new Error(`expected a JsonPathSyntaxError for ${source}`);
    };
    // The `$.` Jayway adds to a bare name is not counted.
    expect(err('a.b c')).toMatchObject({ jsonPath: 'a.b c', position: 3 });
    expect(err("$['x")).toMatchObject({ position: 2, rule: "unterminated string; expected a closing '" });
    expect(err('$.a[')).toMatchObject({ position: 3, rule: 'unclosed "["' });
    expect(err("$.a[?(@.b anyof ['x'])]").rule).toMatch(/filter operator anyof is not supported/);
  });

  it('accepts one trailing function only when asked, and leaves it to the caller', () => {
    expect(() => compileJsonPath('a.length()')).toThrow(/not supported/);
    const p = compileJsonPath('a.length()', { functions: true });
    expect(p).toMatchObject({ normalized: '$.a.length()', definite: true, fn: 'length' });
    expect(p.read({ a: [1, 2] })).toEqual([1, 2]);
    expect(compileJsonPath('a[*].max()', { functions: true })).toMatchObject({ definite: false, fn: 'max' });
    expect(() => compileJsonPath('a.nope()', { functions: true })).toThrow(/unknown function nope\(\)/);
    expect(() => compileJsonPath('a.length().b', { functions: true })).toThrow(/must end the path/);
    expect(() => compileJsonPath('a..length()', { functions: true })).toThrow(/not supported/);
    expect(() => compileJsonPath('a[?(@.b.length() > 1)]', { functions: true })).toThrow(/not supported/);
  });

  it('agrees with jsonpath-plus on names, wildcards, indexes and deep scans over random documents', () => {
    const key = fc.constantFrom('a', 'b', 'c');
    // No string leaves: jsonpath-plus indexes into strings ('ab'[0]), Jayway does not.
    const doc = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.boolean(), fc.constant(null), tie('arr'), tie('obj')),
      arr: fc.array(tie('node'), { maxLength: 3 }),
      obj: fc.dictionary(key, tie('node'), { maxKeys: 3 }),
    })).obj;
    const path = fc.array(
      fc.oneof(
        key.map((k) => `.${k}`),
        fc.constant('[*]'),
        fc.constant('[0]'),
        key.map((k) => `..${k}`),
      ),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(doc, path, (json, steps) => {
        const source = `$${steps.join('')}`;
        const ours = compileJsonPath(source)
          .extract(json)
          .map((n) => n.value);
        const peer = JSONPath<unknown[]>({ path: source, json, wrap: true });
        expect(ours).toEqual(peer);
      }),
      { numRuns: 400 },
    );
  });
});
