// Evaluate Schedule and Evaluate Schedule Group on the durable engine, against the emulator's
// schedules, schedule groups and emergency groups, through a client holding only the view permissions.
import { afterEach, describe, expect, it } from 'vitest';
import { importArchyYaml, platformPermissions } from '../architect/index.ts';
import type { Fetch } from '../core/index.ts';
import { clientFetch, startApi } from '../emulator/services/conversations/api.test-support.ts';
import type { ApiFixture } from '../emulator/services/conversations/api.test-support.ts';
import { runArchitectOnce } from './architect-runs.test-util.ts';

const end = (reason: string) => `                    - endWorkflow:
                        name: ${reason}
                        exitReason:
                          lit: ${reason}
`;
const HOURS = `workflow:
  name: Hours
  startUpRef: "/workflow/states/state[S]"
  variables:
    - stringCollectionVariable:
        name: Flow.active
        isInput: false
        isOutput: true
  states:
    - state:
        name: Main
        refId: S
        actions:
          - evaluateScheduleGroup:
              name: Are we open?
              inServiceSchedules:
                var: Flow.active
              evaluate:
                now: true
              scheduleGroup:
                lit:
                  name: Support hours
              emergencyGroup:
                lit:
                  name: Storm
              outputs:
                open:
                  actions:
${end('open')}                closed:
                  actions:
${end('closed')}                holiday:
                  actions:
${end('holiday')}                emergency:
                  actions:
${end('emergency')}`;

const WEEKDAY = `workflow:
  name: Weekday
  startUpRef: "/workflow/states/state[S]"
  variables:
    - dateTimeVariable:
        name: Flow.when
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Flow.zone
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
  states:
    - state:
        name: Main
        refId: S
        actions:
          - evaluateSchedule:
              name: Weekday hours?
              evaluate:
                dateTime:
                  exp: Flow.when
              schedule:
                lit:
                  name: weekdays
              timeZone:
                exp: Flow.zone
              outputs:
                active:
                  actions:
${end('active')}                inactive:
                  actions:
${end('inactive')}`;

let api: ApiFixture | undefined;
afterEach(async () => {
  await api?.emu.close();
  api = undefined;
});

/** Weekday 08:00–17:00 open, a daily 12:00–13:00 lunch closure and Christmas, in New York. */
async function seedHours(fixture: ApiFixture): Promise<{ stormId: string }> {
  const post = async (path: string, body: unknown) => {
    const res = await fixture.call('POST', path, body);
    expect(res.status).toBe(200);
    return res.json.id as string;
  };
  const weekdays = await post('/api/v2/architect/schedules', {
    name: 'Weekdays',
    start: '2026-01-05T08:00:00.000',
    end: '2026-01-05T17:00:00.000',
    rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
  });
  const lunch = await post('/api/v2/architect/schedules', {
    name: 'Lunch',
    start: '2026-01-05T12:00:00.000',
    end: '2026-01-05T13:00:00.000',
    rrule: 'FREQ=DAILY',
  });
  const christmas = await post('/api/v2/architect/schedules', {
    name: 'Christmas',
    start: '2026-12-25T00:00:00.000',
    end: '2026-12-26T00:00:00.000',
    rrule: 'FREQ=YEARLY',
  });
  await post('/api/v2/architect/schedulegroups', {
    name: 'Support hours',
    timeZone: 'America/New_York',
    openSchedules: [{ id: weekdays }],
    closedSchedules: [{ id: lunch }],
    holidaySchedules: [{ id: christmas }],
  });
  const stormId = await post('/api/v2/architect/emergencygroups', { name: 'Storm', enabled: false });
  return { stormId };
}

const runAt = (yaml: string, at: string, genesys: Fetch, input: Record<string, unknown> = {}) =>
  runArchitectOnce(yaml, input, genesys, Date.parse(at));

