/**
 * @module
 * The pure parts of matching: each criterion's trace from its resolved path, when an event
 * originated, and the TTL / delay decision (platform.md §1.4, §8 steps 4–6). Time comes in as `now`.
 */
import { MISSING, applyOperator } from './operators.ts';
import type { Resolved } from './json-path.ts';
import type { CompiledCriterion, CompiledTrigger } from './model.ts';
import type { CriterionTrace, Decision } from './types.ts';

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
  if (trigger.ttlMs !== undefined && now - origin > trigger.ttlMs)
    return { action: 'drop-ttl', ageMs: now - origin, ttlMs: trigger.ttlMs };
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
