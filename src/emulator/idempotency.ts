/**
 * @module
 * `Idempotency-Key` on every mutating Platform API request (POST, PUT, PATCH, DELETE): the same
 * key from the same OAuth client of the same org, within {@link IDEMPOTENCY_TTL_MS} on the
 * emulator's clock, answers the first successful answer again (status, body, `Content-Type`,
 * `Location`) without applying the request a second time; the same key with another request
 * (method, path, query or body) answers 409. Failed answers are not remembered, so a refused
 * request can be retried with its key once the cause is fixed. Remembered keys are org state: they
 * are persisted, snapshotted and reset with the org, and at most {@link MAX_IDEMPOTENCY_KEYS} per
 * org are kept (the oldest go first).
 *
 * Whether Genesys Cloud honours the header is [UNKNOWN] (platform.md is silent); a real org may
 * ignore it. The emulator honours it so a re-sent workflow step can be shown to apply once.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.ts';
import { declareStore } from './provider-contract.ts';
import type { EmulatorEnv } from './provider-contract.ts';

/** How long a key is remembered (24 h of the emulator's clock). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** The most keys remembered per org. */
const MAX_IDEMPOTENCY_KEYS = 10_000;

/** The request header. */
const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Set on a replayed answer (an emulator addition, in the style of other APIs' `Idempotent-Replayed`). */
const REPLAYED_HEADER = 'Idempotent-Replayed';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const REPLAYED_HEADERS = ['content-type', 'location'];

/** A remembered answer. */
interface KeyEntry {
  fingerprint: string;
  status: number;
  body: string;
  headers: Record<string, string>;
  /** Clock time of the first request (epoch ms). */
  at: number;
}

/** Remembered keys of one org, by `clientId + key`, oldest first. */
interface IdempotencyState {
  keys: Record<string, KeyEntry>;
}

/** The per-org store of remembered keys (persisted, reset and snapshotted with the org). */
const idempotencyKeysStore = declareStore<IdempotencyState>('idempotency', () => ({ keys: {} }));

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function canonicalBody(text: string): string {
  if (text.trim() === '') return '';
  try {
    return canonical(JSON.parse(text));
  } catch {
    return text;
  }
}

/** Forget expired keys (entries are in first-use order, so stop at the first live one), and the oldest past the cap. */
function prune(state: IdempotencyState, now: number, adding: boolean): boolean {
  let pruned = false;
  let excess = Object.keys(state.keys).length - MAX_IDEMPOTENCY_KEYS + (adding ? 1 : 0);
  for (const [slot, entry] of Object.entries(state.keys)) {
    if (now - entry.at < IDEMPOTENCY_TTL_MS && excess <= 0) break;
    delete state.keys[slot];
    excess--;
    pruned = true;
  }
  return pruned;
}

/**
 * The gateway middleware honouring `Idempotency-Key` (after authentication and the JSON check;
 * concurrent requests with one key wait for the first instead of applying it twice).
 * @example
 * app.use('/api/v2/*', honourIdempotencyKeys());
 */
export function honourIdempotencyKeys(): MiddlewareHandler<EmulatorEnv> {
  const inFlight = new Map<string, Promise<void>>();
  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER)?.trim();
    if (key === undefined || key === '' || !MUTATING.has(c.req.method)) return next();
    if (key.length > 255) {
      throw new ApiError(
        400,
        'invalid.value',
        `${IDEMPOTENCY_HEADER} must be at most 255 characters; got ${key.length}`,
        { details: [{ errorCode: 'invalid.value', fieldName: IDEMPOTENCY_HEADER }] },
      );
    }
    const org = c.get('org');
    const slot = `${c.get('principal').clientId}\u0000${key}`;
    const flightKey = `${org.orgId}\u0000${slot}`;
    const url = new URL(c.req.url);
    const fingerprint = `${c.req.method} ${c.req.path}${url.search}\n${canonicalBody(await c.req.text())}`;

    for (let pending = inFlight.get(flightKey); pending; pending = inFlight.get(flightKey)) await pending;
    const now = c.get('services').clock.now();
    const state = org.get(idempotencyKeysStore);
    const known = state.keys[slot];
    if (known && now - known.at < IDEMPOTENCY_TTL_MS) {
      if (known.fingerprint !== fingerprint) {
        // [INFERRED] status and code: Genesys answers conflicts with 409 and a `conflict`-family code.
        throw new ApiError(
          409,
          'idempotency.key.conflict',
          `${IDEMPOTENCY_HEADER} ${JSON.stringify(key)} was already used for another request; a key identifies one request, so use a fresh key for a new one`,
          {
            details: [{ errorCode: 'idempotency.key.conflict', fieldName: IDEMPOTENCY_HEADER }],
          },
        );
      }
      const res = new Response(known.body === '' ? null : known.body, { status: known.status, headers: known.headers });
      res.headers.set(REPLAYED_HEADER, 'true');
      return res;
    }

    let done!: () => void;
    inFlight.set(flightKey, new Promise<void>((resolve) => (done = resolve)));
    try {
      await next();
      if (c.res.status >= 200 && c.res.status < 300) {
        const headers: Record<string, string> = {};
        for (const h of REPLAYED_HEADERS) {
          const v = c.res.headers.get(h);
          if (v !== null) headers[h] = v;
        }
        const live = org.get(idempotencyKeysStore);
        prune(live, now, true);
        delete live.keys[slot];
        live.keys[slot] = { fingerprint, status: c.res.status, body: await c.res.clone().text(), headers, at: now };
        org.touch(idempotencyKeysStore);
      } else if (prune(org.get(idempotencyKeysStore), now, false)) org.touch(idempotencyKeysStore);
    } finally {
      inFlight.delete(flightKey);
      done();
    }
  };
}
