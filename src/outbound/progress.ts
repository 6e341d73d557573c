/**
 * @module
 * Following a placed call until it is over. Events (notification / detail events of the
 * conversation) wake the follower; each wake-up re-reads `GET /api/v2/conversations/calls/{id}`
 * and reports the state changes. Without an event source the injected clock paces a poll.
 */
import { SwitchboardError } from '../core/index.ts';
import type { Clock, NotificationEvent } from '../core/index.ts';
import { classifyCall, isFinal, transitions } from './call-state.ts';
import type { CallConversationLike, CallSnapshot, CallState, UnansweredOutcome } from './call-state.ts';
import { OutboundErrors } from './errors.ts';

/** One reported step of a call's progress. */
export interface CallProgress {
  readonly conversationId: string;
  readonly state: CallState;
  /** Clock time (epoch ms) at which the change was observed. */
  readonly at: number;
  /** What revealed it: an event wake-up or the poll. */
  readonly source: 'event' | 'poll';
  /** The far end's `disconnectType`, on `disconnected`. */
  readonly disconnectType?: string;
}

/**
 * A source of notification events for one conversation: calls `listener` for each event and
 * returns the unsubscribe function, or a promise of it that resolves once the subscription is
 * live (a Notifications channel subscribes over HTTP). A Notifications WebSocket subscription to
 * the conversation's topics, or the emulator's event bus, fits this shape.
 */
export type CallEventSource = (
  conversationId: string,
  listener: (event: NotificationEvent) => void,
) => (() => void) | Promise<() => void>;

/** What the follower needs. */
export interface FollowOptions {
  readonly conversationId: string;
  /** Read the call conversation (`GET /api/v2/conversations/calls/{id}`). */
  readonly read: (conversationId: string) => Promise<CallConversationLike>;
  readonly clock: Clock;
  readonly events?: CallEventSource | undefined;
  /** Poll interval without events, and with events until the call is answered (default 1 s). */
  readonly pollIntervalMs?: number | undefined;
  /** Safety poll interval of a connected call when events are attached, for a lost event (default 10 s). */
  readonly eventPollIntervalMs?: number | undefined;
  /** Give up when the call is not over after this long (default 1 h). */
  readonly timeoutMs?: number | undefined;
  /**
   * Why an unanswered call ended, when the call conversation does not say (it has no busy
   * disconnect type): e.g. from the analytics details' SIP causes. `undefined` keeps the guess.
   */
  readonly explain?: ((conversationId: string) => Promise<UnansweredOutcome | undefined>) | undefined;
  /** Consecutive failed reads tolerated before giving up (default 3). */
  readonly maxReadFailures?: number | undefined;
  /**
   * Stop following when aborted (e.g. the HTTP client waiting for the call went away): no read
   * is sent after the abort. Only the following stops; the call itself goes on.
   */
  readonly signal?: AbortSignal | undefined;
}

