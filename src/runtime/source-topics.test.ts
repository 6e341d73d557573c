import { describe, expect, it } from 'vitest';
import { MAX_TOPICS_PER_CHANNEL, sourceTopics } from './source-topics.ts';

const conv = (kind: string): string => `v2.detail.events.conversation.{id}.${kind}`;

describe('sourceTopics', () => {
  it('on an emulator: the trigger topics, then every conversation detail topic and the user topics, each once', () => {
    const t = sourceTopics([conv('user.start'), conv('user.start'), 'v2.users.{id}.presence'], true);
    expect(t.required).toEqual([conv('user.start'), 'v2.users.{id}.presence']);
    for (const kind of [
      'customer.start',
      'customer.end',
      'acd.start',
      'acd.end',
      'user.end',
      'acw',
      'wrapup',
      'flow.start',
      'flow.end',
      'voicemail.start',
    ])
      expect(t.extra).toContain(conv(kind));
    expect(t.extra).toEqual(expect.arrayContaining(['v2.users.{id}.activity', 'v2.users.{id}.routingStatus']));
    const all = [...t.required, ...t.extra];
    expect(new Set(all).size).toBe(all.length);
    // Only conversation detail and user topics join: nothing of the catalogue's other areas.
    expect(
      t.extra.every((x) => x.startsWith('v2.detail.events.conversation.{id}.') || x.startsWith('v2.users.{id}.')),
    ).toBe(true);
    expect(t.omitted).toEqual([]);
  });

  it('on a real org: the trigger topics only (Genesys has no wildcard subscription)', () => {
    expect(sourceTopics([conv('user.start')], false)).toEqual({
      required: [conv('user.start')],
      extra: [],
      omitted: [],
    });
  });

  it('never asks one channel for more than the limit: trigger topics first, the rest reported as omitted', () => {
    expect(MAX_TOPICS_PER_CHANNEL).toBe(1000);
    const triggers = Array.from(
      { length: 1003 },
      (_, i) => `v2.detail.events.conversation.${String(i).padStart(8, '0')}-0000-4000-8000-000000000000.user.start`,
    );
    const full = sourceTopics(triggers, true);
    expect(full.required).toHaveLength(1000);
    expect(full.extra).toEqual([]);
    expect(full.omitted.length).toBeGreaterThan(3);
    const few = sourceTopics([conv('user.start'), conv('acd.start')], true, 5);
    expect([...few.required, ...few.extra]).toHaveLength(5);
    expect(few.required).toEqual([conv('user.start'), conv('acd.start')]);
    expect(few.omitted.length).toBe(sourceTopics([conv('user.start'), conv('acd.start')], true).extra.length - 3);
  });
});
