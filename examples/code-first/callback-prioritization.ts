/**
 * @module
 * The callback-prioritization solution (solutions/callback-prioritization) written in TypeScript:
 * while a callback waits in queue, raise its routing priority every few minutes, a bounded number
 * of times, and stop once the callback is neither waiting nor connected. The trigger is declared
 * in code; the data actions are the solution's, loaded as a bundle (switchboard.json here).
 *
 * In a project of your own, import from `switchboard` instead of the sources.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defineTrigger, defineWorkflow, loadBundle } from '../../src/index.ts';
import type { LoadedBundle } from '../../src/index.ts';

/** The name of the workflow, which the trigger's target names too. */
export const WORKFLOW = 'raise-callback-priority';

/** How the workflow paces itself (the solution's configuration points). */
export const SETTINGS = { maxIncrements: 5, intervalMinutes: 5, priorityIncrement: 1 } as const;

/** A callback entering a queue: an `acd.start` event of media type CALLBACK. */
export const callbackQueued = defineTrigger({
  name: 'Callback queued',
  description: 'A callback enters a queue (an acd.start event of media type CALLBACK).',
  topicName: 'v2.detail.events.conversation.{id}.acd.start',
  enabled: true,
  target: { id: WORKFLOW, type: 'Workflow', workflowTargetSettings: { dataFormat: 'TopLevelPrimitives' } },
  matchCriteria: [{ jsonPath: 'mediaType', operator: 'Equal', value: 'CALLBACK' }],
});

/** How a run ends. */
export type Outcome = { readonly exitReason: 'CallbackCanceled' | 'Loop Complete'; readonly raises: number };

/**
 * The durable loop. Every wait is a persisted timer, so a run survives a restart and holds no
 * memory while the callback waits; a failed read skips its round, as in the Architect flow.
 */
export const raiseCallbackPriority = defineWorkflow(
  { name: WORKFLOW, inputs: z.object({ conversationId: z.string().min(1) }) },
  async ({ input, step }): Promise<Outcome> => {
    let raises = 0;
    for (let round = 0; round < SETTINGS.maxIncrements; round++) {
      await step.sleep({ minutes: SETTINGS.intervalMinutes });
      const state = await step.action('Get Callback State', { conversationId: input.conversationId });
      if (state.status !== 'success') continue;
      if (state.outputs.state !== 'waiting' && state.outputs.state !== 'connected') return { exitReason: 'CallbackCanceled', raises };
      const current = await step.action('Get Callback Routing Priority', { conversationId: input.conversationId });
      if (current.status !== 'success' || typeof current.outputs.priority !== 'number') continue;
      const set = await step.action('Set Conversation Routing Priority', {
        conversationId: input.conversationId,
        priority: current.outputs.priority + SETTINGS.priorityIncrement,
      });
      if (set.status === 'success') raises++;
    }
    return { exitReason: 'Loop Complete', raises };
  },
);

/** The name of the bundle that holds the data actions. */
export const ACTIONS_BUNDLE = 'code-first-callback-actions';

/** The solution's data actions, bound to the integration of this folder's switchboard.json. */
export function callbackActions(): LoadedBundle {
  return loadBundle(fileURLToPath(new URL('.', import.meta.url)));
}
