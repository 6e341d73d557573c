/**
 * @module
 * Cursor paging of the Process Automation listings (`TriggerEntityListing`,
 * `TopicCursorEntityListing`): `before` / `after` cursors, `pageSize` up to 200 (platform.md §1.1).
 */
import type { Context } from 'hono';
import { badRequest } from '../../errors.ts';
import type { EmulatorEnv } from '../../provider-contract.ts';

/** A cursor listing. */
export interface CursorListing<T> {
  entities: T[];
  selfUri: string;
  nextUri?: string;
  previousUri?: string;
}

const MAX_PAGE = 200;
const DEFAULT_PAGE = 25;

const encode = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

function decode(param: string, raw: string): string {
  const key = Buffer.from(raw, 'base64url').toString('utf8');
  if (raw === '' || encode(key) !== raw) {
    throw badRequest(
      `${param} must be a cursor from a previous nextUri or previousUri; got "${raw}"`,
      [{ errorCode: 'invalid.value', fieldName: param }],
      'invalid.value',
    );
  }
  return key;
}

function pageSize(c: Context<EmulatorEnv>): number {
  const raw = c.req.query('pageSize');
  if (raw === undefined || raw === '') return DEFAULT_PAGE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) {
    throw badRequest(
      `pageSize must be an integer between 1 and ${MAX_PAGE}; got "${raw}"`,
      [{ errorCode: 'invalid.value', fieldName: 'pageSize' }],
      'invalid.value',
    );
  }
  return n;
}

/**
 * One page of `all` (already filtered, in cursor order). `keyOf` gives each entity's stable key;
 * a cursor names the key of the entity it follows (`after`) or precedes (`before`). A cursor
 * whose entity has been deleted since yields an empty page.
 * @example
 * return c.json(cursorPage(c, triggers, (t) => t.id, '/api/v2/processautomation/triggers', { topicName }));
 */
export function cursorPage<T>(
  c: Context<EmulatorEnv>,
  all: readonly T[],
  keyOf: (t: T) => string,
  basePath: string,
  filters: Record<string, string | undefined> = {},
): CursorListing<T> {
  const size = pageSize(c);
  const after = c.req.query('after');
  const before = c.req.query('before');
  if (after && before)
    throw badRequest(
      'only one of before and after can be given',
      [{ errorCode: 'invalid.value', fieldName: 'before' }],
      'invalid.value',
    );
  const keys = all.map(keyOf);
  let start = 0;
  let end = all.length;
  if (after) {
    const k = decode('after', after);
    const i = keys.indexOf(k);
    start = i >= 0 ? i + 1 : all.length;
    end = Math.min(all.length, start + size);
  } else if (before) {
    const k = decode('before', before);
    const i = keys.indexOf(k);
    end = i >= 0 ? i : 0;
    start = Math.max(0, end - size);
  } else {
    end = Math.min(all.length, size);
  }
  const query = (extra: Record<string, string>): string => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') q.set(k, v);
    q.set('pageSize', String(size));
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `${basePath}?${q.toString()}`;
  };
  const entities = all.slice(start, end);
  const out: CursorListing<T> = { entities, selfUri: query(after ? { after } : before ? { before } : {}) };
  if (end < all.length && entities.length > 0)
    out.nextUri = query({ after: encode(keyOf(entities[entities.length - 1]!)) });
  if (start > 0 && entities.length > 0) out.previousUri = query({ before: encode(keyOf(entities[0]!)) });
  return out;
}
