import { afterEach, describe, expect, it } from 'vitest';
import { startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';
import { DEMO } from '../seed.ts';

let f: ApiFixture | undefined;
afterEach(async () => {
  await f?.emu.close();
  f = undefined;
});

describe('SCIM users', () => {
  it('lists the directory in SCIM shape, filters and pages by RFC 7644', async () => {
    f = startApi();
    const all = await f.call('GET', '/api/v2/scim/v2/users');
    expect(all.json).toMatchObject({ totalResults: 4, startIndex: 1, itemsPerPage: 4 });
    expect(all.json.Resources[0]).toMatchObject({
      userName: 'alice@example.com',
      displayName: 'Alice Anders',
      active: true,
      emails: [{ value: 'alice@example.com', primary: true }],
    });
    const one = await f.call(
      'GET',
      `/api/v2/scim/users?filter=${encodeURIComponent('userName eq "CAROL@example.com"')}`,
    );
    expect(one.json.Resources.map((u: Json) => u.id)).toEqual([DEMO.users.carol]);
    const both = await f.call(
      'GET',
      `/api/v2/scim/users?filter=${encodeURIComponent('displayName sw "b" and title eq "Agent"')}`,
    );
    expect(both.json.Resources.map((u: Json) => u.displayName)).toEqual(['Bob Brandt']);
    const page = await f.call('GET', '/api/v2/scim/users?startIndex=3&count=1');
    expect(page.json).toMatchObject({ totalResults: 4, startIndex: 3, itemsPerPage: 1 });
    expect(page.json.Resources[0].displayName).toBe('Carol Chen');
    expect((await f.call('GET', `/api/v2/scim/users/${DEMO.users.alice}`)).json.groups).toEqual([
      { value: DEMO.groups.pickup, $ref: `/api/v2/scim/groups/${DEMO.groups.pickup}` },
    ]);
  });

  it("answers errors in SCIM's shape", async () => {
    f = startApi();
    const bad = await f.call('GET', `/api/v2/scim/users?filter=${encodeURIComponent('userName equals alice')}`);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType: 'invalidFilter',
    });
    expect(bad.json.detail).toContain('expected attribute, operator');
    const missing = await f.call('GET', '/api/v2/scim/v2/users/nobody');
    expect(missing.status).toBe(404);
    expect(missing.json.status).toBe('404');
  });
});
