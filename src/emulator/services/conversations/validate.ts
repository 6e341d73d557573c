/**
 * @module
 * Request-body validation with zod, answering Genesys-style 400s that name the offending field.
 */
import type { z } from 'zod';
import { badRequest } from '../../errors.ts';

function fieldOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out === '' ? String(k) : `.${String(k)}`;
  return out === '' ? 'body' : out;
}

/**
 * Parse `value` with `schema` or throw a 400 `invalid.value` naming every failing field.
 * @example
 * const body = parseBody(z.object({ externalTag: z.string() }), await readJsonObject(c));
 */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues;
  const first = issues[0]!;
  throw badRequest(
    `${fieldOf(first.path)} is invalid: ${first.message}`,
    issues.map((i) => ({ errorCode: 'invalid.value', fieldName: fieldOf(i.path) })),
    'invalid.value',
  );
}
