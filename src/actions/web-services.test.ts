import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SystemClock } from '../core/index.ts';
import type { Fetch } from '../core/index.ts';
import { compileAction } from './compile.ts';
import { executeAction } from './execute.ts';
import { isGenesysUrl } from './request-target.ts';
import { loadAction, loadAuthAction } from './load.ts';
import { createIntegrationAuth } from './web-services.ts';

const clock = new SystemClock();

// A customer's own REST service on a real port: a token endpoint and a resource that wants the token.
const seen: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];
let tokens = 0;
let valid = new Set<string>();
let base = '';
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const send = (status: number, value: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.url === '/oauth/token') {
      const form = new URLSearchParams(body);
      if (form.get('client_secret') !== 's3cret-value') return send(400, { error: 'invalid_client' });
      const token = `token-${++tokens}-abcdefgh`;
      valid.add(token);
      return send(200, { access_token: token, token_type: 'Bearer' });
    }
    if (req.url?.startsWith('/crm/customers/')) {
      const auth = req.headers.authorization ?? '';
      const key = req.headers['x-api-key'];
      if (auth.startsWith('Bearer ') && !valid.has(auth.slice(7))) return send(401, { error: 'expired' });
      return send(200, { id: req.url.split('/').pop(), tier: 'gold', auth, key: key ?? null });
    }
    send(404, { message: 'no such route' });
  });
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => {
  seen.length = 0;
  tokens = 0;
  valid = new Set();
});

const genesys: Fetch = () => Promise.reject(new Error('a third-party request must not reach the Genesys fetch'));
const customer = (url: string, headers: Record<string, string> = {}) =>
  compileAction(
    loadAction({
      name: 'Get Customer',
      integrationType: 'custom-rest-actions',
      config: {
        request: { requestUrlTemplate: url, requestType: 'GET', headers },
        response: {
          translationMap: { tier: '$.tier', auth: '$.auth' },
          successTemplate: '{"tier": ${tier}, "auth": ${auth}}',
        },
      },
      contract: {
        input: { inputSchema: { type: 'object', properties: { id: { type: 'string' } } } },
        output: {
          successSchema: { type: 'object', properties: { tier: { type: 'string' }, auth: { type: 'string' } } },
        },
      },
    }),
  );
const authAction = compileAction(
  loadAuthAction({
    name: 'Custom Auth',
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
  }),
);

