import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../seed.ts';
import { T0, startApi } from './api.test-support.ts';
import type { ApiFixture } from './api.test-support.ts';

let fixture: ApiFixture | undefined;

afterEach(async () => {
  await fixture?.emu.close();
  fixture = undefined;
});

describe('callbacks and routing priority', () => {
  it('creates a callback waiting in queue with its priority; PATCH routing changes it while queued only', async () => {
    fixture = startApi();
    const { call, events } = fixture;
    const created = await call('POST', '/api/v2/conversations/callbacks', {
      routingData: { queueId: DEMO.queues.sales, priority: 3 },
      callbackNumbers: ['+1 317 555 8888'],
      callbackUserName: 'Pat Doe',
    });
    expect(created.status).toBe(200);
    const id = created.json.conversation.id;
    expect(created.json).toEqual({
      conversation: { id, selfUri: `/api/v2/conversations/${id}` },
      callbackIdentifiers: [{ type: 'ACD', id: expect.any(String) }],
    });
    expect(events.map((e) => e.topicName.split('.').slice(5).join('.'))).toEqual(['customer.start', 'acd.start']);
    expect(events[1]!.eventBody).toMatchObject({
      mediaType: 'CALLBACK',
      queueId: DEMO.queues.sales,
      routingPriority: 3,
      callbackNumbers: ['+13175558888'],
    });

    const cb = (await call('GET', `/api/v2/conversations/callbacks/${id}`)).json;
    expect(cb.participants.map((p: { purpose: string; state: string }) => [p.purpose, p.state])).toEqual([
      ['customer', 'waiting'],
      ['acd', 'waiting'],
    ]);
    expect(cb.participants[1].conversationRoutingData).toEqual({
      queue: { id: DEMO.queues.sales, selfUri: `/api/v2/routing/queues/${DEMO.queues.sales}` },
      priority: 3,
      skills: [],
      scoredAgents: [],
    });
    const generic = (await call('GET', `/api/v2/conversations/${id}`)).json;
    expect(generic.participants[0].callbacks[0]).toMatchObject({
      state: 'waiting',
      callbackNumbers: ['+13175558888'],
      callbackUserName: 'Pat Doe',
    });

    const patched = await call('PATCH', `/api/v2/routing/conversations/${id}`, { priority: 4 });
    expect(patched).toMatchObject({ status: 200, json: { priority: 4 } });
    expect(
      (await call('GET', `/api/v2/conversations/callbacks/${id}`)).json.participants[1].conversationRoutingData
        .priority,
    ).toBe(4);
    const outOfRange = await call('PATCH', `/api/v2/routing/conversations/${id}`, { priority: 30_000_000 });
    expect(outOfRange.json.details[0].fieldName).toBe('priority');

    const connected = await call('POST', `/_switchboard/simulator/conversations/${id}/connect-callback`, {
      userId: DEMO.users.carol,
    });
    expect(connected.status).toBe(200);
    expect((await call('GET', `/api/v2/conversations/${id}`)).json.participants[0].callbacks[0].state).toBe(
      'connected',
    );
    const late = await call('PATCH', `/api/v2/routing/conversations/${id}`, { priority: 5 });
    expect(late.status).toBe(400);
    expect(late.json.message).toContain('not waiting in a queue');
  });

  it('refuses a callback without queue or numbers, naming the field', async () => {
    fixture = startApi();
    const noQueue = await fixture.call('POST', '/api/v2/conversations/callbacks', {
      callbackNumbers: ['+13175558888'],
    });
    expect(noQueue.status).toBe(400);
    expect(noQueue.json.details[0].fieldName).toBe('queueId');
    const noNumbers = await fixture.call('POST', '/api/v2/conversations/callbacks', {
      queueId: DEMO.queues.sales,
      callbackNumbers: [],
    });
    expect(noNumbers.json.details[0].fieldName).toBe('callbackNumbers');
    const badNumber = await fixture.call('POST', '/api/v2/conversations/callbacks', {
      queueId: DEMO.queues.sales,
      callbackNumbers: ['+13175558888', 'nope'],
    });
    expect(badNumber.json.details[0].fieldName).toBe('callbackNumbers[1]');
    const unknownQueue = await fixture.call('POST', '/api/v2/conversations/callbacks', {
      queueId: 'nope',
      callbackNumbers: ['+13175558888'],
    });
    expect(unknownQueue.status).toBe(404);
  });

  it('PATCH callbacks/{id} {state: disconnected} cancels a waiting callback (acd abandons)', async () => {
    fixture = startApi();
    const { call, events } = fixture;
    const { json } = await call('POST', '/api/v2/conversations/callbacks', {
      queueId: DEMO.queues.sales,
      callbackNumbers: ['+13175558888'],
    });
    const res = await call('PATCH', `/api/v2/conversations/callbacks/${json.conversation.id}`, {
      state: 'disconnected',
    });
    expect(res.status).toBe(200);
    expect(res.json.endTime).toBe(new Date(T0).toISOString());
    expect(events.find((e) => e.topicName.endsWith('acd.end'))!.eventBody.acdOutcome).toBe('ABANDON');
  });
});

