// The events view's batching, windowing, pause counter and decision filter, and the fixed
// wording and targets of the other views (pure logic).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBatcher } from './batch.ts';
import { applyUpdates } from './live.tsx';
import type { Live } from './live.tsx';
import { LOCAL_CLOCK } from './server-clock.ts';
import type { EventView, SimConversation, SimParticipant } from './types.ts';
import { windowOf } from './virtual-list.tsx';
import { decisionMatches, newSince } from './views/events.tsx';
import { outcomeTitle } from './views/outbound.tsx';
import { ringingParty } from './views/simulator.tsx';

const event = (seq: number, decisions: EventView['decisions'] = []): EventView => ({
  seq,
  id: `e${seq}`,
  topic: `v2.detail.events.conversation.c${seq}.user.start`,
  body: { conversationId: `c${seq}` },
  receivedAt: seq,
  source: 'bus',
  listened: true,
  decisions,
});
const live: Live = { state: 'live', events: [], runsVersion: 0, eventsVersion: 0, clock: LOCAL_CLOCK };

afterEach(() => vi.useRealTimers());

describe('batched live updates', () => {
  it('applies a batch in one step: newest first, duplicates merged, one version bump', () => {
    const next = applyUpdates(live, [
      { type: 'event', at: 0, event: event(2) },
      { type: 'event', at: 0, event: event(1) },
      { type: 'event', at: 0, event: event(3) },
      { type: 'event', at: 0, event: event(2) },
    ]);
    expect(next.events.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(next.eventsVersion).toBe(1);
    expect(next.runsVersion).toBe(0);
  });

  it('keeps at most 500 events', () => {
    const many = Array.from({ length: 700 }, (_, i) => ({ type: 'event' as const, at: 0, event: event(i) }));
    const next = applyUpdates(live, many);
    expect(next.events).toHaveLength(500);
    expect(next.events[0]!.seq).toBe(699);
  });

  it('flushes everything pushed before the next frame at once, in order', () => {
    vi.useFakeTimers();
    const flushed: number[][] = [];
    const b = createBatcher<number>((xs) => flushed.push(xs));
    for (let i = 0; i < 50; i += 1) b.push(i);
    expect(flushed).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(flushed).toEqual([Array.from({ length: 50 }, (_, i) => i)]);
    b.push(99);
    b.cancel();
    vi.advanceTimersByTime(200);
    expect(flushed).toHaveLength(1);
  });
});

describe('events view', () => {
  it('windows the rows around the scroll position', () => {
    expect(windowOf(0, 340, 34, 2000)).toEqual({ start: 0, end: 18 });
    expect(windowOf(34 * 1000, 340, 34, 2000)).toEqual({ start: 992, end: 1018 });
    expect(windowOf(34 * 1995, 340, 34, 2000)).toEqual({ start: 1987, end: 2000 });
    expect(windowOf(0, 340, 34, 0)).toEqual({ start: 0, end: 0 });
  });

  it('counts the events that arrived while paused', () => {
    const frozen = [event(5), event(4)];
    expect(newSince([event(8), event(7), event(6), event(5), event(4)], frozen)).toBe(3);
    expect(newSince(frozen, frozen)).toBe(0);
    expect(newSince([event(1)], [])).toBe(1);
  });

  it('filters by decision: run started, matched, no match', () => {
    const started = event(1, [
      {
        triggerId: 't',
        name: 'T',
        matches: true,
        decision: { action: 'start' },
        runId: 'r1',
      } as EventView['decisions'][number],
    ]);
    const skipped = event(2, [
      {
        triggerId: 't',
        name: 'T',
        matches: true,
        decision: { action: 'skip', reason: 'rate limited' },
      } as unknown as EventView['decisions'][number],
    ]);
    const none = event(3, [
      {
        triggerId: 't',
        name: 'T',
        matches: false,
        decision: { action: 'skip' },
      } as unknown as EventView['decisions'][number],
    ]);
    expect([started, skipped, none].filter((e) => decisionMatches(e, 'started')).map((e) => e.seq)).toEqual([1]);
    expect([started, skipped, none].filter((e) => decisionMatches(e, 'matched')).map((e) => e.seq)).toEqual([1, 2]);
    expect([started, skipped, none].filter((e) => decisionMatches(e, 'none')).map((e) => e.seq)).toEqual([3]);
    expect([started, skipped, none].filter((e) => decisionMatches(e, ''))).toHaveLength(3);
  });
});

describe('outbound result title', () => {
  const steps = (...states: string[]): unknown => ({ conversationId: 'c', steps: states.map((state) => ({ state })) });
  it('does not call a failed, busy or unanswered call "Placed"', () => {
    expect(outcomeTitle(steps('dialing', 'failed', 'disconnected'))).toBe('Call failed');
    expect(outcomeTitle(steps('dialing', 'busy', 'disconnected'))).toBe('Busy: not answered');
    expect(outcomeTitle(steps('dialing', 'no-answer', 'disconnected'))).toBe('No answer');
    expect(outcomeTitle(steps('dialing', 'connected', 'disconnected'))).toBe('Answered, then ended');
    expect(outcomeTitle({ conversationId: 'c' })).toBe('Placed');
  });
});

describe('simulator Answer button', () => {
  const party = (purpose: string, state: string, id = purpose): SimParticipant => ({
    id,
    purpose,
    direction: 'inbound',
    state,
    held: false,
    startTime: 0,
  });
  const conv = (...participants: SimParticipant[]): SimConversation =>
    ({
      id: 'c',
      media: 'call',
      originatingDirection: 'inbound',
      startTime: 0,
      participants,
    }) as unknown as SimConversation;
  it('answers for the alerting agent of an ACD call, not the customer or the queue', () => {
    expect(
      ringingParty(conv(party('customer', 'connected'), party('acd', 'connected'), party('agent', 'alerting', 'a1')))
        ?.id,
    ).toBe('a1');
  });
  it('shows no Answer when only the caller is dialing or contacting', () => {
    expect(ringingParty(conv(party('user', 'contacting'), party('acd', 'connected')))).toBeUndefined();
    expect(ringingParty(conv(party('agent', 'dialing'), party('external', 'dialing', 'x')))?.id).toBe('x');
  });
});
