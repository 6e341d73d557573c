/**
 * @module
 * Import of Architect `.i3WorkFlow` exports: base64 of URI-encoded JSON (blueprints.md §0.1). The
 * flat, id-linked `actionList` of each State becomes nested sequences; every id is resolved here, so
 * a dangling or reused id is reported with the action that refers to it. The variables and expression
 * slots are read by i3-value-reader.ts.
 */
import { isPlainObject } from '../../core/index.ts';
import { parseDuration } from '../duration.ts';
import { compatibility } from '../common-modules.ts';
import { invalidFlowError } from '../issues.ts';
import type { Action, Flow, FlowState } from '../model.ts';
import { decodeI3WorkFlow, exprType } from './i3-decode.ts';
import { I3ValueReader, str } from './i3-value-reader.ts';
import { taskVariableName } from '../model-calls.ts';

export { decodeI3WorkFlow } from './i3-decode.ts';
import { platformActionFromI3 } from './platform-actions.ts';
import { workitemActionFromI3 } from './workitem-actions.ts';
import { validateFlow } from '../validate.ts';
import type { ImportOptions } from './options.ts';

type Raw = Record<string, unknown>;

/**
 * Import an `.i3WorkFlow` export into the flow model and validate it. Throws
 * `SB_ARCHITECT_EXPORT_CORRUPT` or `SB_ARCHITECT_FLOW_INVALID` (all issues in `details.issues`).
 * @example
 * const flow = importI3WorkFlow(text, { file: 'Callback.i3WorkFlow', dataActions: ['Get Interaction State'] });
 */
export function importI3WorkFlow(text: string, options: ImportOptions = {}): Flow {
  return importI3WorkFlowDocument(decodeI3WorkFlow(text, options.file), options);
}

/** Import an already decoded `.i3WorkFlow` JSON document (see {@link importI3WorkFlow}). */
function importI3WorkFlowDocument(doc: Raw, options: ImportOptions = {}): Flow {
  const builder = new I3Builder(doc);
  const flow = builder.build();
  const issues = [...builder.issues, ...(options.validate === false ? [] : validateFlow(flow, options))];
  if (issues.length > 0) throw invalidFlowError(flow.name, issues, options.file);
  return flow;
}

const arr = (v: unknown): Raw[] => (Array.isArray(v) ? v.filter(isPlainObject) : []);

class I3Builder extends I3ValueReader {
  private readonly seen = new Set<string>();
  private actionsById = new Map<string, Raw>();

  constructor(private readonly doc: Raw) {
    super(str(doc.name) ?? '(unnamed flow)');
  }

  build(): Flow {
    const { doc } = this;
    // A common module export (.i3CommonModuleFlow) is its one task, `CommonModuleTask`, and `Common.` variables.
    const module = doc.type === 'commonmodule';
    const workitem = doc.type === 'workitem';
    if (doc.type !== undefined && doc.type !== 'workflow' && !module && !workitem)
      this.issue(
        'unsupported',
        `only workflows, workitem flows and common modules can run; this flow has type "${String(doc.type)}"`,
      );
    const handling = isPlainObject(doc.errorHandling) ? doc.errorHandling.handlingType : 'EndWorkflow';
    const other = `flow-level error handling "${String(handling)}" is not supported; only EndWorkflow is`;
    // A workitem flow's export names its handling EndFlow: its End Workflow.
    if (handling !== undefined && handling !== 'EndWorkflow' && !(workitem && handling === 'EndFlow'))
      this.issue('unsupported', other);
    const settings = module && isPlainObject(doc.commonModuleFlowSettings) ? doc.commonModuleFlowSettings : {};
    const variables = arr(doc.variables).flatMap((v) => this.variable(v));
    const items = arr(doc.flowSequenceItemList);
    for (const s of items) for (const v of arr(s.variables)) this.variable(v);
    // Reusable tasks are the `Task` items beside the states (Call Task names one by its id).
    const states = items.filter((s) => s.__type !== 'Task').map((s) => this.state(s));
    const tasks = items.filter((s) => s.__type === 'Task').map((s) => this.state(s));
    const workitemSettings = isPlainObject(doc.workitemFlowSettings) ? doc.workitemFlowSettings : {};
    const worktype = isPlainObject(workitemSettings.worktype) ? str(workitemSettings.worktype.name) : undefined;
    const startState = str(doc.initialSequence) ?? '';
    if (!states.some((s) => s.id === startState))
      this.issue('dangling-id', `initialSequence "${startState}" names no State`);
    return {
      name: this.flowName,
      type: module ? 'commonModule' : workitem ? 'workitem' : 'workflow',
      ...(workitem && worktype ? { worktype } : {}),
      ...compatibility(settings.destinationFlowTypes),
      source: 'i3WorkFlow',
      errorHandling: 'EndWorkflow',
      variables,
      states,
      startState,
      ...(tasks.length > 0 ? { tasks } : {}),
    };
  }

