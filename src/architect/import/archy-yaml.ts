/**
 * @module
 * Import of Archy YAML workflows (platform.md §7.1–7.2). `{{name}}` placeholders are replaced in the
 * text before parsing, exactly as Terraform's `genesyscloud_flow` `substitutions` do, so they may
 * stand for keys too (`{{data_action_category}}:`). YAML actions carry no ids: each gets a stable
 * structural id (`1.yes.0`), so step ids stay deterministic.
 */
import { parse as parseYaml } from 'yaml';
import { substitute } from './substitute.ts';
import { SwitchboardError, isPlainObject } from '../../core/index.ts';

export { substitute } from './substitute.ts';
import { durationFromYaml } from '../duration.ts';
import { compatibility } from '../common-modules.ts';
import { ArchitectErrors } from '../errors.ts';
import { notAWorkflow } from './flow-types.ts';
import { actionLabel, invalidFlowError } from '../issues.ts';
import type { FlowIssue } from '../issues.ts';
import { supportedKinds, typeOfYamlKind } from '../data-types.ts';
import type { Action, Flow, FlowState, VariableDecl } from '../model.ts';
import { initialValue } from './initial-value.ts';
import { list, single, str, valueSourceOf } from './yaml-values.ts';
import { callCommonModuleFromYaml, callDataFromYaml, callTaskFromYaml, switchFromYaml } from './yaml-calls.ts';
import type { YamlActionContext } from './yaml-calls.ts';
import { platformActionFromYaml } from './platform-actions.ts';
import { WORKITEM_YAML_ACTIONS, workitemActionFromYaml } from './workitem-actions.ts';
import { validateFlow } from '../validate.ts';
import type { ImportOptions } from './options.ts';

type Raw = Record<string, unknown>;

/** Options of {@link importArchyYaml}. */
export interface ArchyImportOptions extends ImportOptions {
  /** Values for the `{{name}}` placeholders. */
  readonly params?: Readonly<Record<string, string>>;
}

/** Every Archy action kind the importer reads. */
export const SUPPORTED_YAML_ACTIONS: readonly string[] = [
  'callData',
  'decision',
  'switch',
  'updateData',
  'loop',
  'loopExit',
  'loopNext',
  'changeState',
  'wait',
  'endWorkflow',
  'getParticipantData',
  'setParticipantData',
  'getConversationData',
  'setConversationData',
  'findUser',
  'findUserById',
  'findQueue',
  'findQueueById',
  'findGroup',
  'findGroupById',
  'findSkill',
  'findLanguageSkill',
  'getExternalContact',
  'getExternalOrganization',
  'dataTableLookup',
  'evaluateSchedule',
  'evaluateScheduleGroup',
  'callTask',
  'endTask',
  'callCommonModule',
];

/**
 * Import an Archy YAML workflow into the flow model and validate it.
 * @example
 * const flow = importArchyYaml(text, { params: { flow_name: 'Callback Prioritization', division: 'Home' } });
 */
export function importArchyYaml(text: string, options: ArchyImportOptions = {}): Flow {
  const file = options.file ?? 'workflow YAML';
  const substituted = substitute(text, options.params, file);
  let doc: unknown;
  try {
    doc = parseYaml(substituted);
  } catch (e) {
    throw new SwitchboardError(
      ArchitectErrors.SB_ARCHITECT_YAML_INVALID,
      `${file}: the workflow must be valid YAML; ${(e as Error).message}`,
      { details: { file }, cause: e },
    );
  }
  const type = isPlainObject(doc) ? FLOW_KEYS.find((k) => isPlainObject(doc[k])) : undefined;
  const root = type && isPlainObject(doc) ? doc[type] : undefined;
  if (!type || !isPlainObject(root)) throw notAWorkflow(file, doc);
  const builder = new YamlBuilder(root, type);
  const flow = builder.build();
  const issues = [...builder.issues, ...(options.validate === false ? [] : validateFlow(flow, options))];
  if (issues.length > 0) throw invalidFlowError(flow.name, issues, options.file);
  return flow;
}

/** The top-level keys of the flow types that run: a workflow, a workitem flow, a common module. */
const FLOW_KEYS = ['workflow', 'workitem', 'commonModule'] as const;

class YamlBuilder {
  readonly issues: FlowIssue[] = [];
  private readonly flowName: string;

  constructor(
    private readonly wf: Raw,
    private readonly type: (typeof FLOW_KEYS)[number],
  ) {
    this.flowName = str(wf.name) ?? '(unnamed flow)';
  }