describe('Evaluate Schedule (Group) against the emulator', () => {
  it('takes Open, Closed (lunch, after hours), Holiday and Emergency at the run time, writing the active schedules', async () => {
    api = startApi();
    const { stormId } = await seedHours(api);
    const flow = importArchyYaml(HOURS);
    expect(platformPermissions(flow)).toEqual([
      'architect:emergencyGroup:view',
      'architect:schedule:view',
      'architect:scheduleGroup:view',
    ]);
    const genesys = await clientFetch(api, platformPermissions(flow));
    // Friday 2026-12-04, New York (UTC-5).
    const open = await runAt(HOURS, '2026-12-04T14:00:00Z', genesys);
    expect(open.done).toMatchObject({ status: 'completed', exitReason: 'open' });
    expect((open.done?.output as { outputs: Record<string, unknown> }).outputs['Flow.active']).toEqual(['Weekdays']);
    // Every read is a journaled step: the emergency group, the group, its three schedules.
    expect(open.journal.length).toBe(5);
    expect((await runAt(HOURS, '2026-12-04T17:30:00Z', genesys)).done?.exitReason).toBe('closed');
    expect((await runAt(HOURS, '2026-12-04T23:00:00Z', genesys)).done?.exitReason).toBe('closed');
    expect((await runAt(HOURS, '2026-12-25T15:00:00Z', genesys)).done?.exitReason).toBe('holiday');
    expect(
      (await api.call('PUT', `/api/v2/architect/emergencygroups/${stormId}`, { name: 'Storm', enabled: true })).status,
    ).toBe(200);
    expect((await runAt(HOURS, '2026-12-04T14:00:00Z', genesys)).done?.exitReason).toBe('emergency');
  });

  it('evaluates one schedule at a given DateTime in the given time zone, and names what is missing or refused', async () => {
    api = startApi();
    await seedHours(api);
    const genesys = await clientFetch(api, ['architect:schedule:view']);
    const friday9am = { when: '2026-12-04T14:00:00.000Z' };
    expect(
      (await runAt(WEEKDAY, '2026-01-01T00:00:00Z', genesys, { ...friday9am, zone: 'America/New_York' })).done
        ?.exitReason,
    ).toBe('active');
    expect(
      (await runAt(WEEKDAY, '2026-01-01T00:00:00Z', genesys, { ...friday9am, zone: 'Asia/Tokyo' })).done?.exitReason,
    ).toBe('inactive');
    // No time zone: the local times are read as UTC, where 14:00 is inside 08:00–17:00.
    expect((await runAt(WEEKDAY, '2026-01-01T00:00:00Z', genesys, friday9am)).done?.exitReason).toBe('active');
    const badZone = await runAt(WEEKDAY, '2026-01-01T00:00:00Z', genesys, { ...friday9am, zone: 'Mars/Olympus' });
    expect(badZone.done).toMatchObject({ status: 'failed' });
    expect(badZone.done?.error?.message).toContain('"Mars/Olympus" is not an IANA time zone');
    const noTime = await runAt(WEEKDAY, '2026-01-01T00:00:00Z', genesys, { zone: 'UTC' });
    expect(noTime.done?.error?.message).toContain('the evaluation DateTime of Evaluate Schedule is NOT_SET');
    const refused = await runAt(HOURS, '2026-12-04T14:00:00Z', genesys);
    expect(refused.done?.error?.message).toContain(
      "Evaluate Schedule Group: GET /api/v2/architect/emergencygroups answered 403; the workflow's client needs the permission architect:emergencyGroup:view",
    );
    const missing = await runAt(
      HOURS.replace('name: Support hours', 'name: Night shift'),
      '2026-12-04T14:00:00Z',
      await clientFetch(api, [
        'architect:emergencyGroup:view',
        'architect:scheduleGroup:view',
        'architect:schedule:view',
      ]),
    );
    expect(missing.done?.error?.message).toContain(
      'Evaluate Schedule Group: schedule group "Night shift" does not exist in the org',
    );
  });
});
