/**
 * @module
 * Whether a Genesys Cloud schedule is active at an instant: the pure part of Evaluate Schedule and
 * Evaluate Schedule Group. A schedule's `start` and `end` are local date-times without a zone; the
 * time zone comes from the schedule group (or the Evaluate Schedule action). An `rrule` (RFC 5545)
 * repeats the start–end window, e.g. `FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR` for weekday hours.
 */
import rrule from 'rrule';

const { RRule } = rrule;

/** A schedule as the Architect schedules API returns it (only what evaluation reads). */
export interface ScheduleWindow {
  readonly name?: string;
  /** `YYYY-MM-DDTHH:mm[:ss[.SSS]]`, local to the evaluating time zone. */
  readonly start: string;
  readonly end: string;
  readonly rrule?: string;
}

/** The answer for one schedule, or why it cannot be evaluated. */
export type ScheduleVerdict =
  { readonly ok: true; readonly active: boolean } | { readonly ok: false; readonly reason: string };

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** A local date-time as a "floating" epoch: its wall-clock fields read as if they were UTC. */
function floating(local: string): number | undefined {
  const m = LOCAL.exec(local);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms] = m;
  const t = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    Number((ms ?? '0').padEnd(3, '0')),
  );
  return Number.isNaN(t) ? undefined : t;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    zoneFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The wall-clock time of the instant `at` in `timeZone`, as a floating epoch (see {@link floating}).
 * @example
 * new Date(localWallClock(Date.parse('2026-07-01T12:00:00Z'), 'America/New_York')).toISOString(); // '2026-07-01T08:00:00.000Z'
 */
export function localWallClock(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    zoneFormatter(timeZone)
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
    new Date(at).getUTCMilliseconds(),
  );
}

/**
 * Whether the schedule is active at the instant `at` (epoch ms) in `timeZone`: inside its
 * start–end window, or inside the same-length window of an occurrence of its RRULE. The window
 * includes its start and excludes its end.
 * @example
 * scheduleActiveAt({ start: '2026-01-05T08:00:00.000', end: '2026-01-05T17:00:00.000', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
 *   Date.parse('2026-12-04T14:00:00Z'), 'America/New_York'); // { ok: true, active: true } (a Friday, 09:00 local)
 */
export function scheduleActiveAt(schedule: ScheduleWindow, at: number, timeZone: string): ScheduleVerdict {
  const start = floating(schedule.start);
  const end = floating(schedule.end);
  if (start === undefined)
    return { ok: false, reason: `its start "${schedule.start}" is not a local date-time (YYYY-MM-DDTHH:mm:ss.SSS)` };
  if (end === undefined)
    return { ok: false, reason: `its end "${schedule.end}" is not a local date-time (YYYY-MM-DDTHH:mm:ss.SSS)` };
  if (end <= start) return { ok: false, reason: 'its end is not after its start' };
  if (!isTimeZone(timeZone)) return { ok: false, reason: `"${timeZone}" is not an IANA time zone` };
  const local = localWallClock(at, timeZone);
  if (!schedule.rrule) return { ok: true, active: local >= start && local < end };
  let rule: InstanceType<typeof RRule>;
  try {
    rule = new RRule({ ...RRule.parseString(schedule.rrule.replace(/^RRULE:/i, '')), dtstart: new Date(start) });
  } catch (e) {
    return {
      ok: false,
      reason: `its rrule "${schedule.rrule}" is not an RFC 5545 recurrence rule (${e instanceof Error ? e.message : String(e)})`,
    };
  }
  const last = rule.before(new Date(local), true);
  return { ok: true, active: last !== null && local < last.getTime() + (end - start) };
}

/** What a schedule group answers at an instant, in Genesys's order: Holiday, then Closed, then Open; Closed when none is active. */
export type ScheduleGroupOutcome = 'holiday' | 'closed' | 'open';

/** The schedules of a group by category. */
export interface ScheduleGroupWindows {
  readonly timeZone: string;
  readonly holiday: readonly ScheduleWindow[];
  readonly closed: readonly ScheduleWindow[];
  readonly open: readonly ScheduleWindow[];
}

/**
 * Evaluate a schedule group: the first category (Holiday, Closed, Open) with an active schedule,
 * else Closed; and the names of every active schedule. A schedule that cannot be evaluated is an error.
 * @example
 * evaluateScheduleGroup(group, Date.now()); // { ok: true, outcome: 'open', active: ['Weekdays'] }
 */
export function evaluateScheduleGroup(
  group: ScheduleGroupWindows,
  at: number,
):
  | { readonly ok: true; readonly outcome: ScheduleGroupOutcome; readonly active: readonly string[] }
  | { readonly ok: false; readonly reason: string } {
  const active: string[] = [];
  let outcome: ScheduleGroupOutcome | undefined;
  for (const category of ['holiday', 'closed', 'open'] as const) {
    for (const s of group[category]) {
      const v = scheduleActiveAt(s, at, group.timeZone);
      if (!v.ok) return { ok: false, reason: `${category} schedule "${s.name ?? '?'}": ${v.reason}` };
      if (v.active) {
        active.push(s.name ?? '');
        outcome ??= category;
      }
    }
  }
  return { ok: true, outcome: outcome ?? 'closed', active };
}
