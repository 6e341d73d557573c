import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../../create-emulator.ts';
import type { Emulator } from '../../create-emulator.ts';
import { DEMO } from '../seed.ts';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('divisions', () => {
  it('lists the Home division by name (as Terraform’s data source asks), reads it by id and as home', async () => {
    emu = createEmulator({ rateLimitPerMinute: 0 });
    // A client with no role at all: reading divisions takes no permission.
    const client = emu.createClient({ name: 'reader', roles: [] });
    const login = await emu.fetch('/oauth/token', {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const token = ((await login.json()) as { access_token: string }).access_token;
    const get = async (path: string) => {
      const res = await emu!.fetch(path, { headers: { Authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const byName = await get('/api/v2/authorization/divisions?name=Home&pageSize=100&pageNumber=1');
    expect(byName.status).toBe(200);
    expect(byName.body).toMatchObject({
      total: 1,
      entities: [{ id: DEMO.divisionId, name: 'Home', homeDivision: true }],
    });
    expect((await get('/api/v2/authorization/divisions?name=Sales')).body).toMatchObject({ total: 0, entities: [] });
    expect((await get('/api/v2/authorization/divisions/home')).body).toMatchObject({ id: DEMO.divisionId });
    expect((await get(`/api/v2/authorization/divisions/${DEMO.divisionId}`)).body).toMatchObject({ name: 'Home' });
    expect((await get('/api/v2/authorization/divisions/nope')).status).toBe(404);
  });
});
