/**
 * @module
 * Small JSON helpers used across contexts.
 */
import { stripBom } from './text.ts';

/** Whether `v` is a plain (non-array, non-null) object. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parse JSON without throwing; a leading byte order mark is not part of the document. */
export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(stripBom(text)) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * A JSON pointer (RFC 6901) of a path, as a validator reports it (`/` for the root).
 * @example
 * jsonPointer(['mocks', 0, 'url']) // '/mocks/0/url'
 */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '/' : '/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}
