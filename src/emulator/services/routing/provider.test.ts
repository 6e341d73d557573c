import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../../create-emulator.ts';
import { DEMO } from '../seed.ts';
import { clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture } from '../conversations/api.test-support.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response payloads are read loosely in tests
type Json = Record<string, any>;

function setup() {
  const emu = createEmulator({ statePath: ':memory:' });
  const get = async (path: string, token = emu.adminToken()): Promise<{ status: number; body: Json }> => {
    const res = await emu.fetch(path, { headers: { Authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as Json };
  };
  return { emu, get };
}

describe('routing directory', () => {
  it('lists and filters queues', async () => {
    const { get } = setup();
    const all = await get('/api/v2/routing/queues');
    expect(all.body.entities.map((q: Json) => q.name)).toEqual(['Sales', 'Support']);
    expect((await get('/api/v2/routing/queues?name=supp*')).body.entities.map((q: Json) => q.id)).toEqual([
      DEMO.queues.support,
    ]);
    expect((await get(`/api/v2/routing/queues/${DEMO.queues.support}`)).body).toMatchObject({
      name: 'Support',
      memberCount: 3,
    });
    expect((await get('/api/v2/routing/queues/nope')).status).toBe(404);
  });

  it('queue members and group members are users', async () => {
    const { get } = setup();
    const qm = await get(`/api/v2/routing/queues/${DEMO.queues.sales}/members`);
    expect(qm.body.entities.map((m: Json) => m.user.id)).toEqual([DEMO.users.carol]);
    expect((await get(`/api/v2/groups/${DEMO.groups.pickup}`)).body).toMatchObject({
      name: 'Call Pickup',
      memberCount: 2,
    });
    const gm = await get(`/api/v2/groups/${DEMO.groups.pickup}/members`);
    expect(gm.body.entities.map((m: Json) => m.id)).toEqual([DEMO.users.alice, DEMO.users.bob]);
    expect((await get('/api/v2/groups/nope')).status).toBe(404);
  });

  it('needs routing:queue:view', async () => {
    const { emu, get } = setup();
    const token = emu.issueUserToken(DEMO.users.bob, ['directory:user:view']);
    const res = await get('/api/v2/routing/queues', token);
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('You are missing the following permission(s): [routing:queue:view]');
  });

  it('the empty seed has no queues or users but all system presences', async () => {
    const emu = createEmulator({ statePath: ':memory:', seed: 'empty' });
    const h = { headers: { Authorization: `Bearer ${emu.adminToken()}` } };
    expect(((await (await emu.fetch('/api/v2/routing/queues', h)).json()) as Json).total).toBe(0);
    expect(((await (await emu.fetch('/api/v2/users', h)).json()) as Json).total).toBe(0);
    expect(((await (await emu.fetch('/api/v2/presence/definitions', h)).json()) as Json).total).toBe(10);
  });
});

describe('queue membership', () => {
  let api: ApiFixture | undefined;
  afterEach(async () => {
    await api?.emu.close();
    api = undefined;
  });

  it('adds and removes queue members (routing:queueMember:manage), refusing a user the org lacks and an empty list', async () => {
    api = startApi();
    const members = async () =>
      (
        (await api!.call('GET', `/api/v2/routing/queues/${DEMO.queues.sales}/members`)).json.entities as Array<{
          id: string;
        }>
      ).map((m) => m.id);
    const before = await members();
    const newcomer = Object.values(DEMO.users).find((u) => !before.includes(u))!;
    expect(newcomer).toBeDefined();
    expect(
      (await api.call('POST', `/api/v2/routing/queues/${DEMO.queues.sales}/members`, [{ id: newcomer }])).status,
    ).toBe(204);
    expect(await members()).toEqual([...before, newcomer]);
    // Adding again changes nothing; delete=true removes.
    await api.call('POST', `/api/v2/routing/queues/${DEMO.queues.sales}/members`, [{ id: newcomer }]);
    expect(await members()).toEqual([...before, newcomer]);
    expect(
      (await api.call('POST', `/api/v2/routing/queues/${DEMO.queues.sales}/members?delete=true`, [{ id: newcomer }]))
        .status,
    ).toBe(204);
    expect(await members()).toEqual(before);
    const unknown = await api.call('POST', `/api/v2/routing/queues/${DEMO.queues.sales}/members`, [
      { id: newcomer },
      { id: 'nobody' },
    ]);
    expect(unknown.json).toMatchObject({
      status: 400,
      message: expect.stringContaining('[1] names user nobody, which does not exist'),
    });
    expect(await members()).toEqual(before);
    expect((await api.call('POST', `/api/v2/routing/queues/${DEMO.queues.sales}/members`, [])).status).toBe(400);
    const viewer = await clientToken(api.emu, ['routing:queue:view']);
    const denied = await api.call(
      'POST',
      `/api/v2/routing/queues/${DEMO.queues.sales}/members`,
      [{ id: newcomer }],
      viewer,
    );
    expect(denied.status).toBe(403);
    expect(denied.json.message).toContain('routing:queueMember:manage');
  });
});
