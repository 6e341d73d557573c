/**
 * @module
 * A trigger compiled for matching: its JSONPaths parsed once, its timing in milliseconds.
 */
import { SwitchboardError } from '../core/index.ts';
import { TriggerErrors } from './errors.ts';
import { compileJsonPath } from './json-path.ts';
import type { CompiledJsonPath } from './json-path.ts';
import { validateTrigger } from './validate.ts';
import type { DataFormat, MatchCriterion, Operator, Trigger } from './types.ts';

/** A criterion ready to evaluate. */
export interface CompiledCriterion {
  readonly index: number;
  readonly source: MatchCriterion;
  readonly operator: Operator;
  readonly path: CompiledJsonPath;
  /** `value`, or `values` for the list operators. */
  readonly right: unknown;
}

/** A trigger ready to match events. */
export interface CompiledTrigger {
  readonly trigger: Trigger;
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly topicName: string;
  readonly criteria: readonly CompiledCriterion[];
  readonly ttlMs: number | undefined;
  readonly delayMs: number | undefined;
  readonly dataFormat: DataFormat;
}

/**
 * Compile a trigger. It is validated first: a trigger that breaks any rule throws
 * `SB_TRIGGER_INVALID` listing every violation in `details.violations`.
 * @example
 * const t = compileTrigger({ id: 't1', version: 1, name: 'No queue', enabled: true,
 *   topicName: 'v2.detail.events.conversation.{id}.user.start', target: { type: 'Workflow', id: 'wf' },
 *   matchCriteria: [{ jsonPath: 'queueId', operator: 'Exists', value: false }] });
 */
export function compileTrigger(trigger: Trigger): CompiledTrigger {
  const result = validateTrigger(trigger);
  if (!result.ok) {
    const list = result.violations.map((v) => v.message).join('; ');
    throw new SwitchboardError(
      TriggerErrors.SB_TRIGGER_INVALID,
      `trigger "${String(trigger.name ?? trigger.id)}" breaks ${result.violations.length} rule(s): ${list}`,
      {
        details: { triggerId: trigger.id, violations: result.violations },
      },
    );
  }
  const spec = result.spec;
  const criteria = (spec.matchCriteria ?? []).map((c, index): CompiledCriterion => ({
    index,
    source: c,
    operator: c.operator,
    path: compileJsonPath(c.jsonPath),
    right: c.values ?? c.value,
  }));
  return {
    trigger: { ...trigger, ...spec, id: trigger.id, version: trigger.version },
    id: trigger.id,
    name: spec.name,
    enabled: spec.enabled,
    topicName: spec.topicName,
    criteria,
    ttlMs: spec.eventTTLSeconds === undefined ? undefined : spec.eventTTLSeconds * 1000,
    delayMs: spec.delayBySeconds === undefined ? undefined : spec.delayBySeconds * 1000,
    dataFormat: spec.target.workflowTargetSettings?.dataFormat ?? 'TopLevelPrimitives',
  };
}
