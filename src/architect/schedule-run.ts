/**
 * @module
 * Running Evaluate Schedule and Evaluate Schedule Group: the schedule, group and emergency group
 * are read through `FlowStepTools.genesys` (each request a journaled step), then evaluated at the
 * run's current time (replay-safe) or the given DateTime. A missing object, a NOT_SET input and a
 * schedule that cannot be evaluated end the flow through error handling, as Architect does for a
 * NOT_SET evaluation time.
 */
import { isPlainObject } from '../core/index.ts';
import { ArchitectErrors } from './errors.ts';
import type { Action, EvaluateScheduleAction, EvaluateScheduleGroupAction, ScheduleRef, ValueSource } from './model.ts';
import { SCHEDULE_OBJECTS as OBJECTS, findInPage } from './platform-actions.ts';
import type { GenesysRequest, ScheduleObjectKind as ObjectKind } from './platform-actions.ts';
import { platformClient, refusedAnswer, textValue } from './platform-run.ts';
import type { PlatformRunContext } from './platform-run.ts';
import { evaluateScheduleGroup, scheduleActiveAt } from './schedule-eval.ts';
import type { ScheduleWindow } from './schedule-eval.ts';

const PAGES = 20;
const enc = encodeURIComponent;

/** Read one schedule, group or emergency group by id, or by exact (case-insensitive) name page by page. */
async function fetchObject(
  ctx: PlatformRunContext,
  action: Action,
  label: string,
  kind: ObjectKind,
  ref: ScheduleRef,
  stepId: string,
): Promise<Record<string, unknown>> {
  const spec = OBJECTS[kind];
  const key = textValue(ctx, action, ref.value, `the ${spec.label} of ${label}`);
  if (key === null || key.trim() === '')
    ctx.fail(ArchitectErrors.SB_ARCHITECT_NOT_SET, `the ${spec.label} of ${label} is NOT_SET`, action);
  const call = platformClient(ctx, action, label);
  const notFound = (): never =>
    ctx.fail(
      ArchitectErrors.SB_ARCHITECT_ACTION_FAILED,
      `${label}: ${spec.label} ${ref.by === 'id' ? 'id ' : ''}"${key}" does not exist in the org`,
      action,
    );
  if (ref.by === 'id') {
    const request: GenesysRequest = { method: 'GET', path: `/api/v2/architect/${spec.collection}/${enc(key)}` };
    const res = await call(stepId, request);
    if (res.status === 404) notFound();
    if (res.status < 200 || res.status > 299 || !isPlainObject(res.body))
      refusedAnswer(ctx, action, label, request, res, spec.permission);
    return res.body;
  }
  for (let page = 1; page <= PAGES; page++) {
    const request: GenesysRequest = {
      method: 'GET',
      path: `/api/v2/architect/${spec.collection}?name=${enc(key)}&pageSize=100&pageNumber=${page}`,
    };
    const res = await call(page === 1 ? stepId : `${stepId}@page${page}`, request);
    if (res.status < 200 || res.status > 299) refusedAnswer(ctx, action, label, request, res, spec.permission);
    const { match, more } = findInPage('name', key, res.body);
    if (match) return match;
    if (!more) break;
  }
  return notFound();
}

/** The evaluation instant: the run's clock (replay-safe) or the given DateTime. */
function instant(ctx: PlatformRunContext, action: Action, at: ValueSource | 'now', label: string): number {
  if (at === 'now') return ctx.now();
  const v = ctx.value(at, action);
  if (v === null)
    ctx.fail(ArchitectErrors.SB_ARCHITECT_NOT_SET, `the evaluation DateTime of ${label} is NOT_SET`, action);
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(t))
    ctx.fail(
      ArchitectErrors.SB_ARCHITECT_VALUE_INVALID,
      `the evaluation DateTime of ${label} must be a DateTime; got ${JSON.stringify(v)}`,
      action,
    );
  return t;
}

function window(raw: Record<string, unknown>): ScheduleWindow {
  return {
    name: typeof raw.name === 'string' ? raw.name : String(raw.id ?? '?'),
    start: typeof raw.start === 'string' ? raw.start : '',
    end: typeof raw.end === 'string' ? raw.end : '',
    ...(typeof raw.rrule === 'string' && raw.rrule !== '' ? { rrule: raw.rrule } : {}),
  };
}