describe('web services data actions: credentials', () => {
  it('Basic Auth sends the Basic header with every request, and the trace hides it', async () => {
    const auth = createIntegrationAuth({ type: 'basicAuth', fields: { userName: 'svc-user', password: 'pa55word' } });
    const r = await executeAction(
      customer(`${base}/crm/customers/\${input.id}`),
      { id: '42' },
      { fetch: genesys, thirdParty: fetch, clock, auth },
    );
    expect(r.status).toBe('success');
    expect(r.outputs.auth).toBe(`Basic ${Buffer.from('svc-user:pa55word').toString('base64')}`);
    expect(r.trace.request?.headers.Authorization).toBe('Basic [credential]');
    expect(r.trace.response?.route).toBe('passthrough');
  });

  it('User Defined fields render as ${credentials.*} in the URL and headers, and the trace hides their values', async () => {
    const auth = createIntegrationAuth({ type: 'userDefined', fields: { baseUrl: base, apiKey: 'key-1234567' } });
    const r = await executeAction(
      customer('${credentials.baseUrl}/crm/customers/${input.id}', { 'X-Api-Key': '${credentials.apiKey}' }),
      { id: '7' },
      { fetch: genesys, thirdParty: fetch, clock, auth },
    );
    expect(r.status).toBe('success');
    expect(seen[0]?.headers['x-api-key']).toBe('key-1234567');
    expect(r.trace.request?.headers['X-Api-Key']).toBe('[credential]');
    expect(r.trace.request?.url).toBe('[credential]/crm/customers/7');
  });

  it('User Defined (OAuth): the custom auth action runs once, its output is ${authResponse.*}, and a 401 fetches it again once', async () => {
    const auth = createIntegrationAuth({
      type: 'userDefinedOAuth',
      fields: { loginUrl: `${base}/oauth/token`, clientId: 'crm-app', clientSecret: 's3cret-value' },
      authAction,
    });
    const action = customer(`${base}/crm/customers/\${input.id}`, {
      Authorization: 'Bearer ${authResponse.access_token}',
    });
    const opts = { fetch: genesys, thirdParty: fetch, clock, auth };
    const first = await executeAction(action, { id: '1' }, opts);
    const second = await executeAction(action, { id: '2' }, opts);
    expect([first.outputs.auth, second.outputs.auth]).toEqual(['Bearer token-1-abcdefgh', 'Bearer token-1-abcdefgh']);
    expect(seen.filter((s) => s.url === '/oauth/token')).toHaveLength(1);
    expect(seen[0]?.body).toBe('grant_type=client_credentials&client_id=crm-app&client_secret=s3cret-value');
    expect(first.trace.request?.headers.Authorization).toBe('Bearer [credential]');

    valid.clear(); // the service revokes the token
    const third = await executeAction(action, { id: '3' }, opts);
    expect(third.status).toBe('success');
    expect(third.outputs.auth).toBe('Bearer token-2-abcdefgh');
    expect(seen.map((s) => s.url)).toEqual([
      '/oauth/token',
      '/crm/customers/1',
      '/crm/customers/2',
      '/crm/customers/3',
      '/oauth/token',
      '/crm/customers/3',
    ]);
  });

  it('a failing custom auth action fails the action with SB_ACTION_AUTH_FAILED and sends nothing else', async () => {
    const auth = createIntegrationAuth({
      type: 'userDefinedOAuth',
      fields: { loginUrl: `${base}/oauth/token`, clientId: 'crm-app', clientSecret: 'wrong' },
      authAction,
    });
    const r = await executeAction(
      customer(`${base}/crm/customers/\${input.id}`, { Authorization: 'Bearer ${authResponse.access_token}' }),
      { id: '1' },
      { fetch: genesys, thirdParty: fetch, clock, auth },
    );
    expect(r.status).toBe('failure');
    expect(r.trace.failure?.code).toBe('SB_ACTION_AUTH_FAILED');
    expect(r.trace.failure?.message).toContain('"Custom Auth" failed');
    expect(r.transient).toBeUndefined();
    expect(seen.map((s) => s.url)).toEqual(['/oauth/token']);
  });

  it('User Defined (OAuth) without its auth action, or Basic Auth without a user name, is refused', () => {
    expect(() => createIntegrationAuth({ type: 'userDefinedOAuth', fields: {} })).toThrow(/custom auth action/);
    expect(() => createIntegrationAuth({ type: 'basicAuth', fields: { password: 'x' } })).toThrow(/userName/);
  });

  it('sends Genesys Cloud URLs to the Genesys fetch and everything else to the third-party fetch', async () => {
    expect(isGenesysUrl('/api/v2/users/me')).toBe(true);
    expect(isGenesysUrl('https://api.usw2.pure.cloud/api/v2/users')).toBe(true);
    expect(isGenesysUrl('https://api.mypurecloud.de/api/v2/users')).toBe(true);
    expect(isGenesysUrl('http://127.0.0.1:9000/api/v2/users', 'http://127.0.0.1:9000')).toBe(true);
    expect(isGenesysUrl('https://api.mypurecloud.com.evil.example/x')).toBe(false);
    expect(isGenesysUrl('https://login.salesforce.com/services/oauth2/token')).toBe(false);
    // A Genesys chat webhook takes no Platform API token: it is mocked or passed through like any host.
    expect(isGenesysUrl('https://apps.mypurecloud.com/webhooks/api/v1/webhook/abc')).toBe(false);
    const used: string[] = [];
    const org: Fetch = (input) => (
      used.push(`genesys ${String(input)}`),
      Promise.resolve(Response.json({ tier: 'org', auth: '' }))
    );
    const other: Fetch = (input) => (
      used.push(`third-party ${String(input)}`),
      Promise.resolve(Response.json({ tier: 'other', auth: '' }))
    );
    await executeAction(
      customer('/api/v2/external/${input.id}'),
      { id: 'a' },
      { fetch: org, thirdParty: other, clock },
    );
    await executeAction(
      customer('https://crm.example.com/c/${input.id}'),
      { id: 'b' },
      { fetch: org, thirdParty: other, clock },
    );
    expect(used).toEqual(['genesys /api/v2/external/a', 'third-party https://crm.example.com/c/b']);
  });

  it('a catalogue integration (Salesforce, AWS Lambda …) addresses its own service, not Genesys Cloud, so a mock can answer it', async () => {
    const seenUrls: string[] = [];
    const other: Fetch = (input, init) => (
      seenUrls.push(`${init?.method} ${String(input)} ${init?.body ?? ''}`.trim()),
      Promise.resolve(Response.json({ tier: 'platinum', auth: '' }))
    );
    const of = (integrationType: string, url: string, requestType = 'GET') =>
      compileAction(
        loadAction({
          name: 'Lookup',
          integrationType,
          config: {
            request: { requestUrlTemplate: url, requestType, headers: {} },
            response: { translationMap: { tier: '$.tier' }, successTemplate: '{"tier": ${tier}}' },
          },
          contract: { input: { inputSchema: { type: 'object' } }, output: { successSchema: { type: 'object' } } },
        }),
      );
    await executeAction(
      of('salesforce-datadip', '/services/data/v59.0/sobjects/Contact/${input.id}'),
      { id: '003' },
      { fetch: genesys, thirdParty: other, clock },
    );
    const lambda = await executeAction(
      of('aws-lambda-data-actions', 'arn:aws:lambda:us-east-1:123456789012:function:tier', 'POST'),
      { id: '9' },
      { fetch: genesys, thirdParty: other, clock },
    );
    expect(seenUrls).toEqual([
      'GET https://salesforce-datadip.integration.invalid/services/data/v59.0/sobjects/Contact/003',
      'POST https://aws-lambda-data-actions.integration.invalid/arn:aws:lambda:us-east-1:123456789012:function:tier {"id":"9"}',
    ]);
    expect(lambda.outputs).toEqual({ tier: 'platinum' });
  });

  it('a Salesforce action has $salesforce.escReserved, which escapes SOSL reserved characters; other actions do not', async () => {
    const seenUrls: string[] = [];
    const other: Fetch = (input) => (
      seenUrls.push(decodeURIComponent(String(input))),
      Promise.resolve(Response.json({}))
    );
    const search = (integrationType: string) =>
      compileAction(
        loadAction({
          name: 'Search',
          integrationType,
          config: {
            request: {
              requestUrlTemplate: 'https://crm.example.com/search/?q=FIND {$salesforce.escReserved(${input.q})}',
              requestType: 'GET',
              headers: {},
            },
            response: { translationMap: {}, successTemplate: '{}' },
          },
          contract: { input: { inputSchema: { type: 'object' } }, output: { successSchema: { type: 'object' } } },
        }),
      );
    await executeAction(
      search('salesforce-datadip'),
      { q: '+1 (317) 555-0100' },
      { fetch: genesys, thirdParty: other, clock },
    );
    await executeAction(search('custom-rest-actions'), { q: 'x' }, { fetch: genesys, thirdParty: other, clock });
    expect(seenUrls[0]).toContain('FIND {\\+1 \\(317\\) 555\\-0100}');
    // Velocity renders an unknown reference as its source text, arguments included.
    expect(seenUrls[1]).toContain('$salesforce.escReserved(${input.q})');
  });

  it('hides an Authorization header a template builds, whatever its source, in the trace only', async () => {
    const sent: string[] = [];
    const other: Fetch = (_input, init) => (
      sent.push(new Headers(init?.headers).get('authorization') ?? ''),
      Promise.resolve(Response.json({}))
    );
    const action = compileAction(
      loadAction({
        name: 'Token',
        integrationType: 'custom-rest-actions',
        config: {
          request: {
            requestUrlTemplate: 'https://crm.example.com/x',
            requestType: 'GET',
            headers: { Authorization: 'Basic $encoding.base64Encode("${input.id}:${input.secret}")' },
          },
          response: { translationMap: {}, successTemplate: '{}' },
        },
        contract: { input: { inputSchema: { type: 'object' } }, output: { successSchema: { type: 'object' } } },
      }),
    );
    const r = await executeAction(
      action,
      { id: 'app', secret: 'hunter22' },
      { fetch: genesys, thirdParty: other, clock },
    );
    expect(sent).toEqual([`Basic ${Buffer.from('app:hunter22').toString('base64')}`]);
    expect(r.trace.request?.headers.Authorization).toBe('Basic [credential]');
    expect(JSON.stringify(r.trace)).not.toContain(Buffer.from('app:hunter22').toString('base64'));
  });

  it('refuses an action using ${credentials.*} or ${authResponse.*} without them, before sending anything', async () => {
    const sent: string[] = [];
    const other: Fetch = (input) => (sent.push(String(input)), Promise.resolve(Response.json({})));
    const using = (header: string) =>
      compileAction(
        loadAction({
          name: 'Needs auth',
          integrationType: 'custom-rest-actions',
          config: {
            request: {
              requestUrlTemplate: 'https://crm.example.com/x',
              requestType: 'GET',
              headers: { Authorization: header },
            },
            response: { translationMap: {}, successTemplate: '{}' },
          },
          contract: { input: { inputSchema: { type: 'object' } }, output: { successSchema: { type: 'object' } } },
        }),
      );
    const noCredentials = await executeAction(
      using('Key ${credentials.apiKey}'),
      {},
      { fetch: genesys, thirdParty: other, clock },
    );
    expect(noCredentials.status).toBe('failure');
    expect(noCredentials.trace.failure?.code).toBe('SB_ACTION_CREDENTIALS_MISSING');
    const userDefined = createIntegrationAuth({ type: 'userDefined', fields: { apiKey: 'k' } });
    const noAuthAction = await executeAction(
      using('Bearer ${authResponse.access_token}'),
      {},
      { fetch: genesys, thirdParty: other, clock, auth: userDefined },
    );
    expect(noAuthAction.trace.failure?.message).toContain(
      'uses ${authResponse.…} and runs without a User Defined (OAuth) credential',
    );
    expect(sent).toEqual([]);
  });
});
