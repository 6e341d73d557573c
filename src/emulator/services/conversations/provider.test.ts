import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../seed.ts';
import { T0, clientToken, startApi } from './api.test-support.ts';
import type { ApiFixture, Json } from './api.test-support.ts';

let fixture: ApiFixture | undefined;

async function setup(): Promise<ApiFixture> {
  fixture = startApi();
  return fixture;
}

afterEach(async () => {
  await fixture?.emu.close();
  fixture = undefined;
});

describe('POST /api/v2/conversations/calls/user/{userId}', () => {
  it('places a call on behalf of the user with client credentials; the conversation shows it dialing', async () => {
    const { emu: e, call, events } = await setup();
    const token = await clientToken(e, ['conversation:call:add', 'conversation:communication:view']);
    const res = await call(
      'POST',
      `/api/v2/conversations/calls/user/${DEMO.users.alice}`,
      { phoneNumber: '+1 317 555 0100' },
      token,
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: expect.any(String), selfUri: `/api/v2/conversations/calls/${res.json.id}` });
    const conv = await call('GET', `/api/v2/conversations/${res.json.id}`, undefined, token);
    expect(conv.status).toBe(200);
    expect(conv.json.participants.map((p: Json) => [p.purpose, p.calls[0].state, p.calls[0].direction])).toEqual([
      ['user', 'dialing', 'outbound'],
      ['external', 'dialing', 'outbound'],
    ]);
    expect(conv.json.startTime).toBe(new Date(T0).toISOString());
    const userStart = events.find((x) => x.topicName.endsWith('.user.start'))!;
    expect(userStart.eventBody.userId).toBe(DEMO.users.alice);
    expect('queueId' in userStart.eventBody).toBe(false);
  });

  it('callFromQueueId makes it a queue call (user.start carries queueId)', async () => {
    const { call, events } = await setup();
    const res = await call('POST', `/api/v2/conversations/calls/user/${DEMO.users.alice}`, {
      phoneNumber: '+13175550100',
      callFromQueueId: DEMO.queues.support,
    });
    expect(res.status).toBe(200);
    expect(events[0]!.eventBody.queueId).toBe(DEMO.queues.support);
  });

  it('answers 404 for an unknown user and 400 naming the field for a bad or missing destination', async () => {
    const { call } = await setup();
    const unknown = await call('POST', '/api/v2/conversations/calls/user/00000000-0000-4000-8000-00000000dead', {
      phoneNumber: '+13175550100',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('not.found');
    const none = await call('POST', `/api/v2/conversations/calls/user/${DEMO.users.alice}`, {
      callerId: '+13175550000',
    });
    expect(none.status).toBe(400);
    expect(none.json.details).toEqual([{ errorCode: 'missing.value', fieldName: 'phoneNumber' }]);
    const bad = await call('POST', `/api/v2/conversations/calls/user/${DEMO.users.alice}`, {
      phoneNumber: 'call me maybe',
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: 'invalid.value', details: [{ fieldName: 'phoneNumber' }] });
    expect(bad.json.message).toContain('call me maybe');
    const badUser = await call('POST', `/api/v2/conversations/calls/user/${DEMO.users.alice}`, {
      callUserId: 'nobody',
    });
    expect(badUser.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'callUserId' }]);
    const wrongType = await call('POST', `/api/v2/conversations/calls/user/${DEMO.users.alice}`, { phoneNumber: 42 });
    expect(wrongType.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'phoneNumber' }]);
  });

  it('needs conversation:call:add or conversation:agentlessCall:add', async () => {
    const { emu: e, call } = await setup();
    const token = await clientToken(e, ['conversation:communication:view']);
    const res = await call(
      'POST',
      `/api/v2/conversations/calls/user/${DEMO.users.alice}`,
      { phoneNumber: '+13175550100' },
      token,
    );
    expect(res.status).toBe(403);
    expect(res.json.message).toContain('conversation:agentlessCall:add');
  });
});

