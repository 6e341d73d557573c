import { afterEach, describe, expect, it } from 'vitest';
import { clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';
import { DEMO } from '../seed.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GENESYS = 'urn:ietf:params:scim:schemas:extension:genesys:purecloud:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

let f: ApiFixture | undefined;
afterEach(async () => {
  await f?.emu.close();
  f = undefined;
});

const q = (filter: string): string => encodeURIComponent(filter);

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
    const one = await f.call('GET', `/api/v2/scim/users?filter=${q('userName eq "CAROL@example.com"')}`);
    expect(one.json.Resources.map((u: Json) => u.id)).toEqual([DEMO.users.carol]);
    const both = await f.call('GET', `/api/v2/scim/users?filter=${q('displayName sw "b" and title eq "Agent"')}`);
    expect(both.json.Resources.map((u: Json) => u.displayName)).toEqual(['Bob Brandt']);
    const page = await f.call('GET', '/api/v2/scim/users?startIndex=3&count=1');
    expect(page.json).toMatchObject({ totalResults: 4, startIndex: 3, itemsPerPage: 1 });
    expect(page.json.Resources[0].displayName).toBe('Carol Chen');
    expect((await f.call('GET', `/api/v2/scim/users/${DEMO.users.alice}`)).json.groups).toEqual([
      { value: DEMO.groups.pickup, $ref: `/api/v2/scim/groups/${DEMO.groups.pickup}` },
    ]);
  });

  it("reads Genesys's filter forms: bare values, email, department", async () => {
    f = startApi();
    const ids = async (filter: string): Promise<string[]> =>
      (await f!.call('GET', `/api/v2/scim/users?filter=${q(filter)}`)).json.Resources.map((u: Json) => u.id);
    expect(await ids('userName eq bob@example.com')).toEqual([DEMO.users.bob]);
    expect(await ids('email eq dave@example.com')).toEqual([DEMO.users.dave]);
    expect(await ids(`${ENTERPRISE}:department eq Sales`)).toEqual([DEMO.users.carol]);
    expect(await ids('division eq Home and title eq Supervisor')).toEqual([DEMO.users.dave]);
  });

  it('shows the Genesys extension: routing skills and languages by name, with proficiency', async () => {
    f = startApi();
    const alice = (await f.call('GET', `/api/v2/scim/v2/users/${DEMO.users.alice}`)).json;
    expect(alice.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE, GENESYS]);
    expect(alice[GENESYS]).toEqual({
      routingSkills: [{ name: 'Billing', proficiency: 4 }],
      routingLanguages: [
        { name: 'English', proficiency: 5 },
        { name: 'Spanish', proficiency: 3 },
      ],
    });
    expect(alice[ENTERPRISE]).toEqual({ division: 'Home', department: 'Support' });
    const bob = (await f.call('GET', `/api/v2/scim/v2/users/${DEMO.users.bob}`)).json;
    expect(GENESYS in bob).toBe(false);
    expect(bob.schemas).not.toContain(GENESYS);
  });

  it('selects attributes: id, userName, active and meta always come back', async () => {
    f = startApi();
    const path = `/api/v2/scim/users/${DEMO.users.alice}`;
    const only = (await f.call('GET', `${path}?attributes=displayName`)).json;
    expect(Object.keys(only)).toEqual(['id', 'schemas', 'active', 'userName', 'displayName', 'meta']);
    const repeated = await f.call(
      'GET',
      `${path}?attributes=title&attributes=${q(`${ENTERPRISE}:department`)}&attributes=emails.value`,
    );
    expect(repeated.json).toMatchObject({ title: 'Agent', [ENTERPRISE]: { department: 'Support' } });
    expect(repeated.json[ENTERPRISE]).toEqual({ department: 'Support' });
    expect(repeated.json.emails).toEqual([{ value: 'alice@example.com' }]);
    const less = (await f.call('GET', `${path}?excludedAttributes=${q(`emails,id,groups,${GENESYS}`)}`)).json;
    expect(less.id).toBe(DEMO.users.alice);
    expect(['emails', 'groups', GENESYS].filter((k) => k in less)).toEqual([]);
    expect(less.displayName).toBe('Alice Anders');
    const listed = await f.call('GET', `/api/v2/scim/users?attributes=userName&count=1`);
    expect(Object.keys(listed.json.Resources[0])).toEqual(['id', 'schemas', 'active', 'userName', 'meta']);
    const unknown = await f.call('GET', `${path}?attributes=nickName`);
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ status: '400', scimType: 'invalidValue' });
  });

  it('answers an ETag; If-None-Match on the current version is 304; reads need no permission', async () => {
    f = startApi();
    const path = `/api/v2/scim/users/${DEMO.users.bob}`;
    const bare = await clientToken(f.emu, []);
    const first = await f.call('GET', path, undefined, bare);
    expect(first.status).toBe(200);
    expect(first.headers.get('ETag')).toBe('W/"1"');
    expect(first.json.meta).toEqual({ resourceType: 'User', location: path, version: 'W/"1"' });
    const again = await f.emu.fetch(path, {
      headers: { Authorization: `Bearer ${bare}`, 'If-None-Match': 'W/"1"' },
    });
    expect(again.status).toBe(304);
    const stale = await f.emu.fetch(path, { headers: { Authorization: `Bearer ${bare}`, 'If-None-Match': '"0"' } });
    expect(stale.status).toBe(200);
  });

  it('lists active users unless the filter asks about active', async () => {
    f = startApi();
    const patched = await f.call('PATCH', `/api/v2/scim/users/${DEMO.users.dave}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    expect(patched.status).toBe(200);
    expect((await f.call('GET', '/api/v2/scim/users')).json.totalResults).toBe(3);
    const inactive = await f.call('GET', `/api/v2/scim/users?filter=${q('active eq false')}`);
    expect(inactive.json.Resources.map((u: Json) => u.id)).toEqual([DEMO.users.dave]);
    expect((await f.call('GET', `/api/v2/scim/users/${DEMO.users.dave}`)).json.active).toBe(false);
  });

  it("answers errors in SCIM's shape", async () => {
    f = startApi();
    const bad = await f.call('GET', `/api/v2/scim/users?filter=${q('userName equals alice')}`);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType: 'invalidFilter',
    });
    expect(bad.json.detail).toContain('expected attribute, operator');
    const unknownAttr = await f.call('GET', `/api/v2/scim/users?filter=${q('nickName eq x')}`);
    expect(unknownAttr.json).toMatchObject({ scimType: 'invalidFilter' });
    const missing = await f.call('GET', '/api/v2/scim/v2/users/nobody');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '404',
      detail: 'User nobody not found',
    });
  });
});
