import { describe, expect, it } from 'vitest';
import { VirtualClock, isSwitchboardError } from '../core/index.ts';
import type { NotificationEvent } from '../core/index.ts';
import type { CallConversationLike } from './call-state.ts';
import { collectProgress, concernsConversation, followCall } from './progress.ts';
import type { CallProgress } from './progress.ts';

const ID = '2f7bf00a-0fc2-4d6a-9b56-92238191433e';

function conversation(farState: string, connected: boolean): CallConversationLike {
  return {
    id: ID,
    participants: [
      { purpose: 'user', state: farState === 'disconnected' ? 'disconnected' : 'connected' },
      { purpose: 'customer', state: farState, ...(connected ? { connectedTime: '2026-01-05T09:00:05Z' } : {}) },
    ],
  };
}

function event(topic: string, body: Record<string, unknown> = {}): NotificationEvent {
  return { topicName: topic, version: '2', eventBody: body, metadata: { CorrelationId: 'c' } };
}

/** A tiny event hub standing in for a notification channel. */
function hub(): {
  source: (id: string, l: (e: NotificationEvent) => void) => () => void;
  emit(e: NotificationEvent): void;
  listeners(): number;
} {
  const ls = new Set<(e: NotificationEvent) => void>();
  return {
    source: (_id, l) => {
      ls.add(l);
      return () => ls.delete(l);
    },
    emit: (e) => ls.forEach((l) => l(e)),
    listeners: () => ls.size,
  };
}

/** Run the clock until `work` settles (timers are set asynchronously, after each read). */
async function drive<T>(clock: VirtualClock, work: Promise<T>): Promise<T> {
  let settled = false;
  const watched = work.finally(() => {
    settled = true;
  });
  while (!settled) {
    await new Promise((r) => setImmediate(r));
    await clock.runAll();
  }
  return watched;
}

describe('concernsConversation', () => {
  it('matches by topic segment or body id, nothing else', () => {
    expect(concernsConversation(event(`v2.detail.events.conversation.${ID}.customer.start`), ID)).toBe(true);
    expect(concernsConversation(event('v2.users.u1.conversations.calls', { id: ID }), ID)).toBe(true);
    expect(concernsConversation(event('v2.users.u1.conversations.calls', { conversationId: ID }), ID)).toBe(true);
    expect(
      concernsConversation(
        event('v2.detail.events.conversation.other.customer.start', { conversationId: 'other' }),
        ID,
      ),
    ).toBe(false);
  });
});

