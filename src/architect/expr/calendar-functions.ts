/**
 * @module
 * Date and time, math, text and JSON-object functions of Architect's expression library:
 * `GetCurrentDateTimeUtc`, `AddSeconds` … `AddYears`, `DateTimeDiff`, `Year` … `Second`,
 * `DayOfWeek`, `MakeDateTime`, `MakeDuration`; `Abs`, `Ceiling`, `Floor`, `Round`, `Max`, `Min`;
 * `StartsWith`, `EndsWith`, `Replace`, `Split`, `FindString`; `GetJsonObjectProperty`,
 * `GetJsonObjectPropertyOrDefault`; `ToPhoneNumber`.
 *
 * A NOT_SET argument gives NOT_SET (as Architect's functions of these families do), except where
 * noted. DateTime values are ISO-8601 UTC; Duration values are milliseconds. `GetCurrentDateTimeUtc`
 * reads the flow's deterministic clock (the time of its latest step), never the wall clock, so a
 * replayed run computes the same values. Choices Genesys does not document are marked [INFERRED] in
 * docs/architect-semantics.md.
 */
import { isArchObject } from '../data-types.ts';
import { ArchitectErrors } from '../errors.ts';
import type { ArchValue, BaseType } from '../model.ts';
import { ExprError } from './ast.ts';
import type { FnDef, SType } from './functions.ts';
import { valueTypeName } from './values.ts';

const S = (base: SType['base'], collection = false): SType => ({ base, collection });
const typeName = (t: SType): string => `${t.base === 'Any' ? 'NOT_SET' : t.base}${t.collection ? ' collection' : ''}`;

function want(fn: string, args: readonly SType[], i: number, bases: readonly BaseType[], pos: number): void {
  const t = args[i]!;
  if (t.collection || (t.base !== 'Any' && !bases.includes(t.base))) {
    throw new ExprError(
      ArchitectErrors.SB_ARCHITECT_EXPR_TYPE,
      `${fn}: argument ${i + 1} must be ${bases.join(' or ')}; got ${typeName(t)}`,
      pos,
    );
  }
}

function invalid(message: string, pos: number): ExprError {
  return new ExprError(ArchitectErrors.SB_ARCHITECT_VALUE_INVALID, message, pos);
}

function num(fn: string, v: ArchValue, i: number, pos: number): number {
  if (typeof v !== 'number')
    throw new ExprError(
      ArchitectErrors.SB_ARCHITECT_EXPR_TYPE,
      `${fn}: argument ${i + 1} must be a number; got ${valueTypeName(v)}`,
      pos,
    );
  return v;
}

function ms(fn: string, v: ArchValue, i: number, pos: number): number {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(t)) throw invalid(`${fn}: argument ${i + 1} must be a DateTime; got ${valueTypeName(v)}`, pos);
  return t;
}

const iso = (t: number): string => new Date(t).toISOString();

/** A function that gives NOT_SET when any argument is NOT_SET. */
function strict(
  name: string,
  types: readonly (readonly BaseType[])[],
  result: SType | ((args: readonly SType[]) => SType),
  body: (args: ArchValue[], pos: number) => ArchValue,
  minArgs = types.length,
): FnDef {
  return {
    name,
    minArgs,
    maxArgs: types.length,
    check(args, pos) {
      args.forEach((_, i) => want(name, args, i, types[i]!, pos));
      return typeof result === 'function' ? result(args) : result;
    },
    call(args, pos) {
      if (args.some((a) => a === null || a === undefined)) return null;
      return body(args as ArchValue[], pos);
    },
  };
}

function addUnit(name: string, unitMs: number | 'month' | 'year'): FnDef {
  return strict(name, [['DateTime'], ['Integer', 'Decimal']], S('DateTime'), ([dt, n], pos) => {
    const t = ms(name, dt!, 0, pos);
    const k = Math.trunc(num(name, n!, 1, pos));
    if (typeof unitMs === 'number') return iso(t + k * unitMs);
    const d = new Date(t);
    const months = unitMs === 'year' ? k * 12 : k;
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + months);
    // The last day of a shorter month, not an overflow into the next one (Jan 31 + 1 month = Feb 28/29).
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
    return iso(d.getTime());
  });
}

function part(name: string, read: (d: Date) => number): FnDef {
  return strict(name, [['DateTime']], S('Integer'), ([dt], pos) => read(new Date(ms(name, dt!, 0, pos))));
}

