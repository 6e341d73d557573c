// The user topics the emulator publishes when a presence changes must fit the trigger topic
// schemas (platform.md §2.4): a body that does not fit never matches any trigger of its topic.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../src/core/index.ts';
import type { NotificationEvent } from '../src/core/index.ts';
import { DEMO, createEmulator } from '../src/emulator/index.ts';
import { TOPIC_CATALOGUE, TriggerIndex, topicMatches, validateEventBody } from '../src/triggers/index.ts';

describe('user-topic events published by the emulator against the trigger topics', () => {
  it('fit their topic schema, so a trigger on v2.users.{id}.activity fires', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
    const emu = createEmulator({ clock, statePath: ':memory:' });
    const events: NotificationEvent[] = [];
    emu.services.events.subscribe(emu.orgId, (e) => events.push(e));
    const res = await emu.fetch(`/api/v2/users/${DEMO.users.bob}/presences/purecloud`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${emu.adminToken()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ presenceDefinition: { id: DEMO.presences.lunch }, primary: true }),
    });
    expect(res.status).toBe(200);
    const activity = events.find((e) => e.topicName.endsWith('.activity'));
    expect(activity?.eventBody).toHaveProperty('outOfOffice');
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      const template = TOPIC_CATALOGUE.find((t) => topicMatches(t.name, e.topicName))!.name;
      expect(validateEventBody(template, e.eventBody), `${template}: ${JSON.stringify(e.eventBody)}`).toEqual({
        matches: true,
        details: [],
      });
    }
    const index = new TriggerIndex();
    index.add({
      id: 't',
      version: 1,
      name: 'Activity',
      enabled: true,
      topicName: 'v2.users.{id}.activity',
      target: { type: 'Workflow', id: 'wf' },
    });
    expect(index.evaluate(activity!.topicName, activity!.eventBody, clock.now()).fired.map((t) => t.triggerId)).toEqual(
      ['t'],
    );
  });
});
