import { afterEach, describe, expect, it } from 'vitest';
import { clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';
import { LivePermissions, authorizationStore, permissionPolicies } from './store.ts';

let fx: ApiFixture | undefined;
afterEach(async () => {
  await fx?.emu.close();
  fx = undefined;
});

const policies = [
  { domain: 'conversation', entityName: 'externalTag', actionSet: ['edit'] },
  { domain: 'conversation', entityName: 'communication', actionSet: ['disconnect'] },
];

describe('custom roles', () => {
  it('creates, lists by name, updates and deletes a role with permission policies', async () => {
    fx = startApi();
    const created = await fx.call('POST', '/api/v2/authorization/roles', {
      name: 'Call control',
      description: 'tag and end calls',
      permissionPolicies: policies,
    });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      name: 'Call control',
      description: 'tag and end calls',
      permissions: [],
      userCount: 0,
      default: false,
      base: false,
    });
    expect(created.json.permissionPolicies).toEqual(policies.map((p) => ({ ...p, allowConditions: false })));
    const id = created.json.id;
    expect(
      (await fx.call('GET', '/api/v2/authorization/roles?name=call%20control')).json.entities.map((r: Json) => r.id),
    ).toEqual([id]);
    const dup = await fx.call('POST', '/api/v2/authorization/roles', { name: 'CALL CONTROL' });
    expect(dup.status).toBe(409);
    const updated = await fx.call('PUT', `/api/v2/authorization/roles/${id}`, {
      name: 'Call control',
      permissionPolicies: [policies[0]],
    });
    expect(updated.json.permissionPolicies).toHaveLength(1);
    expect(updated.json.description).toBeUndefined();
    expect((await fx.call('DELETE', `/api/v2/authorization/roles/${id}`)).status).toBe(204);
    expect((await fx.call('GET', `/api/v2/authorization/roles/${id}`)).status).toBe(404);
  });

  it('refuses a nameless role and a malformed policy, naming the field; needs authorization:role:add', async () => {
    fx = startApi();
    const nameless = await fx.call('POST', '/api/v2/authorization/roles', { permissionPolicies: policies });
    expect(nameless.status).toBe(400);
    expect(nameless.json.details[0].fieldName).toBe('name');
    const bad = await fx.call('POST', '/api/v2/authorization/roles', {
      name: 'x',
      permissionPolicies: [{ domain: 'a b', entityName: 'e', actionSet: ['view'] }],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.details[0].fieldName).toBe('permissionPolicies[0].domain');
    const token = await clientToken(fx.emu, ['authorization:role:view']);
    expect((await fx.call('POST', '/api/v2/authorization/roles', { name: 'y' }, token)).status).toBe(403);
  });
});

describe('OAuth clients', () => {
  it('creates a client-credentials client holding a role, shows its secret once, regenerates it, and deletes it', async () => {
    fx = startApi();
    const role = (
      await fx.call('POST', '/api/v2/authorization/roles', { name: 'Tagger', permissionPolicies: policies })
    ).json;
    const created = await fx.call('POST', '/api/v2/oauth/clients', {
      name: 'Deploy client',
      description: 'switchboard:x',
      authorizedGrantType: 'CLIENT-CREDENTIALS',
      roleIds: [role.id],
    });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      name: 'Deploy client',
      authorizedGrantType: 'CLIENT-CREDENTIALS',
      roleIds: [role.id],
      state: 'Active',
      accessTokenValiditySeconds: 86_400,
    });
    expect(created.json.secret).toMatch(/^[\w-]{20,}$/);
    const id = created.json.id;
    const read = await fx.call('GET', `/api/v2/oauth/clients/${id}`);
    expect(read.json.secret).toBeUndefined();
    expect(read.json.roleDivisions).toEqual([{ roleId: role.id, divisionId: expect.any(String) }]);
    expect((await fx.call('GET', '/api/v2/oauth/clients')).json.entities.map((c: Json) => c.id)).toEqual([id]);
    const held = await fx.call('DELETE', `/api/v2/authorization/roles/${role.id}`);
    expect(held.status).toBe(409);
    const rotated = await fx.call('POST', `/api/v2/oauth/clients/${id}/secret`);
    expect(rotated.json.secret).not.toBe(created.json.secret);
    const org = fx.emu.services.org(fx.emu.orgId);
    expect(org.get(authorizationStore).clients[id]!.secret).toBe(rotated.json.secret);
    expect((await fx.call('DELETE', `/api/v2/oauth/clients/${id}`)).status).toBe(204);
    expect((await fx.call('DELETE', `/api/v2/authorization/roles/${role.id}`)).status).toBe(204);
  });

  it('refuses another grant type and an unknown role', async () => {
    fx = startApi();
    const code = await fx.call('POST', '/api/v2/oauth/clients', { name: 'c', authorizedGrantType: 'CODE' });
    expect(code.status).toBe(400);
    expect(code.json.details[0].fieldName).toBe('authorizedGrantType');
    const unknown = await fx.call('POST', '/api/v2/oauth/clients', {
      name: 'c',
      authorizedGrantType: 'CLIENT-CREDENTIALS',
      roleIds: ['nope'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toContain('unknown: nope');
  });

  it("a client's live permissions follow its roles as they change", async () => {
    fx = startApi();
    const role = (
      await fx.call('POST', '/api/v2/authorization/roles', { name: 'R', permissionPolicies: [policies[0]] })
    ).json;
    const client = (
      await fx.call('POST', '/api/v2/oauth/clients', {
        name: 'c',
        authorizedGrantType: 'CLIENT-CREDENTIALS',
        roleIds: [role.id],
      })
    ).json;
    const live = new LivePermissions(fx.emu.services.org(fx.emu.orgId), client.id);
    expect([...live]).toEqual(['conversation:externalTag:edit']);
    await fx.call('PUT', `/api/v2/authorization/roles/${role.id}`, { name: 'R', permissionPolicies: policies });
    expect([...live].sort()).toEqual(['conversation:communication:disconnect', 'conversation:externalTag:edit']);
    await fx.call('DELETE', `/api/v2/oauth/clients/${client.id}`);
    expect(live.size).toBe(0);
  });
});

describe('GET /api/v2/authorization/subjects/me', () => {
  it("answers an emulator client's permissions as one role's policies, with no permission needed", async () => {
    fx = startApi();
    const token = await clientToken(fx.emu, [
      'integrations:action:add',
      'integrations:action:edit',
      'oauth:client:add',
    ]);
    const me = await fx.call('GET', '/api/v2/authorization/subjects/me', undefined, token);
    expect(me.status).toBe(200);
    expect(me.json.grants).toHaveLength(1);
    expect(me.json.grants[0].role.policies).toEqual([
      { domain: 'integrations', entityName: 'action', actions: ['add', 'edit'] },
      { domain: 'oauth', entityName: 'client', actions: ['add'] },
    ]);
    const admin = await fx.call('GET', '/api/v2/authorization/subjects/me');
    expect(admin.json.grants[0].role.policies).toEqual([{ domain: '*', entityName: '*', actions: ['*'] }]);
  });

  it('groups permissions into policies per domain and entity', () => {
    expect(permissionPolicies(['a:b:c', 'a:b:d', 'a:e:c'])).toEqual([
      { domain: 'a', entityName: 'b', actionSet: ['c', 'd'] },
      { domain: 'a', entityName: 'e', actionSet: ['c'] },
    ]);
  });
});
