import { afterEach, describe, expect, it } from 'vitest';
import { clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';
import { DEMO } from '../seed.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GENESYS = 'urn:ietf:params:scim:schemas:extension:genesys:purecloud:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

let f: ApiFixture | undefined;
afterEach(async () => {
  await f?.emu.close();
  f = undefined;
});

const ops = (...operations: Json[]): Json => ({ schemas: [PATCH_OP], Operations: operations });

async function patch(path: string, body: Json, token?: string): Promise<{ status: number; json: Json }> {
  return f!.call('PATCH', path, body, token);
}

const skillsOf = async (userId: string): Promise<unknown[]> =>
  (await f!.call('GET', `/api/v2/users/${userId}/routingskills`)).json.entities.map((s: Json) => [
    s.name,
    s.proficiency,
  ]);

describe('PATCH /api/v2/scim/users/{userId}', () => {
  it('replaces active, displayName, title and the department; /api/v2/users shows the same user', async () => {
    f = startApi();
    const res = await patch(
      `/api/v2/scim/users/${DEMO.users.bob}`,
      ops(
        { op: 'Replace', path: 'active', value: 'False' },
        { op: 'replace', path: 'displayName', value: 'Robert Brandt' },
        { op: 'replace', value: { title: 'Team Lead', [ENTERPRISE]: { department: 'Retention' } } },
      ),
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      active: false,
      displayName: 'Robert Brandt',
      title: 'Team Lead',
      [ENTERPRISE]: { department: 'Retention' },
      meta: { version: 'W/"2"' },
    });
    const user = (await f.call('GET', `/api/v2/users/${DEMO.users.bob}`)).json;
    expect(user).toMatchObject({
      name: 'Robert Brandt',
      state: 'inactive',
      title: 'Team Lead',
      department: 'Retention',
      version: 2,
    });
    const active = (await f.call('GET', '/api/v2/users')).json.entities.map((u: Json) => u.id);
    expect(active).not.toContain(DEMO.users.bob);
    await patch(`/api/v2/scim/v2/users/${DEMO.users.bob}`, ops({ op: 'remove', path: 'title' }));
    expect('title' in (await f.call('GET', `/api/v2/users/${DEMO.users.bob}`)).json).toBe(false);
  });

  it('changes the work email through a filtered path; other emails and phone numbers stay SCIM-only', async () => {
    f = startApi();
    const path = `/api/v2/scim/users/${DEMO.users.carol}`;
    await patch(
      path,
      ops(
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'carol.chen@example.com' },
        { op: 'add', path: 'emails', value: [{ value: 'carol@home.example', type: 'home' }] },
        { op: 'add', path: 'phoneNumbers', value: [{ value: '+13175550142', type: 'work' }] },
      ),
    );
    expect((await f.call('GET', `/api/v2/users/${DEMO.users.carol}`)).json.email).toBe('carol.chen@example.com');
    let scim = (await f.call('GET', path)).json;
    expect(scim.emails).toEqual([
      { value: 'carol.chen@example.com', type: 'work', primary: true },
      { value: 'carol@home.example', type: 'home' },
    ]);
    expect(scim.phoneNumbers).toEqual([{ value: '+13175550142', type: 'work' }]);
    await patch(path, ops({ op: 'remove', path: 'emails[type eq "home"]' }, { op: 'remove', path: 'phoneNumbers' }));
    scim = (await f.call('GET', path)).json;
    expect(scim.emails).toHaveLength(1);
    expect('phoneNumbers' in scim).toBe(false);
  });

  it('adds and removes routing skills and languages of the Genesys extension, as the Users API shows them', async () => {
    f = startApi();
    const path = `/api/v2/scim/users/${DEMO.users.alice}`;
    const res = await patch(
      path,
      ops(
        { op: 'add', path: `${GENESYS}:routingSkills`, value: [{ name: 'Retention', proficiency: 2 }] },
        { op: 'remove', path: `${GENESYS}:routingSkills[name eq "Billing"]` },
        { op: 'remove', path: `${GENESYS}:routingLanguages[name eq "Spanish"]` },
        { op: 'add', path: `${GENESYS}:externalIds`, value: [{ authority: 'hr', value: 'E-1001' }] },
      ),
    );
    expect(res.json[GENESYS]).toEqual({
      routingSkills: [{ name: 'Retention', proficiency: 2 }],
      routingLanguages: [{ name: 'English', proficiency: 5 }],
      externalIds: [{ authority: 'hr', value: 'E-1001' }],
    });
    expect(await skillsOf(DEMO.users.alice)).toEqual([['Retention', 2]]);
    const langs = (await f.call('GET', `/api/v2/users/${DEMO.users.alice}/routinglanguages`)).json.entities;
    expect(langs.map((l: Json) => l.name)).toEqual(['English']);
    // add with the key of a value already there updates it
    await patch(
      path,
      ops({ op: 'add', path: `${GENESYS}:routingSkills`, value: { name: 'Retention', proficiency: 5 } }),
    );
    expect(await skillsOf(DEMO.users.alice)).toEqual([['Retention', 5]]);
    const unknown = await patch(
      path,
      ops({ op: 'add', path: `${GENESYS}:routingSkills`, value: [{ name: 'billing', proficiency: 1 }] }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ scimType: 'invalidValue' });
    expect(unknown.json.detail).toContain('case-sensitive');
  });

  it('refuses what it cannot apply, changing nothing', async () => {
    f = startApi();
    const path = `/api/v2/scim/users/${DEMO.users.bob}`;
    const cases: [Json, string][] = [
      [{ schemas: ['urn:other'], Operations: [{ op: 'replace', path: 'title', value: 'x' }] }, 'invalidSyntax'],
      [ops({ op: 'move', path: 'title', value: 'x' }), 'invalidSyntax'],
      [ops({ op: 'replace', path: 'id', value: 'x' }), 'mutability'],
      [ops({ op: 'add', path: 'groups', value: [{ value: DEMO.groups.pickup }] }), 'mutability'],
      [ops({ op: 'replace', path: 'emails[type eq "home"].value', value: 'b@home.example' }), 'noTarget'],
      [ops({ op: 'remove' }), 'noTarget'],
      [ops({ op: 'replace', path: 'nickName', value: 'Bobby' }), 'invalidPath'],
      [ops({ op: 'add', path: 'roles', value: [{ value: 'admin' }] }), 'invalidValue'],
      [ops({ op: 'remove', path: 'userName' }), 'invalidValue'],
      [ops({ op: 'replace', path: `${ENTERPRISE}:division`, value: 'Elsewhere' }), 'invalidValue'],
      [ops({ op: 'replace', path: `${ENTERPRISE}:manager.value`, value: 'nobody' }), 'invalidValue'],
      [ops({ op: 'replace', path: 'userName', value: 'alice@example.com' }), 'uniqueness'],
    ];
    for (const [body, scimType] of cases) {
      const res = await patch(path, body);
      expect([res.status, res.json.scimType, res.json.schemas]).toEqual([
        scimType === 'uniqueness' ? 409 : 400,
        scimType,
        [ERROR],
      ]);
    }
    expect((await f.call('GET', `/api/v2/users/${DEMO.users.bob}`)).json.version).toBe(1);
  });

  it('honours If-Match: another version is 400 invalidVers, the current one or * applies', async () => {
    f = startApi();
    const path = `/api/v2/scim/users/${DEMO.users.bob}`;
    const send = (ifMatch: string, title: string): Promise<Response> =>
      f!.emu.fetch(path, {
        method: 'PATCH',
        headers: {
          Authorization: `Bearer ${f!.emu.adminToken()}`,
          'Content-Type': 'application/json',
          'If-Match': ifMatch,
        },
        body: JSON.stringify(ops({ op: 'replace', path: 'title', value: title })),
      });
    const stale = await send('W/"7"', 'A');
    expect(stale.status).toBe(400);
    expect(await stale.json()).toMatchObject({ scimType: 'invalidVers' });
    const ok = await send('"1"', 'B');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('ETag')).toBe('W/"2"');
    expect((await send('*', 'C')).status).toBe(200);
    expect((await f.call('GET', `/api/v2/users/${DEMO.users.bob}`)).json).toMatchObject({ title: 'C', version: 3 });
  });

  it("needs the permission of what it changes, refused in SCIM's error body", async () => {
    f = startApi();
    const path = `/api/v2/scim/users/${DEMO.users.bob}`;
    const viewer = await clientToken(f.emu, ['directory:user:view']);
    const refused = await patch(path, ops({ op: 'replace', path: 'title', value: 'x' }), viewer);
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ schemas: [ERROR], status: '403' });
    expect(refused.json.detail).toContain('directory:user:edit');
    const skiller = await clientToken(f.emu, ['routing:skill:assign']);
    const skills = ops({ op: 'add', path: `${GENESYS}:routingSkills`, value: [{ name: 'Billing', proficiency: 3 }] });
    expect((await patch(path, skills, skiller)).status).toBe(200);
    expect(await skillsOf(DEMO.users.bob)).toEqual([['Billing', 3]]);
    const title = await patch(path, ops({ op: 'replace', path: 'title', value: 'x' }), skiller);
    expect([title.status, title.json.detail]).toEqual([403, expect.stringContaining('directory:user:edit')]);
    const editor = await clientToken(f.emu, ['directory:user:edit']);
    const noSkill = await patch(path, ops({ op: 'remove', path: `${GENESYS}:routingSkills` }), editor);
    expect([noSkill.status, noSkill.json.detail]).toEqual([403, expect.stringContaining('routing:skill:assign')]);
    expect(await skillsOf(DEMO.users.bob)).toEqual([['Billing', 3]]);
  });
});

