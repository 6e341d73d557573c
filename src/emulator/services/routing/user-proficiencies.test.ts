import { afterEach, describe, expect, it } from 'vitest';
import { startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture, Json } from '../conversations/api.test-support.ts';
import { DEMO } from '../seed.ts';

let f: ApiFixture | undefined;
afterEach(async () => {
  await f?.emu.close();
  f = undefined;
});

const bob = DEMO.users.bob;
const alice = DEMO.users.alice;
const rated = async (path: string): Promise<[string, number][]> =>
  (await f!.call('GET', path)).json.entities.map((e: Json) => [e.name, e.proficiency]);

describe("changing a user's routing skills and languages", () => {
  it('adds, re-rates and removes a skill; the user’s skill list follows', async () => {
    f = startApi();
    const added = await f.call('POST', `/api/v2/users/${bob}/routingskills`, {
      id: DEMO.skills.retention,
      proficiency: 2,
    });
    expect(added.status).toBe(200);
    expect(added.json).toMatchObject({
      id: DEMO.skills.retention,
      name: 'Retention',
      proficiency: 2,
      state: 'active',
      skillUri: `/api/v2/routing/skills/${DEMO.skills.retention}`,
      selfUri: `/api/v2/users/${bob}/routingskills/${DEMO.skills.retention}`,
    });
    const put = await f.call('PUT', `/api/v2/users/${bob}/routingskills/${DEMO.skills.retention}`, {
      proficiency: 4.5,
    });
    expect(put.json.proficiency).toBe(4.5);
    expect(await rated(`/api/v2/users/${bob}/routingskills`)).toEqual([['Retention', 4.5]]);
    const del = await f.call('DELETE', `/api/v2/users/${bob}/routingskills/${DEMO.skills.retention}`);
    expect(del.status).toBe(204);
    expect(await rated(`/api/v2/users/${bob}/routingskills`)).toEqual([]);
    const again = await f.call('DELETE', `/api/v2/users/${bob}/routingskills/${DEMO.skills.retention}`);
    expect(again.status).toBe(404);
    expect(again.json.message).toContain('has no skill');
  });

  it('bulk PATCH adds and re-rates, keeps what it does not name, and answers the whole list', async () => {
    f = startApi();
    const skills = await f.call('PATCH', `/api/v2/users/${alice}/routingskills/bulk`, [
      { id: DEMO.skills.retention, proficiency: 1 },
    ]);
    expect(skills.json.entities.map((e: Json) => [e.name, e.proficiency])).toEqual([
      ['Billing', 4],
      ['Retention', 1],
    ]);
    expect(skills.json).toMatchObject({ total: 2, pageNumber: 1 });
    const langs = await f.call('PATCH', `/api/v2/users/${alice}/routinglanguages/bulk`, [
      { id: DEMO.languages.spanish, proficiency: 5 },
    ]);
    expect(langs.json.entities.map((e: Json) => [e.name, e.proficiency])).toEqual([
      ['English', 5],
      ['Spanish', 5],
    ]);
  });

  it('adds and removes a language', async () => {
    f = startApi();
    const added = await f.call('POST', `/api/v2/users/${bob}/routinglanguages`, {
      id: DEMO.languages.spanish,
      proficiency: 3,
    });
    expect(added.json).toMatchObject({
      name: 'Spanish',
      proficiency: 3,
      languageUri: `/api/v2/routing/languages/${DEMO.languages.spanish}`,
    });
    expect(await rated(`/api/v2/users/${bob}/routinglanguages`)).toEqual([['Spanish', 3]]);
    expect((await f.call('DELETE', `/api/v2/users/${bob}/routinglanguages/${DEMO.languages.spanish}`)).status).toBe(
      204,
    );
    expect(await rated(`/api/v2/users/${bob}/routinglanguages`)).toEqual([]);
  });

  it('names the bad field, 404s an unknown user, skill or language, and needs a permission', async () => {
    f = startApi();
    const tooHigh = await f.call('POST', `/api/v2/users/${bob}/routingskills`, {
      id: DEMO.skills.billing,
      proficiency: 6,
    });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.json.details[0].fieldName).toBe('proficiency');
    const unknown = await f.call('PATCH', `/api/v2/users/${bob}/routinglanguages/bulk`, [
      { id: DEMO.languages.english, proficiency: 1 },
      { id: 'klingon', proficiency: 1 },
    ]);
    expect(unknown.status).toBe(400);
    expect(unknown.json.details[0].fieldName).toBe('[1].id');
    // Nothing of a rejected bulk request is applied.
    expect(await rated(`/api/v2/users/${bob}/routinglanguages`)).toEqual([]);
    const noProficiency = await f.call('PUT', `/api/v2/users/${bob}/routingskills/${DEMO.skills.billing}`, {});
    expect(noProficiency.json.details[0].fieldName).toBe('proficiency');
    expect((await f.call('PUT', `/api/v2/users/${bob}/routingskills/nope`, { proficiency: 1 })).status).toBe(404);
    expect((await f.call('DELETE', `/api/v2/users/${bob}/routinglanguages/nope`)).status).toBe(404);
    expect(
      (await f.call('POST', '/api/v2/users/nobody/routingskills', { id: DEMO.skills.billing, proficiency: 1 })).status,
    ).toBe(404);
    const denied = await f.call(
      'DELETE',
      `/api/v2/users/${alice}/routingskills/${DEMO.skills.billing}`,
      undefined,
      f.emu.issueUserToken(bob, ['routing:language:assign']),
    );
    expect(denied.status).toBe(403);
    expect(denied.json.code).toBe('missing.permissions');
    expect(denied.json.message).toContain('routing:skill:assign');
    const langOk = await f.call(
      'POST',
      `/api/v2/users/${bob}/routinglanguages`,
      { id: DEMO.languages.english, proficiency: 2 },
      f.emu.issueUserToken(bob, ['routing:language:assign']),
    );
    expect(langOk.status).toBe(200);
  });
});
