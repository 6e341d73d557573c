/**
 * @module
 * Java semantics for method calls in templates. Genesys renders templates with Java Velocity, where
 * `$s.length()`, `.contains()`, `.equalsIgnoreCase()`, `.isEmpty()` are `String`/`List`/`Map`
 * methods and `.replace(a, b)` replaces every occurrence. velocityjs resolves calls on JS values,
 * so these handlers run first (velocityjs `customMethodHandlers`) for strings, arrays and objects.
 */

type Method = (self: never, args: unknown[]) => unknown;

/** A velocityjs custom method handler. */
export interface MethodHandler {
  readonly uid: string;
  match(payload: { property: string; context: unknown; params: unknown[] }): boolean;
  resolve(payload: { property: string; context: unknown; params: unknown[] }): unknown;
}

/** A Java exception surfaced as a template render error. */
class JavaException extends Error {
  constructor(type: string, message: string) {
    super(`${type}: ${message}`);
    this.name = 'JavaException';
  }
}

const s = (v: unknown): string => (v === null || v === undefined ? 'null' : String(v));

function index(self: string, i: unknown, end = false): number {
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i > self.length - (end ? 0 : 1)) {
    throw new JavaException('StringIndexOutOfBoundsException', `index ${s(i)}, length ${self.length}`);
  }
  return i;
}

// Java replacement strings: `\x` is a literal x and `$n` / `${name}` are groups; JS uses `$$` for `$`.
function jsReplacement(javaReplacement: unknown): string {
  const r = s(javaReplacement);
  let out = '';
  for (let i = 0; i < r.length; i++) {
    const c = r[i]!;
    if (c === '\\' && i + 1 < r.length) out += r[++i] === '$' ? '$$' : r[i];
    else if (c === '$' && r[i + 1] === '{') {
      const close = r.indexOf('}', i);
      out += `$<${r.slice(i + 2, close)}>`;
      i = close;
    } else out += c;
  }
  return out;
}

function regex(pattern: unknown, flags = ''): RegExp {
  try {
    return new RegExp(s(pattern), flags);
  } catch (e) {
    throw new JavaException('PatternSyntaxException', (e as Error).message);
  }
}

