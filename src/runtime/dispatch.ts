/**
 * @module
 * One event's way through the runtime: read it, evaluate it against the trigger index, start (or
 * durably delay) one run per fired trigger with an idempotency key, log it with its decisions.
 * An event on a topic no trigger listens to is logged without evaluation (so the console shows
 * every event the source delivers). A malformed event is logged and reported too; nothing here
 * throws at the caller.
 */
import type { Clock, Ids, Logger } from '../core/index.ts';
import { isSwitchboardError } from '../core/index.ts';
import type { Store } from '../store/index.ts';
import { eventOrigin, workflowInputs } from '../triggers/index.ts';
import type { Trigger, TriggerIndex, TriggerTrace } from '../triggers/index.ts';
import type { EnqueueOptions, WorkflowDefinition } from '../workflows/index.ts';
import type { NewEvent, RunRecord } from '../store/index.ts';
import type { InvocationLimiter } from './invocation-limits.ts';
import type { SharedInvocationLimiter } from './shared-invocation-limits.ts';
import { readEvent } from './read-event.ts';
import type { DecisionView, EventView, IngestResult } from './types.ts';

/** A trigger and the workflow it starts. */
export interface Route {
  readonly trigger: Trigger;
  readonly workflow: WorkflowDefinition;
  readonly bundle: string | undefined;
}

/** Counters the dispatcher moves. */
export interface DispatchCounters {
  eventsReceived: number;
  eventsRejected: number;
  runsStarted: number;
  runsDelayed: number;
  droppedTtl: number;
  duplicates: number;
  /** Starts the invocation limits moved later (delayed) or dropped (TTL exceeded meanwhile). */
  rateLimited: number;
}

/** What the dispatcher needs. */
export interface DispatchDeps {
  readonly store: Store;
  readonly index: TriggerIndex;
  readonly routes: ReadonlyMap<string, Route>;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly logger: Logger;
  readonly counters: DispatchCounters;
  /**
   * Create (and, on a started worker with a free slot, start at once) the run of a fired trigger;
   * a repeated idempotency key returns the existing run.
   */
  readonly enqueue: (workflow: WorkflowDefinition, input: unknown, options: EnqueueOptions) => Promise<RunRecord>;
  readonly emit: (kind: 'event' | 'rejected', event: EventView) => void;
  /** Whether some trigger listens to a concrete topic; events on other topics are logged, not evaluated. */
  readonly listens: (topic: string) => boolean;
  /**
   * The org's workflow-invocation limits (platform.md §1.6); without it every start goes at once.
   * Counted in this process, or org-wide through the store when several processes share it.
   */
  readonly limiter?: InvocationLimiter | SharedInvocationLimiter;
}

/** The note of an event logged on a topic without triggers. */
const NO_TRIGGER_NOTE = 'no trigger listens to this topic';

/** What the event log keeps beside the body. */
interface LoggedTrace {
  readonly source: string;
  readonly template?: string;
  readonly error?: string;
  /** False when no trigger listens to the topic (the event was logged, not evaluated). */
  readonly listened?: false;
  readonly note?: string;
  readonly decisions: readonly DecisionView[];
}

/** The conversation a body names, for the event log's conversation index. */
function conversationOf(body: Record<string, unknown>): { conversationId?: string } {
  return typeof body.conversationId === 'string' && body.conversationId !== ''
    ? { conversationId: body.conversationId }
    : {};
}

/** The event log's JSON form of a value that might not be JSON (an in-process `ingest` of anything). */
function loggable(raw: unknown): unknown {
  try {
    const text = JSON.stringify(raw);
    if (text === undefined) return String(raw);
    return text.length > 64_000 ? `${text.slice(0, 64_000)}…` : (JSON.parse(text) as unknown);
  } catch {
    return String(raw);
  }
}

