import { afterEach, describe, expect, it } from 'vitest';
import { clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';
import { DEMO } from '../seed.ts';

let f: ApiFixture | undefined;
afterEach(async () => {
  await f?.emu.close();
  f = undefined;
});

const SMS = {
  fromAddress: '+13175550000',
  toAddress: '+13175550100',
  toAddressMessengerType: 'sms',
  textBody: 'Your order is ready',
};

describe('agentless messages and emails', () => {
  it('sends an SMS, records it, and re-uses the conversation when asked to', async () => {
    f = startApi();
    const first = await f.call('POST', '/api/v2/conversations/messages/agentless', SMS);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      fromAddress: SMS.fromAddress,
      toAddress: SMS.toAddress,
      messengerType: 'sms',
      message: { status: 'queued', direction: 'outbound' },
    });
    const again = await f.call('POST', '/api/v2/conversations/messages/agentless', {
      ...SMS,
      textBody: 'Reminder',
      useExistingActiveConversation: true,
    });
    expect(again.json.conversationId).toBe(first.json.conversationId);
    const fresh = await f.call('POST', '/api/v2/conversations/messages/agentless', { ...SMS, textBody: 'New thread' });
    expect(fresh.json.conversationId).not.toBe(first.json.conversationId);
    const sent = await f.call('GET', '/_switchboard/agentless');
    expect(sent.json.messages.map((m: Json) => m.textBody)).toEqual(['Your order is ready', 'Reminder', 'New thread']);
  });

  it('refuses what Genesys refuses, naming the field', async () => {
    f = startApi();
    const bad = async (body: unknown, field: string): Promise<void> => {
      const res = await f!.call('POST', '/api/v2/conversations/messages/agentless', body);
      expect(res.status).toBe(400);
      expect(res.json.details[0].fieldName).toBe(field);
    };
    await bad({ ...SMS, toAddress: '317-555-0100' }, 'toAddress');
    await bad({ ...SMS, fromAddress: 'Support' }, 'fromAddress');
    await bad({ ...SMS, toAddressMessengerType: 'pager' }, 'toAddressMessengerType');
    await bad({ fromAddress: SMS.fromAddress, toAddress: SMS.toAddress, toAddressMessengerType: 'sms' }, 'textBody');
    // A user's token: agentless messages go out under a client-credentials grant.
    const asUser = await f.call(
      'POST',
      '/api/v2/conversations/messages/agentless',
      SMS,
      f.emu.issueUserToken(DEMO.users.bob),
    );
    expect(asUser.status).toBe(400);
    expect((await f.call('GET', '/_switchboard/agentless')).json.messages).toEqual([]);
  });

  it('needs conversation:message:create', async () => {
    f = startApi();
    const res = await f.call(
      'POST',
      '/api/v2/conversations/messages/agentless',
      SMS,
      await clientToken(f.emu, ['conversation:email:create']),
    );
    expect(res.status).toBe(403);
    expect(res.json.message).toContain('conversation:message:create');
  });

  it('sends an email and records it without echoing its body', async () => {
    f = startApi();
    const res = await f.call('POST', '/api/v2/conversations/emails/agentless', {
      senderType: 'Outbound',
      fromAddress: { email: 'support@example.com' },
      toAddresses: [{ email: 'a@example.com' }, { email: 'b@example.com' }],
      subject: 'Case 42',
      htmlBody: '<p>Hi</p>',
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      senderType: 'Outbound',
      subject: 'Case 42',
      toAddresses: [{ email: 'a@example.com' }, { email: 'b@example.com' }],
    });
    expect(res.json.htmlBody).toBeUndefined();
    expect((await f.call('GET', '/_switchboard/agentless')).json.emails[0].htmlBody).toBe('<p>Hi</p>');
    const bad = await f.call('POST', '/api/v2/conversations/emails/agentless', {
      senderType: 'Outbound',
      fromAddress: { email: 'not an email' },
      toAddresses: [{ email: 'a@example.com' }],
      textBody: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.details[0].fieldName).toBe('fromAddress.email');
  });
});
