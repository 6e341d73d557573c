/**
 * @module
 * The durable waits: `step.sleep` (a persisted timer) and `step.waitForEvent` (a persisted
 * timeout timer, and the runtime's event log read for a matching event received since the wait
 * began). Neither holds memory while waiting: the run is suspended and re-executed when due.
 */
import { SwitchboardError, deepEqual, isPlainObject } from '../core/index.ts';
import type { EventLog, EventRecord, StepRecord, TimerRecord } from '../store/index.ts';
import { parseDuration } from './duration.ts';
import type { Duration } from './duration.ts';
import { decideSleep } from './replay-state.ts';
import { WorkflowErrors } from './errors.ts';
import { HALTED, defineStepTool } from './step-tool.ts';
import type { Halted, ToolContext } from './step-tool.ts';
import type { WaitForEventOptions, WaitedEvent } from './types.ts';

/**
 * A run waiting for an event is re-executed at least this often (virtual or real time) to read
 * the event log again, in case the wake-up the runtime sends on arrival was lost (a restart).
 */
const EVENT_RECHECK_MS = 60_000;
/** Events read per page, and pages per check, of the event log. */
const PAGE = 500;
const MAX_PAGES = 20;

/** Persist the step's timer (idempotent: the first due time wins), or halt on a store failure. */
async function timerOf(ctx: ToolContext, durationMs: number): Promise<TimerRecord | Halted> {
  const known = ctx.replay.timer(ctx.slot.stepId);
  if (known) return known;
  const { clock, store } = ctx.deps;
  // Counted from the run's deterministic time, so re-executing after a crash does not lengthen it.
  const dueAt = Math.min(ctx.replay.now(), clock.now()) + durationMs;
  try {
    const timer = await store.scheduleTimer({ runId: ctx.run.id, stepId: ctx.slot.stepId, dueAt });
    ctx.replay.addTimer(timer);
    return timer;
  } catch (e) {
    return ctx.storeFailed(e);
  }
}

async function sleep(ctx: ToolContext, a: string | Duration, b?: Duration): Promise<undefined | Halted> {
  const ms = parseDuration(b === undefined ? a : b);
  const name = b === undefined ? 'sleep' : (a as string);
  const { store, clock } = ctx.deps;
  let decision = decideSleep(ctx.replay.timer(ctx.slot.stepId), clock.now(), ms, ctx.replay.now());
  if (decision.type === 'schedule') {
    const timer = await timerOf(ctx, ms);
    if (timer === HALTED) return HALTED;
    decision = decideSleep(timer, clock.now(), ms);
  }
  if (decision.type !== 'pass') return ctx.suspend(decision.dueAt);
  const record = {
    ...ctx.record('sleep', name, decision.dueAt - ms, { input: { ms }, output: { dueAt: decision.dueAt } }),
  };
  if (!(await ctx.journal(record))) return HALTED;
  await store.fireTimer(ctx.run.id, ctx.slot.stepId, record.completedAt).catch(() => undefined);
  return undefined;
}

/** `step.sleep(duration)` or `step.sleep(name, duration)`. */
export const sleepTool = defineStepTool<[a: string | Duration, b?: Duration], undefined>({
  kind: 'sleep',
  slot(a: string | Duration, b?: Duration) {
    // A duration that cannot be read throws at the call, before the step takes a place in the journal.
    parseDuration(b === undefined ? a : b);
    const name = b === undefined ? 'sleep' : (a as string);
    return { id: name, name };
  },
  replayed: () => undefined,
  execute: sleep,
});

function waitInvalid(id: string, message: string, field: string): SwitchboardError {
  return new SwitchboardError(WorkflowErrors.SB_WORKFLOW_WAIT_INVALID, `step.waitForEvent("${id}"): ${message}`, {
    details: { field },
  });
}

