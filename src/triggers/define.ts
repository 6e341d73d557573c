/**
 * @module
 * `defineTrigger`: a trigger declared in code, held to the rules a trigger file is held to.
 */
import { SwitchboardError } from '../core/index.ts';
import { TriggerErrors } from './errors.ts';
import { loadTrigger } from './load.ts';
import type { Trigger, TriggerSpec } from './types.ts';

/** A trigger as code declares it: the API body (`CreateTriggerRequest`), optionally with an `id`. */
export type TriggerDeclaration = Omit<TriggerSpec, 'version'> & { readonly id?: string };

/**
 * Declare a trigger in code. It is validated with the Process Automation API's rules, as a
 * trigger file is: a trigger that breaks any rule throws `SB_TRIGGER_INVALID` listing every
 * violation in `details.violations`. Without an `id`, the trigger gets `local`.
 * @example
 * export const callbackQueued = defineTrigger({
 *   name: 'Callback queued', enabled: true,
 *   topicName: 'v2.detail.events.conversation.{id}.acd.start',
 *   target: { id: 'raise-callback-priority', type: 'Workflow' },
 *   matchCriteria: [{ jsonPath: 'mediaType', operator: 'Equal', value: 'CALLBACK' }],
 * });
 */
export function defineTrigger(declaration: TriggerDeclaration): Trigger {
  const loaded = loadTrigger(declaration);
  if (!loaded.ok) {
    const name = typeof declaration?.name === 'string' ? declaration.name : String(declaration?.id ?? 'trigger');
    throw new SwitchboardError(
      TriggerErrors.SB_TRIGGER_INVALID,
      `trigger "${name}" breaks ${loaded.violations.length} rule(s): ${loaded.violations.map((v) => v.message).join('; ')}`,
      {
        details: { triggerId: declaration?.id, violations: loaded.violations },
      },
    );
  }
  return loaded.trigger;
}
