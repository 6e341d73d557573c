import { afterEach, describe, expect, it } from 'vitest';
import { clientToken, startApi, T0 } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';
import { DEMO } from '../seed.ts';
import { granularityMs } from './aggregates.ts';

let f: ApiFixture | undefined;
afterEach(async () => {
  await f?.emu.close();
  f = undefined;
});

const iso = (ms: number): string => new Date(ms).toISOString();
const metric = (group: Json, name: string): Json =>
  group.data.flatMap((d: Json) => d.metrics).find((m: Json) => m.metric === name)?.stats;

/** One answered call (30 s in queue, 2 min talk, wrap-up) and one abandoned after 45 s. */
async function day(fx: ApiFixture): Promise<{ answered: string; abandoned: string }> {
  const answered = (
    await fx.call('POST', '/_switchboard/simulator/inbound-calls', {
      ani: '+13175550100',
      queueId: DEMO.queues.support,
    })
  ).json.id as string;
  await fx.clock.advance(30_000);
  await fx.call('POST', `/_switchboard/simulator/conversations/${answered}/route`, { userId: DEMO.users.alice });
  await fx.clock.advance(5_000);
  await fx.call('POST', `/_switchboard/simulator/conversations/${answered}/answer`);
  const abandoned = (
    await fx.call('POST', '/_switchboard/simulator/inbound-calls', {
      ani: '+13175550101',
      queueId: DEMO.queues.support,
    })
  ).json.id as string;
  await fx.clock.advance(45_000);
  await fx.call('POST', `/_switchboard/simulator/conversations/${abandoned}/hang-up`, { side: 'customer' });
  await fx.clock.advance(75_000);
  await fx.call('POST', `/_switchboard/simulator/conversations/${answered}/hang-up`, { side: 'customer' });
  const conv = (await fx.call('GET', `/_switchboard/simulator/conversations/${answered}`)).json;
  const agent = conv.participants.find((p: Json) => p.purpose === 'agent');
  await fx.clock.advance(10_000);
  await fx.call('POST', `/_switchboard/simulator/conversations/${answered}/wrap-up`, {
    participantId: agent.id,
    code: DEMO.wrapupCodes.resolved,
  });
  return { answered, abandoned };
}

describe('conversation aggregates', () => {
  it('counts offered, answered and abandoned interactions and times talk and handle per queue', async () => {
    f = startApi();
    await day(f);
    const res = await f.call('POST', '/api/v2/analytics/conversations/aggregates/query', {
      interval: `${iso(T0)}/${iso(T0 + 3_600_000)}`,
      groupBy: ['queueId'],
      metrics: ['nOffered', 'tAnswered', 'tAbandon', 'tWait', 'nConnected', 'tTalk', 'tAcw', 'tHandle'],
    });
    expect(res.status).toBe(200);
    const support = res.json.results.find((r: Json) => r.group.queueId === DEMO.queues.support);
    expect(metric(support, 'nOffered')).toEqual({ count: 2 });
    expect(metric(support, 'tAbandon')).toMatchObject({ count: 1, sum: 45_000 });
    expect(metric(support, 'tAnswered')).toMatchObject({ count: 1 });
    expect(metric(support, 'tAnswered').sum).toBeGreaterThanOrEqual(30_000);
    expect(metric(support, 'nConnected')).toEqual({ count: 1 });
    expect(metric(support, 'tTalk')).toMatchObject({ count: 1, sum: 120_000 });
    expect(metric(support, 'tAcw').sum).toBeGreaterThanOrEqual(10_000);
    expect(metric(support, 'tHandle').sum).toBe(metric(support, 'tTalk').sum + metric(support, 'tAcw').sum);
  });

  it('buckets by granularity and filters by dimension', async () => {
    f = startApi();
    await day(f);
    const res = await f.call('POST', '/api/v2/analytics/conversations/aggregates/query', {
      interval: `${iso(T0)}/${iso(T0 + 600_000)}`,
      granularity: 'PT1M',
      groupBy: ['mediaType'],
      filter: { type: 'and', predicates: [{ dimension: 'queueId', value: DEMO.queues.support }] },
      metrics: ['nOffered'],
    });
    const voice = res.json.results.find((r: Json) => r.group.mediaType === 'voice');
    expect(voice.data.map((d: Json) => [d.interval, d.metrics[0].stats.count])).toEqual([
      [`${iso(T0)}/${iso(T0 + 60_000)}`, 2],
    ]);
    const none = await f.call('POST', '/api/v2/analytics/conversations/aggregates/query', {
      interval: `${iso(T0)}/${iso(T0 + 600_000)}`,
      filter: { type: 'and', predicates: [{ dimension: 'queueId', value: DEMO.queues.sales }] },
      metrics: ['nOffered'],
    });
    expect(none.json.results).toEqual([]);
  });

  it('refuses a bad interval, granularity or metric, naming the field; needs its permission', async () => {
    f = startApi();
    const bad = async (body: unknown): Promise<Json> => {
      const res = await f!.call('POST', '/api/v2/analytics/conversations/aggregates/query', body);
      expect(res.status).toBe(400);
      return res.json.details[0].fieldName;
    };
    expect(await bad({ interval: 'yesterday', metrics: ['nOffered'] })).toBe('interval');
    expect(
      await bad({ interval: `${iso(T0)}/${iso(T0 + 60_000)}`, granularity: 'hourly', metrics: ['nOffered'] }),
    ).toBe('granularity');
    expect(await bad({ interval: `${iso(T0)}/${iso(T0 + 60_000)}`, metrics: ['nMagic'] })).toBe('metrics.0');
    expect(
      await bad({ interval: `${iso(T0)}/${iso(T0 + 86_400_000 * 30)}`, granularity: 'PT1M', metrics: ['nOffered'] }),
    ).toBe('granularity');
    const res = await f.call(
      'POST',
      '/api/v2/analytics/conversations/aggregates/query',
      { interval: `${iso(T0)}/${iso(T0 + 60_000)}`, metrics: ['nOffered'] },
      await clientToken(f.emu, ['analytics:conversationDetail:view']),
    );
    expect(res.status).toBe(403);
  });

  it('reads ISO-8601 granularities', () => {
    expect(granularityMs('PT30M')).toBe(1_800_000);
    expect(granularityMs('PT1H30M')).toBe(5_400_000);
    expect(granularityMs('P1D')).toBe(86_400_000);
    expect(granularityMs('P1W')).toBe(604_800_000);
    expect(granularityMs('PT')).toBeUndefined();
    expect(granularityMs('P1M')).toBeUndefined();
  });
});