describe('POST, PUT and DELETE /api/v2/scim/users', () => {
  const newUser = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE, GENESYS],
    userName: 'erin@example.com',
    displayName: 'Erin Estes',
    title: 'Agent',
    password: 'not kept',
    emails: [{ value: 'erin@example.com', type: 'work', primary: true }],
    externalId: 'okta-42',
    [ENTERPRISE]: { department: 'Sales', manager: { value: DEMO.users.dave }, employeeNumber: '1042' },
    [GENESYS]: { routingLanguages: [{ name: 'Spanish', proficiency: 4 }] },
  };

  it('creates a user (201, Location) that the Users API lists, with its SCIM-only attributes', async () => {
    f = startApi();
    const res = await f.call('POST', '/api/v2/scim/v2/users', newUser);
    expect(res.status).toBe(201);
    const id = res.json.id;
    expect(res.headers.get('Location')).toBe(`/api/v2/scim/v2/users/${id}`);
    expect(res.json).toMatchObject({
      active: true,
      externalId: 'okta-42',
      [ENTERPRISE]: {
        division: 'Home',
        department: 'Sales',
        manager: { value: DEMO.users.dave },
        employeeNumber: '1042',
      },
      [GENESYS]: { routingLanguages: [{ name: 'Spanish', proficiency: 4 }] },
      meta: { version: 'W/"1"' },
    });
    expect('password' in res.json).toBe(false);
    const user = (await f.call('GET', `/api/v2/users/${id}`)).json;
    expect(user).toMatchObject({
      name: 'Erin Estes',
      email: 'erin@example.com',
      username: 'erin@example.com',
      state: 'active',
    });
    const found = await f.call(
      'GET',
      `/api/v2/scim/users?filter=${encodeURIComponent(`manager eq ${DEMO.users.dave}`)}`,
    );
    expect(found.json.Resources.map((u: Json) => u.id)).toEqual([id]);
    const again = await f.call('POST', '/api/v2/scim/users', { ...newUser, emails: [] });
    expect([again.status, again.json.scimType]).toEqual([409, 'uniqueness']);
    const nameless = await f.call('POST', '/api/v2/scim/users', { userName: 'x@example.com' });
    expect([nameless.status, nameless.json.scimType]).toEqual([400, 'invalidValue']);
    expect(nameless.json.detail).toContain('displayName');
    const viewer = await clientToken(f.emu, ['directory:user:view']);
    expect((await f.call('POST', '/api/v2/scim/users', { ...newUser, userName: 'y@example.com' }, viewer)).status).toBe(
      403,
    );
  });

  it('PUT replaces the user: absent attributes are cleared, skills stay without the Genesys extension', async () => {
    f = startApi();
    const res = await f.call('PUT', `/api/v2/scim/users/${DEMO.users.alice}`, {
      userName: 'alice@example.com',
      displayName: 'Alice A.',
      emails: [{ value: 'alice@example.com', type: 'work' }],
    });
    expect(res.status).toBe(200);
    const user = (await f.call('GET', `/api/v2/users/${DEMO.users.alice}`)).json;
    expect(user).toMatchObject({ name: 'Alice A.', state: 'active', version: 2 });
    expect(['title', 'department'].filter((k) => k in user)).toEqual([]);
    expect(await skillsOf(DEMO.users.alice)).toEqual([['Billing', 4]]);
    const unknown = await f.call('PUT', '/api/v2/scim/users/nobody', { userName: 'a@b.c', displayName: 'A' });
    expect([unknown.status, unknown.json.status]).toEqual([404, '404']);
  });

  it('DELETE marks the user deleted, takes it out of its queues, and SCIM no longer finds it', async () => {
    f = startApi();
    const path = `/api/v2/scim/users/${DEMO.users.dave}`;
    const viewer = await clientToken(f.emu, ['directory:user:edit']);
    expect((await f.call('DELETE', path, undefined, viewer)).status).toBe(403);
    const res = await f.call('DELETE', path);
    expect(res.status).toBe(204);
    expect((await f.call('GET', path)).status).toBe(404);
    expect((await f.call('DELETE', path)).status).toBe(404);
    const deleted = (await f.call('GET', '/api/v2/users?state=deleted')).json.entities.map((u: Json) => u.id);
    expect(deleted).toEqual([DEMO.users.dave]);
    const members = (await f.call('GET', `/api/v2/routing/queues/${DEMO.queues.support}/users`)).json.entities;
    expect(members.map((m: Json) => m.id)).toEqual([DEMO.users.alice, DEMO.users.bob]);
    expect((await f.call('GET', '/api/v2/scim/users')).json.totalResults).toBe(3);
  });
});
