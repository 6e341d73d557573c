import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { blueprintPath } from '../../../../test/support/shared.ts';
import { createEmulator } from '../../create-emulator.ts';
import type { Emulator } from '../../create-emulator.ts';
import { DEMO } from '../seed.ts';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const presenceAction = (): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      blueprintPath(
        'update-gc-presence-on-communicate-call-activity-blueprint/main/Get-Genesys-Cloud-User-Presence.custom.json',
      ),
      'utf8',
    ),
  ) as Record<string, unknown>;

// Response bodies are arbitrary Genesys JSON read field by field in assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

async function setUp(roles: string[]): Promise<{
  call: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Body }>;
  actionId: string;
}> {
  emu = createEmulator({ rateLimitPerMinute: 0 });
  const admin = emu.adminToken();
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await emu!.fetch(path, {
      method,
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const client = emu.createClient({ name: 'Data actions', roles });
  const cred = await call('POST', '/api/v2/integrations/credentials', {
    name: 'OAuth',
    type: { name: 'pureCloudOAuthClient' },
    credentialFields: { clientId: client.clientId, clientSecret: client.clientSecret },
  });
  const integration = await call('POST', '/api/v2/integrations', {
    integrationType: { id: 'purecloud-data-actions' },
    name: 'Presence Data Actions',
  });
  await call('PUT', `/api/v2/integrations/${integration.body.id}/config/current`, {
    name: 'Presence Data Actions',
    credentials: { pureCloudOAuthClient: { id: cred.body.id } },
  });
  const created = await call('POST', '/api/v2/integrations/actions', {
    ...presenceAction(),
    category: 'Presence Data Actions',
    integrationId: integration.body.id,
  });
  expect(created.status).toBe(200);
  return { call, actionId: created.body.id };
}

describe('integrations provider', () => {
  it('imports a .custom.json action and lists / gets it with paging, expand=contract and includeConfig', async () => {
    const { call, actionId } = await setUp(['admin']);
    const list = await call('GET', '/api/v2/integrations/actions?pageSize=1');
    expect(list.body).toMatchObject({
      total: 1,
      pageSize: 1,
      entities: [{ id: actionId, name: 'Get Genesys Cloud User Presence', category: 'Presence Data Actions' }],
    });
    expect(list.body.entities[0].config).toBeUndefined();
    const one = await call('GET', `/api/v2/integrations/actions/${actionId}?expand=contract&includeConfig=true`);
    expect(one.body.contract.output.successSchema.properties.systemPresence.type).toBe('string');
    expect(one.body.config.request.requestUrlTemplate).toBe('/api/v2/users/${input.USER_ID}/presences/purecloud');
  });

  it("executes against the emulator itself, as the integration's OAuth client", async () => {
    const { call, actionId } = await setUp(['admin']);
    const r = await call('POST', `/api/v2/integrations/actions/${actionId}/execute`, { USER_ID: DEMO.users.alice });
    expect(r.status).toBe(200);
    const presence = await call('GET', `/api/v2/users/${DEMO.users.alice}/presences/purecloud`);
    // The action reads the same endpoint, so its output is that endpoint's systemPresence.
    expect(r.body).toEqual({ systemPresence: presence.body.presenceDefinition.systemPresence });
  });

  it('/test returns the steps; an unknown user gives a failure with the 404 from the API', async () => {
    const { call, actionId } = await setUp(['admin']);
    const t = await call('POST', `/api/v2/integrations/actions/${actionId}/test`, { USER_ID: 'no-such-user' });
    expect(t.status).toBe(200);
    expect(t.body.success).toBe(false);
    expect(t.body.operations.map((o: { name: string }) => o.name)).toContain('Execute HTTP request');
    const x = await call('POST', `/api/v2/integrations/actions/${actionId}/execute`, { USER_ID: 'no-such-user' });
    expect(x.status).toBe(404);
    expect(x.body.details[0].errorCode).toBe('ACTION.REMOTE_ENDPOINT');
  });

  it('rejects an action whose template is broken, naming the field', async () => {
    const { call } = await setUp(['admin']);
    const integrations = await call('GET', '/api/v2/integrations');
    const bad = presenceAction();
    (bad.config as { request: { requestUrlTemplate: string } }).request.requestUrlTemplate =
      '/api/v2/users/${input.USER_ID';
    const r = await call('POST', '/api/v2/integrations/actions', {
      ...bad,
      category: 'x',
      integrationId: integrations.body.entities[0].id,
    });
    expect(r.status).toBe(400);
    expect(r.body.details[0].fieldName).toBe('/config/request/requestUrlTemplate');
  });

  it.each([
    ['read-only', 200],
    ['presence', 403],
  ])("runs with the OAuth client's roles: a %s client reading a queue gets %i", async (role, status) => {
    const { call } = await setUp([role]);
    const integrations = await call('GET', '/api/v2/integrations');
    const queueAction = {
      name: 'Get Queue Name',
      config: {
        request: { requestUrlTemplate: '/api/v2/routing/queues/${input.Q}', requestType: 'GET' },
        response: { translationMap: { n: '$.name' }, successTemplate: '{"name": ${n}}' },
      },
      contract: {
        input: { inputSchema: { type: 'object' } },
        output: { successSchema: { type: 'object', properties: { name: { type: 'string' } } } },
      },
    };
    const created = await call('POST', '/api/v2/integrations/actions', {
      ...queueAction,
      category: 'x',
      integrationId: integrations.body.entities[0].id,
    });
    const r = await call('POST', `/api/v2/integrations/actions/${created.body.id}/execute`, { Q: DEMO.queues.support });
    expect(r.status).toBe(status);
    if (status === 200) expect(typeof r.body.name).toBe('string');
    else expect(r.body.code).toBe('missing.permissions');
  });
});
