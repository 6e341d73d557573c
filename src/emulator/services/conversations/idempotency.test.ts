import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_PRESENCE_IDS } from '../presence/naming.ts';
import { DEMO } from '../seed.ts';
import { clientToken, startApi } from './api.test-support.ts';
import type { ApiFixture, Json } from './api.test-support.ts';
import { IDEMPOTENCY_TTL_MS } from '../../idempotency.ts';

let fixture: ApiFixture | undefined;

afterEach(async () => {
  await fixture?.emu.close();
  fixture = undefined;
});

const CALL_PERMS = ['conversation:call:add', 'conversation:callback:create', 'directory:user:view'];

/** A POST with an Idempotency-Key (and the given token). */
async function create(
  f: ApiFixture,
  path: string,
  body: unknown,
  key: string,
  token: string,
): Promise<{ status: number; json: Json; replayed: string | null }> {
  const res = await f.emu.fetch(path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json(), replayed: res.headers.get('Idempotent-Replayed') };
}

const callPath = `/api/v2/conversations/calls/user/${DEMO.users.bob}`;

describe('Idempotency-Key on POST /api/v2/conversations/calls/user/{userId}', () => {
  it('answers a repeated create with the first answer and creates nothing new', async () => {
    fixture = startApi();
    const token = await clientToken(fixture.emu, CALL_PERMS);
    const first = await create(fixture, callPath, { phoneNumber: '+13175550100' }, 'crm-1', token);
    expect(first.status).toBe(200);
    expect(first.replayed).toBeNull();
    await fixture.clock.advance(60_000);
    // The same request, spelled differently (key order, whitespace), is the same request.
    const again = await create(fixture, callPath, '{ "phoneNumber" : "+13175550100" }', 'crm-1', token);
    expect(again).toEqual({ status: 200, json: first.json, replayed: 'true' });
    expect(fixture.emu.simulator.list().map((c) => c.id)).toEqual([first.json.id]);
  });

  it('answers 409 when the key is reused for another body or another path, and creates nothing', async () => {
    fixture = startApi();
    const token = await clientToken(fixture.emu, CALL_PERMS);
    await create(fixture, callPath, { phoneNumber: '+13175550100' }, 'crm-2', token);
    const otherBody = await create(fixture, callPath, { phoneNumber: '+13175550101' }, 'crm-2', token);
    expect(otherBody.status).toBe(409);
    expect(otherBody.json).toMatchObject({
      code: 'idempotency.key.conflict',
      status: 409,
      details: [{ fieldName: 'Idempotency-Key' }],
    });
    expect(otherBody.json.message).toContain('"crm-2" was already used for another request');
    const otherPath = await create(
      fixture,
      `/api/v2/conversations/calls/user/${DEMO.users.carol}`,
      { phoneNumber: '+13175550100' },
      'crm-2',
      token,
    );
    expect(otherPath.status).toBe(409);
    expect(fixture.emu.simulator.list()).toHaveLength(1);
  });

  it('scopes keys to the OAuth client: another client with the same key creates its own call', async () => {
    fixture = startApi();
    const a = await clientToken(fixture.emu, CALL_PERMS);
    const b = await clientToken(fixture.emu, CALL_PERMS);
    const fromA = await create(fixture, callPath, { phoneNumber: '+13175550100' }, 'shared', a);
    const fromB = await create(fixture, callPath, { phoneNumber: '+13175550100' }, 'shared', b);
    expect(fromB.status).toBe(200);
    expect(fromB.json.id).not.toBe(fromA.json.id);
    // Two tokens of one client share the key space.
    const a2 = fixture.emu.adminToken();
    expect((await create(fixture, callPath, { phoneNumber: '+13175550100' }, 'shared', a2)).json.id).not.toBe(
      fromA.json.id,
    );
    expect(fixture.emu.simulator.list()).toHaveLength(3);
  });

  it('forgets a key after 24 hours of the injected clock', async () => {
    fixture = startApi();
    const f = fixture;
    const client = f.emu.createClient({ name: 'CRM', permissions: CALL_PERMS });
    // Tokens live 24 h too: log in again after the clock moves.
    const login = async (): Promise<string> => {
      const res = await f.emu.fetch('/oauth/token', {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
      return ((await res.json()) as { access_token: string }).access_token;
    };
    const first = await create(f, callPath, { phoneNumber: '+13175550100' }, 'daily', await login());
    await f.clock.advance(IDEMPOTENCY_TTL_MS - 1);
    const before = await create(f, callPath, { phoneNumber: '+13175550100' }, 'daily', await login());
    expect(before).toMatchObject({ status: 200, replayed: 'true', json: { id: first.json.id } });
    await f.clock.advance(1);
    const after = await create(f, callPath, { phoneNumber: '+13175550100' }, 'daily', await login());
    expect(after.status).toBe(200);
    expect(after.replayed).toBeNull();
    expect(after.json.id).not.toBe(first.json.id);
  });

  it('does not remember a refused create: once the cause is fixed, the same key places the call', async () => {
    fixture = startApi();
    const token = await clientToken(fixture.emu, CALL_PERMS);
    await fixture.call('PATCH', `/api/v2/users/${DEMO.users.bob}/presences/purecloud`, {
      presenceDefinition: { id: SYSTEM_PRESENCE_IDS.MEAL },
    });
    expect((await create(fixture, callPath, { phoneNumber: '+13175550100' }, 'after-lunch', token)).status).toBe(403);
    await fixture.call('PATCH', `/api/v2/users/${DEMO.users.bob}/presences/purecloud`, {
      presenceDefinition: { id: SYSTEM_PRESENCE_IDS.AVAILABLE },
    });
    const placed = await create(fixture, callPath, { phoneNumber: '+13175550100' }, 'after-lunch', token);
    expect(placed.status).toBe(200);
    expect(fixture.emu.simulator.list()).toHaveLength(1);
  });

  it('lets concurrent duplicates share one create', async () => {
    fixture = startApi();
    const token = await clientToken(fixture.emu, CALL_PERMS);
    const all = await Promise.all(
      [1, 2, 3].map(() => create(fixture!, callPath, { phoneNumber: '+13175550100' }, 'burst', token)),
    );
    expect(new Set(all.map((r) => r.json.id)).size).toBe(1);
    expect(all.map((r) => r.replayed).sort()).toEqual([null, 'true', 'true']);
    expect(fixture.emu.simulator.list()).toHaveLength(1);
  });

  it('keeps remembered keys in the org state (snapshot / restore)', async () => {
    fixture = startApi();
    const token = await clientToken(fixture.emu, CALL_PERMS);
    const first = await create(fixture, callPath, { phoneNumber: '+13175550100' }, 'kept', token);
    const snap = fixture.emu.snapshot();
    fixture.emu.reset();
    expect((await create(fixture, callPath, { phoneNumber: '+13175550100' }, 'other', token)).status).toBe(200);
    fixture.emu.restore(snap);
    expect((await create(fixture, callPath, { phoneNumber: '+13175550100' }, 'kept', token)).json.id).toBe(
      first.json.id,
    );
  });
});

describe('Idempotency-Key on the other creates', () => {
  it('POST /api/v2/conversations/callbacks replays its CreateCallbackResponse', async () => {
    fixture = startApi();
    const token = await clientToken(fixture.emu, CALL_PERMS);
    const body = { queueId: DEMO.queues.sales, callbackNumbers: ['+13175558888'] };
    const first = await create(fixture, '/api/v2/conversations/callbacks', body, 'cb-1', token);
    const again = await create(fixture, '/api/v2/conversations/callbacks', body, 'cb-1', token);
    expect(first.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(fixture.emu.simulator.list()).toHaveLength(1);
  });

  it('POST /api/v2/conversations/calls (user token) replays too', async () => {
    fixture = startApi();
    const bob = fixture.emu.issueUserToken(DEMO.users.bob);
    const first = await create(fixture, '/api/v2/conversations/calls', { callUserId: DEMO.users.carol }, 'me-1', bob);
    const again = await create(fixture, '/api/v2/conversations/calls', { callUserId: DEMO.users.carol }, 'me-1', bob);
    expect(again).toEqual({ ...first, replayed: 'true' });
    expect(fixture.emu.simulator.list()).toHaveLength(1);
  });
});
