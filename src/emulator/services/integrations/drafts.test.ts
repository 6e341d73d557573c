// Drafts, PATCH, schema/template files and secure actions' /test on the integrations provider,
// through the emulator's in-process fetch.
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
type Call = (
  method: string,
  path: string,
  body?: unknown,
  token?: string,
) => Promise<{ status: number; body: Body; text: string; type: string | null }>;

const ACTIONS = '/api/v2/integrations/actions';

async function setUp(): Promise<{ call: Call; integrationId: string; post: Record<string, unknown> }> {
  emu = createEmulator({ rateLimitPerMinute: 0 });
  const admin = emu.adminToken();
  const call: Call = async (method, path, body, token = admin) => {
    const res = await emu!.fetch(path, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const type = res.headers.get('content-type');
    return { status: res.status, text, type, body: text && type?.includes('json') ? JSON.parse(text) : undefined };
  };
  const client = emu.createClient({ name: 'Data actions', roles: ['admin'] });
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
  return {
    call,
    integrationId: integration.body.id,
    post: { ...presenceAction(), category: 'Presence', integrationId: integration.body.id },
  };
}

describe('action drafts', () => {
  it('create a draft, edit it with its version, publish it: the action exists only once published', async () => {
    const { call, post } = await setUp();
    const created = await call('POST', `${ACTIONS}/drafts`, post);
    expect(created.status).toBe(200);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      name: 'Get Genesys Cloud User Presence',
      category: 'Presence',
      version: 1,
      secure: false,
      selfUri: `${ACTIONS}/${id}/draft`,
    });
    expect(created.body.contract.input.inputSchema.properties.USER_ID.type).toBe('string');
    expect((await call('GET', `${ACTIONS}/${id}`)).status).toBe(404);
    expect((await call('GET', `${ACTIONS}`)).body.total).toBe(0);
    expect((await call('GET', `${ACTIONS}/${id}/draft`)).body.version).toBe(1);

    const missing = await call('PATCH', `${ACTIONS}/${id}/draft`, { name: 'Renamed' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      code: 'bad.request',
      details: [{ errorCode: 'missing.value', fieldName: 'version' }],
    });
    const edited = await call('PATCH', `${ACTIONS}/${id}/draft`, { name: 'User Presence', version: 1 });
    expect(edited.body).toMatchObject({ name: 'User Presence', version: 2 });
    const stale = await call('PATCH', `${ACTIONS}/${id}/draft`, { name: 'Again', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'conflict',
      status: 409,
      message: expect.stringContaining('does not match the current version 2'),
    });

    expect((await call('POST', `${ACTIONS}/${id}/draft/publish`, { version: 1 })).status).toBe(409);
    const published = await call('POST', `${ACTIONS}/${id}/draft/publish`, { version: 2 });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ id, name: 'User Presence', version: 1, selfUri: `${ACTIONS}/${id}` });
    expect((await call('GET', `${ACTIONS}/${id}/draft`)).status).toBe(404);
    expect((await call('GET', `${ACTIONS}/${id}`)).body.name).toBe('User Presence');
    const run = await call('POST', `${ACTIONS}/${id}/execute`, { USER_ID: DEMO.users.alice });
    expect(run.status).toBe(200);
    expect(typeof run.body.systemPresence).toBe('string');
  });

  it('a draft of a published action is tested apart from it and publishing makes the next version', async () => {
    const { call, post } = await setUp();
    const id = (await call('POST', ACTIONS, post)).body.id;
    const draft = await call('POST', `${ACTIONS}/${id}/draft`);
    expect(draft.body).toMatchObject({ id, version: 1 });
    expect((await call('POST', `${ACTIONS}/${id}/draft`)).status).toBe(400);
    const config = structuredClone(post.config) as { response: { successTemplate: string } };
    config.response.successTemplate = '{"systemPresence": ${systemPresence}, "draft": true}';
    const output = {
      successSchema: { type: 'object', properties: { systemPresence: { type: 'string' }, draft: { type: 'boolean' } } },
    };
    const patched = await call('PATCH', `${ACTIONS}/${id}/draft`, {
      version: 1,
      config,
      contract: { input: (post.contract as Body).input, output },
    });
    expect(patched.status).toBe(200);

    const draftTest = await call('POST', `${ACTIONS}/${id}/draft/test`, { USER_ID: DEMO.users.alice });
    expect(draftTest.body).toMatchObject({ success: true, finalResult: { draft: true } });
    const publishedTest = await call('POST', `${ACTIONS}/${id}/test`, { USER_ID: DEMO.users.alice });
    expect(publishedTest.body.success).toBe(true);
    expect(publishedTest.body.finalResult.draft).toBeUndefined();
    expect((await call('GET', `${ACTIONS}/${id}/draft/templates/successtemplate.vm`)).text).toBe(
      config.response.successTemplate,
    );

    const published = await call('POST', `${ACTIONS}/${id}/draft/publish`, { version: 2 });
    expect(published.body.version).toBe(2);
    expect((await call('POST', `${ACTIONS}/${id}/execute`, { USER_ID: DEMO.users.alice })).body.draft).toBe(true);
  });

  it('a draft re-created at version 1 runs its own config, not an earlier draft of the same id and version', async () => {
    const { call, post } = await setUp();
    const id = (await call('POST', ACTIONS, post)).body.id;
    expect((await call('POST', `${ACTIONS}/${id}/draft`)).body.version).toBe(1);
    expect(
      (await call('POST', `${ACTIONS}/${id}/draft/test`, { USER_ID: DEMO.users.alice })).body.finalResult.marker,
    ).toBeUndefined();
    expect((await call('DELETE', `${ACTIONS}/${id}/draft`)).status).toBe(204);

    const config = structuredClone(post.config) as { response: { successTemplate: string } };
    config.response.successTemplate = '{"systemPresence": ${systemPresence}, "marker": "second"}';
    expect((await call('PATCH', `${ACTIONS}/${id}`, { version: 1, config })).status).toBe(200);
    const again = await call('POST', `${ACTIONS}/${id}/draft`);
    expect(again.body.version).toBe(1);
    const test = await call('POST', `${ACTIONS}/${id}/draft/test`, { USER_ID: DEMO.users.alice });
    expect(test.body).toMatchObject({ success: true, finalResult: { marker: 'second' } });
  });

  it('DELETE removes a draft; a draft of an unknown action is a 404 with a Genesys body', async () => {
    const { call, post } = await setUp();
    const id = (await call('POST', `${ACTIONS}/drafts`, post)).body.id;
    expect((await call('DELETE', `${ACTIONS}/${id}/draft`)).status).toBe(204);
    const gone = await call('GET', `${ACTIONS}/${id}/draft`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ code: 'not.found', status: 404, contextId: expect.any(String) });
    expect((await call('POST', `${ACTIONS}/no-such-action/draft/test`, {})).status).toBe(404);
  });

  it('a draft is checked like an action: a broken template is a 400 naming the field', async () => {
    const { call, post } = await setUp();
    const id = (await call('POST', `${ACTIONS}/drafts`, post)).body.id;
    const config = structuredClone(post.config) as { request: { requestUrlTemplate: string } };
    config.request.requestUrlTemplate = '/api/v2/users/${input.USER_ID';
    const r = await call('PATCH', `${ACTIONS}/${id}/draft`, { version: 1, config });
    expect(r.status).toBe(400);
    expect(r.body.details[0].fieldName).toBe('/config/request/requestUrlTemplate');
    expect((await call('GET', `${ACTIONS}/${id}/draft`)).body.version).toBe(1);
  });
});