  private issue(rule: FlowIssue['rule'], message: string, action?: { name: string; id: string }): void {
    this.issues.push({
      rule,
      flow: this.flowName,
      message,
      ...(action ? { action: actionLabel(action.name, action.id) } : {}),
    });
  }

  build(): Flow {
    const { wf } = this;
    const handling =
      isPlainObject(wf.settingsErrorHandling) && isPlainObject(wf.settingsErrorHandling.errorHandling)
        ? wf.settingsErrorHandling.errorHandling
        : undefined;
    // A workitem flow's handling is `endFlow` (its End Workflow) [INFERRED].
    if (handling && !('endWorkflow' in handling) && !(this.type === 'workitem' && 'endFlow' in handling))
      this.issue(
        'unsupported',
        `flow-level error handling "${Object.keys(handling).join(', ')}" is not supported; only endWorkflow is`,
      );
    const variables = this.variables(wf.variables);
    if (this.type === 'commonModule') return this.commonModule(variables);
    const states = list(wf.states).flatMap((item) => {
      const s = single(item);
      if (!s || s[0] !== 'state') {
        this.issue('structure', 'states must be a list of "state:" mappings');
        return [];
      }
      return [this.state(s[1])];
    });
    // [INFERRED] reusable tasks sit beside the states as `tasks: [{ task: { name, refId, variables, actions } }]`.
    const tasks = list(wf.tasks).flatMap((item) => {
      const t = single(item);
      if (!t || t[0] !== 'task') {
        this.issue('structure', 'tasks must be a list of "task:" mappings');
        return [];
      }
      return [this.state(t[1], 'task')];
    });
    const ref = str(wf.startUpRef) ?? '';
    const m = /state\[(.+)\]\s*$/.exec(ref);
    const startRef = m?.[1] ?? states[0]?.id ?? '';
    if (!states.some((s) => s.id === startRef)) this.issue('dangling-id', `startUpRef "${ref}" names no state refId`);
    const worktype = isPlainObject(wf.worktype) ? str(wf.worktype.name) : undefined;
    return {
      name: this.flowName,
      type: this.type === 'workitem' ? 'workitem' : 'workflow',
      ...(this.type === 'workitem' && worktype ? { worktype } : {}),
      source: 'yaml',
      errorHandling: 'EndWorkflow',
      variables,
      states,
      startState: startRef,
      ...(tasks.length > 0 ? { tasks } : {}),
    };
  }

  /** [INFERRED] A common module's body is its startup task (`startUpTaskActions`), run as its one state. */
  private commonModule(variables: VariableDecl[]): Flow {
    const start = 'startUpTask';
    const settings = isPlainObject(this.wf.settingsCommonModule) ? this.wf.settingsCommonModule : {};
    const types = list(settings.compatibleFlowTypes).map((t) => (isPlainObject(t) ? t.flowType : undefined));
    return {
      name: this.flowName,
      type: 'commonModule',
      source: 'yaml',
      errorHandling: 'EndWorkflow',
      variables,
      states: [
        { id: start, name: 'Start Up Task', variables: [], actions: this.sequence(this.wf.startUpTaskActions, '') },
      ],
      startState: start,
      ...compatibility(settings.compatibleFlowTypes === undefined ? undefined : types),
    };
  }

  private variables(raw: unknown): VariableDecl[] {
    return list(raw).flatMap((item) => {
      const v = single(item);
      const kind = v ? typeOfYamlKind(v[0]) : undefined;
      if (!v || !kind) {
        this.issue(
          'unsupported',
          `variable kind "${v?.[0] ?? '?'}" is not supported (${supportedKinds('yaml')} and their Collection forms are)`,
        );
        return [];
      }
      const body = v[1];
      const name = str(body.name) ?? '';
      const init = isPlainObject(body.initialValue) && 'lit' in body.initialValue ? body.initialValue.lit : undefined;
      const initial = initialValue(init, kind, (why) =>
        this.issue('type-mismatch', `the initial value of ${name}: ${why}`),
      );
      return [{ name, type: kind, isInput: body.isInput === true, isOutput: body.isOutput === true, initial }];
    });
  }

  private state(body: Raw, kind: 'state' | 'task' = 'state'): FlowState {
    const id = str(body.refId) ?? str(body.name) ?? '';
    return {
      id,
      name: str(body.name) ?? id,
      variables: this.variables(body.variables),
      // A task's action ids name the task, so its steps are never taken for a state's.
      actions: this.sequence(body.actions, kind === 'task' ? `task[${id}]` : ''),
    };
  }

