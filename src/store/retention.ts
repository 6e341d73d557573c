/**
 * @module
 * The event log's retention, shared by the store implementations: keep the newest `maxEvents`
 * events, deleting the oldest in small batches as new ones arrive, so a long-running runtime's
 * log stays bounded without a per-event delete.
 */
import { SwitchboardError } from '../core/index.ts';
import { StoreErrors } from './errors.ts';

/** Options of the event log's retention. */
export interface EventRetention {
  /**
   * How many events the log keeps at most (the newest win); `Infinity` keeps every event. The
   * log may hold up to 1 to 100 more (a thousandth of `maxEvents`) between two deletions.
   */
  readonly maxEvents?: number;
}

/** Default retention of the SQLite store: a million events (about 1 GB of typical detail events). */
export const DEFAULT_MAX_EVENTS_SQLITE = 1_000_000;
/** Default retention of the in-memory store. */
export const DEFAULT_MAX_EVENTS_MEMORY = 100_000;

/** Check a `maxEvents` option: a positive integer, or `Infinity`. */
export function checkMaxEvents(maxEvents: number): number {
  if (maxEvents !== Infinity && (!Number.isInteger(maxEvents) || maxEvents < 1)) {
    throw new SwitchboardError(
      StoreErrors.SB_STORE_INVALID_ARGUMENT,
      `the event log must keep at least one event; got maxEvents=${maxEvents}`,
      { details: { option: 'maxEvents' } },
    );
  }
  return maxEvents;
}

/** How many events past `maxEvents` accumulate before one deletion removes them (1 to 100). */
function pruneBatch(maxEvents: number): number {
  return Math.min(100, Math.max(1, Math.floor(maxEvents / 1000)));
}

/**
 * The prune decision for an appended event (pure): the highest `seq` to delete, or `undefined`
 * when nothing is due yet.
 * @param seq the appended event's sequence number.
 * @param prunedThrough the highest `seq` a previous deletion covered (0 at first).
 */
export function pruneThrough(seq: number, maxEvents: number, prunedThrough: number): number | undefined {
  if (maxEvents === Infinity) return undefined;
  const cut = seq - maxEvents;
  return cut - prunedThrough >= pruneBatch(maxEvents) ? cut : undefined;
}
