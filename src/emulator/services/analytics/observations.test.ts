import { afterEach, describe, expect, it } from 'vitest';
import { clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';
import { SYSTEM_PRESENCE_IDS } from '../presence/naming.ts';
import { DEMO } from '../seed.ts';

let f: ApiFixture | undefined;
afterEach(async () => {
  await f?.emu.close();
  f = undefined;
});

const queueFilter = (queueId: string, mediaType?: string) => ({
  type: 'and',
  predicates: [
    { type: 'dimension', dimension: 'queueId', operator: 'matches', value: queueId },
    ...(mediaType ? [{ type: 'dimension', dimension: 'mediaType', operator: 'matches', value: mediaType }] : []),
  ],
});
const stat = (res: Json, mediaType: string | undefined, metric: string): Json => {
  const group = res.json.results.find((r: Json) => r.group.mediaType === mediaType);
  return group?.data.find((d: Json) => d.metric === metric);
};

describe('queue observations', () => {
  it('counts waiting and interacting conversations per media type, with details', async () => {
    f = startApi();
    const observe = () =>
      f!.call('POST', '/api/v2/analytics/queues/observations/query', {
        filter: queueFilter(DEMO.queues.support),
        metrics: ['oWaiting', 'oInteracting', 'oLongestWaiting'],
        detailMetrics: ['oWaiting'],
      });
    expect(stat(await observe(), 'voice', 'oWaiting').stats.count).toBe(0);
    const a = await f.call('POST', '/_switchboard/simulator/inbound-calls', {
      ani: '+13175550100',
      queueId: DEMO.queues.support,
      customerName: 'Ann',
    });
    await f.call('POST', '/_switchboard/simulator/inbound-calls', {
      ani: '+13175550101',
      queueId: DEMO.queues.support,
    });
    await f.clock.advance(30_000);
    let res = await observe();
    expect(stat(res, 'voice', 'oWaiting').stats.count).toBe(2);
    expect(stat(res, 'voice', 'oWaiting').observations.map((o: Json) => o.conversationId)).toContain(a.json.id);
    expect(stat(res, 'voice', 'oLongestWaiting').stats.calculatedMetricValue).toBeGreaterThanOrEqual(30_000);
    expect(stat(res, 'callback', 'oWaiting').stats.count).toBe(0);
    await f.call('POST', `/_switchboard/simulator/conversations/${a.json.id}/route`, { userId: DEMO.users.alice });
    await f.call('POST', `/_switchboard/simulator/conversations/${a.json.id}/answer`);
    res = await observe();
    expect(stat(res, 'voice', 'oWaiting').stats.count).toBe(1);
    expect(stat(res, 'voice', 'oInteracting').stats.count).toBe(1);
  });

  it('qualifies member metrics by routing status and presence', async () => {
    f = startApi();
    const res = await f.call('POST', '/api/v2/analytics/queues/observations/query', {
      filter: queueFilter(DEMO.queues.support),
      metrics: ['oMemberUsers', 'oOnQueueUsers', 'oOffQueueUsers', 'oUserPresences'],
    });
    const data = res.json.results.find((r: Json) => r.group.mediaType === undefined).data;
    expect(data.find((d: Json) => d.metric === 'oMemberUsers').stats.count).toBe(3);
    expect(data.filter((d: Json) => d.metric === 'oOnQueueUsers')).toEqual([
      { metric: 'oOnQueueUsers', qualifier: 'IDLE', stats: { count: 1 } },
    ]);
    expect(data.find((d: Json) => d.metric === 'oOffQueueUsers').stats.count).toBe(2);
    expect(
      data
        .filter((d: Json) => d.metric === 'oUserPresences')
        .map((d: Json) => d.qualifier)
        .sort(),
    ).toEqual([SYSTEM_PRESENCE_IDS.AVAILABLE, SYSTEM_PRESENCE_IDS.OFFLINE, SYSTEM_PRESENCE_IDS.ON_QUEUE].sort());
  });

  it('refuses an unknown metric, a filter without a queue and an unknown media type, naming the field', async () => {
    f = startApi();
    const bad = async (body: unknown): Promise<Json> => {
      const res = await f!.call('POST', '/api/v2/analytics/queues/observations/query', body);
      expect(res.status).toBe(400);
      return res.json;
    };
    expect(
      (await bad({ filter: queueFilter(DEMO.queues.support), metrics: ['oWaitingForever'] })).details[0].fieldName,
    ).toBe('metrics.0');
    expect((await bad({ filter: { type: 'and', predicates: [] }, metrics: ['oWaiting'] })).message).toContain(
      'at least one queueId',
    );
    expect((await bad({ filter: queueFilter(DEMO.queues.support, 'fax'), metrics: ['oWaiting'] })).message).toContain(
      'mediaType "fax"',
    );
  });

  it('needs analytics:queueObservation:view', async () => {
    f = startApi();
    const res = await f.call(
      'POST',
      '/api/v2/analytics/queues/observations/query',
      { filter: queueFilter(DEMO.queues.support), metrics: ['oWaiting'] },
      await clientToken(f.emu, ['routing:queue:view']),
    );
    expect(res.status).toBe(403);
    expect(res.json.message).toContain('analytics:queueObservation:view');
  });
});

describe('user observations', () => {
  it("answers each user's presence, routing status and queue count", async () => {
    f = startApi();
    const res = await f.call('POST', '/api/v2/analytics/users/observations/query', {
      filter: {
        type: 'or',
        predicates: [
          { dimension: 'userId', value: DEMO.users.alice },
          { dimension: 'userId', value: DEMO.users.carol },
        ],
      },
      metrics: ['oUserPresences', 'oUserRoutingStatuses', 'oActiveQueues'],
    });
    expect(
      res.json.results.map((r: Json) => [r.group.userId, r.data.map((d: Json) => d.qualifier ?? d.stats.count)]),
    ).toEqual([
      [DEMO.users.alice, [SYSTEM_PRESENCE_IDS.ON_QUEUE, 'IDLE', 1]],
      [DEMO.users.carol, [SYSTEM_PRESENCE_IDS.AVAILABLE, 'OFF_QUEUE', 1]],
    ]);
  });
});
