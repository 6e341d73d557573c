import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from './create-emulator.ts';
import type { Emulator } from './create-emulator.ts';
import { DEMO } from './services/seed.ts';

// Over a real port: what a client of any language sees for modeled, unmodeled and unknown routes.
describe('answers beyond the modeled routes', () => {
  let emu: Emulator;
  let base: string;
  let headers: Record<string, string>;
  beforeAll(async () => {
    emu = createEmulator({ statePath: ':memory:' });
    base = (await emu.listen(0, '127.0.0.1')).url;
    headers = { Authorization: `Bearer ${emu.adminToken()}`, 'Content-Type': 'application/json' };
  });
  afterAll(() => emu.close());

  const call = (method: string, path: string) =>
    fetch(`${base}${path}`, { method, headers, ...(method === 'GET' || method === 'HEAD' ? {} : { body: '{}' }) });

  it('a modeled operation is answered by its provider', async () => {
    const res = await call('GET', `/api/v2/users/${DEMO.users.alice}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: DEMO.users.alice });
  });

  it('a known operation the emulator does not model: 501 naming it, in the ErrorBody shape', async () => {
    const res = await call('POST', '/api/v2/outbound/campaigns');
    expect(res.status).toBe(501);
    const contextId = res.headers.get('ININ-Correlation-Id');
    expect(await res.json()).toEqual({
      message:
        'The emulator does not model the operation postOutboundCampaigns (POST /api/v2/outbound/campaigns; SDK OutboundApi.postOutboundCampaigns). ' +
        'Run this call against a real Genesys Cloud org, or add the operation to the emulator provider of its API area.',
      code: 'SB_EMULATOR_NOT_MODELED',
      status: 501,
      messageWithParams: 'The emulator does not model the operation {operationId} ({operation}; SDK {sdkMethod}).',
      messageParams: {
        operationId: 'postOutboundCampaigns',
        operation: 'POST /api/v2/outbound/campaigns',
        sdkMethod: 'OutboundApi.postOutboundCampaigns',
      },
      contextId,
      details: [],
      errors: [],
    });
  });

  it('an unmodeled method on a path a provider serves is still the catalogue operation', async () => {
    const res = await call('DELETE', `/api/v2/users/${DEMO.users.alice}`);
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({
      code: 'SB_EMULATOR_NOT_MODELED',
      messageParams: { operationId: 'deleteUser', sdkMethod: 'UsersApi.deleteUser' },
    });
  });

  it('names every SDK class of an operation tagged twice', async () => {
    const jobs = await call('GET', '/api/v2/analytics/conversations/details/jobs/j-1');
    expect(await jobs.json()).toMatchObject({
      messageParams: {
        operationId: 'getAnalyticsConversationsDetailsJob',
        sdkMethod:
          'AnalyticsApi.getAnalyticsConversationsDetailsJob / ConversationsApi.getAnalyticsConversationsDetailsJob',
      },
    });
  });

  it('a path that is no Platform API operation: 404 not.found', async () => {
    const res = await call('GET', '/api/v2/no/such/resource');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      code: 'not.found',
      status: 404,
      message: 'No Platform API resource matches GET /api/v2/no/such/resource',
      details: [],
      errors: [],
    });
  });

  it('a known path with a method no operation has: 405 with Allow', async () => {
    const res = await call('PUT', '/api/v2/systempresences');
    expect(res.status).toBe(405);
    expect(res.headers.get('Allow')).toBe('GET');
    expect(await res.json()).toMatchObject({ code: 'method.not.allowed', status: 405 });
  });

  it('still asks for a token before it says anything about a route', async () => {
    const res = await fetch(`${base}/api/v2/no/such/resource`);
    expect(res.status).toBe(401);
  });
});
