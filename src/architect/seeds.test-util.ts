/**
 * @module
 * The seven published seed workflows, imported from their exports, for the seed tests: the paths
 * to each and the comparison of two imported models by their logic.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { blueprintPath } from '../../test/support/shared.ts';
import { importArchyYaml } from './import/archy-yaml.ts';
import { importI3WorkFlow } from './import/i3workflow.ts';
import type { Action, Flow, ValueSource } from './model.ts';

export const TERM = 'terminate-voice-calls-with-no-queue';
export const PRES = 'update-gc-presence-on-communicate-call-activity-blueprint';
export const CB = 'callback-prioritization/main';
export const BUSY = '31fe3bac-dea6-44b7-bed7-47f91660a1a0';
export const AVAILABLE = '6a3af858-942f-489d-9700-5f9bcdcdae9b';

/** The data-action names exported beside a flow (its folder's *.custom.json). */
export function actionsBeside(file: string): string[] {
  const dir = dirname(file);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.custom.json'))
    .map((f) => (JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as { name: string }).name);
}
export function i3(...parts: string[]): Flow {
  const file = blueprintPath(...parts);
  return importI3WorkFlow(readFileSync(file, 'utf8'), { file: parts.at(-1)!, dataActions: actionsBeside(file) });
}
export function yaml(params: Record<string, string>, ...parts: string[]): Flow {
  return importArchyYaml(readFileSync(blueprintPath(...parts), 'utf8'), { file: parts.at(-1)!, params });
}

/** The logic of a flow: everything except ids, display names, categories and timeouts. */
export function logic(actions: readonly Action[]): unknown[] {
  const v = (s: ValueSource) =>
    s.kind === 'notSet' ? null : s.kind === 'literal' ? { lit: s.value } : { exp: s.text };
  return actions.map((a) => {
    switch (a.type) {
      case 'callData':
        return {
          call: a.dataAction,
          inputs: Object.fromEntries(Object.entries(a.inputs).map(([k, s]) => [k, v(s)])),
          out: a.successOutputs,
          err: a.failureOutputs,
          success: logic(a.success),
          failure: logic(a.failure),
          timeout: logic(a.timeout),
        };
      case 'decision':
        return { decision: v(a.condition), yes: logic(a.yes), no: logic(a.no) };
      case 'updateData':
        return { update: a.statements.map((s) => [s.variable, v(s.value)]) };
      case 'loop':
        return { loop: v(a.loopCount), index: a.indexVariable, body: logic(a.body) };
      case 'wait':
        return { wait: a.durationMs, trim: a.trimDurationNearMaxRunningTime };
      case 'endWorkflow':
        return { end: v(a.exitReason) };
      default:
        return { [a.type]: true };
    }
  });
}
export const vars = (f: Flow) =>
  Object.fromEntries(
    [...f.variables, ...f.states.flatMap((s) => s.variables)].map((x) => [
      x.name,
      { ...x.type, isInput: x.isInput, initial: x.initial },
    ]),
  );

export const TERM_PARAMS = {
  workflow_name: 'Terminate Outbound Call Missing Queue',
  data_action_category: 'Terminate Outbound Conversations with no Queue',
  disconnect_voice_call: 'Disconnect Voice Call',
  put_conversation_tag: 'Put Conversation Tag',
  check_conversation_for_ptsn_leg: 'Check Conversation For PSTN Leg',
};
export const CB_PARAMS = {
  flow_name: 'Callback Prioritization',
  division: 'Home',
  default_language: 'en-us',
  data_action_category: 'Callback Prioritization',
  get_callback_priority: 'Get Callback Priority',
  get_interaction_state: 'Get Interaction State',
  update_callback_priority: 'Update Callback Priority',
};

export const flows = {
  terminate: () => i3(TERM, 'main/exports/Terminate Outbound Call Missing Queue.i3WorkFlow'),
  pstn: () => i3(TERM, 'main/exports/Terminate Outbound Call Missing Queue with PSTN Call Leg Check.i3WorkFlow'),
  externalTag: () => i3(TERM, 'update-external-tag/UpdateExternalTagOnConversation.i3WorkFlow'),
  available: () => i3(PRES, 'main/Set GC User to Available.i3WorkFlow'),
  busyNov23: () => i3(PRES, 'nov-23-update__support-group-calls/Set GC User to Busy.i3WorkFlow'),
  busyInitial: () => i3(PRES, 'initial-blueprint-creation/Set GC User to Busy.i3WorkFlow'),
  callback: () => i3(CB, 'exports/Callback-Prioritization.i3WorkFlow'),
};
