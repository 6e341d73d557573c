/**
 * @module
 * The built-in functions: a static signature (for validation at import) and a runtime body, with
 * the NOT_SET rule of each. Names are looked up case-insensitively (`toString` = `ToString`).
 */
import { ArchitectErrors } from '../errors.ts';
import type { ArchValue, BaseType } from '../model.ts';
import { ExprError } from './ast.ts';
import { CALENDAR_FUNCTIONS } from './calendar-functions.ts';
import { TYPED_FUNCTIONS } from './typed-functions.ts';
import { archEquals, archToString, valueTypeName } from './values.ts';

/** A static type: `Any` is the type of the `NOT_SET` keyword (fits every scalar). */
export interface SType {
  readonly base: BaseType | 'Any';
  readonly collection: boolean;
}

/** A built-in function. */
/** What a function may read besides its arguments. */
interface FnContext {
  /** The flow's deterministic time (epoch ms). */
  readonly now?: () => number;
}

/** A built-in function. */
export interface FnDef {
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** The result type for the given argument types; throws a type error otherwise. */
  check(args: readonly SType[], pos: number): SType;
  /** The runtime body (`If` is evaluated lazily by the evaluator and never reaches here). */
  call(args: readonly ArchValue[], pos: number, ctx?: FnContext): ArchValue;
}

const S = (base: SType['base'], collection = false): SType => ({ base, collection });
const isNum = (t: SType) => !t.collection && (t.base === 'Integer' || t.base === 'Decimal' || t.base === 'Any');

/** Render a static type for messages. */
export function stypeName(t: SType): string {
  const base = t.base === 'Any' ? 'NOT_SET' : t.base;
  return t.collection ? `${base} collection` : base;
}

function typeError(message: string, pos: number): ExprError {
  return new ExprError(ArchitectErrors.SB_ARCHITECT_EXPR_TYPE, message, pos);
}
function notSetError(fn: string, i: number, pos: number): ExprError {
  return new ExprError(
    ArchitectErrors.SB_ARCHITECT_NOT_SET,
    `${fn}: argument ${i + 1} is NOT_SET, which ${fn} does not accept`,
    pos,
  );
}
function invalid(message: string, pos: number): ExprError {
  return new ExprError(ArchitectErrors.SB_ARCHITECT_VALUE_INVALID, message, pos);
}

function wantScalar(fn: string, args: readonly SType[], i: number, bases: readonly BaseType[], pos: number): void {
  const t = args[i]!;
  if (t.collection || (t.base !== 'Any' && !bases.includes(t.base))) {
    throw typeError(`${fn}: argument ${i + 1} must be ${bases.join(' or ')}; got ${stypeName(t)}`, pos);
  }
}
function wantCollection(fn: string, args: readonly SType[], i: number, pos: number): void {
  if (!args[i]!.collection)
    throw typeError(`${fn}: argument ${i + 1} must be a collection; got ${stypeName(args[i]!)}`, pos);
}

function str(fn: string, v: ArchValue, i: number, pos: number): string {
  if (v === null) throw notSetError(fn, i, pos);
  if (typeof v !== 'string') throw typeError(`${fn}: argument ${i + 1} must be String; got ${valueTypeName(v)}`, pos);
  return v;
}
function int(fn: string, v: ArchValue, i: number, pos: number): number {
  if (v === null) throw notSetError(fn, i, pos);
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw typeError(`${fn}: argument ${i + 1} must be Integer; got ${valueTypeName(v)}`, pos);
  return v;
}
function coll(fn: string, v: ArchValue, i: number, pos: number): ArchValue[] {
  if (v === null) return [];
  if (!Array.isArray(v)) throw typeError(`${fn}: argument ${i + 1} must be a collection; got ${valueTypeName(v)}`, pos);
  return v;
}

/** Unify the result types of two branches (Integer and Decimal widen to Decimal). */
export function unify(a: SType, b: SType): SType | undefined {
  if (a.base === 'Any' && !a.collection) return b;
  if (b.base === 'Any' && !b.collection) return a;
  if (a.collection !== b.collection) return undefined;
  if (a.base === b.base) return a;
  if (isNum({ ...a, collection: false }) && isNum({ ...b, collection: false })) return S('Decimal', a.collection);
  return undefined;
}

function parseNumber(fn: string, s: string, integer: boolean, pos: number): number {
  const t = s.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) throw invalid(`${fn}: "${s}" is not a number`, pos);
  const n = Number(t);
  return integer ? Math.trunc(n) : n;
}

/**
 * The scalar inside a JSON value (`ToInt(Flow.json.count)`): Architect's converters take JSON
 * [INFERRED: Archy publishes such flows]; a JSON null is NOT_SET, an object or array is refused.
 */