  private state(s: Raw): FlowState {
    this.actionsById = new Map(arr(s.actionList).map((a) => [str(a.id) ?? '', a]));
    const variables = arr(s.variables).flatMap((v) => this.variable(v));
    const start = str(s.startAction);
    const actions = start ? this.sequence(start, 0, s) : [];
    return { id: str(s.id) ?? '', name: str(s.name) ?? '', variables, actions };
  }

  private sequence(startId: string | undefined, loopDepth: number, from: Raw): Action[] {
    const out: Action[] = [];
    let id = startId;
    let referrer = from;
    while (id) {
      const raw = this.actionsById.get(id);
      if (!raw) {
        this.issue('dangling-id', `refers to action id "${id}", which does not exist`, referrer);
        break;
      }
      if (this.seen.has(id)) {
        this.issue(
          'duplicate-reference',
          `action id "${id}" is reached from two places; a flow must be a tree`,
          referrer,
        );
        break;
      }
      this.seen.add(id);
      const action = this.action(raw, loopDepth);
      if (action) out.push(action);
      referrer = raw;
      id = str(raw.nextAction);
    }
    return out;
  }

  private branch(raw: Raw, outputId: string, loopDepth: number): Action[] {
    const path = arr(raw.paths).find((p) => p.outputId === outputId);
    return this.sequence(str(path?.nextActionId), loopDepth, raw);
  }

