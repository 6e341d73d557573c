/**
 * @module
 * Durable delayed starts (`delayBySeconds`): the port the runtime backs with the store's timers,
 * and an in-memory implementation for tests. The match is decided when the event arrives; the
 * workflow starts `delayBySeconds` later with the event as it was then (platform.md §1.2).
 */
import type { Ids } from '../core/index.ts';

/** A workflow start waiting for its time. */
export interface DelayedStart {
  readonly id: string;
  readonly triggerId: string;
  /** The concrete topic the event came on. */
  readonly topic: string;
  readonly eventBody: unknown;
  /** When to start (epoch ms). */
  readonly at: number;
}

/**
 * Where delayed starts wait; `due` returns starts whose time has come until they are acked. With
 * the durable store, the runtime needs no queue of its own: a delayed start is a pending run whose
 * `readyAt` is the decision's `at`, claimable only from then on, and it survives a restart.
 * This port serves hosts without the store (tests, embedded use).
 */
export interface DelayedStartQueue {
  /** Persist a start; resolves once it is durable. */
  schedule(start: Omit<DelayedStart, 'id'>): Promise<DelayedStart>;
  /** Starts due at `now` (at <= now), oldest first, not yet acknowledged. */
  due(now: number, limit?: number): Promise<DelayedStart[]>;
  /** Forget a start once its workflow was launched. */
  ack(id: string): Promise<void>;
  /** When the next start is due, if any (to arm a single timer). */
  nextDue(): Promise<number | undefined>;
}

/**
 * A {@link DelayedStartQueue} in memory (tests, demos). Not durable.
 * @example
 * const q = new InMemoryDelayedStartQueue(seededIds(1));
 * await q.schedule({ triggerId: 't1', topic, eventBody, at: now + 60_000 });
 * await q.due(now + 60_000) // [the start]
 */
export class InMemoryDelayedStartQueue implements DelayedStartQueue {
  readonly #ids: Ids;
  readonly #starts = new Map<string, DelayedStart>();

  constructor(ids: Ids) {
    this.#ids = ids;
  }

  async schedule(start: Omit<DelayedStart, 'id'>): Promise<DelayedStart> {
    const entry: DelayedStart = { ...start, id: this.#ids.uuid(), eventBody: structuredClone(start.eventBody) };
    this.#starts.set(entry.id, entry);
    return entry;
  }

  async due(now: number, limit = Infinity): Promise<DelayedStart[]> {
    return [...this.#starts.values()].filter((s) => s.at <= now).sort((a, b) => a.at - b.at).slice(0, limit);
  }

  async ack(id: string): Promise<void> {
    this.#starts.delete(id);
  }

  async nextDue(): Promise<number | undefined> {
    let min: number | undefined;
    for (const s of this.#starts.values()) if (min === undefined || s.at < min) min = s.at;
    return min;
  }
}
