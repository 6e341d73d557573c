// The rows of the "Sent without an agent" panel: messages and emails merged, newest first.
import { describe, expect, it } from 'vitest';
import { sentRows } from './sent-messages.tsx';

describe('sentRows', () => {
  it('merges messages and emails newest first, with the addresses and text each shows', () => {
    const rows = sentRows({
      messages: [
        {
          id: 'm1',
          conversationId: 'c1',
          fromAddress: '+13175550000',
          toAddress: '+13175550199',
          messengerType: 'sms',
          textBody: 'Your callback is booked',
          timestamp: '2026-01-05T09:00:00.000Z',
        },
        {
          id: 'm2',
          conversationId: 'c2',
          fromAddress: '+13175550000',
          toAddress: '+13175550198',
          messengerType: 'whatsapp',
          template: { responseId: 'r-7' },
          timestamp: '2026-01-05T09:02:00.000Z',
        },
      ],
      emails: [
        {
          id: 'e1',
          conversationId: 'c3',
          fromAddress: { email: 'care@example.com', name: 'Care' },
          toAddresses: [{ email: 'pat@example.com' }, { name: 'Sam' }],
          subject: 'Your case',
          dateCreated: '2026-01-05T09:01:00.000Z',
        },
      ],
    });
    expect(rows.map((r) => [r.id, r.kind, r.from, r.to, r.text])).toEqual([
      ['m2', 'WHATSAPP', '+13175550000', '+13175550198', 'template r-7'],
      ['e1', 'EMAIL', 'care@example.com', 'pat@example.com, Sam', 'Your case'],
      ['m1', 'SMS', '+13175550000', '+13175550199', 'Your callback is booked'],
    ]);
  });

  it('is empty when nothing was sent', () => {
    expect(sentRows({ messages: [], emails: [] })).toEqual([]);
  });
});
