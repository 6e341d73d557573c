import { describe, expect, it } from 'vitest';
import type { NotificationEvent } from '../../../core/index.ts';
import { VirtualClock } from '../../../core/index.ts';
import { createEmulator } from '../../create-emulator.ts';
import { DEMO } from '../seed.ts';
import { SYSTEM_PRESENCE_IDS } from './naming.ts';

function setup() {
  const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const emu = createEmulator({ clock, statePath: ':memory:' });
  const token = emu.adminToken();
  const call = (path: string, init: RequestInit = {}) =>
    emu.fetch(path, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } });
  const events: NotificationEvent[] = [];
  emu.services.events.subscribe(emu.orgId, (e) => events.push(e));
  return { emu, call, events, clock };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response payloads are read loosely in tests
type Json = Record<string, any>;

describe('presence definitions', () => {
  it('legacy listing: title-case systemPresence, the ten real system ids, org presences, paging', async () => {
    const { call } = setup();
    const res = await call('/api/v2/presencedefinitions');
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({ pageSize: 25, pageNumber: 1, total: 11, pageCount: 1 });
    const onQueue = body.entities.find((e: Json) => e.id === 'e08eaf1b-ee47-4fa9-a231-1200e284798f');
    expect(onQueue).toMatchObject({
      systemPresence: 'On Queue',
      primary: true,
      deactivated: false,
      languageLabels: { en_US: 'On Queue' },
    });
    expect(body.entities.find((e: Json) => e.id === DEMO.presences.lunch)).toMatchObject({
      systemPresence: 'Away',
      primary: false,
      languageLabels: { en_US: 'Lunch' },
    });
    const page2 = (await (await call('/api/v2/presencedefinitions?pageSize=4&pageNumber=3')).json()) as Json;
    expect(page2).toMatchObject({ pageSize: 4, pageNumber: 3, total: 11, pageCount: 3 });
    expect(page2.entities).toHaveLength(3);
    expect((await call('/api/v2/presencedefinitions?pageSize=0')).status).toBe(400);
  });

  it('new API: OnQueue spelling, System/User type, English label as en', async () => {
    const { call } = setup();
    const body = (await (await call('/api/v2/presence/definitions')).json()) as Json;
    expect(body.total).toBe(11);
    const onQueue = body.entities.find((e: Json) => e.id === SYSTEM_PRESENCE_IDS.ON_QUEUE);
    expect(onQueue).toMatchObject({ systemPresence: 'OnQueue', type: 'System' });
    const lunch = (await (await call(`/api/v2/presence/definitions/${DEMO.presences.lunch}`)).json()) as Json;
    expect(lunch).toMatchObject({
      type: 'User',
      systemPresence: 'Away',
      languageLabels: { en: 'Lunch', en_US: 'Lunch' },
    });
    expect((await call('/api/v2/presence/definitions/nope')).status).toBe(404);
    expect((await call('/api/v2/presencedefinitions/nope')).status).toBe(404);
  });

  it('system presences', async () => {
    const { call } = setup();
    const body = (await (await call('/api/v2/systempresences')).json()) as Json[];
    expect(body.map((p) => p.id)).toEqual([
      'AVAILABLE',
      'BUSY',
      'AWAY',
      'BREAK',
      'MEAL',
      'MEETING',
      'TRAINING',
      'IDLE',
      'ON_QUEUE',
      'OFFLINE',
    ]);
    expect(body.find((p) => p.id === 'ON_QUEUE')?.name).toBe('On Queue');
  });
});

describe('user presence', () => {
  it('GET returns the PURECLOUD presence with the legacy spelling the blueprints compare to', async () => {
    const { call } = setup();
    const body = (await (await call(`/api/v2/users/${DEMO.users.alice}/presences/purecloud`)).json()) as Json;
    expect(body).toMatchObject({
      source: 'PURECLOUD',
      primary: true,
      presenceDefinition: { id: SYSTEM_PRESENCE_IDS.ON_QUEUE, systemPresence: 'On Queue' },
    });
    expect((await call('/api/v2/users/nobody/presences/purecloud')).status).toBe(404);
  });

  it('PATCH sets an org presence and publishes presence + activity with UPPER_CASE systemPresence', async () => {
    const { call, events } = setup();
    const res = await call(`/api/v2/users/${DEMO.users.bob}/presences/purecloud`, {
      method: 'PATCH',
      body: JSON.stringify({ presenceDefinition: { id: DEMO.presences.lunch }, primary: true }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      presenceDefinition: { id: DEMO.presences.lunch, systemPresence: 'Away' },
      modifiedDate: '2026-01-05T09:00:00.000Z',
    });
    expect(events.map((e) => e.topicName)).toEqual([
      `v2.users.${DEMO.users.bob}.presence`,
      `v2.users.${DEMO.users.bob}.activity`,
    ]);
    expect(events[0]!.eventBody).toMatchObject({
      source: 'PURECLOUD',
      presenceDefinition: { id: DEMO.presences.lunch, systemPresence: 'AWAY' },
    });
    expect(events[1]!.eventBody).toMatchObject({
      id: DEMO.users.bob,
      presence: { presenceDefinition: { systemPresence: 'AWAY' } },
      routingStatus: { status: 'OFF_QUEUE' },
    });
    expect(events[0]!.version).toBe('2');
  });

  it('going On Queue makes the agent IDLE; leaving makes them OFF_QUEUE', async () => {
    const { call, events } = setup();
    const patch = (id: string) =>
      call(`/api/v2/users/${DEMO.users.bob}/presences/purecloud`, {
        method: 'PATCH',
        body: JSON.stringify({ presenceDefinition: { id } }),
      });
    await patch(SYSTEM_PRESENCE_IDS.ON_QUEUE);
    expect(((await (await call(`/api/v2/users/${DEMO.users.bob}/routingstatus`)).json()) as Json).status).toBe('IDLE');
    expect(events.map((e) => e.topicName.split('.').pop())).toEqual(['presence', 'routingStatus', 'activity']);
    expect(events[0]!.eventBody).toMatchObject({ presenceDefinition: { systemPresence: 'ON_QUEUE' } });
    await patch(SYSTEM_PRESENCE_IDS.BUSY);
    expect(((await (await call(`/api/v2/users/${DEMO.users.bob}/routingstatus`)).json()) as Json).status).toBe(
      'OFF_QUEUE',
    );
  });

  it('400 naming presenceDefinition.id for an unknown or missing definition, and no event', async () => {
    const { call, events } = setup();
    const res = await call(`/api/v2/users/${DEMO.users.bob}/presences/purecloud`, {
      method: 'PATCH',
      body: JSON.stringify({ presenceDefinition: { id: 'no-such-presence' } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Json;
    expect(body.message).toContain('presenceDefinition.id "no-such-presence"');
    expect(body.details).toEqual([
      { errorCode: 'invalid.value', fieldName: 'presenceDefinition.id', entityId: 'no-such-presence' },
    ]);
    const missing = await call(`/api/v2/users/${DEMO.users.bob}/presences/purecloud`, {
      method: 'PATCH',
      body: JSON.stringify({ presenceDefinition: {} }),
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as Json).details[0].fieldName).toBe('presenceDefinition.id');
    expect(events).toEqual([]);
  });
});
