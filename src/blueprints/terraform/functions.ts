/**
 * @module
 * Terraform's built-in functions that CX as Code projects use, with Terraform's semantics
 * (jsonencode sorts object keys and escapes `<`, `>`, `&` as Go does; `replace` takes a
 * `/regex/`; sets are sorted and distinct). A function not listed here is an
 * `SB_TERRAFORM_UNSUPPORTED` error naming it; `try` and `can` live in the evaluator (they catch
 * the errors of their arguments).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { LazyObject, findUnknown, fromJson, isObject, materialize, typeName } from './values.ts';
import type { TfObject, TfValue, Unknown } from './values.ts';
import { arity, list, num, obj, str } from './function-args.ts';
import type { Fn, FunctionHost } from './function-args.ts';
import { format, jsonencode } from './go-formats.ts';

const MAX_FILE_BYTES = 8 * 1024 * 1024;

function readFile(host: FunctionHost, path: TfValue, name: string): Buffer {
  const p = str(host, path, name, 0);
  const abs = isAbsolute(p) ? p : resolve(host.root, p);
  if (!existsSync(abs) || !statSync(abs).isFile())
    host.fail(`Invalid function argument: no file exists at ${JSON.stringify(p)}`);
  if (statSync(abs).size > MAX_FILE_BYTES)
    host.fail(`Invalid function argument: ${JSON.stringify(p)} is larger than ${MAX_FILE_BYTES} bytes`);
  host.read?.(abs);
  return readFileSync(abs);
}

function utf8(host: FunctionHost, buf: Buffer, what: string): string {
  const text = buf.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(buf)) host.fail(`Invalid function argument: ${what} is not valid UTF-8`);
  return text;
}

function flatten(v: TfValue[], depth = 0): TfValue[] {
  if (depth > 64) return v;
  return v.flatMap((x) => (Array.isArray(x) ? flatten(x, depth + 1) : [x]));
}

function distinct(v: TfValue[]): TfValue[] {
  const seen = new Set<string>();
  return v.filter((x) => {
    const k = JSON.stringify(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function toSet(v: TfValue[]): TfValue[] {
  const d = distinct(v);
  return d.every((x) => typeof x === 'string') ? [...d].sort() : d;
}

function regexOf(pattern: string, host: FunctionHost): RegExp {
  try {
    // RE2 inline flags (?i) are the common case; JavaScript takes them as a flag.
    const m = /^\(\?([a-z]+)\)/.exec(pattern);
    return new RegExp(
      m ? pattern.slice(m[0].length) : pattern,
      `g${m?.[1]?.includes('i') ? 'i' : ''}${m?.[1]?.includes('s') ? 's' : ''}${m?.[1]?.includes('m') ? 'm' : ''}`,
    );
  } catch (e) {
    return host.fail(
      `Invalid function argument: invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`,
    );
  }
}

const hash = (alg: string, data: string | Buffer, enc: 'hex' | 'base64' = 'hex'): string =>
  createHash(alg).update(data).digest(enc);

const FUNCTIONS: Record<string, Fn> = {
  jsonencode: (a, h) => (arity(h, a, 'jsonencode', 1), jsonencode(a[0]!)),
  jsondecode: (a, h) => {
    arity(h, a, 'jsondecode', 1);
    const text = str(h, a[0]!, 'jsondecode', 0);
    try {
      return fromJson(JSON.parse(text));
    } catch (e) {
      return h.fail(`Error in function call: jsondecode: ${(e as Error).message}`);
    }
  },
  file: (a, h) => (arity(h, a, 'file', 1), utf8(h, readFile(h, a[0]!, 'file'), String(a[0]))),
  fileexists: (a, h) => {
    arity(h, a, 'fileexists', 1);
    const p = str(h, a[0]!, 'fileexists', 0);
    const abs = isAbsolute(p) ? p : resolve(h.root, p);
    return existsSync(abs) && statSync(abs).isFile();
  },
  filebase64: (a, h) => (arity(h, a, 'filebase64', 1), readFile(h, a[0]!, 'filebase64').toString('base64')),
  filemd5: (a, h) => (arity(h, a, 'filemd5', 1), hash('md5', readFile(h, a[0]!, 'filemd5'))),
  filesha1: (a, h) => (arity(h, a, 'filesha1', 1), hash('sha1', readFile(h, a[0]!, 'filesha1'))),
  filesha256: (a, h) => (arity(h, a, 'filesha256', 1), hash('sha256', readFile(h, a[0]!, 'filesha256'))),
  filebase64sha256: (a, h) => (
    arity(h, a, 'filebase64sha256', 1),
    hash('sha256', readFile(h, a[0]!, 'filebase64sha256'), 'base64')
  ),
  templatefile: (a, h) => {
    arity(h, a, 'templatefile', 2);
    const path = str(h, a[0]!, 'templatefile', 0);
    return h.renderTemplate(utf8(h, readFile(h, path, 'templatefile'), path), path, obj(h, a[1]!, 'templatefile', 1));
  },
  abspath: (a, h) => (arity(h, a, 'abspath', 1), resolve(h.root, str(h, a[0]!, 'abspath', 0))),
  format: (a, h) => (a.length === 0 ? h.fail('Function format takes at least 1 argument') : format(h, a)),
  formatlist: (a, h) => {
    const n = Math.max(...a.slice(1).map((x) => (Array.isArray(x) ? x.length : 1)), 0);
    return Array.from({ length: n }, (_, i) =>
      format(h, [a[0]!, ...a.slice(1).map((x) => (Array.isArray(x) ? x[i]! : x))]),
    );
  },
  lookup: (a, h) => {
    arity(h, a, 'lookup', 2, 3);
    const m = obj(h, a[0]!, 'lookup', 0);
    const k = str(h, a[1]!, 'lookup', 1);
    if (Object.hasOwn(m, k)) return m[k]!;
    if (a.length === 3) return a[2]!;
    return h.fail(`Error in function call: lookup: the map has no key "${k}" and no default was given`);
  },
  merge: (a, h) => Object.assign({}, ...a.filter((x) => x !== null).map((x, i) => obj(h, x, 'merge', i))) as TfObject,
  replace: (a, h) => {
    arity(h, a, 'replace', 3);
    const [s, search, rep] = [str(h, a[0]!, 'replace', 0), str(h, a[1]!, 'replace', 1), str(h, a[2]!, 'replace', 2)];
    if (search.length > 1 && search.startsWith('/') && search.endsWith('/'))
      return s.replace(
        regexOf(search.slice(1, -1), h),
        rep.replace(/\$\{?(\w+)\}?/g, '$$<$1>').replace(/\$<(\d+)>/g, '$$$1'),
      );
    return s.split(search).join(rep);
  },
  regex: (a, h) => {
    arity(h, a, 'regex', 2);
    const m = regexOf(str(h, a[0]!, 'regex', 0), h).exec(str(h, a[1]!, 'regex', 1));
    if (!m) return h.fail('Error in function call: regex: the pattern did not match');
    if (m.groups) return { ...m.groups };
    return m.length > 1 ? m.slice(1).map((x) => x ?? null) : m[0];
  },
  regexall: (a, h) =>
    [...str(h, a[1]!, 'regexall', 1).matchAll(regexOf(str(h, a[0]!, 'regexall', 0), h))].map((m) =>
      m.length > 1 ? m.slice(1).map((x) => x ?? null) : m[0],
    ),
  lower: (a, h) => (arity(h, a, 'lower', 1), str(h, a[0]!, 'lower', 0).toLowerCase()),
  upper: (a, h) => (arity(h, a, 'upper', 1), str(h, a[0]!, 'upper', 0).toUpperCase()),
  title: (a, h) => (arity(h, a, 'title', 1), str(h, a[0]!, 'title', 0).replace(/\b\p{L}/gu, (c) => c.toUpperCase())),
  trimspace: (a, h) => (arity(h, a, 'trimspace', 1), str(h, a[0]!, 'trimspace', 0).trim()),
  trim: (a, h) => {
    arity(h, a, 'trim', 2);
    const cut = new Set(str(h, a[1]!, 'trim', 1));
    const chars = [...str(h, a[0]!, 'trim', 0)];
    while (chars.length && cut.has(chars[0]!)) chars.shift();
    while (chars.length && cut.has(chars[chars.length - 1]!)) chars.pop();
    return chars.join('');
  },
  trimprefix: (a, h) => {
    const [s, p] = [str(h, a[0]!, 'trimprefix', 0), str(h, a[1]!, 'trimprefix', 1)];
    return s.startsWith(p) ? s.slice(p.length) : s;
  },
  trimsuffix: (a, h) => {
    const [s, p] = [str(h, a[0]!, 'trimsuffix', 0), str(h, a[1]!, 'trimsuffix', 1)];
    return p !== '' && s.endsWith(p) ? s.slice(0, -p.length) : s;
  },
  startswith: (a, h) => str(h, a[0]!, 'startswith', 0).startsWith(str(h, a[1]!, 'startswith', 1)),
  endswith: (a, h) => str(h, a[0]!, 'endswith', 0).endsWith(str(h, a[1]!, 'endswith', 1)),
  substr: (a, h) => {
    arity(h, a, 'substr', 3);
    const chars = [...str(h, a[0]!, 'substr', 0)];
    let off = num(h, a[1]!, 'substr', 1);
    const len = num(h, a[2]!, 'substr', 2);
    if (off < 0) off = Math.max(0, chars.length + off);
    return chars.slice(off, len < 0 ? undefined : off + len).join('');
  },
  strrev: (a, h) => [...str(h, a[0]!, 'strrev', 0)].reverse().join(''),
  join: (a, h) => {
    arity(h, a, 'join', 2, 99);
    const sep = str(h, a[0]!, 'join', 0);
    return a
      .slice(1)
      .flatMap((l, i) => list(h, l, 'join', i + 1).map((x, j) => str(h, x, 'join', j)))
      .join(sep);
  },
  split: (a, h) => (arity(h, a, 'split', 2), str(h, a[1]!, 'split', 1).split(str(h, a[0]!, 'split', 0))),
  concat: (a, h) => a.flatMap((l, i) => list(h, l, 'concat', i)),
  coalesce: (a, h) => {
    const v = a.find((x) => x !== null && x !== '');
    return v === undefined ? h.fail('Error in function call: coalesce: no non-null, non-empty argument') : v;
  },
  coalescelist: (a, h) =>
    a.find((x) => Array.isArray(x) && x.length > 0) ??
    h.fail('Error in function call: coalescelist: no non-empty list'),
  compact: (a, h) => list(h, a[0]!, 'compact', 0).filter((x) => x !== null && x !== ''),
  length: (a, h) => {
    arity(h, a, 'length', 1);
    const v = a[0]!;
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    if (isObject(v)) return Object.keys(v).length;
    return h.fail(`Invalid value for argument 1 of length: a string, list or map is required; got ${typeName(v)}`);
  },
  tostring: (a, h) => (arity(h, a, 'tostring', 1), a[0] === null ? null : str(h, a[0]!, 'tostring', 0)),
  tonumber: (a, h) => (arity(h, a, 'tonumber', 1), a[0] === null ? null : num(h, a[0]!, 'tonumber', 0)),
  tobool: (a, h) => {
    const v = a[0]!;
    if (v === null || typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    return h.fail(`Invalid value for argument 1 of tobool: a bool is required; got ${typeName(v)}`);
  },
  tolist: (a, h) => (arity(h, a, 'tolist', 1), list(h, a[0]!, 'tolist', 0)),
  toset: (a, h) => (arity(h, a, 'toset', 1), toSet(list(h, a[0]!, 'toset', 0))),
  tomap: (a, h) => (arity(h, a, 'tomap', 1), obj(h, a[0]!, 'tomap', 0)),
  keys: (a, h) => Object.keys(obj(h, a[0]!, 'keys', 0)).sort(),
  values: (a, h) => {
    const m = obj(h, a[0]!, 'values', 0);
    return Object.keys(m)
      .sort()
      .map((k) => m[k]!);
  },
  element: (a, h) => {
    arity(h, a, 'element', 2);
    const l = list(h, a[0]!, 'element', 0);
    if (l.length === 0)
      return h.fail('Error in function call: element: cannot use element function with an empty list');
    const i = num(h, a[1]!, 'element', 1);
    return l[((Math.trunc(i) % l.length) + l.length) % l.length]!;
  },
  index: (a, h) => {
    const i = list(h, a[0]!, 'index', 0).findIndex((x) => JSON.stringify(x) === JSON.stringify(a[1]));
    return i < 0 ? h.fail('Error in function call: index: the item was not found') : i;
  },
  contains: (a, h) => (
    arity(h, a, 'contains', 2),
    list(h, a[0]!, 'contains', 0).some((x) => JSON.stringify(x) === JSON.stringify(a[1]))
  ),
  flatten: (a, h) => flatten(list(h, a[0]!, 'flatten', 0)),
  distinct: (a, h) => distinct(list(h, a[0]!, 'distinct', 0)),
  reverse: (a, h) => [...list(h, a[0]!, 'reverse', 0)].reverse(),
  sort: (a, h) =>
    list(h, a[0]!, 'sort', 0)
      .map((x, i) => str(h, x, 'sort', i))
      .sort(),
  slice: (a, h) => list(h, a[0]!, 'slice', 0).slice(num(h, a[1]!, 'slice', 1), num(h, a[2]!, 'slice', 2)),
  range: (a, h) => {
    const n = a.map((x, i) => num(h, x, 'range', i));
    const [start, end, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? (n[1]! >= n[0]! ? 1 : -1)];
    if (step === 0 || Math.abs((end - start) / step) > 1024)
      return h.fail('Error in function call: range: at most 1024 elements, and a non-zero step');
    const out: number[] = [];
    for (let x = start; step > 0 ? x < end : x > end; x += step) out.push(x);
    return out;
  },
  zipmap: (a, h) => {
    const k = list(h, a[0]!, 'zipmap', 0);
    const v = list(h, a[1]!, 'zipmap', 1);
    return Object.fromEntries<TfValue>(k.map((x, i) => [str(h, x, 'zipmap', 0), v[i] ?? null]));
  },
  one: (a, h) => {
    const l = list(h, a[0]!, 'one', 0);
    return l.length === 0
      ? null
      : l.length === 1
        ? l[0]!
        : h.fail('Error in function call: one: the list has more than one element');
  },
  max: (a, h) => Math.max(...a.map((x, i) => num(h, x, 'max', i))),
  min: (a, h) => Math.min(...a.map((x, i) => num(h, x, 'min', i))),
  abs: (a, h) => Math.abs(num(h, a[0]!, 'abs', 0)),
  ceil: (a, h) => Math.ceil(num(h, a[0]!, 'ceil', 0)),
  floor: (a, h) => Math.floor(num(h, a[0]!, 'floor', 0)),
  base64encode: (a, h) => (
    arity(h, a, 'base64encode', 1),
    Buffer.from(str(h, a[0]!, 'base64encode', 0), 'utf8').toString('base64')
  ),
  base64decode: (a, h) => {
    arity(h, a, 'base64decode', 1);
    const s = str(h, a[0]!, 'base64decode', 0);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0)
      return h.fail('Error in function call: base64decode: the string is not valid base64');
    return utf8(h, Buffer.from(s, 'base64'), 'the decoded string');
  },
  md5: (a, h) => hash('md5', str(h, a[0]!, 'md5', 0)),
  sha1: (a, h) => hash('sha1', str(h, a[0]!, 'sha1', 0)),
  sha256: (a, h) => (arity(h, a, 'sha256', 1), hash('sha256', str(h, a[0]!, 'sha256', 0))),
  sha512: (a, h) => hash('sha512', str(h, a[0]!, 'sha512', 0)),
  base64sha256: (a, h) => hash('sha256', str(h, a[0]!, 'base64sha256', 0), 'base64'),
  urlencode: (a, h) => encodeURIComponent(str(h, a[0]!, 'urlencode', 0)),
};

/**
 * Call a built-in function; undefined when there is none by that name (the caller reports it).
 * @example
 * callFunction('upper', ['a'], host) // 'A'
 */
export function callFunction(name: string, args: TfValue[], host: FunctionHost): TfValue | undefined {
  const fn = FUNCTIONS[name];
  if (!fn) return undefined;
  const real = args.map((a) => (a instanceof LazyObject ? materialize(a) : a));
  const unknown = real.map((a) => findUnknown(a)).find((u): u is Unknown => u !== undefined);
  if (unknown) return unknown;
  return fn(real, host, name);
}
