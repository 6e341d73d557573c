/**
 * @module
 * Small request/response helpers shared by providers: Genesys paging and JSON bodies.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { isPlainObject } from '../core/index.ts';
import { badRequest } from './errors.ts';
import type { EmulatorEnv } from './provider-contract.ts';

/** Parsed `pageSize` / `pageNumber` query parameters. */
export interface PageParams {
  readonly pageSize: number;
  readonly pageNumber: number;
}

/** A Genesys paged listing (`UserEntityListing`, `QueueEntityListing`…). */
export interface PagedListing<T> {
  entities: T[];
  pageSize: number;
  pageNumber: number;
  total: number;
  pageCount: number;
  firstUri: string;
  selfUri: string;
  lastUri: string;
  nextUri?: string;
  previousUri?: string;
}

function intParam(c: Context<EmulatorEnv>, name: string, dflt: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw badRequest(
      `${name} must be an integer between 1 and ${max}; got "${raw}"`,
      [{ errorCode: 'invalid.value', fieldName: name }],
      'invalid.value',
    );
  }
  return n;
}

/**
 * Read `pageSize` (default 25) and `pageNumber` (default 1); 400 `invalid.value` naming the
 * parameter when one is not a positive integer in range.
 */
export function pageParams(c: Context<EmulatorEnv>, opts: { defaultSize?: number; maxSize?: number } = {}): PageParams {
  return {
    pageSize: intParam(c, 'pageSize', opts.defaultSize ?? 25, opts.maxSize ?? 500),
    pageNumber: intParam(c, 'pageNumber', 1, 1_000_000),
  };
}

/**
 * One page of `all` in Genesys's listing shape.
 * @example
 * return c.json(paged(users.map(toUser), pageParams(c), '/api/v2/users'));
 */
export function paged<T>(all: readonly T[], p: PageParams, basePath: string): PagedListing<T> {
  const pageCount = Math.ceil(all.length / p.pageSize);
  const uri = (n: number): string => `${basePath}?pageSize=${p.pageSize}&pageNumber=${n}`;
  const out: PagedListing<T> = {
    entities: all.slice((p.pageNumber - 1) * p.pageSize, p.pageNumber * p.pageSize),
    pageSize: p.pageSize,
    pageNumber: p.pageNumber,
    total: all.length,
    pageCount,
    firstUri: uri(1),
    selfUri: uri(p.pageNumber),
    lastUri: uri(Math.max(1, pageCount)),
  };
  if (p.pageNumber < pageCount) out.nextUri = uri(p.pageNumber + 1);
  if (p.pageNumber > 1) out.previousUri = uri(p.pageNumber - 1);
  return out;
}

/** The request's JSON body, any JSON value; 400 `bad.request` when it is missing. */
async function readJsonValue(c: Context<EmulatorEnv>, what = 'array'): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') throw badRequest(`A JSON ${what} request body is required; the body is empty`);
  return JSON.parse(text) as unknown;
}

/**
 * The request's JSON body as an object; 400 `bad.request` when it is missing or not an object.
 * (Malformed JSON never gets here: the gateway answers it first.)
 */
export async function readJsonObject(c: Context<EmulatorEnv>): Promise<Record<string, unknown>> {
  const value = await readJsonValue(c, 'object');
  if (!isPlainObject(value))
    throw badRequest(`The request body must be a JSON object; got ${Array.isArray(value) ? 'an array' : typeof value}`);
  return value;
}

/**
 * The request's JSON body checked against a schema; 400 `bad.request` naming every field that
 * breaks it (`details[].fieldName`), as Genesys names them.
 * @example
 * const body = await readJsonBody(c, z.object({ name: z.string().min(1) }), 'queue');
 */
export async function readJsonBody<T extends z.ZodTypeAny>(
  c: Context<EmulatorEnv>,
  schema: T,
  what: string,
): Promise<z.infer<T>> {
  // A schema of an array (a list of members…) takes an array body; every other one an object.
  const parsed = schema.safeParse(schema instanceof z.ZodArray ? await readJsonValue(c) : await readJsonObject(c));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
    throw badRequest(
      `The ${what} is invalid: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      issues.map((i) => ({ errorCode: 'invalid.value', fieldName: i.field })),
    );
  }
  return parsed.data;
}
