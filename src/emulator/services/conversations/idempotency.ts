/**
 * @module
 * `Idempotency-Key` on conversation creates (calls and callbacks): the same key from the same
 * OAuth client within 24 hours (the injected clock) answers the first successful create again —
 * same status, same body, nothing new created — and the same key with another request (method,
 * path or body) answers 409. Failed creates are not remembered, so a refused request can be
 * retried with its key once the cause is fixed.
 *
 * Whether Genesys Cloud honours the header is [UNKNOWN] (platform.md is silent); the emulator does,
 * as the outbound issue requires. A real org may ignore it, which is why the outbound context
 * reconciles before retrying a create whose answer was lost.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../../errors.ts';
import { declareStore } from '../../kernel.ts';
import type { EmulatorEnv } from '../../kernel.ts';

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** The request header. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Set on a replayed answer (an emulator addition, in the style of other APIs' `Idempotent-Replayed`). */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** A remembered create. */
interface KeyEntry {
  fingerprint: string;
  status: number;
  body: unknown;
  /** Clock time of the create (epoch ms). */
  at: number;
}

/** Remembered keys of one org, by `clientId + key`, oldest first. */
interface IdempotencyState {
  keys: Record<string, KeyEntry>;
}

/** The per-org store of remembered keys (persisted, reset and snapshotted with the org). */
export const conversationKeysStore = declareStore<IdempotencyState>('conversation-idempotency', () => ({ keys: {} }));

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function parsed(text: string): unknown {
  try {
    return text.trim() === '' ? null : JSON.parse(text);
  } catch {
    return text;
  }
}

/** Creates in progress per store key, so a concurrent duplicate waits instead of creating twice. */
const inFlight = new Map<string, Promise<void>>();

/**
 * Route middleware honouring `Idempotency-Key` on a create (place it after the permission check).
 * @example
 * app.post('/api/v2/conversations/callbacks', requireAllPermissions('conversation:callback:create'), honourIdempotencyKey, handler);
 */
export const honourIdempotencyKey: MiddlewareHandler<EmulatorEnv> = async (c, next) => {
  const key = c.req.header(IDEMPOTENCY_HEADER)?.trim();
  if (key === undefined || key === '') return next();
  if (key.length > 255) {
    throw new ApiError(400, 'invalid.value', `${IDEMPOTENCY_HEADER} must be at most 255 characters; got ${key.length}`, { details: [{ errorCode: 'invalid.value', fieldName: IDEMPOTENCY_HEADER }] });
  }
  const org = c.get('org');
  const { clientId } = c.get('principal');
  const slot = `${clientId}\u0000${key}`;
  const flightKey = `${org.orgId}\u0000${slot}`;
  const fingerprint = `${c.req.method} ${c.req.path}\n${canonical(parsed(await c.req.text()))}`;
  const now = c.get('services').clock.now();

  for (let pending = inFlight.get(flightKey); pending; pending = inFlight.get(flightKey)) await pending;
  const state = org.get(conversationKeysStore);
  if (prune(state, now)) org.touch(conversationKeysStore);
  const known = state.keys[slot];
  if (known) {
    if (known.fingerprint !== fingerprint) {
      // [INFERRED] code: Genesys answers conflicts with 409 and a `conflict`-family code.
      throw new ApiError(409, 'idempotency.key.conflict', `${IDEMPOTENCY_HEADER} ${JSON.stringify(key)} was already used for another request; a key identifies one create, so use a fresh key for a new one`, {
        details: [{ errorCode: 'idempotency.key.conflict', fieldName: IDEMPOTENCY_HEADER }],
      });
    }
    const res = c.json(known.body as object, known.status as 200);
    res.headers.set(REPLAYED_HEADER, 'true');
    return res;
  }

  let done!: () => void;
  const flight = new Promise<void>((resolve) => (done = resolve));
  inFlight.set(flightKey, flight);
  try {
    await next();
    if (c.res.status >= 200 && c.res.status < 300) {
      org.get(conversationKeysStore).keys[slot] = { fingerprint, status: c.res.status, body: parsed(await c.res.clone().text()), at: now };
      org.touch(conversationKeysStore);
    }
  } finally {
    inFlight.delete(flightKey);
    done();
  }
};

/** Forget keys older than the TTL; entries are in creation order, so stop at the first live one. */
function prune(state: IdempotencyState, now: number): boolean {
  let pruned = false;
  for (const [slot, entry] of Object.entries(state.keys)) {
    if (now - entry.at < IDEMPOTENCY_TTL_MS) break;
    delete state.keys[slot];
    pruned = true;
  }
  return pruned;
}
