/**
 * @module
 * What the workflow receives when a trigger fires (platform.md §1.5).
 */
import type { DataFormat, Trigger } from './types.ts';

/** The data format of a trigger: `TopLevelPrimitives` unless its target says `Json` (§1.2). */
export function dataFormatOf(trigger: Pick<Trigger, 'target'>): DataFormat {
  return trigger.target.workflowTargetSettings?.dataFormat ?? 'TopLevelPrimitives';
}

/**
 * The workflow's input variables for an event. `TopLevelPrimitives`: every top-level string,
 * number and boolean under its exact JSON name (bound to `Flow.<name>`); arrays, objects and
 * nulls are dropped. `Json`: the whole body as `jsonData`.
 * @example
 * workflowInputs(trigger, { conversationId: 'c1', callbackNumbers: ['1'], eventTime: 5 })
 * // TopLevelPrimitives → { conversationId: 'c1', eventTime: 5 }
 */
export function workflowInputs(trigger: Pick<Trigger, 'target'>, body: unknown): Record<string, unknown> {
  if (dataFormatOf(trigger) === 'Json') return { jsonData: body };
  const inputs: Record<string, unknown> = {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return inputs;
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') inputs[k] = v;
  }
  return inputs;
}
