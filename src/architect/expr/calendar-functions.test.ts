import { describe, expect, it } from 'vitest';
import type { ArchValue } from '../model.ts';
import { checkExpression } from './check.ts';
import { evaluate } from './evaluate.ts';
import { parseExpression } from './parser.ts';

const NOW = Date.UTC(2026, 0, 31, 22, 30, 5);
const vars: Record<string, ArchValue> = {
  'Flow.when': '2024-01-31T10:00:00.000Z',
  'Flow.later': '2024-02-01T12:30:00.000Z',
  'Flow.json': { $type: 'JSON', value: { ani: 'tel:+13175550100', n: 3 } },
  'Flow.unset': null,
};
const run = (text: string): ArchValue =>
  evaluate(parseExpression(text), {
    lookup: (n) => {
      if (!(n in vars)) throw new Error(`no ${n}`);
      return vars[n]!;
    },
    now: () => NOW,
  });
const typeOf = (text: string) =>
  checkExpression(parseExpression(text), {
    typeOf: (n) =>
      (
        ({
          'Flow.when': { base: 'DateTime', collection: false },
          'Flow.later': { base: 'DateTime', collection: false },
          'Flow.json': { base: 'JSON', collection: false },
          'Flow.unset': { base: 'DateTime', collection: false },
        }) as const
      )[n],
  });

describe('date and time functions', () => {
  it("reads the flow's clock, never the wall clock", () => {
    expect(run('GetCurrentDateTimeUtc()')).toBe('2026-01-31T22:30:05.000Z');
    expect(() => evaluate(parseExpression('GetCurrentDateTimeUtc()'), { lookup: () => null })).toThrow(
      /clock is not available/,
    );
  });

  it('adds units, clamping a month end, and gives NOT_SET for NOT_SET', () => {
    expect(run('AddMinutes(Flow.when, 90)')).toBe('2024-01-31T11:30:00.000Z');
    expect(run('AddHours(Flow.when, -11)')).toBe('2024-01-30T23:00:00.000Z');
    expect(run('AddDays(Flow.when, 1)')).toBe('2024-02-01T10:00:00.000Z');
    expect(run('AddMonths(Flow.when, 1)')).toBe('2024-02-29T10:00:00.000Z');
    expect(run('AddYears(AddMonths(Flow.when, 1), 1)')).toBe('2025-02-28T10:00:00.000Z');
    expect(run('AddSeconds(Flow.unset, 5)')).toBeNull();
    expect(typeOf('AddMinutes(GetCurrentDateTimeUtc(), 5)')).toEqual({ base: 'DateTime', collection: false });
    expect(() => typeOf('AddMinutes("soon", 5)')).toThrow(/AddMinutes: argument 1 must be DateTime; got String/);
  });

  it('takes differences and parts, and builds dates and durations', () => {
    expect(run('DateTimeDiff(Flow.later, Flow.when)')).toBe(95_400_000);
    expect(typeOf('DateTimeDiff(Flow.later, Flow.when)')).toEqual({ base: 'Duration', collection: false });
    expect([
      run('Year(Flow.when)'),
      run('Month(Flow.when)'),
      run('Day(Flow.when)'),
      run('Hour(Flow.when)'),
      run('DayOfWeek(Flow.when)'),
    ]).toEqual([2024, 1, 31, 10, 4]);
    expect(run('MakeDateTime(2024, 2, 29, 8, 15, 0)')).toBe('2024-02-29T08:15:00.000Z');
    expect(() => run('MakeDateTime(2023, 2, 29, 8, 15, 0)')).toThrow(/is not a date and time/);
    expect(run('MakeDuration(1, 2, 3, 4)')).toBe(((24 + 2) * 3600 + 3 * 60 + 4) * 1000);
  });
});

describe('math and text functions', () => {
  it('computes', () => {
    expect([
      run('Abs(-3)'),
      run('Ceiling(2.1)'),
      run('Floor(2.9)'),
      run('Round(2.5)'),
      run('Round(-2.5)'),
      run('Round(3.14159, 2)'),
    ]).toEqual([3, 3, 2, 3, -3, 3.14]);
    expect([run('Max(3, 9, 4)'), run('Min(3, 9, 4)'), run('Max(Flow.when, Flow.later)')]).toEqual([
      9,
      3,
      '2024-02-01T12:30:00.000Z',
    ]);
    expect([
      run('StartsWith("tel:+1", "TEL:")'),
      run('EndsWith("report.pdf", ".PDF")'),
      run('Replace("a-b-c", "-", "+")'),
      run('FindString("abcabc", "c")'),
      run('FindString("abc", "z")'),
    ]).toEqual([true, true, 'a+b+c', 2, -1]);
    expect(run('Split("a,b,,c", ",")')).toEqual(['a', 'b', '', 'c']);
    expect(() => run('Replace("abc", "", "x")')).toThrow(/must not be empty/);
  });
});

describe('JSON object properties and phone numbers', () => {
  it('reads a property as JSON, with or without a default', () => {
    expect(run('ToString(GetJsonObjectProperty(Flow.json, "ani"))')).toBe('tel:+13175550100');
    expect(run('GetJsonObjectPropertyOrDefault(Flow.json, "missing", JsonParse("7"))')).toEqual({
      $type: 'JSON',
      value: 7,
    });
    expect(() => run('GetJsonObjectProperty(Flow.json, "missing")')).toThrow(/has no property "missing"/);
  });

  it("reads a phone number's properties, also of a call's result", () => {
    expect(run('ToPhoneNumber(ToString(GetJsonObjectProperty(Flow.json, "ani"))).e164')).toBe('+13175550100');
    expect(run('ToPhoneNumber("(317) 555-0100").e164')).toBe('+13175550100');
    expect(run('ToPhoneNumber("tel:+13175550100").isTel')).toBe(true);
    expect(run('ToPhoneNumber("not a number").e164')).toBeNull();
    expect(typeOf('ToPhoneNumber("x").e164')).toEqual({ base: 'String', collection: false });
    expect(() => typeOf('ToPhoneNumber("x").country')).toThrow(/PhoneNumber has no property 'country'/);
    expect(() => parseExpression('ToPhoneNumber("x").')).toThrow();
  });
});
