// The Genesys client against the embedded emulator: in-process through its fetch, and on a real port.
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../src/core/index.ts';
import { createEmulator, DEMO } from '../src/emulator/index.ts';
import type { Emulator } from '../src/emulator/index.ts';
import { createGenesysClient, GenesysApiError } from '../src/genesys/index.ts';
import { drive } from './support/genesys-stub.ts';

interface UserListing {
  entities: Array<{ id: string; name: string }>;
  total?: number;
}

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('Genesys client ↔ emulator', () => {
  it('logs in through the emulator fetch (in-process) and lists the users', async () => {
    emu = createEmulator({ statePath: ':memory:' });
    const gc = createGenesysClient({ baseUrl: 'http://emulator.local', ...emu.admin, fetch: emu.fetch });
    const listing = await gc.get<UserListing>('/api/v2/users');
    expect(listing.entities.map((u) => u.id)).toEqual(expect.arrayContaining(Object.values(DEMO.users)));
    const alice = await gc.get<{ id: string; email: string }>(`/api/v2/users/${DEMO.users.alice}`);
    expect(alice).toMatchObject({ id: DEMO.users.alice, email: 'alice@example.com' });
    expect(gc.tokenRequests).toBe(1);
  });

  it("surfaces the emulator's 404 ErrorBody with the correlation id of the response", async () => {
    emu = createEmulator({ statePath: ':memory:' });
    const gc = createGenesysClient({ baseUrl: 'http://emulator.local', ...emu.admin, fetch: emu.fetch });
    const missing = '00000000-0000-4000-8000-00000000dead';
    const res = await gc.fetch(`/api/v2/users/${missing}`);
    const header = res.headers.get('ININ-Correlation-Id');
    expect(res.status).toBe(404);
    const err = await gc.get(`/api/v2/users/${missing}`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenesysApiError);
    const e = err as GenesysApiError;
    expect(e).toMatchObject({ code: 'SB_GENESYS_HTTP', status: 404, body: { code: 'not.found', status: 404 } });
    expect(e.contextId).toBe(e.body?.contextId);
    expect(header).toBe(((await res.json()) as { contextId: string }).contextId);
  });

  it('reports a client without the permission as a 403 with missing.permissions', async () => {
    emu = createEmulator({ statePath: ':memory:' });
    const weak = emu.createClient({ name: 'no-directory', permissions: ['routing:queue:view'] });
    const gc = createGenesysClient({
      baseUrl: 'http://emulator.local',
      clientId: weak.clientId,
      clientSecret: weak.clientSecret,
      fetch: emu.fetch,
    });
    const err = await gc.get('/api/v2/users').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SB_GENESYS_HTTP', status: 403, body: { code: 'missing.permissions' } });
  });

  it("rides out the emulator's injected 429 burst, waiting its Retry-After on the shared virtual clock", async () => {
    const clock = new VirtualClock();
    emu = createEmulator({ statePath: ':memory:', clock });
    emu.faults.add({ method: 'GET', path: '/api/v2/users/*', burst429: 2, retryAfterSeconds: 4 });
    const gc = createGenesysClient({ baseUrl: 'http://emulator.local', ...emu.admin, fetch: emu.fetch, clock });
    const t0 = clock.now();
    const bob = await drive(clock, gc.get<{ id: string }>(`/api/v2/users/${DEMO.users.bob}`));
    expect(bob.id).toBe(DEMO.users.bob);
    expect(clock.now() - t0).toBe(8000);
  });

  it('works over a real port with the global fetch', async () => {
    emu = createEmulator({ statePath: ':memory:' });
    const server = await emu.listen(0, '127.0.0.1');
    const gc = createGenesysClient({ baseUrl: server.url, ...emu.admin });
    const listing = await gc.get<UserListing>('/api/v2/users', { query: { pageSize: 2 } });
    expect(listing.entities).toHaveLength(2);
  });
});
