/**
 * @module
 * SCIM filters (RFC 7644 §3.4.2.2), the subset Genesys documents: `attr op value` with `eq`, `ne`,
 * `co`, `sw`, `ew`, `pr`, joined by `and`. Values may be quoted or bare (Genesys's examples write
 * `userName eq search@sample.org`); comparisons ignore case.
 */

const MAX_FILTER = 1_000;

/** The value(s) of an attribute on what is filtered (several for a multi-valued attribute). */
type Getter = (attribute: string) => string | readonly string[] | undefined;

/** A compiled filter: its test and the attributes it reads. */
export interface Filter {
  readonly test: (get: Getter) => boolean;
  readonly attributes: readonly string[];
}

const TERM = /^\s*([\w.:$-]+)\s+(eq|ne|co|sw|ew|pr)(?:\s+("(?:[^"\\]|\\.)*"|[^\s"]+))?\s*$/i;

function matches(op: string, have: string | undefined, want: string): boolean {
  switch (op) {
    case 'pr':
      return have !== undefined && have !== '';
    case 'eq':
      return have === want;
    case 'ne':
      return have !== want;
    case 'co':
      return have?.includes(want) ?? false;
    case 'sw':
      return have?.startsWith(want) ?? false;
    default:
      return have?.endsWith(want) ?? false;
  }
}

/**
 * Compile a filter; a string is why it cannot be read.
 * @example
 * const f = compileFilter('userName eq "bob@example.com" and active eq true');
 */
export function compileFilter(text: string): Filter | string {
  if (text.length > MAX_FILTER) return `the filter is longer than ${MAX_FILTER} characters`;
  const tests: ((get: Getter) => boolean)[] = [];
  const attributes: string[] = [];
  for (const part of text.split(/\s+and\s+/i)) {
    const m = TERM.exec(part);
    if (!m)
      return `cannot read ${JSON.stringify(part.trim())}: expected attribute, operator (eq, ne, co, sw, ew, pr) and a value`;
    const [, attr, rawOp, rawValue] = m;
    const op = rawOp!.toLowerCase();
    if (op !== 'pr' && rawValue === undefined) return `${op} needs a value`;
    const value = rawValue === undefined ? '' : rawValue.startsWith('"') ? (JSON.parse(rawValue) as string) : rawValue;
    const want = value.toLowerCase();
    attributes.push(attr!);
    tests.push((get) => {
      const got = get(attr!);
      const values = got === undefined ? [] : typeof got === 'string' ? [got] : got;
      // `ne` holds when no value equals; every other operator when one value matches.
      if (op === 'ne') return values.every((v) => v.toLowerCase() !== want);
      if (values.length === 0) return matches(op, undefined, want);
      return values.some((v) => matches(op, v.toLowerCase(), want));
    });
  }
  return { test: (get) => tests.every((t) => t(get)), attributes };
}
