/**
 * @module
 * Idempotency keys for call creation: the same key never places two calls. The store remembers
 * key → conversation id (with a fingerprint of the request, so a reused key for another call is
 * refused), and concurrent requests with one key share a single creation.
 */
import { SwitchboardError } from '../core/index.ts';
import type { Clock } from '../core/index.ts';
import { OutboundErrors } from './errors.ts';

/** What a key remembers. */
export interface IdempotencyEntry {
  readonly conversationId: string;
  /** The user the call was placed for. */
  readonly userId: string;
  /** Identifies the request the key was first used for. */
  readonly fingerprint: string;
  /** Clock time (epoch ms) of the creation. */
  readonly createdAt: number;
}

/** Where keys are remembered. Durable implementations (SQLite…) survive restarts. */
export interface IdempotencyStore {
  get(key: string): Promise<IdempotencyEntry | undefined>;
  put(key: string, entry: IdempotencyEntry): Promise<void>;
}

/** Options of {@link memoryIdempotencyStore}. */
export interface MemoryIdempotencyOptions {
  readonly clock: Clock;
  /** How long a key is remembered (default 24 h). */
  readonly ttlMs?: number;
  /** At most this many keys; the oldest go first (default 10 000). */
  readonly maxEntries?: number;
}

/**
 * An in-memory store with expiry on the injected clock.
 * @example
 * const idempotency = memoryIdempotencyStore({ clock: new SystemClock() });
 */
export function memoryIdempotencyStore(options: MemoryIdempotencyOptions): IdempotencyStore {
  const ttl = options.ttlMs ?? 86_400_000;
  const max = options.maxEntries ?? 10_000;
  const entries = new Map<string, IdempotencyEntry>();
  return {
    async get(key) {
      const e = entries.get(key);
      if (e && options.clock.now() - e.createdAt >= ttl) {
        entries.delete(key);
        return undefined;
      }
      return e;
    },
    async put(key, entry) {
      entries.delete(key);
      entries.set(key, entry);
      while (entries.size > max) entries.delete(entries.keys().next().value!);
    },
  };
}

const inFlight = new WeakMap<IdempotencyStore, Map<string, Promise<IdempotencyEntry>>>();

function conflict(key: string, known: IdempotencyEntry): SwitchboardError {
  return new SwitchboardError(
    OutboundErrors.SB_OUTBOUND_IDEMPOTENCY_CONFLICT,
    `an idempotency key must identify one call; key ${JSON.stringify(key)} already placed conversation ${known.conversationId} for another request`,
    { details: { idempotencyKey: key, conversationId: known.conversationId } },
  );
}

/**
 * Create once per key: a remembered key returns its conversation (`replayed: true`), a key in
 * flight waits for that creation, a new key runs `create` and remembers the result. A failed
 * creation is not remembered, so the caller may retry with the same key.
 * @throws SwitchboardError `SB_OUTBOUND_IDEMPOTENCY_CONFLICT` when the key was used for another request
 * @example
 * const { entry, replayed } = await createOnce(store, key, fingerprint, async () => ({ conversationId, userId, fingerprint, createdAt }));
 */
export async function createOnce(
  store: IdempotencyStore,
  key: string,
  fingerprint: string,
  create: () => Promise<IdempotencyEntry>,
): Promise<{ entry: IdempotencyEntry; replayed: boolean }> {
  let flights = inFlight.get(store);
  if (!flights) inFlight.set(store, (flights = new Map()));
  for (let pending = flights.get(key); pending; pending = flights.get(key)) {
    const entry = await pending.catch(() => undefined);
    if (entry) {
      if (entry.fingerprint !== fingerprint) throw conflict(key, entry);
      return { entry, replayed: true };
    }
    // That creation failed and placed nothing: this request may try (unless another already does).
    if (flights.get(key) === pending) flights.delete(key);
  }
  let replayed = false;
  // Registered before the first await, so a concurrent request with this key joins this flight.
  const flight = (async () => {
    const known = await store.get(key);
    if (known) {
      replayed = true;
      return known;
    }
    const entry = await create();
    await store.put(key, entry);
    return entry;
  })();
  flights.set(key, flight);
  try {
    const entry = await flight;
    if (entry.fingerprint !== fingerprint) throw conflict(key, entry);
    return { entry, replayed };
  } finally {
    if (flights.get(key) === flight) flights.delete(key);
  }
}
