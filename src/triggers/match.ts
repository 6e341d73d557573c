/**
 * @module
 * Matching one trigger against one event, with a trace of every criterion, and the TTL / delay
 * decision (platform.md §1.4, §8 steps 4–6). Pure: time comes in as `now`.
 */
import { MISSING, applyOperator } from './operators.ts';
import type { Resolved } from './json-path.ts';
import type { CompiledCriterion, CompiledTrigger } from './model.ts';
import { validateEventBody } from './topics.ts';
import type { CriterionTrace, Decision, SchemaResult, TriggerTrace } from './types.ts';

/** Options of {@link matchTrigger}. */
export interface MatchOptions {
  /** When the event was received (epoch ms); the TTL's origin for events without `eventTime`. Defaults to `now`. */
  receivedAt?: number;
  /** A schema result already computed for this event (the index computes it once per event). */
  schema?: SchemaResult;
}

/** When the event originated: its `eventTime` (epoch ms) if it has one, else when it was received. */
export function eventOrigin(body: unknown, receivedAt: number): number {
  const t = typeof body === 'object' && body !== null ? (body as { eventTime?: unknown }).eventTime : undefined;
  return typeof t === 'number' && Number.isFinite(t) ? t : receivedAt;
}

/**
 * What to do with a matched event: drop it when older than the TTL (and say by how much), delay
 * the start by `delayBySeconds`, or start now. A disabled trigger never fires.
 * @example
 * decide({ enabled: true, ttlMs: 60_000, delayMs: undefined }, true, 0, 120_000)
 * // { action: 'drop-ttl', ageMs: 120000, ttlMs: 60000 }
 */
export function decide(
  trigger: Pick<CompiledTrigger, 'enabled' | 'ttlMs' | 'delayMs'>,
  matches: boolean,
  origin: number,
  now: number,
): Decision {
  if (!matches) return { action: 'none' };
  if (!trigger.enabled) return { action: 'skip-disabled' };
  if (trigger.ttlMs !== undefined && now - origin > trigger.ttlMs) return { action: 'drop-ttl', ageMs: now - origin, ttlMs: trigger.ttlMs };
  if (trigger.delayMs !== undefined) return { action: 'delay', at: now + trigger.delayMs, delayMs: trigger.delayMs };
  return { action: 'start', at: now };
}

/** The trace of one criterion from its resolved path. */
export function traceCriterion(c: CompiledCriterion, r: Resolved): CriterionTrace {
  const left = c.operator === 'Exists' && !c.path.definite && r.extracted.length === 0 ? MISSING : r.left;
  const trace: CriterionTrace = {
    index: c.index,
    jsonPath: c.source.jsonPath,
    operator: c.operator,
    definite: c.path.definite,
    extracted: r.extracted,
    match: applyOperator(c.operator, left, c.right),
  };
  if (c.source.values !== undefined) trace.values = c.source.values;
  else trace.value = c.source.value;
  return trace;
}

/**
 * Assemble a trigger's trace from its criteria traces (AND, platform.md §1.4) and the schema.
 * @internal Used by {@link matchTrigger} and the trigger index.
 */
export function assembleTrace(t: CompiledTrigger, criteria: CriterionTrace[], schema: SchemaResult, origin: number, now: number): TriggerTrace {
  let matches = schema.matches;
  for (const c of criteria) if (!c.match) matches = false;
  return {
    triggerId: t.id,
    name: t.name,
    enabled: t.enabled,
    topicName: t.topicName,
    matches,
    criteria,
    decision: decide(t, matches, origin, now),
  };
}

/**
 * Match one trigger against an event body. Never throws: a body that is not an object, or does
 * not fit the topic's schema, is reported in `schema` and does not match. Disabled triggers are
 * evaluated too (test mode) and get `decision: skip-disabled` when they match.
 * @example
 * const trace = matchTrigger(compileTrigger(trigger), { mediaType: 'CALLBACK', eventTime: now }, now);
 * trace.matches // true
 * trace.criteria[0].extracted // [{ value: 'CALLBACK', path: "$['mediaType']" }]
 */
export function matchTrigger(t: CompiledTrigger, body: unknown, now: number, options: MatchOptions = {}): TriggerTrace {
  const schema = options.schema ?? validateEventBody(t.topicName, body);
  const criteria = t.criteria.map((c) => traceCriterion(c, c.path.resolve(body)));
  return assembleTrace(t, criteria, schema, eventOrigin(body, options.receivedAt ?? now), now);
}
