// A create whose answer is lost must never place two calls. The emulator listens on a real port;
// its fault injector answers 5xx after processing the create (the call exists, the caller does
// not know) or before it (nothing exists), and a fetch wrapper drops the connection after the
// emulator answered. No idempotency key is sent, so only reconciliation stands between a retry
// and a second call (a real org may ignore Idempotency-Key anyway).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../src/core/index.ts';
import type { Fetch } from '../src/core/index.ts';
import { DEMO, SYSTEM_PRESENCE_IDS, createEmulator } from '../src/emulator/index.ts';
import type { Emulator, ListeningEmulator } from '../src/emulator/index.ts';
import { createGenesysClient } from '../src/genesys/index.ts';
import { placeCall } from '../src/outbound/index.ts';
import type { OutboundDeps } from '../src/outbound/index.ts';

const ANSWERS = '+13175550100';
const CREATE = `/api/v2/conversations/calls/user/${DEMO.users.bob}`;
const WITH_ANALYTICS = ['directory:user:view', 'conversation:call:add', 'analytics:conversationDetail:view'];
const WITHOUT_ANALYTICS = ['directory:user:view', 'conversation:call:add'];

let emu: Emulator;
let server: ListeningEmulator;
const clock = new SystemClock();
let creates: number;

/** Outbound deps whose fetch counts the create requests that reached the wire. */
function deps(permissions: readonly string[], wrap: (f: Fetch) => Fetch = (f) => f): OutboundDeps {
  const c = emu.createClient({ name: 'CRM', permissions: [...permissions] });
  const gc = createGenesysClient({ baseUrl: server.url, clientId: c.clientId, clientSecret: c.clientSecret, clock });
  const counting: Fetch = async (input, init) => {
    if ((init?.method ?? 'GET') === 'POST' && String(input).includes('/api/v2/conversations/calls')) creates++;
    return gc.fetch(input, init);
  };
  return {
    fetch: wrap(counting),
    clock,
    defaultRegion: 'US',
    reconcile: { lookups: 2, lookupIntervalMs: 20, retryDelayMs: 20, clockSkewMs: 0 },
  };
}

function calls(): string[] {
  return emu.simulator.list().map((c) => c.id);
}

beforeAll(async () => {
  emu = createEmulator({ seed: 'demo', statePath: ':memory:' });
  server = await emu.listen(0, '127.0.0.1');
});

afterEach(() => {
  emu.faults.clear();
  emu.simulator.dispose();
  emu.reset();
  creates = 0;
});

afterAll(async () => {
  await emu.close();
});

beforeAll(() => {
  creates = 0;
});

