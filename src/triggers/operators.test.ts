import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MISSING, applyOperator, jsonEquals } from './operators.ts';

const json = fc.jsonValue({ maxDepth: 2 });
const scalar = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -50, max: 50 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const left = fc.oneof(json, fc.constant(MISSING));

describe('operators (Jayway semantics, platform.md §1.4)', () => {
  it('NotEqual is exactly the negation of Equal, so it is true on a missing path', () => {
    fc.assert(fc.property(left, json, (l, r) => applyOperator('NotEqual', l, r) === !applyOperator('Equal', l, r)));
    expect(applyOperator('NotEqual', MISSING, 'VOICE')).toBe(true);
  });

  it('NotIn is exactly the negation of In, so it is true on a missing path', () => {
    fc.assert(
      fc.property(
        left,
        fc.array(json, { maxLength: 4 }),
        (l, r) => applyOperator('NotIn', l, r) === !applyOperator('In', l, r),
      ),
    );
    expect(applyOperator('NotIn', MISSING, ['A'])).toBe(true);
  });

  it('a missing path equals nothing, is in no list and compares to nothing', () => {
    fc.assert(
      fc.property(json, (r) => {
        for (const op of [
          'Equal',
          'GreaterThan',
          'GreaterThanOrEqual',
          'LessThan',
          'LessThanOrEqual',
          'Contains',
          'Size',
          'All',
        ] as const) {
          expect(applyOperator(op, MISSING, r)).toBe(false);
        }
        expect(applyOperator('In', MISSING, [r])).toBe(false);
      }),
    );
  });

  it('Equal is reflexive and symmetric', () => {
    fc.assert(fc.property(json, (v) => applyOperator('Equal', v, structuredClone(v))));
    fc.assert(fc.property(json, json, (a, b) => jsonEquals(a, b) === jsonEquals(b, a)));
  });

  it('a number equals its decimal string and nothing else of another type', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(jsonEquals(String(n), n)).toBe(true);
        expect(jsonEquals(n, String(n))).toBe(true);
        expect(jsonEquals(n, n !== 0)).toBe(false);
      }),
    );
    fc.assert(fc.property(fc.integer(), (n) => jsonEquals(`${n}.0`, n) && jsonEquals(`${n}e0`, n)));
    expect(jsonEquals(' 5', 5)).toBe(false);
    expect(jsonEquals('0x5', 5)).toBe(false);
    expect(jsonEquals('true', true)).toBe(false);
    expect(jsonEquals(null, 'null')).toBe(false);
    expect(jsonEquals(null, null)).toBe(true);
  });

  it('compares numbers numerically, strings by UTF-16 code units, and any other pair as false', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
        expect(applyOperator('GreaterThan', a, b)).toBe(a > b);
        expect(applyOperator('LessThanOrEqual', a, b)).toBe(a <= b);
      }),
    );
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(applyOperator('LessThan', a, b)).toBe(a < b);
        expect(applyOperator('GreaterThanOrEqual', a, b)).toBe(a >= b);
      }),
    );
    expect(applyOperator('GreaterThan', 'b', 'a')).toBe(true);
    expect(applyOperator('GreaterThan', '10', '9')).toBe(false);
    fc.assert(
      fc.property(fc.string(), fc.integer(), (s, n) => {
        for (const op of ['GreaterThan', 'GreaterThanOrEqual', 'LessThan', 'LessThanOrEqual'] as const) {
          expect(applyOperator(op, s, n)).toBe(false);
          expect(applyOperator(op, n, s)).toBe(false);
        }
      }),
    );
  });

  it('In holds iff some listed value is Equal to the left', () => {
    fc.assert(
      fc.property(scalar, fc.array(scalar, { maxLength: 5 }), (l, list) => {
        expect(applyOperator('In', l, list)).toBe(list.some((v) => jsonEquals(l, v)));
      }),
    );
    expect(applyOperator('In', 'ERROR', ['ERROR', 'TRANSFER'])).toBe(true);
    expect(applyOperator('In', ['a'], ['a'])).toBe(false);
    expect(applyOperator('In', ['a'], [['a']])).toBe(true);
  });

  it('Contains is a case-sensitive substring test on strings and membership on arrays', () => {
    fc.assert(fc.property(fc.string(), fc.string(), fc.string(), (a, b, c) => applyOperator('Contains', a + b + c, b)));
    expect(applyOperator('Contains', 'tel:+13175551234', 'tel:+')).toBe(true);
    expect(applyOperator('Contains', 'sip:agent@example.com', 'tel:+')).toBe(false);
    expect(applyOperator('Contains', 'ABC', 'abc')).toBe(false);
    expect(applyOperator('Contains', ['+1', '+2'], '+2')).toBe(true);
    expect(applyOperator('Contains', 12345, '23')).toBe(false);
    expect(applyOperator('Contains', { a: 1 }, 'a')).toBe(false);
  });

  it('All needs every value on an array, is true on an object (Jayway quirk), false on scalars', () => {
    fc.assert(
      fc.property(fc.array(scalar, { maxLength: 5 }), fc.array(scalar, { maxLength: 3 }), (arr, req) => {
        expect(applyOperator('All', arr, req)).toBe(req.every((r) => arr.some((a) => jsonEquals(a, r))));
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), scalar), fc.array(scalar), (obj, req) => applyOperator('All', obj, req)),
    );
    expect(applyOperator('All', 'abc', ['a'])).toBe(false);
  });

  it('Exists compares whether the path resolved (to null too) with a boolean', () => {
    fc.assert(
      fc.property(json, (v) => {
        expect(applyOperator('Exists', v, true)).toBe(true);
        expect(applyOperator('Exists', v, false)).toBe(false);
      }),
    );
    expect(applyOperator('Exists', MISSING, false)).toBe(true);
    expect(applyOperator('Exists', MISSING, true)).toBe(false);
    expect(applyOperator('Exists', null, true)).toBe(true);
  });

  it('Size measures strings, arrays and objects against the integer part of a number', () => {
    fc.assert(
      fc.property(fc.string(), (s) => applyOperator('Size', s, s.length) && !applyOperator('Size', s, s.length + 1)),
    );
    fc.assert(fc.property(fc.array(json, { maxLength: 5 }), (a) => applyOperator('Size', a, a.length)));
    fc.assert(fc.property(fc.dictionary(fc.string(), scalar), (o) => applyOperator('Size', o, Object.keys(o).length)));
    expect(applyOperator('Size', [1, 2], 2.9)).toBe(true);
    expect(applyOperator('Size', [1, 2], '2')).toBe(false);
    expect(applyOperator('Size', 42, 2)).toBe(false);
    expect(applyOperator('Size', true, 1)).toBe(false);
  });
});
