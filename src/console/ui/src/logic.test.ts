// The console UI's pure logic: the runtime-clock estimate (virtual time), merging live events,
// the run timeline (flow path merged with journaled steps), filters, routes and wording.
import { describe, expect, it } from 'vitest';
import { duration, topicTemplate } from './format.ts';
import { applyUpdate, mergeEvent } from './live.tsx';
import type { Live } from './live.tsx';
import { parseHash } from './route.ts';
import { LOCAL_CLOCK, isVirtual, sampleClock, serverNow } from './server-clock.ts';
import type { EventView, RunSummary, StepView } from './types.ts';
import { decisionLabel, eventMatches, unheard } from './views/events.tsx';
import { stepTitle, timeline } from './views/run-detail.tsx';
import { decisionText } from './views/trace.tsx';

const event = (
  seq: number,
  conversationId = `c${seq}`,
  topic = `v2.detail.events.conversation.${conversationId}.user.start`,
): EventView => ({
  seq,
  id: `e${seq}`,
  topic,
  body: { conversationId },
  receivedAt: 1000 + seq,
  source: 'bus',
  listened: true,
  decisions: [],
});

const step = (seq: number, stepId: string, name: string): StepView => ({
  stepId,
  seq,
  kind: 'action',
  name,
  status: 'ok',
  startedAt: 0,
  completedAt: 5,
  durationMs: 5,
  path: 'success',
});

describe('runtime clock estimate', () => {
  it('follows the browser clock until the runtime has been read', () => {
    expect(serverNow(LOCAL_CLOCK, 1234)).toBe(1234);
    expect(isVirtual(LOCAL_CLOCK, 1234)).toBe(false);
  });

  it('measures a virtual clock running 60 times real time from two readings', () => {
    const first = sampleClock(LOCAL_CLOCK, 5_000_000, 1000);
    const second = sampleClock(first, 5_000_000 + 60 * 5000, 6000);
    expect(first.measured).toBe(false);
    expect(second.rate).toBe(60);
    expect(second.measured).toBe(true);
    expect(serverNow(second, 7000)).toBe(5_000_000 + 60 * 6000);
    expect(isVirtual(second, 7000)).toBe(true);
  });

  it('treats a runtime on real time as not virtual, and ignores readings too close together', () => {
    const a = sampleClock(LOCAL_CLOCK, 10_000, 10_000);
    const b = sampleClock(a, 15_000, 15_000);
    expect(b.rate).toBe(1);
    expect(isVirtual(b, 16_000)).toBe(false);
    expect(sampleClock(b, 99_999, 15_100).rate).toBe(1);
  });
});

describe('live events', () => {
  it('keeps events newest first by log sequence, without duplicates', () => {
    const list = [event(3), event(1)].reduce<EventView[]>((l, e) => mergeEvent(l, e), []);
    expect(mergeEvent(mergeEvent(list, event(2)), event(3)).map((e) => e.seq)).toEqual([3, 2, 1]);
  });

  it('keeps at most 500 events', () => {
    let list: EventView[] = [];
    for (let i = 1; i <= 510; i++) list = mergeEvent(list, event(i));
    expect(list).toHaveLength(500);
    expect(list[0]?.seq).toBe(510);
    expect(list.at(-1)?.seq).toBe(11);
  });

  it('counts run and step updates for the run views, events for the event views', () => {
    const live: Live = { state: 'live', events: [], runsVersion: 0, eventsVersion: 0, clock: LOCAL_CLOCK };
    const run = {
      id: 'r1',
      flow: 'f',
      kind: 'architect',
      status: 'completed',
      createdAt: 0,
      attempts: 1,
    } as RunSummary;
    const afterRun = applyUpdate(live, { type: 'run', at: 0, run });
    expect([afterRun.runsVersion, afterRun.eventsVersion]).toEqual([1, 0]);
    const afterEvent = applyUpdate(afterRun, { type: 'event', at: 0, event: event(7) });
    expect([afterEvent.runsVersion, afterEvent.eventsVersion, afterEvent.events.length]).toEqual([1, 1, 1]);
  });

  it('prefixes a trigger with its bundle only when two matched triggers share its name', () => {
    const d = (triggerId: string, name: string) => ({
      triggerId,
      name,
      matches: true,
      decision: { action: 'start' as const, at: 0 },
    });
    const [a, b, c] = [
      d('presence-tag.user-start', 'User Start'),
      d('presence-busy.user-start', 'User Start'),
      d('terminate.t', 'Terminate'),
    ];
    expect(decisionLabel(a, [a, b, c])).toBe('presence-tag: User Start');
    expect(decisionLabel(c, [a, b, c])).toBe('Terminate');
    expect(decisionLabel(a, [a, c])).toBe('User Start');
  });

  it('filters by topic text and conversation prefix, case-insensitively', () => {
    const e = event(1, 'ABCDEF12-0000-4000-8000-000000000001');
    expect(eventMatches(e, 'USER.START', '')).toBe(true);
    expect(eventMatches(e, 'acd.start', '')).toBe(false);
    expect(eventMatches(e, '', 'abcdef')).toBe(true);
    expect(eventMatches(e, '', '0000')).toBe(false);
  });

  it('marks an event as unheard only when no trigger listens to its topic and it was read', () => {
    const customer = { ...event(2), listened: false, note: 'no trigger listens to this topic' };
    expect(unheard(customer)).toBe(true);
    expect(unheard(event(3))).toBe(false);
    expect(unheard({ ...event(4), listened: false, error: 'an event needs an eventBody object' })).toBe(false);
  });
});