/** Map a logged record to its view. */
export function eventView(rec: {
  seq: number;
  id: string;
  topic: string;
  body: unknown;
  receivedAt: number;
  trace?: unknown;
}): EventView {
  const t = (rec.trace ?? { source: 'unknown', decisions: [] }) as LoggedTrace;
  return {
    seq: rec.seq,
    id: rec.id,
    topic: rec.topic,
    body: rec.body,
    receivedAt: rec.receivedAt,
    source: t.source,
    ...(t.error === undefined ? {} : { error: t.error }),
    listened: t.listened !== false && t.error === undefined,
    ...(t.note === undefined ? {} : { note: t.note }),
    decisions: t.decisions ?? [],
  };
}

/**
 * The decisions worth logging: every fired trigger, and the ones the TTL dropped (the lazy full
 * trace is read only when the index counted a drop).
 */
function decisionsOf(
  fired: readonly TriggerTrace[],
  all: () => readonly TriggerTrace[],
  dropped: boolean,
): DecisionView[] {
  const out: DecisionView[] = fired.map((t) => ({
    triggerId: t.triggerId,
    name: t.name,
    matches: t.matches,
    decision: t.decision,
  }));
  if (dropped) {
    for (const t of all())
      if (t.decision.action === 'drop-ttl')
        out.push({ triggerId: t.triggerId, name: t.name, matches: t.matches, decision: t.decision });
  }
  return out;
}

/**
 * Build the ingest function.
 * @example
 * const ingest = createDispatcher(deps);
 * await ingest(notification, 'websocket');
 */
