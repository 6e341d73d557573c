/**
 * @module
 * The newest events first, for the console's event stream view. The runtime's event log reads
 * in append order, so this looks back through widening windows until it has enough.
 */
import type { EventView, Runtime } from '../runtime/index.ts';

/** Filters of {@link recentEvents}. */
export interface RecentQuery {
  /** How many events at most (newest first). */
  readonly limit: number;
  /** Only events whose body names this conversation (prefix match). */
  readonly conversationId?: string | undefined;
  /** Only events whose topic contains this text. */
  readonly topic?: string | undefined;
}

/** Windows looked back through, smallest first; `undefined` = the whole log. */
const WINDOWS_MS: readonly (number | undefined)[] = [5 * 60_000, 3_600_000, 86_400_000, undefined];
const PAGE = 1000;
/** Pages read per window at most, so one request stays cheap on a very busy log. */
const MAX_PAGES = 20;

/** Whether an event passes the filters (pure). */
export function eventPasses(e: EventView, q: RecentQuery): boolean {
  if (q.topic && !e.topic.includes(q.topic)) return false;
  if (q.conversationId) {
    const id = (e.body as { conversationId?: unknown } | null)?.conversationId;
    if (typeof id !== 'string' || !id.startsWith(q.conversationId)) return false;
  }
  return true;
}

/**
 * The newest `limit` events passing the filters, newest first.
 * @example
 * await recentEvents(runtime, { limit: 200, conversationId: 'c0ffee' })
 */
export async function recentEvents(runtime: Runtime, q: RecentQuery): Promise<EventView[]> {
  const now = runtime.clock.now();
  let found: EventView[] = [];
  for (const windowMs of WINDOWS_MS) {
    found = [];
    let afterSeq: number | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const batch = await runtime.events({ ...(windowMs === undefined ? {} : { receivedFrom: now - windowMs }), ...(afterSeq === undefined ? {} : { afterSeq }), limit: PAGE });
      for (const e of batch) if (eventPasses(e, q)) found.push(e);
      if (found.length > q.limit) found = found.slice(-q.limit);
      if (batch.length < PAGE) break;
      afterSeq = batch[batch.length - 1]!.seq;
    }
    if (found.length >= q.limit) break;
  }
  return found.reverse();
}
