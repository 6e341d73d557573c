import { afterEach, describe, expect, it } from 'vitest';
import { clientToken, startApi } from '../conversations/api.test-support.ts';
import type { ApiFixture } from '../conversations/api.test-support.ts';

let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

const WEEKDAYS = {
  name: 'Weekdays',
  start: '2026-01-05T08:00:00.000',
  end: '2026-01-05T17:00:00.000',
  rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
};

describe('Architect schedules and schedule groups', () => {
  it('creates a schedule and a group that opens on it; both are listed by name and read by id', async () => {
    api = startApi();
    const schedule = await api.call('POST', '/api/v2/architect/schedules', WEEKDAYS);
    expect(schedule.status).toBe(200);
    expect(schedule.json).toMatchObject({
      ...WEEKDAYS,
      version: 1,
      selfUri: `/api/v2/architect/schedules/${schedule.json.id}`,
    });
    const group = await api.call('POST', '/api/v2/architect/schedulegroups', {
      name: 'Support hours',
      timeZone: 'America/Indianapolis',
      openSchedules: [{ id: schedule.json.id }],
    });
    expect(group.status).toBe(200);
    expect(group.json).toMatchObject({
      timeZone: 'America/Indianapolis',
      openSchedules: [{ id: schedule.json.id, name: 'Weekdays' }],
      closedSchedules: [],
      holidaySchedules: [],
    });
    expect(
      (await api.call('GET', '/api/v2/architect/schedules?name=week')).json.entities.map((e: { id: string }) => e.id),
    ).toEqual([schedule.json.id]);
    expect((await api.call('GET', `/api/v2/architect/schedulegroups/${group.json.id}`)).json.name).toBe(
      'Support hours',
    );
    const edited = await api.call('PUT', `/api/v2/architect/schedules/${schedule.json.id}`, {
      ...WEEKDAYS,
      rrule: 'FREQ=DAILY',
    });
    expect(edited.json).toMatchObject({ rrule: 'FREQ=DAILY', version: 2 });
  });

  it('refuses what Genesys refuses, naming the field: a zone in start, end before start, a bad time zone, an unknown schedule, a taken name, deleting a schedule in use', async () => {
    api = startApi();
    const zoned = await api.call('POST', '/api/v2/architect/schedules', { ...WEEKDAYS, start: '2026-01-05T08:00:00Z' });
    expect(zoned.status).toBe(400);
    expect(zoned.json.details).toContainEqual({ errorCode: 'invalid.value', fieldName: 'start' });
    expect(
      (await api.call('POST', '/api/v2/architect/schedules', { ...WEEKDAYS, end: '2026-01-05T07:00:00.000' })).json
        .details,
    ).toContainEqual({ errorCode: 'invalid.value', fieldName: 'end' });
    const s = await api.call('POST', '/api/v2/architect/schedules', WEEKDAYS);
    expect((await api.call('POST', '/api/v2/architect/schedules', WEEKDAYS)).status).toBe(409);
    const badZone = await api.call('POST', '/api/v2/architect/schedulegroups', { name: 'G', timeZone: 'Mars/Olympus' });
    expect(badZone.json.details).toContainEqual({ errorCode: 'invalid.value', fieldName: 'timeZone' });
    const unknown = await api.call('POST', '/api/v2/architect/schedulegroups', {
      name: 'G',
      timeZone: 'UTC',
      holidaySchedules: [{ id: 'nope' }],
    });
    expect(unknown.json.details).toContainEqual({ errorCode: 'invalid.value', fieldName: 'holidaySchedules[0].id' });
    const g = await api.call('POST', '/api/v2/architect/schedulegroups', {
      name: 'G',
      timeZone: 'UTC',
      openSchedules: [{ id: s.json.id }],
    });
    expect((await api.call('DELETE', `/api/v2/architect/schedules/${s.json.id}`)).status).toBe(409);
    expect((await api.call('DELETE', `/api/v2/architect/schedulegroups/${g.json.id}`)).status).toBe(200);
    expect((await api.call('DELETE', `/api/v2/architect/schedules/${s.json.id}`)).status).toBe(200);
    expect((await api.call('GET', `/api/v2/architect/schedules/${s.json.id}`)).status).toBe(404);
    const viewer = await clientToken(api.emu, ['architect:schedule:view']);
    const refused = await api.call('POST', '/api/v2/architect/schedules', { ...WEEKDAYS, name: 'Other' }, viewer);
    expect(refused.status).toBe(403);
    expect(refused.json.message).toContain('architect:schedule:add');
  });
});

describe('Architect emergency groups', () => {
  it('creates, lists by name, switches on and deletes an emergency group, with its permissions', async () => {
    api = startApi();
    const created = await api.call('POST', '/api/v2/architect/emergencygroups', { name: 'Storm' });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      name: 'Storm',
      enabled: false,
      emergencyCallFlows: [],
      version: 1,
      selfUri: `/api/v2/architect/emergencygroups/${created.json.id}`,
    });
    expect(
      (await api.call('GET', '/api/v2/architect/emergencygroups?name=sto')).json.entities.map(
        (e: { id: string }) => e.id,
      ),
    ).toEqual([created.json.id]);
    const on = await api.call('PUT', `/api/v2/architect/emergencygroups/${created.json.id}`, {
      name: 'Storm',
      enabled: true,
    });
    expect(on.json).toMatchObject({ enabled: true, version: 2 });
    expect((await api.call('POST', '/api/v2/architect/emergencygroups', { name: 'STORM' })).status).toBe(409);
    expect(
      (await api.call('POST', '/api/v2/architect/emergencygroups', { name: 'Flood', enabled: 'yes' })).json,
    ).toMatchObject({ status: 400, code: 'bad.request' });
    const viewer = await clientToken(api.emu, ['architect:emergencyGroup:view']);
    expect(
      (await api.call('GET', `/api/v2/architect/emergencygroups/${created.json.id}`, undefined, viewer)).json.enabled,
    ).toBe(true);
    const denied = await api.call('DELETE', `/api/v2/architect/emergencygroups/${created.json.id}`, undefined, viewer);
    expect(denied.status).toBe(403);
    expect(denied.json.message).toContain('architect:emergencyGroup:delete');
    expect((await api.call('DELETE', `/api/v2/architect/emergencygroups/${created.json.id}`)).status).toBe(200);
    expect((await api.call('GET', `/api/v2/architect/emergencygroups/${created.json.id}`)).status).toBe(404);
  });
});
