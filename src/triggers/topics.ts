/**
 * @module
 * Topic templates (`{id}` segments) versus concrete topics, and validation of an event body
 * against its topic's schema.
 */
import { topicEntry } from './topic-catalogue.ts';
import type { FieldType } from './topic-catalogue.ts';
import type { SchemaResult } from './types.ts';

/** The placeholder segment of a topic template. */
export const ID_SEGMENT = '{id}';

/**
 * Whether a concrete topic (or the template itself) fits a template: `{id}` matches any one
 * non-empty segment, other segments must be equal.
 * @example
 * topicMatches('v2.users.{id}.activity', 'v2.users.8f1e….activity') // true
 */
export function topicMatches(template: string, topic: string): boolean {
  const t = template.split('.');
  const c = topic.split('.');
  if (t.length !== c.length) return false;
  return t.every((seg, i) => seg === c[i] || (seg === ID_SEGMENT && c[i] !== ''));
}

/**
 * The concrete topic of a template, with each `{id}` replaced in turn by `ids`.
 * @example
 * concreteTopic('v2.detail.events.conversation.{id}.user.start', 'c-1') // 'v2.detail.events.conversation.c-1.user.start'
 */
export function concreteTopic(template: string, ...ids: string[]): string {
  let i = 0;
  return template
    .split('.')
    .map((s) => (s === ID_SEGMENT ? (ids[i++] ?? s) : s))
    .join('.');
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : String(v);
}

function checkField(type: FieldType, v: unknown, at: string, out: string[]): void {
  if (typeof type === 'string') {
    const ok =
      type === 'string' ? typeof v === 'string' : type === 'boolean' ? typeof v === 'boolean' : Number.isInteger(v);
    if (!ok) out.push(`${at}: expected ${type === 'integer' ? 'an integer' : `a ${type}`}; got ${describe(v)}`);
    return;
  }
  if ('enum' in type) {
    if (typeof v !== 'string' || !type.enum.includes(v))
      out.push(`${at}: expected one of ${type.enum.join(', ')}; got ${describe(v)}`);
    return;
  }
  if ('array' in type) {
    if (!Array.isArray(v)) out.push(`${at}: expected an array; got ${describe(v)}`);
    else v.forEach((el, i) => checkField(type.array, el, `${at}[${i}]`, out));
    return;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    out.push(`${at}: expected an object; got ${describe(v)}`);
    return;
  }
  const obj = v as Record<string, unknown>;
  if ('map' in type) {
    for (const [k, el] of Object.entries(obj)) checkField(type.map, el, `${at}.${k}`, out);
    return;
  }
  for (const [k, t] of Object.entries(type.object)) if (Object.hasOwn(obj, k)) checkField(t, obj[k], `${at}.${k}`, out);
}

const VALID: SchemaResult = Object.freeze({ matches: true, details: Object.freeze([]) as unknown as string[] });

/** A compiled checker: pushes one message per problem. */
type Check = (v: unknown, at: string, out: string[]) => void;

function compileField(type: FieldType): Check {
  if (typeof type === 'string') return (v, at, out) => checkField(type, v, at, out);
  if ('enum' in type) {
    const allowed = new Set(type.enum);
    return (v, at, out) => {
      if (typeof v !== 'string' || !allowed.has(v)) checkField(type, v, at, out);
    };
  }
  return (v, at, out) => checkField(type, v, at, out);
}

const COMPILED = new Map<string, Map<string, Check> | null>();

function compiledSchema(template: string): Map<string, Check> | null {
  let c = COMPILED.get(template);
  if (c === undefined) {
    const schema = topicEntry(template)?.schema;
    c = schema ? new Map(Object.entries(schema.fields).map(([k, t]) => [k, compileField(t)])) : null;
    COMPILED.set(template, c);
  }
  return c;
}

/**
 * Validate an event body against its topic template's schema. Every field is optional and
 * unknown fields are allowed; a present field must have its declared type, and `null` counts as
 * a wrong type (detail events omit absent fields, platform.md §2.3). Never throws.
 * @example
 * validateEventBody('v2.detail.events.conversation.{id}.acd.start', { mediaType: 'FAX' })
 * // { matches: false, details: ['mediaType: expected one of UNKNOWN, VOICE, …; got "FAX"'] }
 */
export function validateEventBody(template: string, body: unknown): SchemaResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { matches: false, details: [`the event body must be a JSON object; got ${describe(body)}`] };
  }
  const checks = compiledSchema(template);
  if (!checks) return VALID;
  const details: string[] = [];
  const obj = body as Record<string, unknown>;
  for (const k in obj) {
    const check = checks.get(k);
    if (check !== undefined) check(obj[k], k, details);
  }
  return details.length === 0 ? VALID : { matches: false, details };
}
