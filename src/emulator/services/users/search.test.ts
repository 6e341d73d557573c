import { afterEach, describe, expect, it } from 'vitest';
import { startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';
import { DEMO } from '../seed.ts';

let f: ApiFixture | undefined;
afterEach(async () => {
  await f?.emu.close();
  f = undefined;
});

const names = (res: { json: Json }): string[] => res.json.results.map((u: Json) => u.name);

describe('POST /api/v2/users/search', () => {
  it('matches by type and field, combines AND, OR and NOT, and pages', async () => {
    f = startApi();
    const search = (body: unknown) => f!.call('POST', '/api/v2/users/search', body);
    expect(names(await search({ query: [{ type: 'EXACT', fields: ['email'], value: 'CAROL@example.com' }] }))).toEqual([
      'Carol Chen',
    ]);
    expect(names(await search({ query: [{ type: 'STARTS_WITH', fields: ['name'], value: 'bra' }] }))).toEqual([
      'Bob Brandt',
    ]);
    expect(
      names(
        await search({
          query: [
            { type: 'CONTAINS', fields: ['department'], value: 'support' },
            { type: 'EXACT', fields: ['title'], value: 'Agent' },
          ],
        }),
      ),
    ).toEqual(['Alice Anders', 'Bob Brandt']);
    expect(
      names(
        await search({
          query: [
            { type: 'EXACT', fields: ['title'], value: 'Supervisor', operator: 'OR' },
            { type: 'EXACT', fields: ['department'], value: 'Sales', operator: 'OR' },
          ],
        }),
      ),
    ).toEqual(['Carol Chen', 'Dave Duarte']);
    expect(
      names(
        await search({
          query: [
            { type: 'MATCH_ALL' },
            { type: 'EXACT', fields: ['queues.id'], value: DEMO.queues.support, operator: 'NOT' },
          ],
        }),
      ),
    ).toEqual(['Carol Chen']);
    const page = await search({ query: [{ type: 'MATCH_ALL' }], pageSize: 3, pageNumber: 2, sortOrder: 'DESC' });
    expect(page.json).toMatchObject({ total: 4, pageCount: 2, pageSize: 3, pageNumber: 2, types: ['users'] });
    expect(names(page)).toEqual(['Alice Anders']);
  });

  it('expands routing status and presence', async () => {
    f = startApi();
    const res = await f.call('POST', '/api/v2/users/search', {
      query: [{ type: 'EXACT', fields: ['id'], value: DEMO.users.alice }],
      expand: ['routingStatus', 'presence'],
    });
    expect(res.json.results[0].routingStatus.status).toBe('IDLE');
    expect(res.json.results[0].presence.presenceDefinition.systemPresence).toBe('On Queue');
  });

  it('refuses an unknown type, a criterion without fields, too deep a group and a bad page size, naming the field', async () => {
    f = startApi();
    const bad = async (body: unknown): Promise<Json> => {
      const res = await f!.call('POST', '/api/v2/users/search', body);
      expect(res.status).toBe(400);
      return res.json;
    };
    expect((await bad({ query: [{ type: 'FUZZY', fields: ['name'], value: 'x' }] })).message).toContain(
      'query[0].type "FUZZY" is not one of',
    );
    expect((await bad({ query: [{ type: 'EXACT', value: 'x' }] })).details[0].fieldName).toBe('query[0].fields');
    let deep: Json = { type: 'MATCH_ALL' };
    for (let i = 0; i < 8; i++) deep = { group: [deep] };
    expect((await bad({ query: [deep] })).message).toContain('deeper than 5');
    expect((await bad({ query: [], pageSize: 500 })).message).toContain('pageSize must be an integer from 1 to 100');
  });
});

describe('GET /api/v2/users/presences/purecloud/bulk', () => {
  it('answers the presences of the users asked for', async () => {
    f = startApi();
    const res = await f.call('GET', `/api/v2/users/presences/purecloud/bulk?id=${DEMO.users.alice},${DEMO.users.dave}`);
    expect(res.json.map((p: Json) => [p.userId, p.presenceDefinition.systemPresence])).toEqual([
      [DEMO.users.alice, 'On Queue'],
      [DEMO.users.dave, 'Offline'],
    ]);
  });
});
