import { afterEach, describe, expect, it } from 'vitest';
import { startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture } from '../conversations/api.test-support.ts';
import { DEMO } from '../seed.ts';

let f: ApiFixture | undefined;
afterEach(async () => {
  await f?.emu.close();
  f = undefined;
});

describe('conversation insights', () => {
  it('has no summary and uncalculated sentiment until set, then answers what was set', async () => {
    f = startApi();
    const call = await f.call('POST', '/_switchboard/simulator/inbound-calls', {
      ani: '+13175550100',
      queueId: DEMO.queues.support,
    });
    const id = call.json.id as string;
    expect((await f.call('GET', `/api/v2/conversations/${id}/summaries`)).json).toEqual({
      conversation: { id, selfUri: `/api/v2/conversations/${id}` },
      sessionSummaries: [],
    });
    expect((await f.call('GET', `/api/v2/speechandtextanalytics/conversations/${id}`)).json.sentimentTrendClass).toBe(
      'NotCalculated',
    );
    const set = await f.call('PUT', `/_switchboard/conversations/${id}/insights`, {
      summary: { text: 'Wants a refund', reason: 'Billing error' },
      sentimentScore: -0.3,
      sentimentTrendClass: 'Declining',
    });
    expect(set.status).toBe(200);
    const summary = (await f.call('GET', `/api/v2/conversations/${id}/summaries`)).json.summary;
    expect(summary).toMatchObject({ text: 'Wants a refund', reason: { text: 'Billing error' }, status: 'COMPLETE' });
    expect((await f.call('GET', `/api/v2/speechandtextanalytics/conversations/${id}`)).json).toMatchObject({
      sentimentScore: -0.3,
      sentimentTrendClass: 'Declining',
    });
  });

  it('answers 404 for an unknown conversation and refuses out-of-range insights, naming the field', async () => {
    f = startApi();
    expect((await f.call('GET', '/api/v2/conversations/nope/summaries')).status).toBe(404);
    const bad = await f.call('PUT', '/_switchboard/conversations/x/insights', { sentimentScore: 3 });
    expect(bad.status).toBe(400);
    expect(bad.json.details[0].fieldName).toBe('sentimentScore');
  });
});