describe('run timeline', () => {
  it('follows the flow path and attaches each journaled step to its action', () => {
    const path = [
      {
        stepId: 's/a',
        actionName: 'Call Data Action',
        type: 'callData',
        outcome: 'success',
        detail: { dataAction: 'Disconnect Voice Call' },
      },
      { stepId: 's/d', actionName: 'Has queue?', type: 'decision', outcome: 'no' },
      { stepId: 's/e', actionName: 'End Workflow', type: 'endWorkflow', outcome: 'end' },
    ];
    const items = timeline(path, [step(0, 's/a', 'Disconnect Voice Call')]);
    expect(items.map((i) => [i.path?.stepId, i.step?.seq])).toEqual([
      ['s/a', 0],
      ['s/d', undefined],
      ['s/e', undefined],
    ]);
    expect(stepTitle(items[0]!)).toEqual({ name: 'Disconnect Voice Call', label: 'Call Data Action' });
    expect(stepTitle(items[1]!)).toEqual({ name: 'Has queue?' });
  });

  it('names a wait by its Architect action, not by its step id', () => {
    const sleep: StepView = { ...step(0, 'S/0.loop.0#0', 'S/0.loop.0#0'), kind: 'sleep' };
    const [item] = timeline([{ stepId: 'S/0.loop.0#0', actionName: 'Wait 5 seconds', type: 'wait' }], [sleep]);
    expect(stepTitle(item!)).toEqual({ name: 'Wait 5 seconds' });
  });

  it('lists journaled steps that no path names (code-first workflows), in order', () => {
    const items = timeline([], [step(0, 'fetch', 'fetch user'), step(1, 'nap', 'sleep')]);
    expect(items.map((i) => i.step?.stepId)).toEqual(['fetch', 'nap']);
  });
});

describe('routes and wording', () => {
  it('parses hash routes with a rest and a query', () => {
    const r = parseHash('#/runs/abc%2F1?flow=x');
    expect([r.view, r.rest, r.query.get('flow')]).toEqual(['runs', ['abc/1'], 'x']);
    expect(parseHash('').view).toBe('events');
  });

  it('maps concrete topics to trigger topics', () => {
    expect(topicTemplate('v2.detail.events.conversation.2f7bf00a-0fc2-4d6a-9b56-92238191433e.user.start')).toBe(
      'v2.detail.events.conversation.{id}.user.start',
    );
    expect(topicTemplate('v2.users.x.presence')).toBe('v2.users.x.presence');
  });

  it('says what a trigger decision does', () => {
    expect(decisionText({ action: 'delay', at: 0, delayMs: 90_000 })).toBe('starts the workflow after 1m 30s');
    expect(decisionText({ action: 'drop-ttl', ageMs: 3000, ttlMs: 2000 })).toContain('older than its TTL of 2.00 s');
    expect(duration(850)).toBe('850 ms');
  });
});
