/**
 * @module
 * Reading Evaluate Schedule and Evaluate Schedule Group from both formats. The Archy YAML of
 * Evaluate Schedule Group follows Archy's export (`scheduleGroup: { lit: { name } }`,
 * `emergencyGroup: { noValue: true }`, `evaluate: { now: true }`, `inServiceSchedules`, outputs
 * `open`/`closed`/`holiday`/`emergency`); Evaluate Schedule's YAML and both `.i3WorkFlow` shapes
 * are not published and are read after the Architect Scripting SDK's member names [INFERRED]
 * (docs/architect-semantics.md).
 */
import { isPlainObject } from '../../core/index.ts';
import type { Action, ScheduleRef, ValueSource } from '../model.ts';
import type { I3Helpers, YamlHelpers } from './platform-actions.ts';

type Raw = Record<string, unknown>;

const NOT_SET: ValueSource = { kind: 'notSet' };
const literal = (text: string): ValueSource => ({ kind: 'literal', value: text, text });

/** `{ lit: { name } }`, `{ lit: { id } }`, `{ lit: "name" }` or an expression giving the name. */
function refFromYaml(raw: unknown, h: Pick<YamlHelpers, 'valueSource'>): ScheduleRef | undefined {
  if (!isPlainObject(raw) || raw.noValue === true) return undefined;
  if (isPlainObject(raw.lit)) {
    if (typeof raw.lit.name === 'string') return { by: 'name', value: literal(raw.lit.name) };
    if (typeof raw.lit.id === 'string') return { by: 'id', value: literal(raw.lit.id) };
  }
  const value = h.valueSource(raw);
  return value.kind === 'notSet' ? undefined : { by: 'name', value };
}

/** `evaluate: { now: true }` or `evaluate: { dateTime | specific: <value> }`. */
function atFromYaml(raw: unknown, h: Pick<YamlHelpers, 'valueSource'>): ValueSource | 'now' {
  if (!isPlainObject(raw) || raw.now === true) return 'now';
  const given = raw.dateTime ?? raw.specific ?? raw.evaluationDateTime;
  return given === undefined ? 'now' : h.valueSource(given);
}

const varOf = (raw: unknown): string | undefined =>
  typeof raw === 'string' ? raw : isPlainObject(raw) && typeof raw.var === 'string' ? raw.var : undefined;

/**
 * Evaluate Schedule or Evaluate Schedule Group from its Archy YAML body, or `undefined` for another kind.
 * @example
 * scheduleActionFromYaml('evaluateScheduleGroup', { scheduleGroup: { lit: { name: 'Office Hours' } }, evaluate: { now: true } }, '3', 'Hours?', helpers);
 */
export function scheduleActionFromYaml(
  kind: string,
  body: Raw,
  id: string,
  name: string,
  h: YamlHelpers,
): Action | undefined {
  if (kind === 'evaluateScheduleGroup') {
    const ref = refFromYaml(body.scheduleGroup, h);
    if (!ref) h.issue('Evaluate Schedule Group needs its "scheduleGroup"');
    const emergencyGroup = refFromYaml(body.emergencyGroup, h);
    const activeSchedules = varOf(body.inServiceSchedules);
    return {
      id,
      name,
      type: 'evaluateScheduleGroup',
      ref: ref ?? { by: 'name', value: NOT_SET },
      ...(emergencyGroup ? { emergencyGroup } : {}),
      at: atFromYaml(body.evaluate, h),
      ...(activeSchedules ? { activeSchedules } : {}),
      open: h.outputs('open'),
      closed: h.outputs('closed'),
      holiday: h.outputs('holiday'),
      emergency: h.outputs('emergency'),
    };
  }
  if (kind === 'evaluateSchedule') {
    const emergency = refFromYaml(body.emergencyGroup, h);
    const schedule = refFromYaml(body.schedule, h);
    if (!schedule && !emergency) h.issue('Evaluate Schedule needs its "schedule" (or an "emergencyGroup" to evaluate)');
    return {
      id,
      name,
      type: 'evaluateSchedule',
      target: !schedule && emergency ? 'emergencyGroup' : 'schedule',
      ref: schedule ?? emergency ?? { by: 'name', value: NOT_SET },
      timeZone: h.valueSource(body.timeZone ?? body.scheduleTimeZone),
      at: atFromYaml(body.evaluate, h),
      active: h.outputs('active'),
      inactive: h.outputs('inactive'),
    };
  }
  return undefined;
}

/** A `.i3WorkFlow` reference: `{ name }` / `{ id }` of the object, or a value giving its name. */
function refFromI3(raw: unknown, h: Pick<I3Helpers, 'valueSource'>): ScheduleRef | undefined {
  if (!isPlainObject(raw)) return undefined;
  if (typeof raw.name === 'string' && raw.name !== '' && raw.config === undefined)
    return { by: 'name', value: literal(raw.name) };
  if (typeof raw.id === 'string' && raw.id !== '' && raw.config === undefined)
    return { by: 'id', value: literal(raw.id) };
  const value = h.valueSource(raw);
  return value.kind === 'notSet' ? undefined : { by: 'name', value };
}

/**
 * Evaluate Schedule (`EvaluateScheduleAction`, paths `__ACTIVE__` / `__INACTIVE__`) or Evaluate
 * Schedule Group (`EvaluateScheduleGroupAction`, `__OPEN__` / `__CLOSED__` / `__HOLIDAY__` /
 * `__EMERGENCY__`) from an `.i3WorkFlow` action, or `undefined` for another type.
 */
export function scheduleActionFromI3(
  type: string,
  raw: Raw,
  id: string,
  name: string,
  h: I3Helpers,
): Action | undefined {
  const at = raw.evaluateNow === false ? h.valueSource(raw.evaluationDateTime) : 'now';
  if (type === 'EvaluateScheduleGroupAction') {
    const emergencyGroup = refFromI3(raw.emergencyGroup, h);
    const activeSchedules = h.target(raw.inServiceSchedules);
    return {
      id,
      name,
      type: 'evaluateScheduleGroup',
      ref: refFromI3(raw.scheduleGroup, h) ?? { by: 'name', value: NOT_SET },
      ...(emergencyGroup ? { emergencyGroup } : {}),
      at,
      ...(activeSchedules ? { activeSchedules } : {}),
      open: h.branch('__OPEN__'),
      closed: h.branch('__CLOSED__'),
      holiday: h.branch('__HOLIDAY__'),
      emergency: h.branch('__EMERGENCY__'),
    };
  }
  if (type === 'EvaluateScheduleAction') {
    const emergency = raw.evaluateEmergencyGroup === true;
    return {
      id,
      name,
      type: 'evaluateSchedule',
      target: emergency ? 'emergencyGroup' : 'schedule',
      ref: refFromI3(emergency ? raw.emergencyGroup : raw.schedule, h) ?? { by: 'name', value: NOT_SET },
      timeZone: h.valueSource(raw.scheduleTimeZone),
      at,
      active: h.branch('__ACTIVE__'),
      inactive: h.branch('__INACTIVE__'),
    };
  }
  return undefined;
}
