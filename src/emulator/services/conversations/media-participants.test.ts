import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../seed.ts';
import { T0, clientToken, startApi } from './api.test-support.ts';
import type { ApiFixture, Json } from './api.test-support.ts';

let fixture: ApiFixture | undefined;

afterEach(async () => {
  await fixture?.emu.close();
  fixture = undefined;
});

const UNKNOWN = '00000000-0000-4000-8000-00000000dead';

async function placeCall(f: ApiFixture): Promise<{ id: string; participantId: string }> {
  const { json } = await f.call('POST', `/api/v2/conversations/calls/user/${DEMO.users.alice}`, {
    phoneNumber: '+13175550100',
  });
  const conv = (await f.call('GET', `/api/v2/conversations/${json.id}`)).json;
  return { id: json.id, participantId: conv.participants[1].id };
}

async function sendSms(f: ApiFixture): Promise<string> {
  const res = await f.call('POST', '/api/v2/conversations/messages/agentless', {
    fromAddress: '+13175550000',
    toAddress: '+13175550123',
    toAddressMessengerType: 'sms',
    textBody: 'Your order shipped',
  });
  expect(res.status).toBe(200);
  return res.json.conversationId;
}

async function sendEmail(f: ApiFixture): Promise<string> {
  const res = await f.call('POST', '/api/v2/conversations/emails/agentless', {
    senderType: 'Outbound',
    fromAddress: { email: 'support@example.com', name: 'Support' },
    toAddresses: [{ email: 'customer@example.com', name: 'Casey' }],
    subject: 'Your case',
    textBody: 'We are on it',
  });
  expect(res.status).toBe(200);
  return res.json.conversationId;
}

describe('PATCH /api/v2/conversations/{media}/{id}/participants/{pid}/attributes', () => {
  it("merges into the call participant's attributes, answers the whole map and fires the attributes event", async () => {
    const f = (fixture = startApi());
    const { id, participantId } = await placeCall(f);
    const path = `/api/v2/conversations/calls/${id}/participants/${participantId}/attributes`;
    const first = await f.call('PATCH', path, { attributes: { reason: 'billing', tier: 'gold' } });
    expect(first).toMatchObject({ status: 200, json: { attributes: { reason: 'billing', tier: 'gold' } } });
    const second = await f.call('PATCH', path, { attributes: { tier: 'platinum' } });
    expect(second.json).toEqual({ attributes: { reason: 'billing', tier: 'platinum' } });
    const conv = (await f.call('GET', `/api/v2/conversations/${id}`)).json;
    expect(conv.participants[1].attributes).toEqual({ reason: 'billing', tier: 'platinum' });
    const updates = f.events.filter((e) => e.topicName === `v2.detail.events.conversation.${id}.attributes`);
    expect(updates.map((e) => e.eventBody.attributes)).toEqual([
      { reason: 'billing', tier: 'gold' },
      { reason: 'billing', tier: 'platinum' },
    ]);
  });

  it('needs no permission, like the generic route (a token without any permission merges)', async () => {
    const f = (fixture = startApi());
    const { id, participantId } = await placeCall(f);
    const bare = await clientToken(f.emu, []);
    const res = await f.call(
      'PATCH',
      `/api/v2/conversations/calls/${id}/participants/${participantId}/attributes`,
      { attributes: { a: '1' } },
      bare,
    );
    expect(res.status).toBe(200);
  });

  it('answers 404 for a conversation of another media, naming its media and route', async () => {
    const f = (fixture = startApi());
    const { id, participantId } = await placeCall(f);
    for (const media of ['callbacks', 'emails', 'messages']) {
      const res = await f.call(
        'PATCH',
        `/api/v2/conversations/${media}/${id}/participants/${participantId}/attributes`,
        {
          attributes: { a: '1' },
        },
      );
      expect(res.status).toBe(404);
      expect(res.json.code).toBe('not.found');
      expect(res.json.message).toContain(`is a call conversation; use /api/v2/conversations/calls/${id}/`);
    }
    const email = await sendEmail(f);
    const onCalls = await f.call('PATCH', `/api/v2/conversations/calls/${email}/participants/x/attributes`, {
      attributes: { a: '1' },
    });
    expect(onCalls.status).toBe(404);
    expect(onCalls.json.message).toContain('is an email conversation');
    // Nothing was merged anywhere.
    const conv = (await f.call('GET', `/api/v2/conversations/${id}`)).json;
    expect(conv.participants[1].attributes).toEqual({});
  });

  it('answers 404 for an unknown conversation or participant, 400 naming the field for a bad body', async () => {
    const f = (fixture = startApi());
    const { id, participantId } = await placeCall(f);
    const none = await f.call('PATCH', `/api/v2/conversations/calls/${UNKNOWN}/participants/p/attributes`, {
      attributes: { a: '1' },
    });
    expect(none.status).toBe(404);
    expect(none.json.entityId).toBe(UNKNOWN);
    const nobody = await f.call('PATCH', `/api/v2/conversations/calls/${id}/participants/${UNKNOWN}/attributes`, {
      attributes: { a: '1' },
    });
    expect(nobody.status).toBe(404);
    const bad = await f.call('PATCH', `/api/v2/conversations/calls/${id}/participants/${participantId}/attributes`, {
      attributes: { a: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'attributes.a' }]);
  });

  it('merges into a callback participant on the callbacks route', async () => {
    const f = (fixture = startApi());
    const { json } = await f.call('POST', '/api/v2/conversations/callbacks', {
      queueId: DEMO.queues.sales,
      callbackNumbers: ['+13175550100'],
      data: { origin: 'web' },
    });
    const id = json.conversation.id;
    const customer = (await f.call('GET', `/api/v2/conversations/callbacks/${id}`)).json.participants[0];
    const res = await f.call('PATCH', `/api/v2/conversations/callbacks/${id}/participants/${customer.id}/attributes`, {
      attributes: { tier: 'gold' },
    });
    expect(res.json).toEqual({ attributes: { origin: 'web', tier: 'gold' } });
    const onCalls = await f.call('PATCH', `/api/v2/conversations/calls/${id}/participants/${customer.id}/attributes`, {
      attributes: { a: '1' },
    });
    expect(onCalls.status).toBe(404);
  });
});

