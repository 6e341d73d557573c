/**
 * @module
 * A workitem flow's own actions from both formats: Update Workitem, Disconnect Workitem, Terminate
 * Workitem, Transfer to ACD, Transfer to User and Exit Workitem Flow. Archy writes them
 * `updateWorkitem`, `disconnectWorkitem`, `terminateWorkitem`, `transferToAcd`, `transferToUser`
 * and `exitWorkitemFlow`; Architect's export `UpdateWorkitemAction`, `DisconnectWorkitemAction`,
 * `TerminateWorkitemAction`, `TransferPureMatchAction`, `TransferUserAction` and
 * `ExitWorkitemFlowAction`, with the paths `__SUCCESS__` / `__FAILURE__`. Update and Terminate
 * Workitem's shapes, Transfer to User's in a workitem flow (a call flow's: `targetUser` in Archy,
 * `user` in the export) and the Success / Failure outputs in YAML are [INFERRED]
 * (docs/architect-semantics.md).
 */
import { isPlainObject } from '../../core/index.ts';
import type { Action, ValueSource, WorkitemAction } from '../model.ts';
import type { I3Helpers, YamlHelpers } from './platform-actions.ts';
import { list, single, str, valueSourceOf } from './yaml-values.ts';

type Raw = Record<string, unknown>;

/** The YAML action kinds read here. */
export const WORKITEM_YAML_ACTIONS: readonly string[] = [
  'updateWorkitem',
  'disconnectWorkitem',
  'terminateWorkitem',
  'transferToAcd',
  'transferToUser',
  'exitWorkitemFlow',
];

const YAML_KINDS: Readonly<Record<string, WorkitemAction['operation']>> = {
  updateWorkitem: 'update',
  disconnectWorkitem: 'disconnect',
  terminateWorkitem: 'terminate',
  transferToAcd: 'transferToAcd',
  transferToUser: 'transferToUser',
};

/** `failureOutputs: { errorType: { var: Task.x }, errorMessage: … }` → the variables written. */
function failureTargets(raw: unknown, target: (v: unknown) => string | undefined) {
  const outputs = isPlainObject(raw) ? raw : {};
  const errorType = target(outputs.errorType);
  const errorMessage = target(outputs.errorMessage);
  return { ...(errorType ? { errorType } : {}), ...(errorMessage ? { errorMessage } : {}) };
}

/**
 * A queue literal is written `{ lit: { name: <queue> } }`, a user literal so too [INFERRED]; either
 * is looked up by its name.
 */
function namedSource(raw: unknown): ValueSource {
  if (isPlainObject(raw) && isPlainObject(raw.lit) && typeof raw.lit.name === 'string')
    return { kind: 'literal', value: raw.lit.name, text: raw.lit.name };
  return valueSourceOf(raw);
}

/** A workitem action from its Archy YAML form, or `undefined` when `kind` is not one. */
export function workitemActionFromYaml(
  kind: string,
  body: Raw,
  id: string,
  name: string,
  h: YamlHelpers,
): Action | undefined {
  if (kind === 'exitWorkitemFlow') return { id, name, type: 'exitWorkitemFlow' };
  const operation: WorkitemAction['operation'] | undefined = YAML_KINDS[kind];
  if (!operation) return undefined;
  const yamlTarget = (v: unknown) => (isPlainObject(v) ? str(v.var) : undefined);
  const action: WorkitemAction = {
    id,
    name,
    type: 'workitem',
    operation,
    ...failureTargets(body.failureOutputs, yamlTarget),
    ...(operation === 'terminate' ? { status: valueSourceOf(body.status ?? body.statusId) } : {}),
    ...(operation === 'update'
      ? {
          // [INFERRED] written as Update Data's statements: `- <type>: { variable: Workitem.Workitem.<attr>, value }`.
          statements: list(body.statements).flatMap((s) => {
            const st = single(s);
            return st ? [{ variable: str(st[1].variable) ?? '', value: valueSourceOf(st[1].value) }] : [];
          }),
        }
      : {}),
    ...(operation === 'transferToAcd'
      ? {
          queue: namedSource(body.targetQueue ?? body.queue),
          priority: valueSourceOf(body.priority),
          languageSkill: valueSourceOf(body.languageSkill),
          preferredAgents: valueSourceOf(body.preferredAgents),
          skills: (Array.isArray(body.skills) ? body.skills : []).map(valueSourceOf),
        }
      : {}),
    ...(operation === 'transferToUser' ? { user: namedSource(body.targetUser ?? body.user) } : {}),
    success: h.outputs('success'),
    failure: h.outputs('failure'),
  };
  if (operation === 'transferToAcd' && action.queue?.kind === 'notSet')
    h.issue('Transfer to ACD needs its "targetQueue" (a queue literal { lit: { name } } or an expression)');
  if (operation === 'transferToUser' && action.user?.kind === 'notSet')
    h.issue('Transfer to User needs its "targetUser" (a user literal { lit: { name } } or an expression)');
  return action;
}

const I3_TYPES: Readonly<Record<string, WorkitemAction['operation']>> = {
  UpdateWorkitemAction: 'update',
  DisconnectWorkitemAction: 'disconnect',
  TerminateWorkitemAction: 'terminate',
  TransferPureMatchAction: 'transferToAcd',
  TransferUserAction: 'transferToUser',
};

/** A workitem action from its `.i3WorkFlow` form, or `undefined` when `type` is not one. */
export function workitemActionFromI3(
  type: string,
  raw: Raw,
  id: string,
  name: string,
  h: I3Helpers,
): Action | undefined {
  if (type === 'ExitWorkitemFlowAction') return { id, name, type: 'exitWorkitemFlow' };
  const operation = I3_TYPES[type];
  if (!operation) return undefined;
  const bindings = Object.fromEntries(
    (Array.isArray(raw.errorBindings) ? raw.errorBindings : [])
      .filter(isPlainObject)
      .map((b) => [str(b.name) ?? '', b.value]),
  );
  const queues = Array.isArray(raw.queues) ? raw.queues : [];
  return {
    id,
    name,
    type: 'workitem',
    operation,
    ...failureTargets(bindings, (v) => h.target(v)),
    ...(operation === 'terminate' ? { status: h.valueSource(raw.status) } : {}),
    ...(operation === 'update'
      ? {
          // [INFERRED] as Update Data's export: `variables: [{ variable, expression }]`.
          statements: (Array.isArray(raw.variables) ? raw.variables : []).filter(isPlainObject).map((st) => ({
            variable: h.target(st.variable) ?? (isPlainObject(st.variable) ? (str(st.variable.text) ?? '') : ''),
            value: h.valueSource(st.expression),
          })),
        }
      : {}),
    ...(operation === 'transferToAcd'
      ? {
          queue: h.valueSource(queues[0]),
          priority: h.valueSource(raw.priority),
          languageSkill: h.valueSource(raw.languageSkill),
          preferredAgents: { kind: 'notSet' },
          skills: (Array.isArray(raw.skills) ? raw.skills : []).map((s) => h.valueSource(s)),
        }
      : {}),
    ...(operation === 'transferToUser' ? { user: h.valueSource(raw.user) } : {}),
    success: h.branch('__SUCCESS__'),
    failure: h.branch('__FAILURE__'),
  };
}
