import { afterEach, describe, expect, it } from 'vitest';
import { startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';
import { orgDataActions } from './lifecycle.ts';

let fx: ApiFixture | undefined;
afterEach(async () => {
  await fx?.emu.close();
  fx = undefined;
});

const action = (integrationId: string, name: string) => ({
  name,
  category: 'Tagging',
  integrationId,
  secure: false,
  config: {
    request: { requestUrlTemplate: '/api/v2/users/${input.userId}', requestType: 'GET', headers: {} },
    response: { translationMap: {}, successTemplate: '${rawResult}' },
  },
  contract: {
    input: { inputSchema: { type: 'object', properties: { userId: { type: 'string' } } } },
    output: { successSchema: { type: 'object', properties: {} } },
  },
});

async function integration(f: ApiFixture): Promise<{ id: string; credentialId: string }> {
  const i = (
    await f.call('POST', '/api/v2/integrations', { name: 'Tagging', integrationType: { id: 'purecloud-data-actions' } })
  ).json;
  const cr = (
    await f.call('POST', '/api/v2/integrations/credentials', {
      name: 'tagging client',
      type: { name: 'pureCloudOAuthClient' },
      credentialFields: { clientId: 'cid', clientSecret: 'very secret' },
    })
  ).json;
  await f.call('PUT', `/api/v2/integrations/${i.id}/config/current`, {
    name: 'Tagging',
    notes: 'switchboard:t',
    credentials: { pureCloudOAuthClient: { id: cr.id } },
  });
  return { id: i.id, credentialId: cr.id };
}

describe('integration life cycle', () => {
  it('lists and reads credentials without their secret, updates one, and refuses to delete one in use', async () => {
    fx = startApi();
    const { id, credentialId } = await integration(fx);
    expect((await fx.call('GET', '/api/v2/integrations/credentials')).json.entities).toEqual([
      {
        id: credentialId,
        name: 'tagging client',
        type: { name: 'pureCloudOAuthClient' },
        selfUri: `/api/v2/integrations/credentials/${credentialId}`,
      },
    ]);
    const read = await fx.call('GET', `/api/v2/integrations/credentials/${credentialId}`);
    expect(read.json.credentialFields).toEqual({ clientId: 'cid' });
    expect(JSON.stringify(read.json)).not.toContain('very secret');
    const put = await fx.call('PUT', `/api/v2/integrations/credentials/${credentialId}`, {
      name: 'tagging client',
      type: { name: 'pureCloudOAuthClient' },
      credentialFields: { clientId: 'cid2', clientSecret: 's2' },
    });
    expect(put.status).toBe(200);
    expect(orgDataActions(fx.emu.services.org(fx.emu.orgId))).toEqual([]);
    const inUse = await fx.call('DELETE', `/api/v2/integrations/credentials/${credentialId}`);
    expect(inUse.status).toBe(409);
    expect(inUse.json.message).toContain(id);
  });

  it('deleting an integration deletes its actions and drafts; then its credential can go', async () => {
    fx = startApi();
    const { id, credentialId } = await integration(fx);
    const published = (await fx.call('POST', '/api/v2/integrations/actions', action(id, 'Get User'))).json;
    const draft = (await fx.call('POST', '/api/v2/integrations/actions/drafts', action(id, 'Draft Only'))).json;
    expect(
      (await fx.call('GET', '/api/v2/integrations/actions/drafts')).json.entities.map((d: Json) => [d.id, d.name]),
    ).toEqual([[draft.id, 'Draft Only']]);
    const actions = orgDataActions(fx.emu.services.org(fx.emu.orgId));
    expect(actions).toEqual([
      expect.objectContaining({
        id: published.id,
        name: 'Get User',
        category: 'Tagging',
        integration: { id, name: 'Tagging', type: 'purecloud-data-actions', enabled: true },
        run: { kind: 'oauth-client', clientId: 'cid', clientSecret: 'very secret' },
      }),
    ]);
    const deleted = await fx.call('DELETE', `/api/v2/integrations/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.json).toMatchObject({ id, name: 'Tagging' });
    expect((await fx.call('GET', `/api/v2/integrations/actions/${published.id}`)).status).toBe(404);
    expect((await fx.call('GET', '/api/v2/integrations/actions/drafts')).json.entities).toEqual([]);
    expect((await fx.call('DELETE', `/api/v2/integrations/credentials/${credentialId}`)).status).toBe(204);
    expect((await fx.call('DELETE', `/api/v2/integrations/${id}`)).status).toBe(404);
  });
});