/** The value at a dotted path of an event body (`conversationId`, `participants.0.purpose`). */
function valueAt(body: unknown, path: string): unknown {
  let v: unknown = body;
  for (const key of path.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * Whether a concrete topic is the awaited one: equal, or equal but for the `{id}` segments of a
 * template, each standing for any one segment (pure).
 * @example
 * topicMatches('v2.users.{id}.presence', 'v2.users.u-1.presence'); // true
 */
export function topicMatches(awaited: string, topic: string): boolean {
  if (awaited === topic) return true;
  if (!awaited.includes('{')) return false;
  const want = awaited.split('.');
  const got = topic.split('.');
  return want.length === got.length && want.every((w, i) => (/^\{[^}]*\}$/.test(w) ? got[i] !== '' : w === got[i]));
}

/** Whether a logged event is on the awaited topic (concrete, or any topic of a template) and matches. */
function eventMatches(
  event: Pick<EventRecord, 'topic' | 'body'>,
  options: Pick<WaitForEventOptions, 'topic' | 'match'>,
): boolean {
  if (!topicMatches(options.topic, event.topic)) return false;
  const { match } = options;
  if (match === undefined) return true;
  if (typeof match === 'function') return match(event.body) === true;
  return Object.entries(match).every(([path, expected]) => deepEqual(valueAt(event.body, path), expected));
}

/** The first logged event received in [from, to] on the topic that matches. */
async function findEvent(
  store: EventLog,
  options: WaitForEventOptions,
  from: number,
  to: number,
): Promise<EventRecord | undefined> {
  const exact = options.topic.includes('{') ? {} : { topic: options.topic };
  let afterSeq: number | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const events = await store.listEvents({
      ...exact,
      receivedFrom: from,
      receivedTo: to + 1,
      limit: PAGE,
      ...(afterSeq === undefined ? {} : { afterSeq }),
    });
    const hit = events.find((e) => eventMatches(e, options));
    if (hit) return hit;
    if (events.length < PAGE) return undefined;
    afterSeq = events.at(-1)!.seq;
  }
  return undefined;
}

async function waitForEvent(
  ctx: ToolContext,
  _id: string,
  options: WaitForEventOptions,
): Promise<WaitedEvent | null | Halted> {
  const ms = parseDuration(options.timeout);
  const { store, clock } = ctx.deps;
  const timer = await timerOf(ctx, ms);
  if (timer === HALTED) return HALTED;
  // The timer says when the wait began (its due time less the timeout), across every execution.
  const since = timer.dueAt - ms;
  let event: EventRecord | undefined;
  try {
    event = await findEvent(store, options, since, timer.dueAt);
  } catch (e) {
    return ctx.storeFailed(e);
  }
  const now = clock.now();
  if (!event && now < timer.dueAt) {
    ctx.deps.onEventWait?.(ctx.run.id, options.topic);
    return ctx.suspend(Math.min(timer.dueAt, now + EVENT_RECHECK_MS));
  }
  const output: WaitedEvent | null = event
    ? { id: event.id, topic: event.topic, body: event.body, receivedAt: event.receivedAt }
    : null;
  const rest: Partial<StepRecord> = {
    input: { topic: options.topic, timeoutMs: ms, ...(isPlainObject(options.match) ? { match: options.match } : {}) },
    output,
    path: event ? 'event' : 'timed-out',
  };
  const record = ctx.record('event', options.topic, since, rest);
  if (!(await ctx.journal(record))) return HALTED;
  await store.fireTimer(ctx.run.id, ctx.slot.stepId, record.completedAt).catch(() => undefined);
  return output;
}

/** `step.waitForEvent(id, { topic, match?, timeout })`. */
export const waitForEventTool = defineStepTool({
  kind: 'event',
  slot(id: string, options: WaitForEventOptions) {
    if (typeof id !== 'string' || id === '')
      throw waitInvalid(String(id), 'the step id must be a non-empty string', 'id');
    if (!isPlainObject(options)) throw waitInvalid(id, 'the options must be { topic, match?, timeout }', 'options');
    if (typeof options.topic !== 'string' || options.topic === '' || options.topic.length > 512)
      throw waitInvalid(id, 'topic must be a topic name of 1-512 characters', 'topic');
    const m = options.match;
    if (m !== undefined && typeof m !== 'function' && !isPlainObject(m))
      throw waitInvalid(id, 'match must be an object of dotted paths and values, or a function', 'match');
    if (options.timeout === undefined)
      throw waitInvalid(id, 'timeout is required (a wait ends, as Architect waits do)', 'timeout');
    parseDuration(options.timeout);
    return { id, name: options.topic };
  },
  execute: waitForEvent,
});
