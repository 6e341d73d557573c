import { describe, expect, it } from 'vitest';
import { evaluateScheduleGroup, localWallClock, scheduleActiveAt } from './schedule-eval.ts';

const WEEKDAYS = {
  name: 'Weekdays',
  start: '2026-01-05T08:00:00.000',
  end: '2026-01-05T17:00:00.000',
  rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
};
const CHRISTMAS = {
  name: 'Christmas',
  start: '2026-12-25T00:00:00.000',
  end: '2026-12-26T00:00:00.000',
  rrule: 'FREQ=YEARLY',
};
const LUNCH = { name: 'Lunch', start: '2026-01-05T12:00', end: '2026-01-05T13:00', rrule: 'FREQ=DAILY' };
const at = (iso: string) => Date.parse(iso);

describe('scheduleActiveAt', () => {
  it('reads the wall clock of the time zone, daylight saving included', () => {
    expect(new Date(localWallClock(at('2026-07-01T12:00:00Z'), 'America/New_York')).toISOString()).toBe(
      '2026-07-01T08:00:00.000Z',
    );
    expect(new Date(localWallClock(at('2026-01-15T12:00:00Z'), 'America/New_York')).toISOString()).toBe(
      '2026-01-15T07:00:00.000Z',
    );
    expect(new Date(localWallClock(at('2026-01-15T12:00:00Z'), 'Asia/Tokyo')).toISOString()).toBe(
      '2026-01-15T21:00:00.000Z',
    );
  });

  it('repeats the start–end window on each RRULE occurrence, start included and end excluded', () => {
    // Friday 2026-12-04: 09:00 New York is 14:00Z in winter.
    expect(scheduleActiveAt(WEEKDAYS, at('2026-12-04T14:00:00Z'), 'America/New_York')).toEqual({
      ok: true,
      active: true,
    });
    expect(scheduleActiveAt(WEEKDAYS, at('2026-12-04T13:00:00Z'), 'America/New_York')).toEqual({
      ok: true,
      active: true,
    }); // 08:00 sharp
    expect(scheduleActiveAt(WEEKDAYS, at('2026-12-04T12:59:59Z'), 'America/New_York')).toEqual({
      ok: true,
      active: false,
    });
    expect(scheduleActiveAt(WEEKDAYS, at('2026-12-04T22:00:00Z'), 'America/New_York')).toEqual({
      ok: true,
      active: false,
    }); // 17:00 sharp
    // Saturday.
    expect(scheduleActiveAt(WEEKDAYS, at('2026-12-05T15:00:00Z'), 'America/New_York')).toEqual({
      ok: true,
      active: false,
    });
    // The same instant is outside the hours in Tokyo (23:00 Friday).
    expect(scheduleActiveAt(WEEKDAYS, at('2026-12-04T14:00:00Z'), 'Asia/Tokyo')).toEqual({ ok: true, active: false });
    // Summer time: 08:30 New York is 12:30Z.
    expect(scheduleActiveAt(WEEKDAYS, at('2026-07-01T12:30:00Z'), 'America/New_York')).toEqual({
      ok: true,
      active: true,
    });
  });

  it('keeps a whole-day window and a one-off window, and nothing before the first occurrence', () => {
    expect(scheduleActiveAt(CHRISTMAS, at('2027-12-25T23:30:00Z'), 'UTC')).toEqual({ ok: true, active: true });
    expect(scheduleActiveAt(CHRISTMAS, at('2027-12-26T00:00:00Z'), 'UTC')).toEqual({ ok: true, active: false });
    expect(scheduleActiveAt(CHRISTMAS, at('2025-12-25T10:00:00Z'), 'UTC')).toEqual({ ok: true, active: false });
    const once = { start: '2026-12-04T10:00:00.000', end: '2026-12-04T11:00:00.000' };
    expect(scheduleActiveAt(once, at('2026-12-04T10:30:00Z'), 'UTC')).toEqual({ ok: true, active: true });
    expect(scheduleActiveAt(once, at('2026-12-11T10:30:00Z'), 'UTC')).toEqual({ ok: true, active: false });
  });

  it('names what cannot be evaluated', () => {
    expect(scheduleActiveAt({ ...WEEKDAYS, rrule: 'FREQ=FORTNIGHTLY' }, 0, 'UTC')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/rrule "FREQ=FORTNIGHTLY" is not an RFC 5545/),
    });
    expect(scheduleActiveAt(WEEKDAYS, 0, 'Mars/Olympus')).toEqual({
      ok: false,
      reason: '"Mars/Olympus" is not an IANA time zone',
    });
    expect(scheduleActiveAt({ start: 'tomorrow', end: '2026-01-05T17:00' }, 0, 'UTC')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/start "tomorrow"/),
    });
    expect(scheduleActiveAt({ start: '2026-01-05T17:00', end: '2026-01-05T08:00' }, 0, 'UTC')).toEqual({
      ok: false,
      reason: 'its end is not after its start',
    });
  });
});

describe('evaluateScheduleGroup', () => {
  const group = { timeZone: 'America/New_York', holiday: [CHRISTMAS], closed: [LUNCH], open: [WEEKDAYS] };
  it('takes Holiday, then Closed, then Open, and Closed when nothing is active', () => {
    expect(evaluateScheduleGroup(group, at('2026-12-04T14:00:00Z'))).toEqual({
      ok: true,
      outcome: 'open',
      active: ['Weekdays'],
    });
    expect(evaluateScheduleGroup(group, at('2026-12-04T17:30:00Z'))).toEqual({
      ok: true,
      outcome: 'closed',
      active: ['Lunch', 'Weekdays'],
    });
    expect(evaluateScheduleGroup(group, at('2026-12-25T15:00:00Z'))).toEqual({
      ok: true,
      outcome: 'holiday',
      active: ['Christmas', 'Weekdays'],
    });
    expect(evaluateScheduleGroup(group, at('2026-12-05T15:00:00Z'))).toEqual({
      ok: true,
      outcome: 'closed',
      active: [],
    });
  });
  it('names the schedule that cannot be evaluated', () => {
    expect(evaluateScheduleGroup({ ...group, open: [{ ...WEEKDAYS, rrule: 'BYDAY=XX' }] }, 0)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^open schedule "Weekdays": its rrule/),
    });
  });
});