function mathFn(name: string, f: (x: number) => number): FnDef {
  return strict(
    name,
    [['Integer', 'Decimal']],
    (args) => (args[0]?.base === 'Decimal' ? S('Decimal') : S('Integer')),
    ([x], pos) => f(num(name, x!, 0, pos)),
  );
}

function extreme(name: 'Max' | 'Min'): FnDef {
  return {
    name,
    minArgs: 2,
    maxArgs: 50,
    check(args, pos) {
      args.forEach((_, i) => want(name, args, i, ['Integer', 'Decimal', 'DateTime', 'Duration'], pos));
      const bases = new Set(args.map((a) => a.base).filter((b) => b !== 'Any'));
      if (bases.has('DateTime') && bases.size > 1)
        throw new ExprError(
          ArchitectErrors.SB_ARCHITECT_EXPR_TYPE,
          `${name}: arguments must share one type; got ${args.map(typeName).join(', ')}`,
          pos,
        );
      return S(
        bases.has('DateTime')
          ? 'DateTime'
          : bases.has('Duration')
            ? 'Duration'
            : bases.has('Decimal')
              ? 'Decimal'
              : 'Integer',
      );
    },
    call(args) {
      if (args.some((a) => a === null || a === undefined)) return null;
      const dates = args.every((a) => typeof a === 'string');
      const values = args.map((a) => (dates ? Date.parse(a as string) : (a as number)));
      const pick = name === 'Max' ? Math.max(...values) : Math.min(...values);
      return dates ? iso(pick) : pick;
    },
  };
}

function text(fn: string, v: ArchValue, i: number, pos: number): string {
  if (typeof v !== 'string')
    throw new ExprError(
      ArchitectErrors.SB_ARCHITECT_EXPR_TYPE,
      `${fn}: argument ${i + 1} must be String; got ${valueTypeName(v)}`,
      pos,
    );
  return v;
}

function jsonProperty(name: string, withDefault: boolean): FnDef {
  return {
    name,
    minArgs: withDefault ? 3 : 2,
    maxArgs: withDefault ? 3 : 2,
    check(args, pos) {
      want(name, args, 0, ['JSON'], pos);
      want(name, args, 1, ['String'], pos);
      if (withDefault) want(name, args, 2, ['JSON'], pos);
      return S('JSON');
    },
    call([doc, key, fallback], pos) {
      if (doc === null || doc === undefined || key === null || key === undefined)
        return withDefault ? (fallback ?? null) : null;
      if (!isArchObject(doc) || doc.$type !== 'JSON')
        throw new ExprError(
          ArchitectErrors.SB_ARCHITECT_EXPR_TYPE,
          `${name}: argument 1 must be JSON; got ${valueTypeName(doc)}`,
          pos,
        );
      const obj = doc.value;
      const k = text(name, key, 1, pos);
      if (typeof obj === 'object' && obj !== null && !Array.isArray(obj) && Object.hasOwn(obj, k))
        return { $type: 'JSON', value: (obj as Record<string, unknown>)[k] };
      if (withDefault) return fallback ?? null;
      throw invalid(`${name}: the JSON object has no property "${k}"`, pos);
    },
  };
}