describe('analytics conversation details', () => {
  it('derives participants → sessions → segments with lowercase enums, ISO times and the external tag', async () => {
    fixture = startApi();
    const { call, clock } = fixture;
    const { json: created } = await call('POST', `/api/v2/conversations/calls/user/${DEMO.users.alice}`, {
      phoneNumber: '+13175550100',
    });
    await clock.advance(3_000);
    let d = (await call('GET', `/api/v2/analytics/conversations/${created.id}/details`)).json;
    expect(d).toMatchObject({
      conversationId: created.id,
      conversationStart: new Date(T0).toISOString(),
      originatingDirection: 'outbound',
    });
    expect('conversationEnd' in d).toBe(false);
    expect(d.participants.map((p: { purpose: string }) => p.purpose)).toEqual(['user', 'external']);
    const ext = d.participants[1].sessions[0];
    expect(ext).toMatchObject({
      mediaType: 'voice',
      direction: 'outbound',
      dnis: 'tel:+13175550100',
      provider: 'Edge',
    });
    expect(ext.segments.at(-1)).toEqual({
      segmentStart: new Date(T0 + 3_000).toISOString(),
      segmentType: 'interact',
      conference: false,
    });
    await clock.advance(10_000);
    await call('POST', `/_switchboard/simulator/conversations/${created.id}/hang-up`, { side: 'callee' });
    await call('PUT', `/api/v2/conversations/${created.id}/tags`, { externalTag: 'No Queue' });
    d = (await call('GET', `/api/v2/analytics/conversations/${created.id}/details`)).json;
    expect(d.externalTag).toBe('No Queue');
    expect(d.conversationEnd).toBe(new Date(T0 + 13_000).toISOString());
    expect(
      d.participants[0].sessions[0].segments.map((s: { segmentType: string; disconnectType?: string }) => [
        s.segmentType,
        s.disconnectType,
      ]),
    ).toEqual([
      ['dialing', undefined],
      ['contacting', undefined],
      ['interact', 'peer'],
    ]);
    expect(d.participants[1].sessions[0].segments.at(-1).disconnectType).toBe('endpoint');

    const list = await call(
      'GET',
      `/api/v2/analytics/conversations/details?id=${created.id},00000000-0000-4000-8000-00000000dead`,
    );
    expect(list.json.conversations.map((c: { conversationId: string }) => c.conversationId)).toEqual([created.id]);
    expect((await call('GET', '/api/v2/analytics/conversations/details')).json.details[0].fieldName).toBe('id');
    expect(
      (await call('GET', '/api/v2/analytics/conversations/00000000-0000-4000-8000-00000000dead/details')).status,
    ).toBe(404);
  });
});
