/**
 * @module
 * The tools Genesys puts in every template's context (HELP-VEL, platform spec §3.4): `$esc`
 * (EscapeTool + Genesys's JSON/URI helpers), `$math` (MathTool), `$date` (a small DateTool),
 * `$successTemplateUtils`, `$urlTool` and `$encoding`. Null or unparsable arguments give `null`,
 * which Velocity renders as the reference text, as Java tools do. The tool objects are not frozen:
 * velocityjs attaches an `eval` helper to every object whose method a template calls.
 */
import type { Clock } from '../../core/index.ts';

const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

// java.net.URLEncoder (UTF-8): letters, digits and `.-*_` stay; space becomes `+`.
function urlFormEncode(v: unknown): string | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  return encodeURIComponent(s)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

function escapeJava(v: unknown, extra: Record<string, string> = {}): string | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  const map: Record<string, string> = {
    '"': '\\"',
    '\\': '\\\\',
    '\b': '\\b',
    '\n': '\\n',
    '\t': '\\t',
    '\f': '\\f',
    '\r': '\\r',
    ...extra,
  };
  let out = '';
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (map[c] !== undefined) out += map[c];
    else if (code < 0x20 || code > 0x7e) {
      for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
    } else out += c;
  }
  return out;
}

const replaceChars = (v: unknown, map: Record<string, string>): string | undefined =>
  str(v)?.replace(/[&<>"']/g, (c) => map[c] ?? c);

/** `$esc` (Velocity EscapeTool plus Genesys's jsonString/jsonEncode/jsonDecode/uriEncode). */
const esc = {
  // JSON string content without the surrounding quotes (HELP-VEL "esc.jsonString").
  jsonString: (v: unknown) => (str(v) === undefined ? undefined : JSON.stringify(str(v)).slice(1, -1)),
  jsonEncode: (v: unknown) => (str(v) === undefined ? undefined : JSON.stringify(str(v)).slice(1, -1)),
  jsonDecode: (v: unknown) => {
    const s = str(v);
    if (s === undefined) return undefined;
    try {
      return JSON.parse(`"${s}"`) as string;
    } catch {
      return s;
    }
  },
  url: urlFormEncode,
  urlFormEncode,
  uriEncode: (v: unknown) => (str(v) === undefined ? undefined : encodeURIComponent(str(v)!)),
  unurl: (v: unknown) => {
    const s = str(v);
    if (s === undefined) return undefined;
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
  },
  java: (v: unknown) => escapeJava(v),
  javascript: (v: unknown) => escapeJava(v, { "'": "\\'", '/': '\\/' }),
  html: (v: unknown) => replaceChars(v, { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }),
  xml: (v: unknown) => replaceChars(v, { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }),
  sql: (v: unknown) => str(v)?.replace(/'/g, "''"),
  propertyKey: (v: unknown) => str(v)?.replace(/([ :=\\#!])/g, '\\$1'),
  propertyValue: (v: unknown) => str(v)?.replace(/([\\#!])/g, '\\$1'),
  dollar: '$',
  d: '$',
  hash: '#',
  h: '#',
  backslash: '\\',
  b: '\\',
  quote: '"',
  q: '"',
  singleQuote: "'",
  s: "'",
  exclamation: '!',
  e: '!',
  newline: '\n',
};

const num = (v: unknown): number | undefined => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
};
const all = (args: unknown[]): number[] | undefined => {
  const out = args.map(num);
  return out.every((n) => n !== undefined) ? out : undefined;
};
const nums =
  (fn: (...n: number[]) => number | undefined) =>
  (...args: unknown[]): number | undefined => {
    const n = all(args);
    if (!n) return undefined;
    const r = fn(...n);
    return r === undefined || !Number.isFinite(r) ? undefined : r;
  };

/** `$math` (Velocity MathTool). */
const math = {
  add: nums((...n) => n.reduce((a, b) => a + b, 0)),
  sub: nums((a, ...rest) => rest.reduce((x, y) => x - y, a)),
  mul: nums((...n) => n.reduce((a, b) => a * b, 1)),
  div: nums((a, ...rest) => (rest.includes(0) ? undefined : rest.reduce((x, y) => x / y, a))),
  idiv: nums((a, b) => (b === 0 || b === undefined ? undefined : Math.trunc(Math.trunc(a) / Math.trunc(b)))),
  mod: nums((a, b) => (b === 0 || b === undefined ? undefined : Math.trunc(a) % Math.trunc(b))),
  max: nums((...n) => Math.max(...n)),
  min: nums((...n) => Math.min(...n)),
  pow: nums((a, b) => a ** (b ?? 1)),
  abs: nums((a) => Math.abs(a)),
  ceil: nums((a) => Math.ceil(a)),
  floor: nums((a) => Math.floor(a)),
  // Java Math.round: half up.
  round: nums((a) => Math.floor(a + 0.5)),
  roundTo: nums((places, a) =>
    Number(
      (Math.round(Number(`${a}e${Math.trunc(places)}`)) / 10 ** Math.trunc(places)).toFixed(
        Math.max(0, Math.trunc(places)),
      ),
    ),
  ),
  toInteger: nums((a) => Math.trunc(a)),
  toDouble: nums((a) => a),
  toNumber: nums((a) => a),
};

/** `$successTemplateUtils` (HELP-VEL; platform spec §3.4). */
const successTemplateUtils = {
  /**
   * First element of a JSON array, re-serialized as JSON (a string comes back quoted); the default
   * (verbatim, or empty) when the array is empty or unparsable.
   */
  firstFromArray: (array: unknown, fallback?: unknown): string => {
    const list = asJson(array);
    if (Array.isArray(list) && list.length > 0) return JSON.stringify(list[0]) ?? 'null';
    return str(fallback) ?? '';
  },
  /** [INFERRED] `{"k":{…}}` → `[{…, "<keyName>":"k"}]`, as JSON text. */
  moveKeysIntoArrayOfObjects: (object: unknown, keyName: unknown = 'key'): string | undefined => {
    const o = asJson(object);
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return undefined;
    return JSON.stringify(
      Object.entries(o).map(([k, v]) =>
        typeof v === 'object' && v !== null && !Array.isArray(v)
          ? { ...v, [String(keyName)]: k }
          : { [String(keyName)]: k, value: v },
      ),
    );
  },
  /** [INFERRED] `[{"<keyField>":"k", …}]` → `{"k":{…}}`, as JSON text. */
  moveListToMap: (list: unknown, keyField: unknown = 'key'): string | undefined => {
    const l = asJson(list);
    if (!Array.isArray(l)) return undefined;
    const out: Record<string, unknown> = {};
    for (const item of l)
      if (typeof item === 'object' && item !== null)
        out[String((item as Record<string, unknown>)[String(keyField)])] = item;
    return JSON.stringify(out);
  },
};

function asJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return undefined;
  }
}

/** `$urlTool` — [INFERRED] `name=value` (form-encoded) when the value is set, else empty. */
const urlTool = {
  optionalQueryParam: (name: unknown, value: unknown): string => {
    const v = str(value);
    return v === undefined || v === '' ? '' : `${urlFormEncode(name)}=${urlFormEncode(v)}`;
  },
};

/** `$encoding` — base64 of UTF-8 text. */
const encoding = {
  base64: (v: unknown) => (str(v) === undefined ? undefined : Buffer.from(str(v)!, 'utf8').toString('base64')),
  base64Encode: (v: unknown) => (str(v) === undefined ? undefined : Buffer.from(str(v)!, 'utf8').toString('base64')),
  base64Decode: (v: unknown) => (str(v) === undefined ? undefined : Buffer.from(str(v)!, 'base64').toString('utf8')),
};

// A subset of java.text.SimpleDateFormat, in UTC.
function formatDate(pattern: string, ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  const parts: Record<string, () => string> = {
    yyyy: () => pad(d.getUTCFullYear(), 4),
    yy: () => pad(d.getUTCFullYear() % 100, 2),
    MM: () => pad(d.getUTCMonth() + 1, 2),
    M: () => String(d.getUTCMonth() + 1),
    dd: () => pad(d.getUTCDate(), 2),
    d: () => String(d.getUTCDate()),
    HH: () => pad(d.getUTCHours(), 2),
    H: () => String(d.getUTCHours()),
    hh: () => pad(d.getUTCHours() % 12 || 12, 2),
    h: () => String(d.getUTCHours() % 12 || 12),
    mm: () => pad(d.getUTCMinutes(), 2),
    m: () => String(d.getUTCMinutes()),
    ss: () => pad(d.getUTCSeconds(), 2),
    s: () => String(d.getUTCSeconds()),
    SSS: () => pad(d.getUTCMilliseconds(), 3),
    a: () => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
    XXX: () => 'Z',
    Z: () => '+0000',
  };
  return pattern.replace(/'([^']*)'|yyyy|yy|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|SSS|a|XXX|Z/g, (tok, quoted?: string) =>
    quoted !== undefined ? quoted : (parts[tok]?.() ?? tok),
  );
}

function toMillis(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

function dateTool(clock: Clock): Readonly<Record<string, unknown>> {
  return {
    get: (format: unknown = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX") => formatDate(String(format), clock.now()),
    format: (format: unknown, date: unknown) => {
      const ms = toMillis(date);
      return ms === undefined ? undefined : formatDate(String(format), ms);
    },
    getSystemTime: () => clock.now(),
    get systemTime() {
      return clock.now();
    },
    toString: () => new Date(clock.now()).toISOString(),
  };
}

// SOSL's reserved characters (Salesforce: "Reserved characters" of FIND): each is escaped with a backslash.
const SOSL_RESERVED = /[?&|!{}[\]()^~*:\\"'+-]/g;

/**
 * `$salesforce`, which Genesys gives the actions of the Salesforce data actions integration
 * (`salesforce-datadip`): `escReserved(text)` escapes SOSL's reserved characters for a `FIND`
 * query [INFERRED: the backslash escape Salesforce documents; the tool's own text is not published].
 */
export const salesforceTool = {
  escReserved: (v: unknown) => {
    const s = str(v);
    return s === undefined ? undefined : s.replace(SOSL_RESERVED, (c) => `\\${c}`);
  },
};

/** The tool references available in every template. */
export type TemplateTools = Readonly<
  Record<'esc' | 'math' | 'date' | 'successTemplateUtils' | 'urlTool' | 'encoding', unknown> & { salesforce?: unknown }
>;

const cache = new WeakMap<Clock, TemplateTools>();

/**
 * The tools for templates rendered against `clock` (cached per clock).
 * @example
 * renderTemplate(t, { input, ...templateTools(clock) })
 */
export function templateTools(clock: Clock): TemplateTools {
  let tools = cache.get(clock);
  if (!tools) {
    tools = Object.freeze({ esc, math, date: dateTool(clock), successTemplateUtils, urlTool, encoding });
    cache.set(clock, tools);
  }
  return tools;
}
