import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../../create-emulator.ts';
import type { Emulator } from '../../create-emulator.ts';
import type { Fetch } from '../../../core/index.ts';

// Response bodies are arbitrary Genesys JSON read field by field in assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

let emu: Emulator | undefined;
let server: Server | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A real HTTP service standing for a customer's CRM: it issues tokens and answers customers. */
async function crm(): Promise<{ origin: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let s = '';
      req.on('data', (c: Buffer) => (s += c.toString()));
      req.on('end', () => resolve(s));
    });
  server = createServer((req, res) => {
    void read(req).then((body) => {
      seen.push({ method: req.method!, path: req.url!, authorization: req.headers.authorization, body });
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify(
          req.url === '/oauth/token'
            ? { access_token: 'tok-123', expires_in: 3600 }
            : { id: req.url!.split('/').pop(), tier: 'gold' },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

async function setUp(thirdParty?: Fetch) {
  emu = createEmulator({ rateLimitPerMinute: 0, ...(thirdParty ? { thirdParty } : {}) });
  const admin = emu.adminToken();
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> => {
    const res = await emu!.fetch(path, {
      method,
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return { call };
}

async function webServicesIntegration(
  call: Awaited<ReturnType<typeof setUp>>['call'],
  credential: { type: string; fields: Record<string, string> },
): Promise<string> {
  const cred = await call('POST', '/api/v2/integrations/credentials', {
    name: 'CRM',
    type: { name: credential.type },
    credentialFields: credential.fields,
  });
  expect(cred.status).toBe(200);
  const integration = await call('POST', '/api/v2/integrations', {
    integrationType: { id: 'custom-rest-actions' },
    name: 'CRM',
  });
  const config = await call('PUT', `/api/v2/integrations/${integration.body.id}/config/current`, {
    name: 'CRM',
    credentials: { [credential.type]: { id: cred.body.id } },
  });
  expect(config.status).toBe(200);
  expect(config.body.credentials).toEqual({ [credential.type]: { id: cred.body.id } });
  return integration.body.id as string;
}

const customerAction = (integrationId: string, url: string, headers: Record<string, string> = {}) => ({
  name: 'Get Customer Tier',
  category: 'CRM',
  integrationId,
  config: {
    request: { requestUrlTemplate: url, requestType: 'GET', headers },
    response: { translationMap: { tier: '$.tier' }, successTemplate: '{"tier": ${tier}}' },
  },
  contract: {
    input: { inputSchema: { type: 'object', properties: { id: { type: 'string' } } } },
    output: { successSchema: { type: 'object', properties: { tier: { type: 'string' } } } },
  },
});

describe('web services data actions run by the emulator', () => {
  it('sends a Basic Auth action to the third-party host through the emulator’s third-party fetch', async () => {
    const { origin, seen } = await crm();
    const { call } = await setUp(fetch);
    const integrationId = await webServicesIntegration(call, {
      type: 'basicAuth',
      fields: { userName: 'svc', password: 'pw' },
    });
    const action = await call(
      'POST',
      '/api/v2/integrations/actions',
      customerAction(integrationId, `${origin}/customers/\${input.id}`),
    );
    const r = await call('POST', `/api/v2/integrations/actions/${action.body.id}/execute`, { id: 'c42' });
    expect(r).toEqual({ status: 200, body: { tier: 'gold' } });
    expect(seen).toEqual([
      {
        method: 'GET',
        path: '/customers/c42',
        authorization: `Basic ${Buffer.from('svc:pw').toString('base64')}`,
        body: '',
      },
    ]);
  });

  it('creates the custom auth action of a User Defined (OAuth) integration and runs it before the action', async () => {
    const { origin, seen } = await crm();
    const { call } = await setUp(fetch);
    const integrationId = await webServicesIntegration(call, {
      type: 'userDefinedOAuth',
      fields: { loginUrl: `${origin}/oauth/token`, clientId: 'sb', clientSecret: 's3cret' },
    });
    const authId = `customAuth_-_${integrationId}`;
    const auth = await call('GET', `/api/v2/integrations/actions/${authId}?includeConfig=true`);
    expect(auth.status).toBe(200);
    expect(auth.body.integrationId).toBe(integrationId);
    const edited = await call('PATCH', `/api/v2/integrations/actions/${authId}`, {
      version: auth.body.version,
      config: {
        request: {
          requestUrlTemplate: '${credentials.loginUrl}',
          requestType: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          requestTemplate:
            'grant_type=client_credentials&client_id=${credentials.clientId}&client_secret=${credentials.clientSecret}',
        },
        response: { translationMap: {}, successTemplate: '${rawResult}' },
      },
    });
    expect(edited.status).toBe(200);
    const action = await call(
      'POST',
      '/api/v2/integrations/actions',
      customerAction(integrationId, `${origin}/customers/\${input.id}`, {
        Authorization: 'Bearer ${authResponse.access_token}',
      }),
    );
    for (const id of ['c1', 'c2']) {
      const r = await call('POST', `/api/v2/integrations/actions/${action.body.id}/execute`, { id });
      expect(r).toEqual({ status: 200, body: { tier: 'gold' } });
    }
    // One token request for both runs: the auth response is shared by the integration's actions.
    expect(seen.map((s) => [s.method, s.path, s.authorization])).toEqual([
      ['POST', '/oauth/token', undefined],
      ['GET', '/customers/c1', 'Bearer tok-123'],
      ['GET', '/customers/c2', 'Bearer tok-123'],
    ]);
    expect(seen[0]!.body).toContain('client_secret=s3cret');
  });

  it('refuses a third-party request without a third-party fetch, naming the host', async () => {
    const { call } = await setUp();
    const integrationId = await webServicesIntegration(call, { type: 'userDefined', fields: { apiKey: 'k' } });
    const action = await call(
      'POST',
      '/api/v2/integrations/actions',
      customerAction(integrationId, 'https://crm.example.com/customers/${input.id}?key=${credentials.apiKey}'),
    );
    const r = await call('POST', `/api/v2/integrations/actions/${action.body.id}/execute`, { id: 'c1' });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.body.message).toContain('crm.example.com');
  });

  it('checks credential types and their fields, and the credential a configuration names', async () => {
    const { call } = await setUp();
    const unknown = await call('POST', '/api/v2/integrations/credentials', { name: 'x', type: { name: 'kerberos' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('basicAuth');
    const noPassword = await call('POST', '/api/v2/integrations/credentials', {
      name: 'x',
      type: { name: 'basicAuth' },
      credentialFields: { userName: 'u' },
    });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.details).toEqual([{ errorCode: 'missing.value', fieldName: 'credentialFields.password' }]);
    const types = await call('GET', '/api/v2/integrations/credentials/types');
    expect(types.body.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['pureCloudOAuthClient', 'basicAuth', 'userDefined', 'userDefinedOAuth']),
    );
    const cred = await call('POST', '/api/v2/integrations/credentials', {
      name: 'key',
      type: { name: 'userDefined' },
      credentialFields: { apiKey: 'k', apiSecret: 'hidden' },
    });
    const shown = await call('GET', `/api/v2/integrations/credentials/${cred.body.id}`);
    expect(shown.body.credentialFields).toEqual({ apiKey: 'k' });
    const integration = await call('POST', '/api/v2/integrations', { integrationType: { id: 'custom-rest-actions' } });
    const wrongKey = await call('PUT', `/api/v2/integrations/${integration.body.id}/config/current`, {
      credentials: { basicAuth: { id: cred.body.id } },
    });
    expect(wrongKey.status).toBe(400);
    expect(wrongKey.body.details[0].fieldName).toBe('credentials.basicAuth');
  });
});
