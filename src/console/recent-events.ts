/**
 * @module
 * The newest events first, for the console's event stream view: the runtime's event log read
 * newest first, page by page, keeping the events that pass the console's filters (text in the
 * topic, a conversation id or its beginning).
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

/** Events read per page of the log when a filter is applied here. */
const PAGE = 500;
/** Events read at most for one answer, so a rare filter on a very busy log stays cheap. */
const MAX_SCANNED = 20_000;
const FULL_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Whether an event passes the filters (pure). */
function eventPasses(e: EventView, q: RecentQuery): boolean {
  if (q.topic && !e.topic.includes(q.topic)) return false;
  if (q.conversationId) {
    const id = (e.body as { conversationId?: unknown } | null)?.conversationId;
    if (typeof id !== 'string' || !id.startsWith(q.conversationId)) return false;
  }
  return true;
}

/**
 * The newest `limit` events passing the filters, newest first. A whole conversation id reads
 * the log's conversation index; a topic text or an id's beginning is matched page by page, over
 * the newest 20,000 events at most.
 * @example
 * await recentEvents(runtime, { limit: 200, conversationId: 'c0ffee' })
 */
export async function recentEvents(runtime: Runtime, q: RecentQuery): Promise<EventView[]> {
  const indexed =
    q.conversationId !== undefined && FULL_ID.test(q.conversationId) ? { conversationId: q.conversationId } : {};
  const filtered = Boolean(q.topic) || (q.conversationId !== undefined && indexed.conversationId === undefined);
  const size = filtered ? PAGE : q.limit;
  const found: EventView[] = [];
  let beforeSeq: number | undefined;
  for (let scanned = 0; found.length < q.limit && scanned < MAX_SCANNED;) {
    const page = await runtime.events({
      order: 'desc',
      limit: size,
      ...indexed,
      ...(beforeSeq === undefined ? {} : { beforeSeq }),
    });
    for (const e of page) if (found.length < q.limit && eventPasses(e, q)) found.push(e);
    scanned += page.length;
    if (page.length < size) break;
    beforeSeq = page[page.length - 1]!.seq;
  }
  return found;
}