export function createDispatcher(deps: DispatchDeps): (raw: unknown, source: string) => Promise<IngestResult> {
  const { store, index, routes, clock, ids, logger, counters } = deps;
  return async (raw, source) => {
    const receivedAt = clock.now();
    const read = readEvent(raw);
    if (!read.ok) {
      if (read.control) return { accepted: false, error: `${read.topic} is a channel message, not an event` };
      counters.eventsRejected++;
      logger.warn({ source, err: read.error }, 'event rejected');
      const trace: LoggedTrace = { source, error: read.error, decisions: [] };
      try {
        const rec = await store.appendEvent({
          id: ids.uuid(),
          topic: 'invalid',
          body: loggable(raw),
          receivedAt,
          trace,
        });
        const view = eventView(rec);
        deps.emit('rejected', view);
        return { accepted: false, error: read.error, event: view };
      } catch (e) {
        logger.error({ err: (e as Error).message }, 'logging a rejected event failed');
        return { accepted: false, error: read.error };
      }
    }
    counters.eventsReceived++;
    const { topic, body, id } = read.event;
    if (!deps.listens(topic))
      return log({
        id,
        topic,
        body,
        receivedAt,
        ...conversationOf(body),
        trace: { source, listened: false, note: NO_TRIGGER_NOTE, decisions: [] },
      });
    const evaluated = index.evaluate(topic, body, receivedAt, { receivedAt });
    const dropped = evaluated.droppedTtl;
    counters.droppedTtl += dropped;
    const decisions = decisionsOf(evaluated.fired, () => evaluated.triggers, dropped > 0);
    let unwritten: string | undefined;
    deps.limiter?.prune(receivedAt);
    for (let i = 0; i < decisions.length; i++) {
      const d = decisions[i]!;
      const route = routes.get(d.triggerId);
      if (!route || (d.decision.action !== 'start' && d.decision.action !== 'delay')) continue;
      let placed: Awaited<ReturnType<typeof limit>>;
      try {
        placed = await limit(d, route, body, receivedAt);
      } catch (e) {
        const message = isSwitchboardError(e) ? `${e.code}: ${e.message}` : (e as Error).message;
        logger.error(
          { eventId: id, triggerId: d.triggerId, err: message },
          'counting a start against the invocation limits failed',
        );
        decisions[i] = { ...d, error: message };
        unwritten ??= `a start could not be counted against the invocation limits (${message})`;
        continue;
      }
      decisions[i] = placed.view;
      if (placed.dropped) continue;
      const decision = placed.view.decision;
      const runId = ids.uuid();
      const release = (): void => void deps.limiter?.release(route.workflow.name, placed.at);
      try {
        const run = await deps.enqueue(route.workflow, workflowInputs(route.trigger, body), {
          runId,
          eventId: id,
          triggerId: d.triggerId,
          idempotencyKey: `${id}:${d.triggerId}`,
          ...(decision.action === 'delay' ? { delayMs: Math.max(0, decision.at - clock.now()) } : {}),
        });
        const duplicate = run.id !== runId;
        if (duplicate) {
          counters.duplicates++;
          release();
        } else if (decision.action === 'delay') counters.runsDelayed++;
        else counters.runsStarted++;
        decisions[i] = { ...placed.view, runId: run.id, ...(duplicate ? { duplicate } : {}) };
      } catch (e) {
        release();
        const message = isSwitchboardError(e) ? `${e.code}: ${e.message}` : (e as Error).message;
        logger.error({ eventId: id, triggerId: d.triggerId, err: message }, 'starting a run failed');
        decisions[i] = { ...placed.view, error: message };
        unwritten ??= `a run could not be written (${message})`;
      }
    }
    const trace: LoggedTrace = {
      source,
      ...(evaluated.template === undefined ? {} : { template: evaluated.template }),
      decisions,
    };
    const result = await log({ id, topic, body, receivedAt, ...conversationOf(body), trace });
    // A sender that retries (an EventBridge API destination) sends it again: its runs that were
    // written are found by their idempotency keys, the missing ones are written then.
    return unwritten === undefined || result.retry !== undefined ? result : { ...result, retry: unwritten };
  };

  /**
   * Hold a start to the invocation limits: past them it is delayed until a slot frees, or dropped
   * when the event would be older than the trigger's TTL by then (platform.md §8 step 7: "Queue
   * the excess and re-check the TTL at dispatch").
   */
  async function limit(
    d: DecisionView,
    route: Route,
    body: Record<string, unknown>,
    receivedAt: number,
  ): Promise<{ view: DecisionView; at: number; dropped: boolean }> {
    const wanted = d.decision.action === 'start' || d.decision.action === 'delay' ? d.decision.at : receivedAt;
    if (!deps.limiter) return { view: d, at: wanted, dropped: false };
    const placed = await deps.limiter.place(route.workflow.name, wanted);
    if (placed.limitedBy === undefined) return { view: d, at: placed.at, dropped: false };
    counters.rateLimited++;
    const { at, limitedBy } = placed;
    const ttlSeconds = route.trigger.eventTTLSeconds;
    const ageMs = at - eventOrigin(body, receivedAt);
    if (ttlSeconds !== undefined && ageMs > ttlSeconds * 1000) {
      void deps.limiter.release(route.workflow.name, at);
      counters.droppedTtl++;
      const rateLimit = {
        outcome: 'dropped',
        limit: limitedBy,
        at,
        note: `dropped: TTL exceeded while rate-limited (${limitedBy} limit)`,
      } as const;
      return {
        view: { ...d, decision: { action: 'drop-ttl', ageMs, ttlMs: ttlSeconds * 1000 }, rateLimit },
        at,
        dropped: true,
      };
    }
    const rateLimit = {
      outcome: 'delayed',
      limit: limitedBy,
      at,
      delayedMs: at - wanted,
      note: `delayed by rate limit (${limitedBy} limit) until ${new Date(at).toISOString()}`,
    } as const;
    return {
      view: { ...d, decision: { action: 'delay', at, delayMs: at - receivedAt }, rateLimit },
      at,
      dropped: false,
    };
  }

  async function log(event: NewEvent & { trace: LoggedTrace }): Promise<IngestResult> {
    try {
      const view = eventView(await store.appendEvent(event));
      deps.emit('event', view);
      return { accepted: true, event: view };
    } catch (e) {
      logger.error({ eventId: event.id, err: (e as Error).message }, 'logging an event failed');
      return { accepted: true, retry: `the event could not be written to the event log (${(e as Error).message})` };
    }
  }
}