  private action(raw: Raw, loopDepth: number): Action | undefined {
    const id = str(raw.id) ?? '';
    const name = str(raw.name) ?? '';
    const type = str(raw.__type) ?? '';
    switch (type) {
      case 'DataAction':
        return {
          id,
          name,
          type: 'callData',
          category: isPlainObject(raw.category) ? (str(raw.category.name) ?? '') : '',
          dataAction: str(raw.actionName) ?? '',
          inputs: Object.fromEntries(
            arr(raw.inputs).map((b) => [
              str(b.name) ?? '',
              isPlainObject(b.value) ? this.valueSource(b.value, raw) : { kind: 'notSet' },
            ]),
          ),
          successOutputs: this.bindings(arr(raw.outputs), raw),
          failureOutputs: this.bindings(arr(raw.errorBindings), raw),
          ...this.timeout(raw),
          success: this.branch(raw, '__SUCCESS__', loopDepth),
          failure: this.branch(raw, '__FAILURE__', loopDepth),
          timeout: this.branch(raw, '__TIMEOUT__', loopDepth),
        };
      case 'DecisionAction':
        return {
          id,
          name,
          type: 'decision',
          condition: this.valueSource(raw.expression, raw),
          yes: this.branch(raw, '__YES__', loopDepth),
          no: this.branch(raw, '__NO__', loopDepth),
        };
      case 'UpdateVariableAction':
        return {
          id,
          name,
          type: 'updateData',
          statements: arr(raw.variables).map((st) => ({
            variable: this.target(st.variable, raw) ?? '',
            value: this.valueSource(st.expression, raw),
          })),
        };
      case 'LoopAction': {
        const index = this.target(raw.currentIndex, raw);
        const path = isPlainObject(raw.path) ? raw.path : arr(raw.paths)[0];
        return {
          id,
          name,
          type: 'loop',
          loopCount: this.valueSource(raw.loopCount, raw),
          ...(index ? { indexVariable: index } : {}),
          body: this.sequence(str(path?.nextActionId), loopDepth + 1, raw),
        };
      }
      case 'ExitLoopAction':
        return { id, name, type: 'exitLoop' };
      case 'EndTaskAction':
        return { id, name, type: 'endTask' };
      case 'CallTaskAction':
        // The SDK's core model: `inputs` / `outputs` are data pairs `{ name, referenceId, value }`
        // named after the task's input / output variables, as a Call Data Action's are.
        if (arr(raw.paths).some((p) => str(p.nextActionId)))
          this.issue('unsupported', "Call Task output paths (a task's own output branches) are not supported", raw);
        return {
          id,
          name,
          type: 'callTask',
          target: str(raw.taskReference) ?? '',
          inputs: Object.fromEntries(
            arr(raw.inputs)
              .filter((b) => isPlainObject(b.value))
              .map((b) => [taskVariableName(str(b.name) ?? ''), this.valueSource(b.value, raw)]),
          ),
          outputs: Object.fromEntries(
            Object.entries(this.bindings(arr(raw.outputs), raw)).map(([k, v]) => [taskVariableName(k), v]),
          ),
        };
      case 'SwitchAction':
        return this.switchAction(raw, id, name, loopDepth);
      case 'LoopNextAction':
      case 'NextLoopAction':
        return { id, name, type: 'nextLoop' };
      case 'ChangeStateAction': {
        // [INFERRED] the SDK's `targetState`: the target state's id (or an object holding it).
        const t = raw.targetState;
        const target =
          typeof t === 'string'
            ? t
            : isPlainObject(t)
              ? (str(t.id) ?? str(t.stateId) ?? '')
              : (str(raw.targetStateId) ?? '');
        return { id, name, type: 'changeState', target };
      }
      case 'WaitAction': {
        const duration = this.valueSource(raw.duration, raw);
        const ms =
          duration.kind === 'literal' && typeof duration.value === 'string' ? parseDuration(duration.value) : undefined;
        if (ms === undefined)
          this.issue('unsupported', 'the Wait duration must be a literal duration such as P0D0H0M5S0F', raw);
        const trim = this.valueSource(raw.trimDurationNearMaxRunningTime, raw);
        return {
          id,
          name,
          type: 'wait',
          durationMs: ms ?? 0,
          trimDurationNearMaxRunningTime: trim.kind === 'literal' && trim.value === true,
        };
      }
      case 'EndWorkflowAction':
        return {
          id,
          name,
          type: 'endWorkflow',
          exitReason: isPlainObject(raw.exitReason) ? this.valueSource(raw.exitReason, raw) : { kind: 'notSet' },
        };
      default: {
        const helpers = {
          valueSource: (v: unknown) => this.valueSource(v, raw),
          target: (v: unknown) => this.target(v, raw),
          branch: (outputId: string) => this.branch(raw, outputId, loopDepth),
        };
        const platform =
          platformActionFromI3(type, raw, id, name, helpers) ??
          (this.doc.type === 'workitem' ? workitemActionFromI3(type, raw, id, name, helpers) : undefined);
        if (platform) return platform;
        this.issue(
          'unknown-action-type',
          `action type "${type || '(none)'}" is not supported (Call Data Action, Decision, Update Data, Loop, Exit Loop, Wait, End Workflow, Get/Set Participant Data, Find User/Queue/Group (by name or id), Find Skill/Language Skill, Get External Contact/Organization, Evaluate Schedule (Group), Data Table Lookup, Switch, Call Task, End Task, Next Loop and Change State are)`,
          raw,
        );
        return undefined;
      }
    }
  }

  /**
   * Switch: with an `expression` (switchStyle 1) each case's `value` is compared with it, the first
   * equal one runs ("first match"); without, each case's value is a condition. A case's path is the
   * one whose `outputId` is its `referenceId`; `__DEFAULT__` is the default.
   */
  private switchAction(raw: Raw, id: string, name: string, loopDepth: number): Action {
    const match = isPlainObject(raw.expression) ? this.valueSource(raw.expression, raw) : undefined;
    const type = match ? exprType(raw.expression) : undefined;
    return {
      id,
      name,
      type: 'switch',
      cases: arr(raw.cases).map((c) => ({
        condition: this.valueSource(c.value ?? c.expression, raw),
        actions: this.branch(raw, str(c.referenceId) ?? '', loopDepth),
      })),
      default: this.branch(raw, '__DEFAULT__', loopDepth),
      ...(match ? { match: { value: match, type: { base: type ?? 'String', collection: false } } } : {}),
    };
  }
}