function jsonScalar(fn: string, v: ArchValue | undefined, pos: number): ArchValue | undefined {
  if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v) || v.$type !== 'JSON') return v;
  const inner = v.value;
  if (inner === null || typeof inner === 'string' || typeof inner === 'number' || typeof inner === 'boolean')
    return inner;
  throw invalid(`${fn}: the JSON value is ${Array.isArray(inner) ? 'an array' : 'an object'}, not a scalar`, pos);
}

function converter(name: string, target: 'Integer' | 'Decimal'): FnDef {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    check(args, pos) {
      wantScalar(name, args, 0, ['String', 'Integer', 'Decimal', 'Boolean', 'JSON'], pos);
      return S(target);
    },
    call([raw], pos) {
      const v = jsonScalar(name, raw, pos);
      if (v === null || v === undefined) return null;
      if (typeof v === 'boolean') return v ? 1 : 0;
      if (typeof v === 'number') return target === 'Integer' ? Math.trunc(v) : v;
      if (typeof v === 'string') return parseNumber(name, v, target === 'Integer', pos);
      throw typeError(`${name}: argument 1 must be a scalar; got ${valueTypeName(v)}`, pos);
    },
  };
}

function stringFn(name: string, body: (s: string) => string): FnDef {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    check(args, pos) {
      wantScalar(name, args, 0, ['String'], pos);
      return S('String');
    },
    call([v], pos) {
      return v === null || v === undefined ? null : body(str(name, v, 0, pos));
    },
  };
}

function sideFn(name: string, pick: (s: string, n: number) => string): FnDef {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    check(args, pos) {
      wantScalar(name, args, 0, ['String'], pos);
      wantScalar(name, args, 1, ['Integer'], pos);
      return S('String');
    },
    call([v, n], pos) {
      if (v === null || v === undefined) return null;
      const count = int(name, n ?? null, 1, pos);
      if (count < 0) throw invalid(`${name}: length must not be negative; got ${count}`, pos);
      return pick(str(name, v, 0, pos), count);
    },
  };
}

