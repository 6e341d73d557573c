import { afterEach, describe, expect, it } from 'vitest';
import { startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';
import { DEMO } from '../seed.ts';

let f: ApiFixture | undefined;
afterEach(async () => {
  await f?.emu.close();
  f = undefined;
});

const alice = DEMO.users.alice;
const support = DEMO.queues.support;

describe("a user's queues: join and unjoin", () => {
  it('unjoins one queue; the user, the queue members and the queue all show it', async () => {
    f = startApi();
    const res = await f.call('PATCH', `/api/v2/users/${alice}/queues/${support}`, { joined: false });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: support,
      name: 'Support',
      joined: false,
      memberCount: 3,
      joinedMemberCount: 2,
    });
    const mine = await f.call('GET', `/api/v2/users/${alice}/queues`);
    expect(mine.json.entities.map((q: Json) => [q.name, q.joined])).toEqual([['Support', false]]);
    expect(mine.json).toMatchObject({ total: 1, pageNumber: 1, pageSize: 25 });
    expect((await f.call('GET', `/api/v2/users/${alice}/queues?joined=true`)).json.entities).toEqual([]);
    const members = await f.call('GET', `/api/v2/routing/queues/${support}/members`);
    const flags = Object.fromEntries(members.json.entities.map((m: Json) => [m.id, m.joined]));
    expect(flags).toEqual({ [alice]: false, [DEMO.users.bob]: true, [DEMO.users.dave]: true });
    expect((await f.call('GET', `/api/v2/routing/queues/${support}`)).json.joinedMemberCount).toBe(2);
  });

  it('joins and unjoins several at once and answers the queues it named', async () => {
    f = startApi();
    await f.call('POST', `/api/v2/routing/queues/${DEMO.queues.sales}/members`, [{ id: alice }]);
    const res = await f.call('PATCH', `/api/v2/users/${alice}/queues`, [
      { id: support, joined: false },
      { id: DEMO.queues.sales, joined: false },
    ]);
    expect(res.status).toBe(200);
    expect(res.json.entities.map((q: Json) => [q.name, q.joined])).toEqual([
      ['Support', false],
      ['Sales', false],
    ]);
    await f.call('PATCH', `/api/v2/users/${alice}/queues`, [{ id: DEMO.queues.sales, joined: true }]);
    const joined = await f.call('GET', `/api/v2/users/${alice}/queues?joined=true`);
    expect(joined.json.entities.map((q: Json) => q.name)).toEqual(['Sales']);
  });

  it('an unjoined member is not offered the queue’s calls; rejoining offers them again', async () => {
    f = startApi();
    const sales = DEMO.queues.sales;
    await f.call('POST', `/api/v2/routing/queues/${sales}/members`, [{ id: alice }]);
    await f.call('PATCH', `/api/v2/users/${alice}/queues/${sales}`, { joined: false });
    const conv = (
      await f.call('POST', '/_switchboard/simulator/inbound-calls', { ani: '+13175557771', queueId: sales })
    ).json;
    const refused = await f.call('POST', `/_switchboard/simulator/conversations/${conv.id}/route-next`);
    expect(refused.status).toBe(400);
    await f.call('PATCH', `/api/v2/users/${alice}/queues/${sales}`, { joined: true });
    const offered = await f.call('POST', `/_switchboard/simulator/conversations/${conv.id}/route-next`);
    expect(offered.json.participants.at(-1)).toMatchObject({ purpose: 'agent', userId: alice });
  });

  it('names the bad field, 404s an unknown user, queue or membership, and needs a permission', async () => {
    f = startApi();
    const noFlag = await f.call('PATCH', `/api/v2/users/${alice}/queues/${support}`, { joined: 'yes' });
    expect(noFlag.status).toBe(400);
    expect(noFlag.json.details[0].fieldName).toBe('joined');
    const notMine = await f.call('PATCH', `/api/v2/users/${alice}/queues`, [
      { id: support, joined: true },
      { id: DEMO.queues.sales, joined: true },
    ]);
    expect(notMine.status).toBe(400);
    expect(notMine.json.details[0].fieldName).toBe('[1].id');
    expect(notMine.json.message).toContain('not a member');
    expect((await f.call('PATCH', `/api/v2/users/${alice}/queues`, [])).status).toBe(400);
    expect((await f.call('GET', `/api/v2/users/${alice}/queues?joined=maybe`)).status).toBe(400);
    const noUser = await f.call('PATCH', `/api/v2/users/nobody/queues/${support}`, { joined: true });
    expect(noUser.status).toBe(404);
    const noQueue = await f.call('PATCH', `/api/v2/users/${alice}/queues/nope`, { joined: true });
    expect(noQueue.status).toBe(404);
    const notMember = await f.call('PATCH', `/api/v2/users/${alice}/queues/${DEMO.queues.sales}`, { joined: true });
    expect(notMember.status).toBe(404);
    expect(notMember.json.message).toContain('not a member');
    const denied = await f.call(
      'PATCH',
      `/api/v2/users/${alice}/queues/${support}`,
      { joined: false },
      f.emu.issueUserToken(DEMO.users.bob, ['directory:user:view']),
    );
    expect(denied.status).toBe(403);
    expect(denied.json.code).toBe('missing.permissions');
    expect((await f.call('GET', `/api/v2/users/${alice}/queues?joined=true`)).json.entities).toHaveLength(1);
  });
});
