import { afterEach, describe, expect, it } from 'vitest';
import { T0, clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';
import { DEMO } from '../seed.ts';

let fixture: ApiFixture | undefined;

afterEach(async () => {
  await fixture?.emu.close();
  fixture = undefined;
});

const QUERY = '/api/v2/analytics/conversations/details/query';
const iso = (ms: number): string => new Date(ms).toISOString();
const interval = (from: number, to: number): string => `${iso(from)}/${iso(to)}`;
const ids = (json: Json): string[] => (json.conversations ?? []).map((c: Json) => c.conversationId);

async function placeThree(f: ApiFixture): Promise<string[]> {
  const out: string[] = [];
  for (const [user, body] of [
    [DEMO.users.bob, { phoneNumber: '+13175550100' }],
    [DEMO.users.bob, { phoneNumber: '+13175550101' }],
    [DEMO.users.carol, { phoneNumber: '+13175550100' }],
  ] as const) {
    out.push((await f.call('POST', `/api/v2/conversations/calls/user/${user}`, body)).json.id);
    await f.clock.advance(1_000);
  }
  return out;
}

describe('POST /api/v2/analytics/conversations/details/query', () => {
  it('finds the conversations of a user to a number that started in the interval', async () => {
    fixture = startApi();
    const [toAnswer, toBusy, carols] = await placeThree(fixture);
    const bobTo = (dnis: string) =>
      fixture!.call('POST', QUERY, {
        interval: interval(T0 - 60_000, T0 + 60_000),
        segmentFilters: [
          { type: 'and', predicates: [{ dimension: 'userId', value: DEMO.users.bob }] },
          { type: 'and', predicates: [{ dimension: 'dnis', value: dnis }] },
        ],
      });
    const r = await bobTo('tel:+13175550100');
    expect(r.status).toBe(200);
    expect(ids(r.json)).toEqual([toAnswer]);
    expect(r.json.totalHits).toBe(1);
    expect(ids((await bobTo('tel:+13175550101')).json)).toEqual([toBusy]);
    const everyone = await fixture.call('POST', QUERY, { interval: interval(T0, T0 + 60_000), order: 'desc' });
    expect(ids(everyone.json)).toEqual([carols, toBusy, toAnswer]);
    const fromSecond = await fixture.call('POST', QUERY, { interval: interval(T0 + 1_000, T0 + 60_000) });
    expect(ids(fromSecond.json)).toEqual([toBusy, carols]);
  });

  it('combines or-filters, clauses and exists; pages; an empty result is only totalHits', async () => {
    fixture = startApi();
    const [toAnswer, toBusy, carols] = await placeThree(fixture);
    const body = (extra: Json) => ({ interval: interval(T0 - 1, T0 + 60_000), ...extra });
    const either = await fixture.call(
      'POST',
      QUERY,
      body({
        segmentFilters: [
          {
            type: 'or',
            predicates: [
              { dimension: 'userId', value: DEMO.users.carol },
              { dimension: 'dnis', value: 'tel:+13175550101' },
            ],
          },
        ],
      }),
    );
    expect(ids(either.json)).toEqual([toBusy, carols]);
    const ended = await fixture.call(
      'POST',
      QUERY,
      body({
        conversationFilters: [{ type: 'and', predicates: [{ dimension: 'conversationEnd', operator: 'exists' }] }],
      }),
    );
    expect(ids(ended.json)).toEqual([toBusy]);
    const clause = await fixture.call(
      'POST',
      QUERY,
      body({
        segmentFilters: [
          {
            type: 'and',
            clauses: [{ type: 'or', predicates: [{ dimension: 'userId', value: DEMO.users.bob }] }],
            predicates: [{ dimension: 'direction', value: 'outbound' }],
          },
        ],
      }),
    );
    expect(ids(clause.json)).toEqual([toAnswer, toBusy]);
    const page2 = await fixture.call('POST', QUERY, body({ paging: { pageSize: 2, pageNumber: 2 } }));
    expect(page2.json).toEqual({ conversations: [expect.objectContaining({ conversationId: carols })], totalHits: 3 });
    const none = await fixture.call(
      'POST',
      QUERY,
      body({ conversationFilters: [{ type: 'and', predicates: [{ dimension: 'conversationId', value: 'nope' }] }] }),
    );
    expect(none.json).toEqual({ totalHits: 0 });
  });

  it('answers 400 naming the field for a bad interval, an unknown dimension or a valueless match; 403 without the permission', async () => {
    fixture = startApi();
    const bad = await fixture.call('POST', QUERY, { interval: '2026-01-05T10:00:00Z/2026-01-05T09:00:00Z' });
    expect(bad.status).toBe(400);
    expect(bad.json.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'interval' }]);
    const unknown = await fixture.call('POST', QUERY, {
      interval: interval(T0, T0 + 1),
      segmentFilters: [{ type: 'and', predicates: [{ dimension: 'flavour', value: 'x' }] }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toContain('segmentFilters[0] uses dimension "flavour"');
    const valueless = await fixture.call('POST', QUERY, {
      interval: interval(T0, T0 + 1),
      segmentFilters: [{ type: 'and', predicates: [{ dimension: 'userId' }] }],
    });
    expect(valueless.json.details[0].fieldName).toBe('segmentFilters[0]');
    const missing = await fixture.call('POST', QUERY, {});
    expect(missing.json.details[0].fieldName).toBe('interval');
    const token = await clientToken(fixture.emu, ['conversation:call:add']);
    expect((await fixture.call('POST', QUERY, { interval: interval(T0, T0 + 1) }, token)).status).toBe(403);
  });
});