describe('a create whose answer is lost', () => {
  it('503 after the emulator placed the call: the call is found and adopted, not placed again', async () => {
    emu.faults.add({
      method: 'POST',
      path: CREATE,
      errorRate: 1,
      errorStatus: 503,
      errorAfterProcessing: true,
      times: 1,
    });
    const call = await placeCall(deps(WITH_ANALYTICS), { from: DEMO.users.bob, to: ANSWERS });
    expect(calls()).toEqual([call.conversationId]);
    expect(call).toMatchObject({ reconciled: true, replayed: false, userId: DEMO.users.bob, e164: ANSWERS });
    expect(creates).toBe(1);
    expect(emu.faults.list()[0]?.remainingErrors).toBe(0);
  });

  it('503 before anything was placed: the lookup finds nothing, so it creates again, exactly once', async () => {
    emu.faults.add({ method: 'POST', path: CREATE, errorRate: 1, errorStatus: 503, times: 1 });
    const call = await placeCall(deps(WITH_ANALYTICS), { from: DEMO.users.bob, to: ANSWERS });
    expect(calls()).toEqual([call.conversationId]);
    expect(call.reconciled).toBe(false);
    expect(creates).toBe(2);
  });

  it('the connection drops after the emulator answered: the call is found and adopted', async () => {
    let dropped = false;
    const dropFirstCreate =
      (f: Fetch): Fetch =>
      async (input, init) => {
        const res = await f(input, init);
        if (!dropped && (init?.method ?? 'GET') === 'POST' && String(input).includes('/conversations/calls/user/')) {
          dropped = true;
          await res.body?.cancel();
          throw new TypeError('fetch failed: socket hang up');
        }
        return res;
      };
    const call = await placeCall(deps(WITH_ANALYTICS, dropFirstCreate), { from: DEMO.users.bob, to: ANSWERS });
    expect(dropped).toBe(true);
    expect(calls()).toEqual([call.conversationId]);
    expect(call.reconciled).toBe(true);
    expect(creates).toBe(1);
  });

  it('a 5xx on every attempt that places nothing gives up with SB_OUTBOUND_API after the bounded attempts', async () => {
    emu.faults.add({ method: 'POST', path: CREATE, errorRate: 1, errorStatus: 502 });
    const e = await placeCall(deps(WITH_ANALYTICS), { from: DEMO.users.bob, to: ANSWERS }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'SB_OUTBOUND_API', details: { status: 502 } });
    expect(creates).toBe(3);
    expect(calls()).toEqual([]);
  });

  it('without a way to look (no analytics permission) it refuses to create again: SB_OUTBOUND_CREATE_UNCERTAIN, one call', async () => {
    emu.faults.add({ method: 'POST', path: CREATE, errorRate: 1, errorAfterProcessing: true, times: 1 });
    const e = await placeCall(deps(WITHOUT_ANALYTICS), { from: DEMO.users.bob, to: ANSWERS }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'SB_OUTBOUND_CREATE_UNCERTAIN', status: 502 });
    expect((e as Error).message).toContain(
      'analytics: POST /api/v2/analytics/conversations/details/query answered 403',
    );
    expect(creates).toBe(1);
    expect(calls()).toHaveLength(1);
  });

  it("a user token without analytics finds the lost call among the user's active calls", async () => {
    const token = emu.issueUserToken(DEMO.users.bob, ['directory:user:view', 'conversation:conference:add']);
    emu.faults.add({
      method: 'POST',
      path: '/api/v2/conversations/calls',
      errorRate: 1,
      errorAfterProcessing: true,
      times: 1,
    });
    let posts = 0;
    const asBob: OutboundDeps = {
      baseUrl: server.url,
      fetch: (input, init) => {
        if (init?.method === 'POST' && String(input).endsWith('/api/v2/conversations/calls')) posts++;
        return fetch(input, {
          ...init,
          headers: { ...(init?.headers as Record<string, string>), Authorization: `Bearer ${token}` },
        });
      },
      grant: 'user',
      clock,
      defaultRegion: 'US',
      reconcile: { lookups: 1, clockSkewMs: 0 },
    };
    const call = await placeCall(asBob, { to: ANSWERS });
    expect(call.reconciled).toBe(true);
    expect(calls()).toEqual([call.conversationId]);
    expect(posts).toBe(1);
  });

  it('does not adopt an earlier call of the same user to the same number', async () => {
    const d = deps(WITH_ANALYTICS);
    const earlier = await placeCall(d, { from: DEMO.users.bob, to: ANSWERS });
    await new Promise((r) => setTimeout(r, 20));
    emu.faults.add({ method: 'POST', path: CREATE, errorRate: 1, times: 1 });
    const later = await placeCall(d, { from: DEMO.users.bob, to: ANSWERS });
    expect(later.conversationId).not.toBe(earlier.conversationId);
    expect(later.reconciled).toBe(false);
    expect(calls()).toEqual([earlier.conversationId, later.conversationId]);
  });
});

describe('a caller refused at create time', () => {
  it("a presence changed after the pre-check maps the emulator's 403 to SB_OUTBOUND_USER_STATE", async () => {
    const goToLunch =
      (f: Fetch): Fetch =>
      async (input, init) => {
        if ((init?.method ?? 'GET') === 'POST' && String(input).includes('/conversations/calls/user/')) {
          const admin = emu.adminToken();
          await emu.fetch(`/api/v2/users/${DEMO.users.bob}/presences/purecloud`, {
            method: 'PATCH',
            headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ presenceDefinition: { id: SYSTEM_PRESENCE_IDS.MEAL } }),
          });
        }
        return f(input, init);
      };
    const e = await placeCall(deps(WITH_ANALYTICS, goToLunch), { from: DEMO.users.bob, to: ANSWERS }).catch(
      (x: unknown) => x,
    );
    expect(e).toMatchObject({
      code: 'SB_OUTBOUND_USER_STATE',
      status: 403,
      details: { status: 403, genesysCode: 'conversation.user.presence.not.allowed' },
    });
    expect((e as Error).message).toContain('presence is Meal');
    expect(calls()).toEqual([]);
  });
});