/** The functions this module adds. */
export const CALENDAR_FUNCTIONS: readonly FnDef[] = [
  {
    name: 'GetCurrentDateTimeUtc',
    minArgs: 0,
    maxArgs: 0,
    check: () => S('DateTime'),
    call(_args, pos, ctx) {
      if (!ctx?.now) throw invalid("GetCurrentDateTimeUtc: the flow's clock is not available here", pos);
      return iso(ctx.now());
    },
  },
  addUnit('AddSeconds', 1_000),
  addUnit('AddMinutes', 60_000),
  addUnit('AddHours', 3_600_000),
  addUnit('AddDays', 86_400_000),
  addUnit('AddMonths', 'month'),
  addUnit('AddYears', 'year'),
  strict(
    'DateTimeDiff',
    [['DateTime'], ['DateTime']],
    S('Duration'),
    ([a, b], pos) => ms('DateTimeDiff', a!, 0, pos) - ms('DateTimeDiff', b!, 1, pos),
  ),
  part('Year', (d) => d.getUTCFullYear()),
  part('Month', (d) => d.getUTCMonth() + 1),
  part('Day', (d) => d.getUTCDate()),
  part('Hour', (d) => d.getUTCHours()),
  part('Minute', (d) => d.getUTCMinutes()),
  part('Second', (d) => d.getUTCSeconds()),
  // [INFERRED] 1 = Sunday … 7 = Saturday.
  part('DayOfWeek', (d) => d.getUTCDay() + 1),
  strict(
    'MakeDateTime',
    [['Integer'], ['Integer'], ['Integer'], ['Integer'], ['Integer'], ['Integer']],
    S('DateTime'),
    (args, pos) => {
      const [y, mo, d, h, mi, s] = args.map((a, i) => num('MakeDateTime', a, i, pos));
      const t = Date.UTC(y!, mo! - 1, d, h ?? 0, mi ?? 0, s ?? 0);
      const back = new Date(t);
      if (back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d! || h! > 23 || mi! > 59 || s! > 59)
        throw invalid(`MakeDateTime: ${y}-${mo}-${d} ${h}:${mi}:${s} is not a date and time`, pos);
      return iso(t);
    },
    3,
  ),
  strict(
    'MakeDuration',
    [['Integer'], ['Integer'], ['Integer'], ['Integer']],
    S('Duration'),
    (args, pos) => {
      const [d, h, m, s] = args.map((a, i) => num('MakeDuration', a, i, pos));
      return (((d! * 24 + (h ?? 0)) * 60 + (m ?? 0)) * 60 + (s ?? 0)) * 1000;
    },
    1,
  ),
  mathFn('Abs', Math.abs),
  strict('Ceiling', [['Integer', 'Decimal']], S('Integer'), ([x], pos) => Math.ceil(num('Ceiling', x!, 0, pos))),
  strict('Floor', [['Integer', 'Decimal']], S('Integer'), ([x], pos) => Math.floor(num('Floor', x!, 0, pos))),
  strict(
    'Round',
    [['Integer', 'Decimal'], ['Integer']],
    (args) => (args.length > 1 ? S('Decimal') : S('Integer')),
    ([x, places], pos) => {
      const p = places === undefined ? 0 : num('Round', places, 1, pos);
      const f = 10 ** p;
      // Half away from zero, as .NET's MidpointRounding.AwayFromZero [INFERRED].
      return (Math.sign(num('Round', x!, 0, pos)) * Math.round(Math.abs(x as number) * f)) / f;
    },
    1,
  ),
  extreme('Max'),
  extreme('Min'),
  strict('StartsWith', [['String'], ['String']], S('Boolean'), ([s, p], pos) =>
    text('StartsWith', s!, 0, pos)
      .toLowerCase()
      .startsWith(text('StartsWith', p!, 1, pos).toLowerCase()),
  ),
  strict('EndsWith', [['String'], ['String']], S('Boolean'), ([s, p], pos) =>
    text('EndsWith', s!, 0, pos)
      .toLowerCase()
      .endsWith(text('EndsWith', p!, 1, pos).toLowerCase()),
  ),
  strict('Replace', [['String'], ['String'], ['String']], S('String'), ([s, from, to], pos) => {
    const what = text('Replace', from!, 1, pos);
    if (what === '') throw invalid('Replace: the text to replace must not be empty', pos);
    return text('Replace', s!, 0, pos)
      .split(what)
      .join(text('Replace', to!, 2, pos));
  }),
  strict('Split', [['String'], ['String']], S('String', true), ([s, sep], pos) => {
    const by = text('Split', sep!, 1, pos);
    const value = text('Split', s!, 0, pos);
    return by === '' ? [...value] : value.split(by);
  }),
  // [INFERRED] 0-based index, -1 when absent, case-sensitive.
  strict('FindString', [['String'], ['String']], S('Integer'), ([s, f], pos) =>
    text('FindString', s!, 0, pos).indexOf(text('FindString', f!, 1, pos)),
  ),
  jsonProperty('GetJsonObjectProperty', false),
  jsonProperty('GetJsonObjectPropertyOrDefault', true),
  // A PhoneNumber is held as its text (see data-types' phoneProperty for `.e164`, `.raw`, `.isTel`).
  strict('ToPhoneNumber', [['String', 'PhoneNumber']], S('PhoneNumber'), ([v], pos) =>
    text('ToPhoneNumber', v!, 0, pos).trim(),
  ),
];
