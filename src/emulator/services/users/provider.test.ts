import { describe, expect, it } from 'vitest';
import type { NotificationEvent } from '../../../core/index.ts';
import { createEmulator } from '../../create-emulator.ts';
import { SYSTEM_PRESENCE_IDS } from '../presence/naming.ts';
import { DEMO } from '../seed.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response payloads are read loosely in tests
type Json = Record<string, any>;

function setup() {
  const emu = createEmulator({ statePath: ':memory:' });
  const token = emu.adminToken();
  const call = async (path: string, init: RequestInit = {}): Promise<{ status: number; body: Json }> => {
    const res = await emu.fetch(path, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const events: NotificationEvent[] = [];
  emu.services.events.subscribe(emu.orgId, (e) => events.push(e));
  return { emu, call, events };
}

describe('users', () => {
  it('lists users in pages sorted by name', async () => {
    const { call } = setup();
    const { body } = await call('/api/v2/users?pageSize=3&pageNumber=2');
    expect(body).toMatchObject({
      pageSize: 3,
      pageNumber: 2,
      total: 4,
      pageCount: 2,
      previousUri: '/api/v2/users?pageSize=3&pageNumber=1',
    });
    expect(body.entities.map((u: Json) => u.name)).toEqual(['Dave Duarte']);
    expect(body.nextUri).toBeUndefined();
  });

  it('gets one user with email, division and expands', async () => {
    const { call } = setup();
    const { status, body } = await call(`/api/v2/users/${DEMO.users.alice}?expand=presence,routingStatus,station`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: DEMO.users.alice,
      email: 'alice@example.com',
      state: 'active',
      division: { id: DEMO.divisionId, name: 'Home' },
    });
    expect(body.presence.presenceDefinition.systemPresence).toBe('On Queue');
    expect(body.routingStatus.status).toBe('IDLE');
    expect(body.station.associatedStation.id).toBe(DEMO.stations.alice);
  });

  it('stations: list, one, and the station associated with a user', async () => {
    const { call } = setup();
    const list = await call('/api/v2/stations');
    expect(list.body.total).toBe(4);
    expect(list.body.entities.find((s: Json) => s.id === DEMO.stations.spare)).toMatchObject({ status: 'AVAILABLE' });
    expect((await call(`/api/v2/stations/${DEMO.stations.bob}`)).body).toMatchObject({
      status: 'ASSOCIATED',
      userId: DEMO.users.bob,
    });
    expect((await call(`/api/v2/users/${DEMO.users.bob}/station`)).body.associatedStation).toMatchObject({
      id: DEMO.stations.bob,
      associatedUser: { id: DEMO.users.bob },
    });
    expect((await call(`/api/v2/users/${DEMO.users.dave}/station`)).body).toEqual({});
    expect((await call('/api/v2/stations/nope')).status).toBe(404);
  });

  it('PUT routingstatus IDLE puts the user On Queue, OFF_QUEUE makes them Available', async () => {
    const { call, events } = setup();
    const put = await call(`/api/v2/users/${DEMO.users.carol}/routingstatus`, {
      method: 'PUT',
      body: JSON.stringify({ status: 'IDLE' }),
    });
    expect(put).toMatchObject({ status: 200, body: { userId: DEMO.users.carol, status: 'IDLE' } });
    expect((await call(`/api/v2/users/${DEMO.users.carol}/presences/purecloud`)).body.presenceDefinition.id).toBe(
      SYSTEM_PRESENCE_IDS.ON_QUEUE,
    );
    expect(events.map((e) => e.topicName.split('.').pop())).toEqual(['presence', 'routingStatus', 'activity']);
    await call(`/api/v2/users/${DEMO.users.carol}/routingstatus`, {
      method: 'PUT',
      body: JSON.stringify({ status: 'OFF_QUEUE' }),
    });
    expect((await call(`/api/v2/users/${DEMO.users.carol}/presences/purecloud`)).body.presenceDefinition.id).toBe(
      SYSTEM_PRESENCE_IDS.AVAILABLE,
    );
  });

  it('400 naming status for an invalid routing status', async () => {
    const { call } = setup();
    const res = await call(`/api/v2/users/${DEMO.users.carol}/routingstatus`, {
      method: 'PUT',
      body: JSON.stringify({ status: 'SLEEPING' }),
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ errorCode: 'invalid.value', fieldName: 'status' }]);
    expect(res.body.message).toContain('got "SLEEPING"');
  });
});