describe('email and message conversations', () => {
  it('GET /api/v2/conversations/messages/{id} shows the agentless SMS: sender and customer, connected', async () => {
    const f = (fixture = startApi());
    const id = await sendSms(f);
    const res = await f.call('GET', `/api/v2/conversations/messages/${id}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id, selfUri: `/api/v2/conversations/messages/${id}` });
    const [sender, customer] = res.json.participants;
    expect(sender).toMatchObject({
      purpose: 'agent',
      address: '+13175550000',
      state: 'connected',
      direction: 'outbound',
      type: 'sms',
      fromAddress: { addressNormalized: '+13175550000' },
      toAddress: { addressNormalized: '+13175550123' },
      startTime: new Date(T0).toISOString(),
    });
    expect(sender.messages).toHaveLength(1);
    expect(customer).toMatchObject({ purpose: 'customer', address: '+13175550123', attributes: {} });
    expect('messages' in customer).toBe(false);
    // The same participants on a second read (ids are kept, not made again).
    const again = (await f.call('GET', `/api/v2/conversations/messages/${id}`)).json;
    expect(again.participants.map((p: Json) => p.id)).toEqual([sender.id, customer.id]);
  });

  it('email attributes merge on the emails route and show through the generic conversation', async () => {
    const f = (fixture = startApi());
    const id = await sendEmail(f);
    const conv = (await f.call('GET', `/api/v2/conversations/emails/${id}`)).json;
    const customer = conv.participants.find((p: Json) => p.purpose === 'customer');
    expect(customer).toMatchObject({ name: 'Casey', address: 'customer@example.com', subject: 'Your case' });
    expect(conv.participants[0]).toMatchObject({ purpose: 'agent', name: 'Support', messagesSent: 1 });
    const path = `/api/v2/conversations/emails/${id}/participants/${customer.id}/attributes`;
    await f.call('PATCH', path, { attributes: { caseId: '42' } });
    const merged = await f.call('PATCH', path, { attributes: { priority: 'high' } });
    expect(merged.json).toEqual({ attributes: { caseId: '42', priority: 'high' } });
    const generic = await f.call('GET', `/api/v2/conversations/${id}`);
    expect(generic.status).toBe(200);
    const party = generic.json.participants.find((p: Json) => p.id === customer.id);
    expect(party.attributes).toEqual({ caseId: '42', priority: 'high' });
    expect(party.emails[0]).toMatchObject({ state: 'connected', subject: 'Your case', provider: 'PureCloud Email' });
    expect(
      (
        await f.call('PATCH', `/api/v2/conversations/${id}/participants/${customer.id}/attributes`, {
          attributes: { caseId: '43' },
        })
      ).status,
    ).toBe(202);
    const after = (await f.call('GET', `/api/v2/conversations/emails/${id}`)).json;
    expect(after.participants[1].attributes).toEqual({ caseId: '43', priority: 'high' });
  });

  it('a media GET of another media or an unknown id answers 404', async () => {
    const f = (fixture = startApi());
    const email = await sendEmail(f);
    const sms = await sendSms(f);
    const { id: callId } = await placeCall(f);
    expect((await f.call('GET', `/api/v2/conversations/messages/${email}`)).status).toBe(404);
    expect((await f.call('GET', `/api/v2/conversations/emails/${sms}`)).json.message).toContain(
      `use /api/v2/conversations/messages/${sms}/`,
    );
    expect((await f.call('GET', `/api/v2/conversations/emails/${callId}`)).status).toBe(404);
    expect((await f.call('GET', `/api/v2/conversations/emails/${UNKNOWN}`)).json).toMatchObject({
      code: 'not.found',
      entityId: UNKNOWN,
    });
  });
});

describe('PATCH /api/v2/conversations/{emails|messages}/{id}/participants/{pid}', () => {
  it('disconnects a participant; the conversation ends when both are gone', async () => {
    const f = (fixture = startApi());
    const id = await sendSms(f);
    const [sender, customer] = (await f.call('GET', `/api/v2/conversations/messages/${id}`)).json.participants;
    await f.clock.advance(60_000);
    const path = (pid: string): string => `/api/v2/conversations/messages/${id}/participants/${pid}`;
    expect((await f.call('PATCH', path(customer.id), { state: 'disconnected' })).status).toBe(202);
    let conv = (await f.call('GET', `/api/v2/conversations/${id}`)).json;
    expect(conv.state).toBe('connected');
    expect(conv.participants[1].messages[0]).toMatchObject({
      state: 'disconnected',
      disconnectType: 'client',
      disconnectedTime: new Date(T0 + 60_000).toISOString(),
    });
    await f.call('PATCH', `/api/v2/conversations/${id}/participants/${sender.id}`, { state: 'disconnected' });
    conv = (await f.call('GET', `/api/v2/conversations/${id}`)).json;
    expect(conv).toMatchObject({ state: 'disconnected', endTime: new Date(T0 + 60_000).toISOString() });
    const back = await f.call('PATCH', path(customer.id), { state: 'connected' });
    expect(back.status).toBe(400);
  });

  it('holds an email participant; refuses a wrap-up (no agent) and states it cannot set', async () => {
    const f = (fixture = startApi());
    const id = await sendEmail(f);
    const customer = (await f.call('GET', `/api/v2/conversations/emails/${id}`)).json.participants[1];
    const path = `/api/v2/conversations/emails/${id}/participants/${customer.id}`;
    expect((await f.call('PATCH', path, { held: true })).status).toBe(202);
    expect((await f.call('GET', `/api/v2/conversations/emails/${id}`)).json.participants[1].held).toBe(true);
    const wrap = await f.call('PATCH', path, { wrapup: { code: DEMO.wrapupCodes.resolved } });
    expect(wrap.status).toBe(400);
    expect(wrap.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'wrapup' }]);
    const parked = await f.call('PATCH', path, { state: 'parked' });
    expect(parked.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'state' }]);
    expect((await f.call('PATCH', `/api/v2/conversations/emails/${id}/participants/${UNKNOWN}`, {})).status).toBe(404);
    expect(
      (await f.call('PATCH', `/api/v2/conversations/messages/${id}/participants/${customer.id}`, { held: false }))
        .status,
    ).toBe(404);
  });

  it('needs a participant permission; conversation:email:park is enough for emails only', async () => {
    const f = (fixture = startApi());
    const email = await sendEmail(f);
    const sms = await sendSms(f);
    const emailParty = (await f.call('GET', `/api/v2/conversations/emails/${email}`)).json.participants[1].id;
    const smsParty = (await f.call('GET', `/api/v2/conversations/messages/${sms}`)).json.participants[1].id;
    const viewer = await clientToken(f.emu, ['conversation:communication:view']);
    const refused = await f.call(
      'PATCH',
      `/api/v2/conversations/messages/${sms}/participants/${smsParty}`,
      { state: 'disconnected' },
      viewer,
    );
    expect(refused.status).toBe(403);
    expect(refused.json.message).toContain('conversation:communication:disconnect');
    const parker = await clientToken(f.emu, ['conversation:email:park']);
    const emailOk = await f.call(
      'PATCH',
      `/api/v2/conversations/emails/${email}/participants/${emailParty}`,
      { held: true },
      parker,
    );
    expect(emailOk.status).toBe(202);
    const smsNo = await f.call(
      'PATCH',
      `/api/v2/conversations/messages/${sms}/participants/${smsParty}`,
      { held: true },
      parker,
    );
    expect(smsNo.status).toBe(403);
  });
});
