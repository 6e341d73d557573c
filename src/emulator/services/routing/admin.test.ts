import { afterEach, describe, expect, it } from 'vitest';
import { clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture } from '../conversations/api.test-support.ts';

let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

describe('creating directory objects', () => {
  it('creates a queue, wrap-up code, skill, group and user, each then found by name in its list', async () => {
    api = startApi();
    const cases = [
      { post: '/api/v2/routing/queues', body: { name: 'Callbacks' }, list: '/api/v2/routing/queues?name=Callbacks' },
      {
        post: '/api/v2/routing/wrapupcodes',
        body: { name: 'Negative sentiment' },
        list: '/api/v2/routing/wrapupcodes?name=Negative',
      },
      {
        post: '/api/v2/routing/skills',
        body: { name: 'Spanish support' },
        list: '/api/v2/routing/skills?name=Spanish',
      },
      { post: '/api/v2/groups', body: { name: 'Supervisors' }, list: '/api/v2/groups' },
      { post: '/api/v2/users', body: { name: 'Sam Agent', email: 'sam@example.com' }, list: '/api/v2/users' },
    ];
    for (const k of cases) {
      const created = await api.call('POST', k.post, k.body);
      expect(created.status, k.post).toBe(200);
      expect(created.json).toMatchObject({ id: expect.any(String), name: k.body.name });
      const listed = await api.call('GET', k.list);
      expect(
        listed.json.entities.map((e: { id: string }) => e.id),
        k.list,
      ).toContain(created.json.id);
    }
  });

  it('refuses a name already taken (409), a missing or bad field (400, naming it) and a caller without the add permission (403)', async () => {
    api = startApi();
    expect((await api.call('POST', '/api/v2/routing/queues', { name: 'Dup' })).status).toBe(200);
    const again = await api.call('POST', '/api/v2/routing/queues', { name: 'dup' });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('general.conflict');
    const bad = await api.call('POST', '/api/v2/users', { name: 'No Mail', email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(bad.json.details).toContainEqual({ errorCode: 'invalid.value', fieldName: 'email' });
    expect((await api.call('POST', '/api/v2/routing/wrapupcodes', {})).status).toBe(400);
    const viewer = await clientToken(api.emu, ['routing:queue:view']);
    const refused = await api.call('POST', '/api/v2/routing/queues', { name: 'Nope' }, viewer);
    expect(refused.status).toBe(403);
    expect(refused.json.message).toContain('routing:queue:add');
  });
});