describe('user-token calls', () => {
  it("POST /api/v2/conversations/calls places a call for the token user; GET lists the user's active calls", async () => {
    const { emu: e, call } = await setup();
    const bob = e.issueUserToken(DEMO.users.bob);
    const placed = await call('POST', '/api/v2/conversations/calls', { callUserId: DEMO.users.carol }, bob);
    expect(placed.status).toBe(200);
    const list = await call('GET', '/api/v2/conversations/calls', undefined, bob);
    expect(list.json.entities.map((c: Json) => c.id)).toEqual([placed.json.id]);
    expect(list.json.total).toBe(1);
    const viaClient = await call('POST', '/api/v2/conversations/calls', { phoneNumber: '+13175550100' });
    expect(viaClient.status).toBe(400);
    expect(viaClient.json.message).toContain('/api/v2/conversations/calls/user/{userId}');
  });
});

describe('disconnect, tags, participant PATCH', () => {
  it('POST /disconnect tears the call down (202), PUT /tags stores externalTag, GET shows both', async () => {
    const { call, events } = await setup();
    const { json: created } = await call('POST', `/api/v2/conversations/calls/user/${DEMO.users.alice}`, {
      phoneNumber: '+13175551234',
    });
    const disc = await call('POST', `/api/v2/conversations/${created.id}/disconnect`);
    expect(disc).toMatchObject({ status: 202, json: undefined });
    const tag = await call('PUT', `/api/v2/conversations/${created.id}/tags`, { externalTag: 'No Queue' });
    expect(tag.status).toBe(202);
    const conv = await call('GET', `/api/v2/conversations/${created.id}`);
    expect(conv.json.externalTag).toBe('No Queue');
    expect(conv.json.endTime).toBe(new Date(T0).toISOString());
    expect(conv.json.participants.map((p: Json) => p.calls[0].disconnectType)).toEqual(['system', 'system']);
    expect(events.filter((x) => x.topicName.endsWith('.end')).map((x) => x.eventBody.disconnectType)).toEqual([
      'SYSTEM',
      'SYSTEM',
    ]);
    const noTag = await call('PUT', `/api/v2/conversations/${created.id}/tags`, { tag: 'x' });
    expect(noTag.json.details[0].fieldName).toBe('externalTag');
    const missing = await call('POST', '/api/v2/conversations/00000000-0000-4000-8000-00000000beef/disconnect');
    expect(missing.status).toBe(404);
  });

  it('PATCH a participant: connected answers, held holds, disconnected hangs up; other states are refused', async () => {
    const { call, clock } = await setup();
    const { json: created } = await call('POST', `/api/v2/conversations/calls/user/${DEMO.users.alice}`, {
      callUserId: DEMO.users.bob,
    });
    await clock.advance(1_000);
    let conv = (await call('GET', `/api/v2/conversations/calls/${created.id}`)).json;
    const bob = conv.participants.find((p: Json) => p.user?.id === DEMO.users.bob);
    expect(bob).toMatchObject({ state: 'alerting', direction: 'inbound', purpose: 'user' });
    expect(
      (await call('PATCH', `/api/v2/conversations/calls/${created.id}/participants/${bob.id}`, { state: 'connected' }))
        .status,
    ).toBe(202);
    expect(
      (await call('PATCH', `/api/v2/conversations/${created.id}/participants/${bob.id}`, { held: true })).status,
    ).toBe(202);
    conv = (await call('GET', `/api/v2/conversations/calls/${created.id}`)).json;
    expect(conv.participants.map((p: Json) => [p.state, p.held])).toEqual([
      ['connected', false],
      ['connected', true],
    ]);
    const bad = await call('PATCH', `/api/v2/conversations/${created.id}/participants/${bob.id}`, { state: 'parked' });
    expect(bad.status).toBe(400);
    expect(bad.json.details[0].fieldName).toBe('state');
    await call('PATCH', `/api/v2/conversations/${created.id}/participants/${bob.id}`, { state: 'disconnected' });
    conv = (await call('GET', `/api/v2/conversations/${created.id}`)).json;
    expect(conv.participants.map((p: Json) => p.calls[0].disconnectType)).toEqual(['peer', 'client']);
    expect((await call('PATCH', `/api/v2/conversations/calls/${created.id}`, { state: 'connected' })).status).toBe(400);
  });
});