describe('PATCH an action', () => {
  it('renames with the current version, answers 409 on a stale one and refuses contract changes', async () => {
    const { call, post } = await setUp();
    const id = (await call('POST', ACTIONS, post)).body.id;
    const renamed = await call('PATCH', `${ACTIONS}/${id}`, { name: 'Presence', category: 'People', version: 1 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Presence', category: 'People', version: 2 });
    expect((await call('GET', `${ACTIONS}/${id}`)).body).toMatchObject({ name: 'Presence', version: 2 });
    const stale = await call('PATCH', `${ACTIONS}/${id}`, { name: 'X', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.entityId).toBe(id);
    const contract = await call('PATCH', `${ACTIONS}/${id}`, { version: 2, contract: post.contract });
    expect(contract.status).toBe(400);
    expect(contract.body.details[0].fieldName).toBe('contract');
    expect((await call('PATCH', `${ACTIONS}/${id}`, { version: 2, name: '' })).body.details[0]).toEqual({
      errorCode: 'invalid.value',
      fieldName: 'name',
    });
  });

  it('needs integrations:action:edit', async () => {
    const { call, post } = await setUp();
    const id = (await call('POST', ACTIONS, post)).body.id;
    const viewer = emu!.issueUserToken(DEMO.users.alice, ['integrations:action:view']);
    const r = await call('PATCH', `${ACTIONS}/${id}`, { name: 'Presence', version: 1 }, viewer);
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('missing.permissions');
    expect((await call('GET', `${ACTIONS}/${id}/schemas/inputschema.json`, undefined, viewer)).status).toBe(200);
    expect((await call('POST', `${ACTIONS}/drafts`, post, viewer)).status).toBe(403);
  });
});

describe('schema and template files', () => {
  it('serves the contract schemas as JSON and the templates as text, with defaults', async () => {
    const { call, post } = await setUp();
    const id = (await call('POST', ACTIONS, post)).body.id;
    const contract = post.contract as { input: { inputSchema: unknown }; output: { successSchema: unknown } };
    expect((await call('GET', `${ACTIONS}/${id}/schemas/inputschema.json`)).body).toEqual(contract.input.inputSchema);
    expect((await call('GET', `${ACTIONS}/${id}/schemas/successschema.json`)).body).toEqual(
      contract.output.successSchema,
    );
    expect((await call('GET', `${ACTIONS}/${id}/schemas/${id}.input.json`)).body).toEqual(contract.input.inputSchema);
    const unknown = await call('GET', `${ACTIONS}/${id}/schemas/errorschema.json`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('errorschema.json');

    const success = await call('GET', `${ACTIONS}/${id}/templates/successtemplate.vm`);
    expect(success.type).toContain('text/plain');
    expect(success.text).toBe('{"systemPresence": ${systemPresence}}');
    expect((await call('GET', `${ACTIONS}/${id}/templates/requesttemplate.vm`)).text).toBe('${input.rawRequest}');
    expect((await call('GET', `${ACTIONS}/${id}/templates/other.vm`)).status).toBe(404);

    // Without a success template in the config, the engine's pass-through default is served.
    const bare = {
      ...post,
      name: 'Bare',
      config: { request: { requestUrlTemplate: '/api/v2/users/me', requestType: 'GET' }, response: {} },
    };
    const bareId = (await call('POST', ACTIONS, bare)).body.id;
    expect((await call('GET', `${ACTIONS}/${bareId}/templates/successtemplate.vm`)).text).toBe('${rawResult}');
  });
});

describe('secure actions on the emulator', () => {
  it('/execute returns the real output, /test a redacted TestExecutionResult', async () => {
    const { call, post } = await setUp();
    const id = (await call('POST', ACTIONS, { ...post, secure: true })).body.id;
    expect((await call('GET', `${ACTIONS}/${id}`)).body.secure).toBe(true);
    const presence = await call('GET', `/api/v2/users/${DEMO.users.alice}/presences/purecloud`);
    const real = presence.body.presenceDefinition.systemPresence;
    expect((await call('POST', `${ACTIONS}/${id}/execute`, { USER_ID: DEMO.users.alice })).body).toEqual({
      systemPresence: real,
    });

    const test = await call('POST', `${ACTIONS}/${id}/test`, { USER_ID: DEMO.users.alice });
    expect(test.body).toMatchObject({ success: true, finalResult: { systemPresence: '[secure]' } });
    expect(test.text).not.toContain(DEMO.users.alice);
    expect(test.text).not.toContain(`"${real}"`);
    const http = test.body.operations.find((o: Body) => o.name === 'Execute HTTP request');
    expect(http.result).toMatchObject({ method: 'GET', status: 200, body: '[secure]' });
  });
});
