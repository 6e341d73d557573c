/**
 * @module
 * Functions of the added data types: JSON (`JsonParse`, `ToJson`, `GetJsonProperty`,
 * `GetJsonPropertyOrDefault`) and the conversions into DateTime, Date, Time and Duration. Names and
 * NOT_SET rules are listed in docs/architect-semantics.md; the JSON ones are [INFERRED].
 */
import { isPlainObject } from '../../core/index.ts';
import { toRichValue } from '../data-types.ts';
import { isArchObject } from '../data-types.ts';
import { ArchitectErrors } from '../errors.ts';
import type { ArchValue, BaseType } from '../model.ts';
import { ExprError } from './ast.ts';
import type { FnDef, SType } from './functions.ts';
import { valueTypeName } from './values.ts';

const S = (base: SType['base'], collection = false): SType => ({ base, collection });
const nameOf = (t: SType): string => `${t.base === 'Any' ? 'NOT_SET' : t.base}${t.collection ? ' collection' : ''}`;

function want(fn: string, args: readonly SType[], i: number, bases: readonly BaseType[], pos: number): void {
  const t = args[i]!;
  if (t.collection || (t.base !== 'Any' && !bases.includes(t.base))) {
    throw new ExprError(
      ArchitectErrors.SB_ARCHITECT_EXPR_TYPE,
      `${fn}: argument ${i + 1} must be ${bases.join(' or ')}; got ${nameOf(t)}`,
      pos,
    );
  }
}
function invalid(message: string, pos: number): ExprError {
  return new ExprError(ArchitectErrors.SB_ARCHITECT_VALUE_INVALID, message, pos);
}
function notSet(fn: string, i: number, pos: number): ExprError {
  return new ExprError(
    ArchitectErrors.SB_ARCHITECT_NOT_SET,
    `${fn}: argument ${i + 1} is NOT_SET, which ${fn} does not accept`,
    pos,
  );
}

/** The plain document behind a value, for ToJson: objects lose `$type`, JSON gives its document. */
function plain(v: ArchValue): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (!isArchObject(v)) return v;
  if (v.$type === 'JSON') return v.value;
  const { $type: _type, ...props } = v;
  return props;
}

/** Follow a dotted path (`a.b.0.c`) through a JSON document; `undefined` when a step is missing. */
function jsonAt(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const key of path.split('.').filter((k) => k !== '')) {
    if (Array.isArray(cur) && /^\d+$/.test(key)) cur = cur[Number(key)];
    else if (isPlainObject(cur) && Object.hasOwn(cur, key)) cur = cur[key];
    else return undefined;
  }
  return cur;
}

function jsonDoc(fn: string, v: ArchValue, pos: number): unknown {
  if (v === null) throw notSet(fn, 0, pos);
  if (!isArchObject(v) || v.$type !== 'JSON')
    throw new ExprError(
      ArchitectErrors.SB_ARCHITECT_EXPR_TYPE,
      `${fn}: argument 1 must be JSON; got ${valueTypeName(v)}`,
      pos,
    );
  return v.value;
}

function pathArg(fn: string, v: ArchValue, pos: number): string {
  if (v === null) throw notSet(fn, 1, pos);
  if (typeof v !== 'string')
    throw new ExprError(
      ArchitectErrors.SB_ARCHITECT_EXPR_TYPE,
      `${fn}: argument 2 must be String; got ${valueTypeName(v)}`,
      pos,
    );
  return v;
}

function converter(name: string, target: BaseType, from: readonly BaseType[]): FnDef {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    check(args, pos) {
      want(name, args, 0, from, pos);
      return S(target);
    },
    call([v], pos) {
      if (v === null || v === undefined) return null;
      const source = typeof v === 'string' && target === 'Date' && /T/.test(v) ? v.slice(0, 10) : v;
      const c = toRichValue(source, target);
      if (!c.ok) throw invalid(`${name}: ${c.reason}`, pos);
      return c.value;
    },
  };
}

/** The typed-value functions, merged into the built-ins by functions.ts. */
export const TYPED_FUNCTIONS: readonly FnDef[] = [
  {
    name: 'JsonParse',
    minArgs: 1,
    maxArgs: 1,
    check(args, pos) {
      want('JsonParse', args, 0, ['String'], pos);
      return S('JSON');
    },
    call([v], pos) {
      if (v === null || v === undefined) return null;
      if (typeof v !== 'string')
        throw new ExprError(
          ArchitectErrors.SB_ARCHITECT_EXPR_TYPE,
          `JsonParse: argument 1 must be String; got ${valueTypeName(v)}`,
          pos,
        );
      try {
        return { $type: 'JSON', value: JSON.parse(v) as unknown };
      } catch (e) {
        throw invalid(`JsonParse: the text is not JSON (${(e as Error).message})`, pos);
      }
    },
  },
  {
    name: 'ToJson',
    minArgs: 1,
    maxArgs: 1,
    check: () => S('JSON'),
    call: ([v]) => (v === null || v === undefined ? null : { $type: 'JSON', value: plain(v) }),
  },
  {
    name: 'GetJsonProperty',
    minArgs: 2,
    maxArgs: 2,
    check(args, pos) {
      want('GetJsonProperty', args, 0, ['JSON'], pos);
      want('GetJsonProperty', args, 1, ['String'], pos);
      return S('JSON');
    },
    call([doc, path], pos) {
      const found = jsonAt(jsonDoc('GetJsonProperty', doc ?? null, pos), pathArg('GetJsonProperty', path ?? null, pos));
      return found === undefined || found === null ? null : { $type: 'JSON', value: found };
    },
  },
  {
    name: 'GetJsonPropertyOrDefault',
    minArgs: 3,
    maxArgs: 3,
    check(args, pos) {
      want('GetJsonPropertyOrDefault', args, 0, ['JSON'], pos);
      want('GetJsonPropertyOrDefault', args, 1, ['String'], pos);
      want('GetJsonPropertyOrDefault', args, 2, ['JSON'], pos);
      return S('JSON');
    },
    call([doc, path, fallback], pos) {
      if (doc === null) return fallback ?? null;
      const found = jsonAt(
        jsonDoc('GetJsonPropertyOrDefault', doc ?? null, pos),
        pathArg('GetJsonPropertyOrDefault', path ?? null, pos),
      );
      return found === undefined || found === null ? (fallback ?? null) : { $type: 'JSON', value: found };
    },
  },
  converter('ToDateTime', 'DateTime', ['String', 'DateTime']),
  converter('ToDate', 'Date', ['String', 'Date', 'DateTime']),
  converter('ToTime', 'Time', ['String', 'Time']),
  converter('ToDuration', 'Duration', ['String', 'Duration']),
];
