// The official Genesys Cloud JavaScript SDK, unchanged, against the emulator on a real port:
// client-credentials login, users, presence definitions and user presence, and a 404 surfacing as
// the SDK's error carrying our Genesys body.
import platformClient from 'purecloud-platform-client-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, DEMO, SYSTEM_PRESENCE_IDS } from '../src/emulator/index.ts';
import type { Emulator, ListeningEmulator } from '../src/emulator/index.ts';

let emulator: Emulator;
let server: ListeningEmulator;

beforeAll(async () => {
  emulator = createEmulator({ statePath: ':memory:', adminClient: { id: 'sdk-client', secret: 'sdk-secret' } });
  server = await emulator.listen(0, '127.0.0.1');
  const client = platformClient.ApiClient.instance;
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.port });
  await client.loginClientCredentialsGrant('sdk-client', 'sdk-secret');
});

afterAll(async () => {
  await emulator.close();
});

describe('purecloud-platform-client-v2 against the emulator', () => {
  it('UsersApi.getUsers pages the demo directory', async () => {
    const users = await new platformClient.UsersApi().getUsers({ pageSize: 2, pageNumber: 1 });
    expect(users.total).toBe(4);
    expect(users.pageCount).toBe(2);
    expect(users.entities?.map((u) => u.name)).toEqual(['Alice Anders', 'Bob Brandt']);
  });

  it('UsersApi.getUser returns one user', async () => {
    const user = await new platformClient.UsersApi().getUser(DEMO.users.carol, {});
    expect(user.email).toBe('carol@example.com');
    expect(user.division?.name).toBe('Home');
  });

  it('PresenceApi.getPresencedefinitions lists system and org presences', async () => {
    const defs = await new platformClient.PresenceApi().getPresencedefinitions({ pageSize: 25 });
    expect(defs.total).toBe(11);
    expect(defs.entities?.find((d) => d.id === SYSTEM_PRESENCE_IDS.ON_QUEUE)?.systemPresence).toBe('On Queue');
  });

  it('PresenceApi patches and reads a user presence', async () => {
    const api = new platformClient.PresenceApi();
    const patched = await api.patchUserPresencesPurecloud(DEMO.users.bob, {
      presenceDefinition: { id: DEMO.presences.lunch },
      primary: true,
    });
    expect(patched.presenceDefinition?.systemPresence).toBe('Away');
    const read = await api.getUserPresencesPurecloud(DEMO.users.bob);
    expect(read.presenceDefinition?.id).toBe(DEMO.presences.lunch);
  });

  it('a 404 surfaces as the SDK error with the Genesys body', async () => {
    const missing = '00000000-0000-4000-8000-00000000beef';
    const err: unknown = await new platformClient.UsersApi().getUser(missing, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ status: 404, code: 'not.found', entityId: missing, details: [], errors: [] });
    expect((err as { contextId?: unknown }).contextId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