/** A wait limit as a person reads it: `60 s`, `1.5 s`, `250 ms`. */
function duration(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(3))} s` : `${ms} ms`;
}

/** The error a follow stopped by its signal rejects with: the signal's reason as an `Error`, else an `AbortError`. */
function abortedError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException(typeof reason === 'string' ? reason : 'following the call was aborted', 'AbortError');
}

/** Whether a notification event is about `conversationId` (its topic or body names it). */
export function concernsConversation(event: NotificationEvent, conversationId: string): boolean {
  if (event.topicName.split('.').includes(conversationId)) return true;
  const body = event.eventBody;
  return body['conversationId'] === conversationId || body['id'] === conversationId;
}

/**
 * Follow a call: yields each state change in order, ending with `disconnected`.
 * @throws SwitchboardError `SB_OUTBOUND_PROGRESS_TIMEOUT` past `timeoutMs`; `SB_OUTBOUND_API`
 *   when the conversation cannot be read `maxReadFailures` times in a row; the abort reason
 *   (an `Error`, by default an `AbortError` `DOMException`) once `signal` is aborted
 * @example
 * for await (const p of followCall({ conversationId, read, clock })) console.log(p.state);
 */
export async function* followCall(options: FollowOptions): AsyncGenerator<CallProgress, void, undefined> {
  const { conversationId, read, clock, signal } = options;
  if (signal?.aborted) throw abortedError(signal);
  const pollInterval = options.pollIntervalMs ?? 1_000;
  const eventPollInterval = options.eventPollIntervalMs ?? 10_000;
  const deadline = clock.now() + (options.timeoutMs ?? 3_600_000);
  const maxFailures = options.maxReadFailures ?? 3;

  let woken = false;
  let wake: (() => void) | undefined;
  const onEvent = (event: NotificationEvent): void => {
    if (!concernsConversation(event, conversationId)) return;
    woken = true;
    wake?.();
  };
  // Subscribe before the first read: a change that lands in between is then still seen.
  let unsubscribe: (() => void) | undefined;
  try {
    unsubscribe = await options.events?.(conversationId, onEvent);
  } catch {
    // No live event source: the poll still tells the whole story, only later.
  }
  // An abort cuts the current nap short; the loop then stops before its next read.
  const onAbort = (): void => wake?.();
  signal?.addEventListener('abort', onAbort, { once: true });
  let last: CallState | undefined;
  let failures = 0;
  let source: CallProgress['source'] = 'poll';
  try {
    for (;;) {
      if (signal?.aborted) throw abortedError(signal);
      let conversation: CallConversationLike | undefined;
      try {
        conversation = await read(conversationId);
        failures = 0;
      } catch (e) {
        if (++failures >= maxFailures) {
          throw new SwitchboardError(
            OutboundErrors.SB_OUTBOUND_API,
            `the call's progress must be readable; GET /api/v2/conversations/calls/${conversationId} failed ${failures} times in a row: ${e instanceof Error ? e.message : String(e)}`,
            { cause: e, details: { conversationId } },
          );
        }
      }
      if (conversation) {
        let snapshot: CallSnapshot = classifyCall(conversation);
        if (snapshot.phase === 'ended' && !snapshot.answered && options.explain) {
          const outcome = await options.explain(conversationId).catch(() => undefined);
          if (outcome !== undefined) snapshot = { ...snapshot, outcome };
        }
        for (const state of transitions(last, snapshot)) {
          last = state;
          yield {
            conversationId,
            state,
            at: clock.now(),
            source,
            ...(isFinal(state) && snapshot.disconnectType !== undefined
              ? { disconnectType: snapshot.disconnectType }
              : {}),
          };
        }
        if (last !== undefined && isFinal(last)) return;
      }
      const remaining = deadline - clock.now();
      if (remaining <= 0) {
        const limit = options.timeoutMs ?? 3_600_000;
        throw new SwitchboardError(
          OutboundErrors.SB_OUTBOUND_PROGRESS_TIMEOUT,
          `a followed call must end (reach disconnected) within the wait limit; waited ${duration(limit)} for conversation ${conversationId} to be disconnected and it is still ${last ?? 'unread (no answer to GET /api/v2/conversations/calls/{id})'}`,
          { details: { conversationId, state: last ?? null, waitedFor: 'disconnected', timeoutMs: limit } },
        );
      }
      if (!woken) {
        // `sleep`, not `setTimer`: a system clock's timers do not keep the process alive, and a
        // CLI waiting for its call must stay up until the call is over.
        const nap = new AbortController();
        wake = () => nap.abort();
        // No detail event announces an answer (there are start and end events only), so until
        // the call is connected it is polled even with events; after that, events say when it ends.
        const pollEvery = unsubscribe && last === 'connected' ? eventPollInterval : pollInterval;
        await clock.sleep(Math.min(pollEvery, remaining), nap.signal).catch(() => undefined);
        wake = undefined;
      }
      source = woken ? 'event' : 'poll';
      woken = false;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    wake?.();
    unsubscribe?.();
  }
}

/**
 * Drain a progress stream into the list of its steps (the last one is final).
 * @example
 * const steps = await collectProgress(followCall(options)); // steps.at(-1)?.state === 'disconnected'
 */
export async function collectProgress(progress: AsyncIterable<CallProgress>): Promise<CallProgress[]> {
  const out: CallProgress[] = [];
  for await (const p of progress) out.push(p);
  return out;
}
