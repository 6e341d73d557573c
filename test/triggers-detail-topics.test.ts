// The attributes and wrapup detail events the emulator publishes (platform.md §1.3, §2.1, §2.2)
// must fit the trigger topic schemas, so triggers on those topics fire against the emulator.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../src/core/index.ts';
import type { NotificationEvent } from '../src/core/index.ts';
import { DEMO, createEmulator } from '../src/emulator/index.ts';
import {
  TOPIC_CATALOGUE,
  TriggerIndex,
  topicMatches,
  validateEventBody,
  workflowInputs,
} from '../src/triggers/index.ts';
import type { Trigger } from '../src/triggers/index.ts';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

describe('attributes and wrapup events published by the emulator against the trigger topics', () => {
  it('fit their topic schema, and a trigger on each topic fires', async () => {
    const clock = new VirtualClock(T0);
    const emu = createEmulator({ clock, statePath: ':memory:' });
    const events: NotificationEvent[] = [];
    emu.services.events.subscribe(emu.orgId, (e) => events.push(e));
    const api = async (method: string, path: string, body: unknown): Promise<Response> =>
      emu.fetch(path, {
        method,
        headers: { Authorization: `Bearer ${emu.adminToken()}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });

    // A callback created with `data`, then a participant attributes PATCH: two attributes events.
    const created = await api('POST', '/api/v2/conversations/callbacks', {
      queueId: DEMO.queues.sales,
      callbackNumbers: ['+13175558888'],
      data: { tier: 'gold' },
    });
    expect(created.status).toBe(200);
    const conversationId = ((await created.json()) as { conversation: { id: string } }).conversation.id;
    const customer = emu.simulator.get(conversationId)!.participants[0]!;
    const patched = await api(
      'PATCH',
      `/api/v2/conversations/${conversationId}/participants/${customer.id}/attributes`,
      { attributes: { reason: 'billing' } },
    );
    expect(patched.status).toBe(202);

    // An agent takes the callback, hangs up and applies a wrap-up code through the API.
    const agent = emu.simulator.routeToAgent(conversationId, DEMO.users.carol);
    emu.simulator.answer(conversationId, agent.id);
    await clock.advance(30_000);
    emu.simulator.hangUp(conversationId, 'agent');
    await clock.advance(4_000);
    const wrapped = await api('PATCH', `/api/v2/conversations/callbacks/${conversationId}/participants/${agent.id}`, {
      wrapup: { code: 'sold' },
    });
    expect(wrapped.status).toBe(202);

    const kinds = events.map((e) => e.topicName.split('.').slice(5).join('.'));
    expect(kinds.filter((k) => k === 'attributes')).toHaveLength(2);
    expect(kinds.slice(-2)).toEqual(['acw', 'wrapup']);
    for (const e of events) {
      const template = TOPIC_CATALOGUE.find((t) => topicMatches(t.name, e.topicName))!.name;
      expect(validateEventBody(template, e.eventBody), `${template}: ${JSON.stringify(e.eventBody)}`).toEqual({
        matches: true,
        details: [],
      });
    }

    const index = new TriggerIndex();
    const onAttributes: Trigger = {
      id: 'attrs',
      version: 1,
      name: 'Gold customer updated',
      enabled: true,
      topicName: 'v2.detail.events.conversation.{id}.attributes',
      target: { type: 'Workflow', id: 'wf-attrs', workflowTargetSettings: { dataFormat: 'Json' } },
      matchCriteria: [{ jsonPath: 'attributes.tier', operator: 'Equal', value: 'gold' }],
    };
    const onWrapup: Trigger = {
      id: 'wrap',
      version: 1,
      name: 'Sold',
      enabled: true,
      topicName: 'v2.detail.events.conversation.{id}.wrapup',
      target: { type: 'Workflow', id: 'wf-wrap' },
      matchCriteria: [
        { jsonPath: 'wrapupCode', operator: 'Equal', value: 'sold' },
        { jsonPath: 'queueId', operator: 'Equal', value: DEMO.queues.sales },
        { jsonPath: 'mediaType', operator: 'Equal', value: 'CALLBACK' },
      ],
    };
    index.add(onAttributes);
    index.add(onWrapup);

    const [first, second] = events.filter((e) => e.topicName.endsWith('.attributes'));
    expect(first!.eventBody.attributes).toEqual({ tier: 'gold' });
    // The whole map after the change, not only the updated key.
    expect(second!.eventBody.attributes).toEqual({ tier: 'gold', reason: 'billing' });
    for (const e of [first!, second!]) {
      expect(index.evaluate(e.topicName, e.eventBody, clock.now()).fired.map((t) => t.triggerId)).toEqual(['attrs']);
    }
    // Json delivers the attribute map, which top-level primitives would drop (platform.md §1.5).
    expect(workflowInputs(onAttributes, second!.eventBody)).toEqual({ jsonData: second!.eventBody });

    const wrapup = events.at(-1)!;
    expect(wrapup.topicName).toBe(`v2.detail.events.conversation.${conversationId}.wrapup`);
    expect(wrapup.eventBody).toMatchObject({ participantId: agent.id, wrapupCode: 'sold', wrapupDurationMs: 4_000 });
    expect(index.evaluate(wrapup.topicName, wrapup.eventBody, clock.now()).fired.map((t) => t.triggerId)).toEqual([
      'wrap',
    ]);
    await emu.close();
  });
});