/**
 * Evaluate Schedule: Active when the schedule is active at the instant in the action's time zone
 * (UTC when NOT_SET [INFERRED]); with an emergency group, Active when the group is enabled.
 */
export async function runEvaluateSchedule(
  ctx: PlatformRunContext,
  action: EvaluateScheduleAction,
  stepId: string,
): Promise<{ outcome: 'active' | 'inactive'; detail: Record<string, unknown> }> {
  const label = 'Evaluate Schedule';
  const at = instant(ctx, action, action.at, label);
  const found = await fetchObject(ctx, action, label, action.target, action.ref, stepId);
  if (action.target === 'emergencyGroup') {
    return {
      outcome: found.enabled === true ? 'active' : 'inactive',
      detail: { emergencyGroup: found.name, enabled: found.enabled === true },
    };
  }
  const timeZone = textValue(ctx, action, action.timeZone, `the time zone of ${label}`) ?? 'UTC';
  const verdict = scheduleActiveAt(window(found), at, timeZone);
  if (!verdict.ok)
    ctx.fail(
      ArchitectErrors.SB_ARCHITECT_ACTION_FAILED,
      `${label}: schedule "${String(found.name)}" cannot be evaluated: ${verdict.reason}`,
      action,
    );
  return {
    outcome: verdict.active ? 'active' : 'inactive',
    detail: { schedule: found.name, timeZone, at: new Date(at).toISOString() },
  };
}

/**
 * Evaluate Schedule Group: Emergency when the emergency group is enabled, else the first of
 * Holiday, Closed and Open with an active schedule in the group's time zone, else Closed.
 */
export async function runEvaluateScheduleGroup(
  ctx: PlatformRunContext,
  action: EvaluateScheduleGroupAction,
  stepId: string,
): Promise<{ outcome: 'open' | 'closed' | 'holiday' | 'emergency'; detail: Record<string, unknown> }> {
  const label = 'Evaluate Schedule Group';
  const at = instant(ctx, action, action.at, label);
  if (action.emergencyGroup) {
    const emergency = await fetchObject(
      ctx,
      action,
      label,
      'emergencyGroup',
      action.emergencyGroup,
      `${stepId}@emergency`,
    );
    if (emergency.enabled === true) {
      if (action.activeSchedules) ctx.assign(action.activeSchedules, [], action, 'the active schedules');
      return { outcome: 'emergency', detail: { emergencyGroup: emergency.name, at: new Date(at).toISOString() } };
    }
  }
  const group = await fetchObject(ctx, action, label, 'scheduleGroup', action.ref, stepId);
  const ids = (field: string): string[] =>
    Array.isArray(group[field])
      ? group[field]
          .filter(isPlainObject)
          .map((r) => r.id)
          .filter((id): id is string => typeof id === 'string')
      : [];
  const call = platformClient(ctx, action, label);
  const read = async (category: string, id: string): Promise<ScheduleWindow> => {
    const request: GenesysRequest = { method: 'GET', path: `/api/v2/architect/schedules/${enc(id)}` };
    const res = await call(`${stepId}@${category}:${id}`, request);
    if (res.status < 200 || res.status > 299 || !isPlainObject(res.body))
      refusedAnswer(ctx, action, label, request, res, OBJECTS.schedule.permission);
    return window(res.body);
  };
  const windows = { holiday: [] as ScheduleWindow[], closed: [] as ScheduleWindow[], open: [] as ScheduleWindow[] };
  for (const category of ['holiday', 'closed', 'open'] as const) {
    for (const id of ids(`${category}Schedules`)) windows[category].push(await read(category, id));
  }
  const timeZone = typeof group.timeZone === 'string' && group.timeZone !== '' ? group.timeZone : 'UTC';
  const result = evaluateScheduleGroup({ timeZone, ...windows }, at);
  if (!result.ok)
    ctx.fail(
      ArchitectErrors.SB_ARCHITECT_ACTION_FAILED,
      `${label}: schedule group "${String(group.name)}" cannot be evaluated: ${result.reason}`,
      action,
    );
  if (action.activeSchedules) ctx.assign(action.activeSchedules, [...result.active], action, 'the active schedules');
  return {
    outcome: result.outcome,
    detail: { scheduleGroup: group.name, timeZone, at: new Date(at).toISOString(), activeSchedules: result.active },
  };
}