const DEFS: FnDef[] = [
  {
    name: 'If',
    minArgs: 3,
    maxArgs: 3,
    check(args, pos) {
      wantScalar('If', args, 0, ['Boolean'], pos);
      const t = unify(args[1]!, args[2]!);
      if (!t)
        throw typeError(
          `If: the two results must have the same type; got ${stypeName(args[1]!)} and ${stypeName(args[2]!)}`,
          pos,
        );
      return t;
    },
    call() {
      throw new Error('If is evaluated lazily');
    },
  },
  {
    name: 'IsSet',
    minArgs: 1,
    maxArgs: 1,
    check: () => S('Boolean'),
    call: ([v]) => (Array.isArray(v) ? v.length > 0 : v !== null),
  },
  {
    name: 'IsNotSetOrEmpty',
    minArgs: 1,
    maxArgs: 1,
    check(args, pos) {
      if (!args[0]!.collection) wantScalar('IsNotSetOrEmpty', args, 0, ['String', 'JSON'], pos);
      return S('Boolean');
    },
    // [INFERRED] JSON: a null, empty string, empty array or empty object document is empty.
    call: ([v]) => {
      const doc = v !== null && typeof v === 'object' && !Array.isArray(v) && v.$type === 'JSON' ? v.value : v;
      return (
        doc === null ||
        doc === undefined ||
        doc === '' ||
        (Array.isArray(doc) && doc.length === 0) ||
        (typeof doc === 'object' && !Array.isArray(doc) && Object.keys(doc).length === 0)
      );
    },
  },
  {
    name: 'ToString',
    minArgs: 1,
    maxArgs: 1,
    check: () => S('String'),
    call: ([v]) => archToString(v ?? null),
  },
  converter('ToInt', 'Integer'),
  converter('ToDecimal', 'Decimal'),
  {
    name: 'ToBool',
    minArgs: 1,
    maxArgs: 1,
    check(args, pos) {
      wantScalar('ToBool', args, 0, ['String', 'Integer', 'Boolean', 'JSON'], pos);
      return S('Boolean');
    },
    call([raw], pos) {
      const v = jsonScalar('ToBool', raw, pos);
      if (v === null || v === undefined) return null;
      if (typeof v === 'boolean') return v;
      if (typeof v === 'number') return v !== 0;
      const s = str('ToBool', v, 0, pos).trim().toLowerCase();
      if (s === 'true') return true;
      if (s === 'false') return false;
      throw invalid(`ToBool: "${String(v)}" is not true or false`, pos);
    },
  },
  {
    name: 'Append',
    minArgs: 1,
    maxArgs: Infinity,
    check(args, pos) {
      args.forEach((_, i) => wantScalar('Append', args, i, ['String'], pos));
      return S('String');
    },
    call: (args, pos) => args.map((v, i) => (v === null ? '' : str('Append', v, i, pos))).join(''),
  },
  {
    name: 'Count',
    minArgs: 1,
    maxArgs: 1,
    check(args, pos) {
      wantCollection('Count', args, 0, pos);
      return S('Integer');
    },
    call: ([v], pos) => coll('Count', v ?? null, 0, pos).length,
  },
  {
    name: 'Contains',
    minArgs: 2,
    maxArgs: 2,
    check(args, pos) {
      const [c, item] = args as [SType, SType];
      if (c.collection) {
        if (item.collection || !unify(S(c.base), item))
          throw typeError(`Contains: the item must be ${c.base}; got ${stypeName(item)}`, pos);
      } else {
        wantScalar('Contains', args, 0, ['String'], pos);
        wantScalar('Contains', args, 1, ['String'], pos);
      }
      return S('Boolean');
    },
    call([c, item], pos) {
      if (Array.isArray(c)) return c.some((x) => archEquals(x, item ?? null, pos));
      return str('Contains', c ?? null, 0, pos).includes(str('Contains', item ?? null, 1, pos));
    },
  },
  {
    name: 'GetAt',
    minArgs: 2,
    maxArgs: 2,
    check(args, pos) {
      wantCollection('GetAt', args, 0, pos);
      wantScalar('GetAt', args, 1, ['Integer'], pos);
      return S(args[0]!.base);
    },
    call([c, i], pos) {
      const items = coll('GetAt', c ?? null, 0, pos);
      const index = int('GetAt', i ?? null, 1, pos);
      if (index < 0 || index >= items.length)
        throw invalid(`GetAt: index ${index} is outside the collection (${items.length} items)`, pos);
      return items[index]!;
    },
  },
  {
    name: 'Substring',
    minArgs: 3,
    maxArgs: 3,
    check(args, pos) {
      wantScalar('Substring', args, 0, ['String'], pos);
      wantScalar('Substring', args, 1, ['Integer'], pos);
      wantScalar('Substring', args, 2, ['Integer'], pos);
      return S('String');
    },
    call([v, start, length], pos) {
      const s = str('Substring', v ?? null, 0, pos);
      const from = int('Substring', start ?? null, 1, pos);
      const len = int('Substring', length ?? null, 2, pos);
      if (from < 0 || len < 0 || from + len > s.length)
        throw invalid(`Substring: start ${from} and length ${len} do not fit a string of length ${s.length}`, pos);
      return s.slice(from, from + len);
    },
  },
  stringFn('Trim', (s) => s.trim()),
  stringFn('Lower', (s) => s.toLowerCase()),
  stringFn('ToLower', (s) => s.toLowerCase()),
  stringFn('Upper', (s) => s.toUpperCase()),
  stringFn('ToUpper', (s) => s.toUpperCase()),
  sideFn('Left', (s, n) => s.slice(0, n)),
  sideFn('Right', (s, n) => (n === 0 ? '' : s.slice(-n))),
  {
    name: 'Length',
    minArgs: 1,
    maxArgs: 1,
    check(args, pos) {
      wantScalar('Length', args, 0, ['String'], pos);
      return S('Integer');
    },
    call: ([v], pos) => str('Length', v ?? null, 0, pos).length,
  },
  {
    name: 'MakeList',
    minArgs: 1,
    maxArgs: Infinity,
    check(args, pos) {
      let t: SType | undefined = S('Any');
      for (const a of args) {
        if (a.collection) throw typeError(`MakeList: items must be scalars; got ${stypeName(a)}`, pos);
        t = unify(t ?? S('Any'), a);
        if (!t) throw typeError(`MakeList: items must share one type; got ${args.map(stypeName).join(', ')}`, pos);
      }
      return S(t?.base === 'Any' ? 'String' : (t?.base ?? 'String'), true);
    },
    call: (args) => [...args],
  },
];

DEFS.push(...TYPED_FUNCTIONS, ...CALENDAR_FUNCTIONS);

const BY_NAME = new Map(DEFS.map((d) => [d.name.toLowerCase(), d]));

/** Every built-in function. */
export function allFunctions(): readonly FnDef[] {
  return DEFS;
}

/** Look a function up by name, case-insensitively. */
export function lookupFunction(name: string): FnDef | undefined {
  return BY_NAME.get(name.toLowerCase());
}
