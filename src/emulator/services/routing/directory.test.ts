import { afterEach, describe, expect, it } from 'vitest';
import { startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';
import { DEMO } from '../seed.ts';

let f: ApiFixture | undefined;
afterEach(async () => {
  await f?.emu.close();
  f = undefined;
});

describe("routing directory: skills, languages, wrap-up codes, a user's queues", () => {
  it('lists skills and languages with a name filter, and answers one by id or 404', async () => {
    f = startApi();
    const skills = await f.call('GET', '/api/v2/routing/skills');
    expect(skills.json.entities.map((s: Json) => s.name)).toEqual(['Billing', 'Retention']);
    expect((await f.call('GET', '/api/v2/routing/skills?name=ret*')).json.entities.map((s: Json) => s.id)).toEqual([
      DEMO.skills.retention,
    ]);
    expect((await f.call('GET', `/api/v2/routing/languages/${DEMO.languages.spanish}`)).json).toMatchObject({
      name: 'Spanish',
      state: 'active',
    });
    const missing = await f.call('GET', '/api/v2/routing/skills/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe('not.found');
  });

  it("answers a user's skills, languages and queues, and 404 for an unknown user", async () => {
    f = startApi();
    const skills = await f.call('GET', `/api/v2/users/${DEMO.users.alice}/routingskills`);
    expect(skills.json.entities).toEqual([
      expect.objectContaining({
        id: DEMO.skills.billing,
        name: 'Billing',
        proficiency: 4,
        skillUri: `/api/v2/routing/skills/${DEMO.skills.billing}`,
      }),
    ]);
    const langs = await f.call('GET', `/api/v2/users/${DEMO.users.alice}/routinglanguages`);
    expect(langs.json.entities.map((l: Json) => [l.name, l.proficiency])).toEqual([
      ['English', 5],
      ['Spanish', 3],
    ]);
    expect((await f.call('GET', `/api/v2/users/${DEMO.users.bob}/routingskills`)).json.entities).toEqual([]);
    const queues = await f.call('GET', `/api/v2/users/${DEMO.users.alice}/queues`);
    expect(queues.json.entities.map((q: Json) => q.name)).toEqual(['Support']);
    expect((await f.call('GET', '/api/v2/users/nobody/queues')).status).toBe(404);
  });

  it("offers the org's wrap-up codes and each queue's own", async () => {
    f = startApi();
    expect((await f.call('GET', '/api/v2/routing/wrapupcodes')).json.entities.map((w: Json) => w.name)).toEqual([
      'Follow-up needed',
      'Resolved',
    ]);
    expect(
      (await f.call('GET', `/api/v2/routing/queues/${DEMO.queues.sales}/wrapupcodes`)).json.entities.map(
        (w: Json) => w.name,
      ),
    ).toEqual(['Resolved']);
    expect((await f.call('GET', `/api/v2/routing/wrapupcodes/${DEMO.wrapupCodes.followUp}`)).json.name).toBe(
      'Follow-up needed',
    );
  });

  it("lists a queue's users with their routing status", async () => {
    f = startApi();
    const users = await f.call('GET', `/api/v2/routing/queues/${DEMO.queues.support}/users`);
    expect(users.json.entities.map((m: Json) => m.user.id)).toEqual([
      DEMO.users.alice,
      DEMO.users.bob,
      DEMO.users.dave,
    ]);
    expect(users.json.entities[0].routingStatus.status).toBe('IDLE');
    expect(users.json.total).toBeUndefined();
  });

  it('estimates a longer wait as interactions queue up', async () => {
    f = startApi();
    const ewt = async (): Promise<number> =>
      (await f!.call('GET', `/api/v2/routing/queues/${DEMO.queues.sales}/estimatedwaittime`)).json.results[0]
        .estimatedWaitTimeSeconds;
    expect(await ewt()).toBe(0);
    await f.call('POST', '/_switchboard/simulator/callbacks', {
      queueId: DEMO.queues.sales,
      callbackNumbers: ['+13175550100'],
    });
    await f.call('POST', '/_switchboard/simulator/callbacks', {
      queueId: DEMO.queues.sales,
      callbackNumbers: ['+13175550101'],
    });
    expect(await ewt()).toBeGreaterThan(0);
    const one = await ewt();
    await f.call('POST', '/_switchboard/simulator/callbacks', {
      queueId: DEMO.queues.sales,
      callbackNumbers: ['+13175550102'],
    });
    expect(await ewt()).toBeGreaterThan(one);
  });

  it('names the permission it needs', async () => {
    f = startApi();
    const res = await f.call(
      'GET',
      '/api/v2/routing/wrapupcodes',
      undefined,
      f.emu.issueUserToken(DEMO.users.bob, ['directory:user:view']),
    );
    expect(res.status).toBe(403);
    expect(res.json.message).toContain('routing:wrapupCode:view');
  });

  it("searches groups with the search API's criteria", async () => {
    f = startApi();
    const res = await f.call('POST', '/api/v2/groups/search', {
      query: [{ type: 'EXACT', fields: ['members.id'], value: DEMO.users.bob }],
    });
    expect(res.json).toMatchObject({ total: 1, types: ['groups'] });
    expect(res.json.results[0].id).toBe(DEMO.groups.pickup);
    expect(
      (
        await f.call('POST', '/api/v2/groups/search', {
          query: [{ type: 'EXACT', fields: ['members.id'], value: DEMO.users.carol }],
        })
      ).json.total,
    ).toBe(0);
    expect(
      (await f.call('POST', '/api/v2/groups/search', { query: [{ type: 'NEAR', fields: ['name'], value: 'x' }] }))
        .status,
    ).toBe(400);
  });
});