  private sequence(raw: unknown, prefix: string): Action[] {
    return list(raw).flatMap((item, i) => {
      const id = prefix === '' ? String(i) : `${prefix}.${i}`;
      const a = single(item);
      if (!a) {
        this.issue('structure', `action ${id} must be a single-key mapping such as "decision:"`);
        return [];
      }
      const action = this.action(a[0], a[1], id);
      return action ? [action] : [];
    });
  }

  private outputs(body: Raw, key: string, id: string): Action[] {
    const outputs = isPlainObject(body.outputs) ? body.outputs : {};
    const branch = outputs[key];
    return this.sequence(isPlainObject(branch) ? branch.actions : undefined, `${id}.${key}`);
  }

  private context(): YamlActionContext {
    return {
      sequence: (raw, prefix) => this.sequence(raw, prefix),
      outputs: (body, key, id) => this.outputs(body, key, id),
      issue: (rule, message, action) => this.issue(rule, message, action),
    };
  }

  private action(kind: string, body: Raw, id: string): Action | undefined {
    const name = str(body.name) ?? kind;
    switch (kind) {
      case 'callData':
        return callDataFromYaml(this.context(), body, id, name);
      case 'decision':
        return {
          id,
          name,
          type: 'decision',
          condition: valueSourceOf(body.condition),
          yes: this.outputs(body, 'yes', id),
          no: this.outputs(body, 'no', id),
        };
      case 'switch':
        return switchFromYaml(this.context(), body, id, name);
      case 'updateData':
        return {
          id,
          name,
          type: 'updateData',
          statements: list(body.statements).flatMap((s) => {
            const st = single(s);
            return st ? [{ variable: str(st[1].variable) ?? '', value: valueSourceOf(st[1].value) }] : [];
          }),
        };
      case 'loop': {
        const index = isPlainObject(body.currentIndex) ? str(body.currentIndex.var) : undefined;
        return {
          id,
          name,
          type: 'loop',
          loopCount: valueSourceOf(body.loopCount),
          ...(index ? { indexVariable: index } : {}),
          body: this.outputs(body, 'loop', id),
        };
      }
      case 'loopExit':
      case 'exitLoop':
        return { id, name, type: 'exitLoop' };
      case 'loopNext':
      case 'nextLoop':
        return { id, name, type: 'nextLoop' };
      case 'changeState': {
        // [INFERRED] the target is written like startUpRef: "/workflow/states/state[<refId>]".
        const ref = str(body.targetStateRef) ?? str(body.targetState) ?? str(body.state) ?? '';
        const target = /state\[([^\]]+)\]/.exec(ref)?.[1] ?? ref;
        if (target === '')
          this.issue('structure', 'Change State needs its "targetStateRef" (/workflow/states/state[<refId>])', {
            name,
            id,
          });
        return { id, name, type: 'changeState', target };
      }
      case 'callTask':
        return callTaskFromYaml(this.context(), body, id, name);
      case 'endTask':
        return { id, name, type: 'endTask' };
      case 'callCommonModule':
        return callCommonModuleFromYaml(this.context(), body, id, name);
      case 'wait': {
        const d = isPlainObject(body.duration) ? durationFromYaml(body.duration.lit) : undefined;
        if (d === undefined)
          this.issue('unsupported', 'the Wait duration must be a literal such as { lit: { seconds: 5 } }', {
            name,
            id,
          });
        const trim = valueSourceOf(body.trimDurationNearMaxRunningTime);
        return {
          id,
          name,
          type: 'wait',
          durationMs: d ?? 0,
          trimDurationNearMaxRunningTime: trim.kind === 'literal' && trim.value === true,
        };
      }
      case 'endWorkflow':
        return { id, name, type: 'endWorkflow', exitReason: valueSourceOf(body.exitReason) };
      default: {
        const helpers = {
          valueSource: (raw: unknown) => valueSourceOf(raw),
          outputs: (key: string) => this.outputs(body, key, id),
          issue: (message: string) => this.issue('structure', message, { name, id }),
        };
        const platform =
          platformActionFromYaml(kind, body, id, name, helpers) ??
          (this.type === 'workitem' ? workitemActionFromYaml(kind, body, id, name, helpers) : undefined);
        if (platform) return platform;
        this.issue(
          'unknown-action-type',
          `action type "${kind}" is not supported (${[...SUPPORTED_YAML_ACTIONS, ...(this.type === 'workitem' ? WORKITEM_YAML_ACTIONS : [])].join(', ')} are)`,
          { name, id },
        );
        return undefined;
      }
    }
  }
}
