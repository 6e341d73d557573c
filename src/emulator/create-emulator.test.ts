import type { Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { VirtualClock, seededIds } from '../core/index.ts';
import { createEmulator, emulatedRoutes } from './create-emulator.ts';
import { declareService } from './provider-contract.ts';
import type { Provider } from './provider-contract.ts';
import { PROVIDERS } from './services/index.ts';
import { DEMO } from './services/seed.ts';

describe('createEmulator', () => {
  it('fetch accepts a path, an absolute URL or a Request', async () => {
    const emu = createEmulator();
    const auth = { Authorization: `Bearer ${emu.adminToken()}` };
    expect((await emu.fetch('/api/v2/systempresences', { headers: auth })).status).toBe(200);
    expect((await emu.fetch('https://api.mypurecloud.com/api/v2/systempresences', { headers: auth })).status).toBe(200);
    expect(
      (await emu.fetch(new Request('http://emulator.local/api/v2/systempresences', { headers: auth }))).status,
    ).toBe(200);
    await emu.close();
  });

  it('draws correlation ids from the injected Ids', async () => {
    const a = createEmulator({ ids: seededIds(9) });
    const b = seededIds(9);
    const res = await a.fetch('/_switchboard/health');
    expect(res.headers.get('ININ-Correlation-Id')).toBe(b.uuid());
    await a.close();
  });

  it('runs attachToServer hooks before a server accepts connections, and on servers already listening', async () => {
    const emu = createEmulator();
    const seen: { server: Server; listening: boolean }[] = [];
    emu.attachToServer((server) => seen.push({ server, listening: server.listening }));
    const first = await emu.listen(0);
    expect(seen).toEqual([{ server: first.server, listening: false }]);
    const late: Server[] = [];
    emu.attachToServer((s) => late.push(s));
    expect(late).toEqual([first.server]);
    const res = await fetch(`${first.url}/_switchboard/health`);
    expect(await res.json()).toEqual({ status: 'ok', orgId: emu.orgId });
    await emu.close();
    expect(first.server.listening).toBe(false);
    await emu.close();
  });

  it('reports a port in use as an error instead of crashing', async () => {
    const a = createEmulator();
    const b = createEmulator();
    const { port } = await a.listen(0);
    await expect(b.listen(port)).rejects.toThrow(/EADDRINUSE/);
    await a.close();
    await b.close();
  });

  it('publishes its route table', async () => {
    const routes = await emulatedRoutes();
    const ops = routes.map((r) => r.operation);
    expect(ops).toContain('POST /oauth/token');
    expect(ops).toContain('GET /api/v2/presence/definitions/{definitionId}');
    expect(routes.find((r) => r.operation === 'GET /api/v2/routing/queues')?.permissions).toEqual([
      'routing:queue:view',
    ]);
  });
});

describe('the in-process fetch and other hosts', () => {
  it('refuses a request for another service with a coded error naming host, method and path', async () => {
    const emu = createEmulator({ statePath: ':memory:' });
    try {
      const err: unknown = await emu.fetch('https://api.zoom.us/v2/users/me/presence_status', { method: 'PUT' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({
        code: 'SB_EMULATOR_FOREIGN_HOST',
        details: { host: 'api.zoom.us', method: 'PUT', path: '/v2/users/me/presence_status' },
      });
      // Genesys Cloud's own API hosts and loopback are the emulator.
      for (const base of [
        'https://api.mypurecloud.com',
        'https://api.euw2.pure.cloud',
        'http://127.0.0.1:9',
        'http://emulator.local',
      ]) {
        expect((await emu.fetch(`${base}/api/v2/users`)).status).toBe(401);
      }
    } finally {
      await emu.close();
    }
  });
});

describe('provider and service lifecycle', () => {
  it('starts providers once built, tells providers and created services when an org is reset, and closes them once', async () => {
    const calls: string[] = [];
    const counter = declareService('test counter', () => ({ n: 0 }), {
      reset: (_svc, orgIds) => void calls.push(`service reset ${orgIds.length}`),
      close: () => void calls.push('service close'),
    });
    const probe: Provider = {
      name: 'probe',
      register: (app) => {
        app.get('/api/v2/probe', (c) => c.json({ n: ++c.get('services').service(counter).n }));
      },
      start: () => void calls.push('start'),
      reset: (_s, orgIds) => void calls.push(`reset ${orgIds.join()}`),
      close: () => void calls.push('close'),
    };
    const emu = createEmulator({ providers: [...PROVIDERS, probe] });
    expect(calls).toEqual(['start']);
    const auth = { Authorization: `Bearer ${emu.adminToken()}` };
    expect(await (await emu.fetch('/api/v2/probe', { headers: auth })).json()).toEqual({ n: 1 });
    expect(await (await emu.fetch('/api/v2/probe', { headers: auth })).json()).toEqual({ n: 2 });
    // One instance per emulator: another emulator counts on its own.
    const other = createEmulator({ providers: [...PROVIDERS, probe] });
    expect(
      await (await other.fetch('/api/v2/probe', { headers: { Authorization: `Bearer ${other.adminToken()}` } })).json(),
    ).toEqual({ n: 1 });
    await other.close();
    calls.length = 0;
    emu.reset();
    expect(calls).toEqual([`reset ${emu.orgId}`, 'service reset 1']);
    await emu.close();
    await emu.close();
    expect(calls).toEqual([`reset ${emu.orgId}`, 'service reset 1', 'close', 'service close']);
  });

  it("a restore stops the replaced calls' timers: none of them acts on the restored state", async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9));
    const emu = createEmulator({ clock });
    const placed = emu.simulator.placeCall({ fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } });
    // The same call, still dialing, comes back with the snapshot; the dial timer of the call it
    // replaces must not ring it.
    emu.restore(emu.snapshot());
    await clock.advance(60_000);
    const states = emu.simulator.get(placed.id)?.participants.map((p) => p.state);
    expect(states).toEqual(['dialing', 'dialing']);
    await emu.close();
  });
});
