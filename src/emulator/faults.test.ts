import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../core/index.ts';
import { createEmulator } from './create-emulator.ts';
import { FaultInjector, globToRegExp } from './faults.ts';
import { SYSTEM_PRESENCE_IDS } from './services/presence/naming.ts';
import { DEMO } from './services/seed.ts';

function setup(faultSeed = 7) {
  const clock = new VirtualClock();
  const emu = createEmulator({ clock, statePath: ':memory:', faultSeed });
  const token = emu.adminToken();
  const get = (path: string, signal?: AbortSignal) =>
    emu.fetch(path, { headers: { Authorization: `Bearer ${token}` }, signal });
  return { clock, emu, get };
}

describe('fault injection', () => {
  it('globs match one segment with * and many with **', () => {
    expect(globToRegExp('/api/v2/users/*').test('/api/v2/users/abc')).toBe(true);
    expect(globToRegExp('/api/v2/users/*').test('/api/v2/users/abc/station')).toBe(false);
    expect(globToRegExp('/api/v2/**').test('/api/v2/users/abc/station')).toBe(true);
  });

  it('adds latency on the injected clock', async () => {
    const { clock, emu, get } = setup();
    emu.faults.add({ method: 'GET', path: '/api/v2/systempresences', latencyMs: 5_000 });
    let settled = false;
    const pending = get('/api/v2/systempresences').then((r) => {
      settled = true;
      return r;
    });
    await clock.advance(4_999);
    expect(settled).toBe(false);
    await clock.advance(1);
    expect((await pending).status).toBe(200);
    expect(settled).toBe(true);
  });

  it('answers the next N requests with 429 and Retry-After, then recovers', async () => {
    const { emu, get } = setup();
    emu.faults.add({ path: '/api/v2/**', burst429: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const res = await get('/api/v2/systempresences');
      expect(res.status).toBe(429);
      expect(res.headers.get('Retry-After')).toBe('7');
      expect(await res.json()).toMatchObject({
        code: 'too.many.requests.retry.after',
        message: 'Rate limit exceeded the maximum. Retry the request in [7] seconds',
      });
    }
    expect((await get('/api/v2/systempresences')).status).toBe(200);
    expect(emu.faults.list()[0]?.remaining429).toBe(0);
  });

  it('injects a deterministic 5xx rate', async () => {
    const run = async (): Promise<number[]> => {
      const { emu, get } = setup(42);
      emu.faults.add({ pathRegex: '^/api/v2/system', errorRate: 0.5, errorStatus: 502 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await get('/api/v2/systempresences')).status);
      return statuses;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    const failures = a.filter((s) => s === 502).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
    expect(a.every((s) => s === 200 || s === 502)).toBe(true);
  });

  it('leaves other methods and paths alone', async () => {
    const { emu, get } = setup();
    emu.faults.add({ method: 'PATCH', path: '/api/v2/**', errorRate: 1 });
    emu.faults.add({ path: '/api/v2/routing/**', errorRate: 1 });
    expect((await get('/api/v2/systempresences')).status).toBe(200);
    expect((await get('/api/v2/routing/queues')).status).toBe(503);
  });

  it('hangs until the caller aborts (in-process: the abandoned answer is a 499)', async () => {
    const { emu, get } = setup();
    emu.faults.add({ path: '/api/v2/users', hang: true });
    const ac = new AbortController();
    let outcome = 'pending';
    const p = get('/api/v2/users', ac.signal).then((r) => (outcome = `answered ${r.status}`));
    await new Promise((r) => setTimeout(r, 30));
    expect(outcome).toBe('pending');
    // The hang holds no other request up.
    expect((await get('/api/v2/systempresences')).status).toBe(200);
    ac.abort();
    await p;
    expect(outcome).toBe('answered 499');
  });

  it("a hung in-process request still hears the caller's abort after a garbage collection", async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const { emu, get } = setup();
    emu.faults.add({ path: '/api/v2/users', hang: true });
    const ac = new AbortController();
    const answered = get('/api/v2/users', ac.signal).then((r) => r.status);
    await new Promise((r) => setTimeout(r, 20));
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 5));
    }
    ac.abort();
    const outcome = await Promise.race([answered, new Promise((r) => setTimeout(() => r('still hanging'), 2000))]);
    expect(outcome).toBe(499);
  });

  it('hangs a real HTTP request until the client gives up', async () => {
    const { emu } = setup();
    const server = await emu.listen(0);
    try {
      emu.faults.add({ path: '/oauth/token', hang: true });
      const attempt = fetch(`${server.url}/oauth/token`, {
        method: 'POST',
        body: 'grant_type=client_credentials',
        signal: AbortSignal.timeout(150),
      });
      await expect(attempt).rejects.toThrow(/aborted|timeout/i);
      emu.faults.clear();
      const ok = await fetch(`${server.url}/_switchboard/health`);
      expect(ok.status).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it("errorAfterProcessing: the request takes effect, then the answer is a 5xx with the request's correlation id", async () => {
    const { emu, get } = setup();
    const token = emu.adminToken();
    const bob = DEMO.users.bob;
    emu.faults.add({
      method: 'PATCH',
      path: '/api/v2/users/*/presences/purecloud',
      errorRate: 1,
      errorStatus: 502,
      errorAfterProcessing: true,
      times: 1,
    });
    const lost = await emu.fetch(`/api/v2/users/${bob}/presences/purecloud`, {
      method: 'PATCH',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'ININ-Correlation-Id': 'corr-lost',
      },
      body: JSON.stringify({ presenceDefinition: { id: SYSTEM_PRESENCE_IDS.BUSY } }),
    });
    expect(lost.status).toBe(502);
    expect(lost.headers.get('ININ-Correlation-Id')).toBe('corr-lost');
    expect(await lost.json()).toMatchObject({
      code: 'bad.gateway',
      status: 502,
      contextId: 'corr-lost',
      message: expect.stringContaining('after processing it'),
    });
    const now = (await (await get(`/api/v2/users/${bob}/presences/purecloud`)).json()) as {
      presenceDefinition: { id: string };
    };
    expect(now.presenceDefinition.id).toBe(SYSTEM_PRESENCE_IDS.BUSY);
    expect(emu.faults.list()[0]?.remainingErrors).toBe(0);
  });

  it('errorAfterProcessing keeps the side effect of a create: the object exists although the caller saw 503', async () => {
    const { emu } = setup();
    const token = emu.adminToken();
    emu.faults.add({
      method: 'POST',
      path: '/api/v2/conversations/calls/user/*',
      errorRate: 1,
      errorAfterProcessing: true,
      times: 1,
    });
    const res = await emu.fetch(`/api/v2/conversations/calls/user/${DEMO.users.bob}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ phoneNumber: '+13175550100' }),
    });
    expect(res.status).toBe(503);
    expect(emu.simulator.list()).toHaveLength(1);
  });

  it('times bounds how often a rule injects its 5xx; before processing nothing takes effect', async () => {
    const { emu, get } = setup();
    emu.faults.add({ path: '/api/v2/systempresences', errorRate: 1, times: 2 });
    expect([
      (await get('/api/v2/systempresences')).status,
      (await get('/api/v2/systempresences')).status,
      (await get('/api/v2/systempresences')).status,
    ]).toEqual([503, 503, 200]);
    expect(emu.faults.list()[0]).toMatchObject({ times: 2, remainingErrors: 0 });
  });

  it('rejects malformed rules, naming the field, and changes nothing', () => {
    const f = new FaultInjector(new VirtualClock());
    expect(() => f.add({ path: '/x', errorRate: 2 })).toThrow(/errorRate" must be between 0 and 1; got 2/);
    expect(() => f.add({ path: '/x', errorStatus: 404 })).toThrow(/errorStatus" must be a 5xx status/);
    expect(() => f.add({})).toThrow(/needs "path"/);
    expect(() => f.add({ path: '/x', times: 1.5 })).toThrow(/"times" must be an integer ≥ 0; got 1.5/);
    expect(() => f.add({ path: '/x', errorAfterProcessing: 'yes' } as never)).toThrow(
      /"errorAfterProcessing" must be a boolean/,
    );
    expect(() => f.replace([{ path: '/a' }, { path: '/b', latencyMs: -1 }])).toThrow(/latencyMs/);
    expect(f.list()).toEqual([]);
  });

  it('is driven by the control API, which faults never touch', async () => {
    const { emu, get } = setup();
    const json = { 'Content-Type': 'application/json' };
    const put = await emu.fetch('/_switchboard/faults', {
      method: 'PUT',
      headers: json,
      body: JSON.stringify([{ path: '/**', errorRate: 1, errorStatus: 500 }]),
    });
    expect(put.status).toBe(200);
    expect((await get('/api/v2/systempresences')).status).toBe(500);
    expect((await emu.fetch('/_switchboard/faults')).status).toBe(200);
    const bad = await emu.fetch('/_switchboard/faults', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ path: '/x', hang: 'yes' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('"hang" must be a boolean');
    expect((await emu.fetch('/_switchboard/faults', { method: 'DELETE' })).status).toBe(204);
    expect((await get('/api/v2/systempresences')).status).toBe(200);
    expect((await emu.fetch('/_switchboard/faults/fault-99', { method: 'DELETE' })).status).toBe(404);
  });
});