// Java String.split: a regex; trailing empty strings are removed when limit is 0.
function split(self: string, pattern: unknown, limit: unknown = 0): string[] {
  const lim = typeof limit === 'number' ? limit : 0;
  const parts: string[] = [];
  let last = 0;
  for (const m of self.matchAll(regex(pattern, 'g'))) {
    const at = m.index ?? 0;
    // Java 8+: a zero-width match at the beginning never produces a leading empty string.
    if (m[0] === '' && (at === 0 || at === self.length)) continue;
    if (lim > 0 && parts.length === lim - 1) break;
    parts.push(self.slice(last, at));
    last = at + m[0].length;
  }
  parts.push(self.slice(last));
  if (lim === 0) while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function javaHash(self: string): number {
  let h = 0;
  for (let i = 0; i < self.length; i++) h = (Math.imul(31, h) + self.charCodeAt(i)) | 0;
  return h;
}

const STRING: Record<string, (self: string, a: unknown[]) => unknown> = {
  length: (self) => self.length,
  isEmpty: (self) => self.length === 0,
  isBlank: (self) => self.trim().length === 0,
  contains: (self, [x]) => self.includes(s(x)),
  equals: (self, [x]) => typeof x === 'string' && self === x,
  equalsIgnoreCase: (self, [x]) => typeof x === 'string' && self.toLowerCase() === x.toLowerCase(),
  compareTo: (self, [x]) => (self < s(x) ? -1 : self > s(x) ? 1 : 0),
  compareToIgnoreCase: (self, [x]) => STRING.compareTo!(self.toLowerCase(), [s(x).toLowerCase()]),
  replace: (self, [a, b]) => self.split(s(a)).join(s(b)),
  replaceAll: (self, [re, rep]) => self.replace(regex(re, 'g'), jsReplacement(rep)),
  replaceFirst: (self, [re, rep]) => self.replace(regex(re), jsReplacement(rep)),
  matches: (self, [re]) => regex(`^(?:${s(re)})$`).test(self),
  substring: (self, [a, b]) =>
    self.slice(index(self, a, true), b === undefined ? undefined : Math.max(index(self, b, true), a as number)),
  charAt: (self, [i]) => self[index(self, i)],
  indexOf: (self, [x, from]) =>
    self.indexOf(typeof x === 'number' ? String.fromCharCode(x) : s(x), typeof from === 'number' ? from : 0),
  lastIndexOf: (self, [x]) => self.lastIndexOf(typeof x === 'number' ? String.fromCharCode(x) : s(x)),
  startsWith: (self, [x, from]) => self.startsWith(s(x), typeof from === 'number' ? from : 0),
  endsWith: (self, [x]) => self.endsWith(s(x)),
  toUpperCase: (self) => self.toUpperCase(),
  toLowerCase: (self) => self.toLowerCase(),
  // Java trim strips every char <= U+0020, not Unicode whitespace.
  trim: (self) => {
    let a = 0;
    let b = self.length;
    while (a < b && self.charCodeAt(a) <= 0x20) a++;
    while (b > a && self.charCodeAt(b - 1) <= 0x20) b--;
    return self.slice(a, b);
  },
  strip: (self) => self.trim(),
  concat: (self, [x]) => self + s(x),
  split: (self, [re, limit]) => split(self, re, limit),
  toString: (self: string) => self,
  hashCode: (self) => javaHash(self),
  chars: (self) => [...self].map((c) => c.charCodeAt(0)),
  toCharArray: (self) => [...self],
};

const LIST: Record<string, (self: unknown[], a: unknown[]) => unknown> = {
  size: (self) => self.length,
  isEmpty: (self) => self.length === 0,
  contains: (self, [x]) => self.includes(x),
  indexOf: (self, [x]) => self.indexOf(x),
  lastIndexOf: (self, [x]) => self.lastIndexOf(x),
  // Java List.add(E) answers true (velocityjs would render the new length).
  add: (self, args) => {
    if (args.length === 1) {
      self.push(args[0]);
      return true;
    }
    const [i, x] = args;
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i > self.length) {
      throw new JavaException('IndexOutOfBoundsException', `Index: ${s(i)}, Size: ${self.length}`);
    }
    self.splice(i, 0, x);
    return undefined;
  },
  get: (self, [i]) => {
    if (typeof i !== 'number' || i < 0 || i >= self.length) {
      throw new JavaException('IndexOutOfBoundsException', `Index ${s(i)} out of bounds for length ${self.length}`);
    }
    return self[i];
  },
};

const MAP: Record<string, (self: Record<string, unknown>, a: unknown[]) => unknown> = {
  isEmpty: (self) => Object.keys(self).length === 0,
  containsKey: (self, [k]) => Object.hasOwn(self, s(k)),
  containsValue: (self, [v]) => Object.values(self).includes(v),
  values: (self) => Object.values(self),
  // Java Map.put answers the previous value: null (rendered as the reference text) for a new key.
  put: (self, [k, v]) => {
    const key = s(k);
    const prior = Object.hasOwn(self, key) ? self[key] : undefined;
    self[key] = v;
    return prior;
  },
};

const NUMBER: Record<string, (self: number, a: unknown[]) => unknown> = {
  intValue: (self) => Math.trunc(self),
  longValue: (self) => Math.trunc(self),
  doubleValue: (self) => self,
  floatValue: (self) => self,
  toString: (self: number) => String(self),
  equals: (self, [x]) => self === x,
  compareTo: (self, [x]) => Math.sign(self - Number(x)),
};

function table(context: unknown): Record<string, Method> | undefined {
  switch (typeof context) {
    case 'string':
      return STRING;
    case 'number':
      return NUMBER;
    case 'object':
      if (context === null) return undefined;
      return Array.isArray(context) ? LIST : MAP;
    default:
      return undefined;
  }
}

/**
 * The handlers that give strings, lists, maps and numbers their Java methods. An object's own
 * function property (a tool such as `$esc.url`) always wins over a Map method of the same name.
 * @example
 * new Compile(asts, { customMethodHandlers: JAVA_METHOD_HANDLERS })
 */
export const JAVA_METHOD_HANDLERS: readonly MethodHandler[] = [
  {
    uid: 'java-semantics',
    match: ({ property, context }) => {
      const t = table(context);
      if (!t || !Object.hasOwn(t, property)) return false;
      return !(typeof context === 'object' && typeof (context as Record<string, unknown>)[property] === 'function');
    },
    resolve: ({ property, context, params }) => table(context)![property]!(context as never, params),
  },
];
