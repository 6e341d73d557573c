import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../seed.ts';
import { T0, startApi } from './api.test-support.ts';
import type { ApiFixture, Json } from './api.test-support.ts';

let fixture: ApiFixture | undefined;

afterEach(async () => {
  await fixture?.emu.close();
  fixture = undefined;
});

/** Control routes need no token; an absent Authorization header proves it. */
async function control(
  f: ApiFixture,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const res = await f.emu.fetch(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

describe('/_switchboard/simulator control API', () => {
  it('lists the test numbers and changes the timing', async () => {
    fixture = startApi();
    const numbers = await control(fixture, 'GET', '/_switchboard/simulator/test-numbers');
    expect(numbers.json.entities.map((t: Json) => t.outcome)).toEqual([
      'answer',
      'busy',
      'no-answer',
      'failure',
      'answer-then-hang-up',
    ]);
    const timing = await control(fixture, 'PATCH', '/_switchboard/simulator/timing', { ringTimeoutMs: 5_000 });
    expect(timing.json).toMatchObject({ ringTimeoutMs: 5_000, dialingMs: 1_000 });
    const bad = await control(fixture, 'PATCH', '/_switchboard/simulator/timing', { ringTimeoutMs: -1 });
    expect(bad.status).toBe(400);
    expect(bad.json.details[0].fieldName).toBe('ringTimeoutMs');
    const conv = (
      await control(fixture, 'POST', '/_switchboard/simulator/calls', {
        fromUserId: DEMO.users.alice,
        to: { phoneNumber: '+13175550102' },
      })
    ).json;
    await fixture.clock.advance(6_000);
    const ended = (await control(fixture, 'GET', `/_switchboard/simulator/conversations/${conv.id}`)).json;
    expect(ended.endTime).toBe(T0 + 6_000);
    expect(ended.participants[1].disconnectType).toBe('TIMEOUT');
  });

  it('route-next offers a queued call to an available member of its queue; membership and routing status set through the API count', async () => {
    fixture = startApi();
    const f = fixture;
    const inbound = async (ani: string) =>
      (await control(f, 'POST', '/_switchboard/simulator/inbound-calls', { ani, queueId: DEMO.queues.sales })).json;
    // Sales has carol only (off queue): no one to offer to, and the answer says why.
    const first = await inbound('+13175557771');
    const refused = await f.call('POST', `/_switchboard/simulator/conversations/${first.id}/route-next`);
    expect(refused.status).toBe(400);
    expect(refused.json.message).toContain('queue Sales has none available');
    expect(refused.json.message).toContain('(routing status OFF_QUEUE)');
    // Alice (idle in the demo org) joins Sales through the Platform API.
    expect(
      (await f.call('POST', `/api/v2/routing/queues/${DEMO.queues.sales}/members`, [{ id: DEMO.users.alice }])).status,
    ).toBe(204);
    const offered = (await control(f, 'POST', `/_switchboard/simulator/conversations/${first.id}/route-next`)).json;
    expect(offered.participants.at(-1)).toMatchObject({
      purpose: 'agent',
      userId: DEMO.users.alice,
      state: 'alerting',
      queueId: DEMO.queues.sales,
    });
    // Carol goes on queue through the API; the next call is hers, Alice being busy.
    expect((await f.call('PUT', `/api/v2/users/${DEMO.users.carol}/routingstatus`, { status: 'IDLE' })).status).toBe(
      200,
    );
    const second = await inbound('+13175557772');
    const next = (await control(f, 'POST', `/_switchboard/simulator/conversations/${second.id}/route-next`)).json;
    expect(next.participants.at(-1)).toMatchObject({ purpose: 'agent', userId: DEMO.users.carol });
  });

  it('drives an inbound ACD call: offer to an agent, answer, hang up, wrap up', async () => {
    fixture = startApi();
    const f = fixture;
    const conv = (
      await control(f, 'POST', '/_switchboard/simulator/inbound-calls', {
        ani: '+13175557777',
        queueId: DEMO.queues.support,
      })
    ).json;
    expect(conv.participants.map((p: Json) => p.purpose)).toEqual(['customer', 'acd']);
    const offered = (
      await control(f, 'POST', `/_switchboard/simulator/conversations/${conv.id}/route`, { userId: DEMO.users.bob })
    ).json;
    const agent = offered.participants[2];
    expect(agent).toMatchObject({
      purpose: 'agent',
      state: 'alerting',
      userId: DEMO.users.bob,
      queueId: DEMO.queues.support,
    });
    await control(f, 'POST', `/_switchboard/simulator/conversations/${conv.id}/answer`, { participantId: agent.id });
    await control(f, 'POST', `/_switchboard/simulator/conversations/${conv.id}/hang-up`, { side: 'customer' });
    const wrapped = await control(f, 'POST', `/_switchboard/simulator/conversations/${conv.id}/wrap-up`, {
      participantId: agent.id,
      code: 'sold',
    });
    expect(wrapped.json.participants[2]).toMatchObject({ state: 'terminated', wrapup: { code: 'sold' } });
    const kinds = f.events.map((e) => e.topicName.split('.').slice(5).join('.'));
    expect(kinds).toEqual([
      'customer.start',
      'acd.start',
      'user.start',
      'acd.end',
      'customer.end',
      'user.end',
      'acw',
      'wrapup',
    ]);
  });

  it('answers Genesys error bodies for bad bodies, unknown conversations and wrong states', async () => {
    fixture = startApi();
    const f = fixture;
    const noDest = await control(f, 'POST', '/_switchboard/simulator/calls', { fromUserId: DEMO.users.alice, to: {} });
    expect(noDest).toMatchObject({ status: 400, json: { code: 'invalid.value', details: [{ fieldName: 'to' }] } });
    const unknownUser = await control(f, 'POST', '/_switchboard/simulator/calls', {
      fromUserId: 'ghost',
      to: { phoneNumber: '+13175550100' },
    });
    expect(unknownUser).toMatchObject({ status: 404, json: { code: 'not.found', entityId: 'ghost' } });
    expect((await control(f, 'POST', '/_switchboard/simulator/conversations/nope/busy')).status).toBe(404);
    const conv = (
      await control(f, 'POST', '/_switchboard/simulator/calls', {
        fromUserId: DEMO.users.alice,
        to: { phoneNumber: '+13175551234' },
      })
    ).json;
    const badSide = await control(f, 'POST', `/_switchboard/simulator/conversations/${conv.id}/hang-up`, {
      side: 'nobody',
    });
    expect(badSide.status).toBe(400);
    const notQueued = await control(f, 'POST', `/_switchboard/simulator/conversations/${conv.id}/route`, {
      userId: DEMO.users.bob,
    });
    expect(notQueued).toMatchObject({ status: 400, json: { code: 'bad.request' } });
    expect(notQueued.json.message).toContain('not waiting in a queue');
  });

  it('exports the event log as EventBridge envelopes, filtered by topic template', async () => {
    fixture = startApi();
    const f = fixture;
    const conv = (
      await control(f, 'POST', '/_switchboard/simulator/calls', {
        fromUserId: DEMO.users.alice,
        to: { phoneNumber: '+13175550101' },
      })
    ).json;
    await f.clock.advance(1_000);
    const all = (await control(f, 'GET', '/_switchboard/eventbridge/events?suffix=my-bus')).json.entries;
    expect(all.map((e: Json) => e['detail-type'])).toEqual([
      'v2.detail.events.conversation.{id}.user.start',
      'v2.detail.events.conversation.{id}.customer.start',
      'v2.detail.events.conversation.{id}.customer.end',
      'v2.detail.events.conversation.{id}.user.end',
    ]);
    expect(all[0]).toMatchObject({
      version: '0',
      source: `aws.partner/genesys.com/cloud/${f.emu.orgId}/my-bus`,
      detail: {
        topicName: `v2.detail.events.conversation.${conv.id}.user.start`,
        timestamp: new Date(T0).toISOString(),
      },
    });
    const ends = (
      await control(f, 'GET', '/_switchboard/eventbridge/events?topic=v2.detail.events.conversation.{id}.user.end')
    ).json.entries;
    expect(ends).toHaveLength(1);
    expect(ends[0].detail.eventBody.disconnectType).toBe('PEER');
    expect((await control(f, 'GET', '/_switchboard/eventbridge/events?suffix=bad/suffix')).status).toBe(400);
  });
});