describe('followCall', () => {
  it('polls on the clock without events and reports each state once, in order', async () => {
    const clock = new VirtualClock();
    const script = [
      conversation('dialing', false),
      conversation('dialing', false),
      conversation('connected', true),
      conversation('disconnected', true),
    ];
    let reads = 0;
    const read = async (): Promise<CallConversationLike> => script[Math.min(reads++, script.length - 1)]!;
    const seen: CallProgress[] = [];
    await drive(
      clock,
      (async () => {
        for await (const p of followCall({ conversationId: ID, read, clock, pollIntervalMs: 500 })) seen.push(p);
      })(),
    );
    expect(seen.map((p) => p.state)).toEqual(['dialing', 'connected', 'disconnected']);
    expect(seen.map((p) => p.at - seen[0]!.at)).toEqual([0, 1000, 1500]);
    expect(seen.every((p) => p.source === 'poll')).toBe(true);
    expect(reads).toBe(4);
  });

  it('stops at once when its signal aborts mid-nap: no read after the abort, the listener is gone, the reason is thrown', async () => {
    const clock = new VirtualClock();
    const h = hub();
    let reads = 0;
    const read = async (): Promise<CallConversationLike> => {
      reads++;
      return conversation('dialing', false);
    };
    const stop = new AbortController();
    const it = followCall({
      conversationId: ID,
      read,
      clock,
      events: h.source,
      pollIntervalMs: 60_000,
      signal: stop.signal,
    })[Symbol.asyncIterator]();
    expect((await it.next()).value).toMatchObject({ state: 'dialing' });
    const next = it.next();
    await new Promise((r) => setImmediate(r));
    stop.abort();
    const err = await next.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('AbortError');
    expect(reads).toBe(1);
    expect(h.listeners()).toBe(0);
    // The 60 s nap was cut short: nothing is left pending on the clock.
    await clock.runAll();
    expect(reads).toBe(1);
  });

  it('does not read at all with a signal already aborted, and throws its Error reason as is', async () => {
    let reads = 0;
    const reason = new Error('client gone');
    const read = async (): Promise<CallConversationLike> => {
      reads++;
      return conversation('dialing', false);
    };
    await expect(
      collectProgress(
        followCall({ conversationId: ID, read, clock: new VirtualClock(), signal: AbortSignal.abort(reason) }),
      ),
    ).rejects.toBe(reason);
    expect(reads).toBe(0);
  });

  it('wakes on an event for its conversation, ignores other conversations, and unsubscribes at the end', async () => {
    const clock = new VirtualClock();
    const h = hub();
    let current = conversation('dialing', false);
    let reads = 0;
    const read = async (): Promise<CallConversationLike> => {
      reads++;
      return current;
    };
    const it = followCall({ conversationId: ID, read, clock, events: h.source })[Symbol.asyncIterator]();
    expect((await it.next()).value).toMatchObject({ state: 'dialing', source: 'poll' });
    expect(h.listeners()).toBe(1);
    const next = it.next();
    h.emit(event('v2.detail.events.conversation.other.customer.start', { conversationId: 'other' }));
    current = conversation('connected', true);
    h.emit(event(`v2.detail.events.conversation.${ID}.user.start`, { conversationId: ID }));
    expect((await next).value).toMatchObject({ state: 'connected', source: 'event' });
    current = conversation('disconnected', true);
    h.emit(event(`v2.detail.events.conversation.${ID}.customer.end`, { conversationId: ID }));
    expect((await it.next()).value).toMatchObject({ state: 'disconnected', source: 'event' });
    expect((await it.next()).done).toBe(true);
    expect(reads).toBe(3);
    expect(h.listeners()).toBe(0);
  });

  it('fills in skipped states when a slow poll first sees a busy call ended', async () => {
    const clock = new VirtualClock();
    const read = async (): Promise<CallConversationLike> => ({
      participants: [
        { purpose: 'user', state: 'disconnected' },
        { purpose: 'customer', state: 'disconnected', errorInfo: { code: 'busy' } },
      ],
    });
    const steps = await collectProgress(followCall({ conversationId: ID, read, clock }));
    expect(steps.map((s) => s.state)).toEqual(['dialing', 'busy', 'disconnected']);
  });

  it('times out with SB_OUTBOUND_PROGRESS_TIMEOUT naming the last state', async () => {
    const clock = new VirtualClock();
    const read = async (): Promise<CallConversationLike> => conversation('dialing', false);
    const run = collectProgress(followCall({ conversationId: ID, read, clock, timeoutMs: 3000, pollIntervalMs: 1000 }));
    const e = await drive(
      clock,
      run.catch((e: unknown) => e),
    );
    expect(isSwitchboardError(e) && e.code).toBe('SB_OUTBOUND_PROGRESS_TIMEOUT');
    expect((e as Error).message).toContain(
      `waited 3 s for conversation ${ID} to be disconnected and it is still dialing`,
    );
  });

  it('tolerates a failed read but gives up after the limit in a row', async () => {
    const clock = new VirtualClock();
    let reads = 0;
    const flaky = async (): Promise<CallConversationLike> => {
      if (reads++ === 0) throw new Error('socket hang up');
      return conversation('disconnected', true);
    };
    const done = await drive(clock, collectProgress(followCall({ conversationId: ID, read: flaky, clock })));
    expect(done.map((s) => s.state)).toEqual(['dialing', 'connected', 'disconnected']);

    const broken = async (): Promise<CallConversationLike> => {
      throw new Error('503 Service Unavailable');
    };
    const e = await drive(
      clock,
      collectProgress(followCall({ conversationId: ID, read: broken, clock, maxReadFailures: 2 })).catch(
        (e: unknown) => e,
      ),
    );
    expect(isSwitchboardError(e) && e.code).toBe('SB_OUTBOUND_API');
    expect((e as Error).message).toContain('failed 2 times in a row: 503 Service Unavailable');
  });
});
