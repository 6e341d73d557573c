/**
 * @module
 * Validation of an imported flow, run by both importers: undeclared variables, type mismatches,
 * expressions that do not parse, unavailable data actions, Exit Loop outside a loop, duplicate
 * variables. (Unknown action types and dangling ids are found while the importers build the model.)
 */
import { toVariableValue } from './bindings.ts';
import { PRIMITIVE_TYPES, isArchObject } from './data-types.ts';
import { ArchitectErrors } from './errors.ts';
import { ExprError } from './expr/ast.ts';
import { assignable, checkExpression } from './expr/check.ts';
import { stypeName } from './expr/functions.ts';
import type { SType } from './expr/functions.ts';
import { parseExpression } from './expr/parser.ts';
import { actionLabel } from './issues.ts';
import type { FlowIssue, IssueRule } from './issues.ts';
import { FAILURE_OUTPUTS, failureOutputType, flowScope, scopesOf, typeName, walkActions } from './model.ts';
import { taskParameter, taskParameterNames } from './model-calls.ts';
import { LOOKUPS } from './platform-actions.ts';
import { isTimeZone } from './schedule-eval.ts';
import { builtinsOf } from './workitem-flow.ts';
import { updateTargetProblem } from './workitem-update.ts';
import type { Action, ArchType, ArchValue, Flow, ValueSource, VariableDecl } from './model.ts';

/** What validation needs besides the flow. */
export interface ValidateOptions {
  /** Available data-action names; when omitted, availability is not checked. */
  readonly dataActions?: Iterable<string>;
  /**
   * Whether a Call Common Module must find its module among the flow's snapshots
   * (`flow.commonModules`); when false or omitted, a module not snapshotted is not checked.
   */
  readonly commonModules?: boolean;
}

/** The static type of a literal value. */
function literalType(v: ArchValue): SType {
  if (v === null) return { base: 'Any', collection: false };
  if (isArchObject(v)) return { base: v.$type, collection: false };
  if (Array.isArray(v)) return { base: v.length > 0 ? literalType(v[0]!).base : 'Any', collection: true };
  if (typeof v === 'number') return { base: Number.isInteger(v) ? 'Integer' : 'Decimal', collection: false };
  return { base: typeof v === 'string' ? 'String' : 'Boolean', collection: false };
}

/**
 * Check a flow against every import rule; returns all issues (empty when the flow is valid).
 * @example
 * const issues = validateFlow(flow, { dataActions: ['Disconnect Voice Call'] });
 */
export function validateFlow(flow: Flow, options: ValidateOptions = {}): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const available = options.dataActions ? new Set(options.dataActions) : undefined;
  const add = (rule: IssueRule, message: string, action?: Action, extra: Partial<FlowIssue> = {}) =>
    issues.push({
      rule,
      flow: flow.name,
      message,
      ...(action ? { action: actionLabel(action.name, action.id) } : {}),
      ...extra,
    });

  const flowVars = declare(flow.variables, flowScope(flow), add);
  for (const b of builtinsOf(flow)) flowVars.set(b.name.toLowerCase(), b);
  for (const state of scopesOf(flow)) {
    // A common module's body is its startup task: End Task leaves the module.
    const inTask = flow.type === 'commonModule' || flow.tasks?.includes(state) === true;
    const vars = new Map(flowVars);
    for (const [k, v] of declare(state.variables, inTask ? 'Task.' : 'State.', add)) {
      if (vars.has(k)) add('duplicate-variable', `variable ${v.name} is declared twice`);
      vars.set(k, v);
    }
    const typeOf = (name: string): ArchType | undefined => vars.get(name.toLowerCase())?.type;

    const expr = (source: ValueSource, action: Action, what: string, expected?: ArchType | 'Boolean'): void => {
      let t: SType;
      if (source.kind === 'notSet') return;
      const want: ArchType | undefined = expected === 'Boolean' ? { base: 'Boolean', collection: false } : expected;
      if (source.kind === 'literal' && want && !PRIMITIVE_TYPES.has(want.base)) {
        // A literal for an added type (a DateTime text, a JSON document…) is converted when it runs.
        const c = toVariableValue(
          want.base === 'JSON' && typeof source.value === 'string' ? safeJson(source.value) : source.value,
          want,
        );
        if (!c.ok) add('type-mismatch', `${what} must be ${typeName(want)}; ${c.reason}`, action);
        return;
      }
      if (source.kind === 'literal') t = literalType(source.value);
      else {
        try {
          t = checkExpression(parseExpression(source.text), { typeOf });
        } catch (e) {
          if (!(e instanceof ExprError)) throw e;
          const rule: IssueRule =
            e.code === ArchitectErrors.SB_ARCHITECT_EXPR_SYNTAX
              ? 'expression-syntax'
              : e.code === ArchitectErrors.SB_ARCHITECT_FLOW_INVALID
                ? 'undeclared-variable'
                : 'type-mismatch';
          add(rule, `${what}: ${e.message}`, action, { expression: source.text, column: e.column });
          return;
        }
      }
      if (want && !assignable(t, want)) {
        add(
          'type-mismatch',
          `${what} must be ${typeName(want)}; got ${stypeName(t)}`,
          action,
          source.kind === 'expression' ? { expression: source.text } : {},
        );
      }
    };
    const target = (name: string, action: Action, what: string, mustBe?: ArchType): void => {
      const t = typeOf(name);
      if (!t) add('undeclared-variable', `${what} writes to undeclared variable '${name}'`, action);
      else if (mustBe && !assignable(mustBe, t))
        add('type-mismatch', `${what} writes ${typeName(mustBe)} to ${name}, which is ${typeName(t)}`, action);
    };

    for (const { action, loopDepth } of walkActions(state.actions)) {
      switch (action.type) {
        case 'callData':
          if (available && !available.has(action.dataAction)) {
            const near = [...available].find((n) => n.toLowerCase() === action.dataAction.toLowerCase());
            add(
              'unavailable-data-action',
              `data action "${action.dataAction}" is not available${near ? ` (did you mean "${near}"?)` : ''}`,
              action,
            );
          }
          for (const [input, source] of Object.entries(action.inputs)) expr(source, action, `input ${input}`);
          for (const [out, v] of Object.entries(action.successOutputs)) target(v, action, `success output ${out}`);
          for (const [out, v] of Object.entries(action.failureOutputs)) {
            if (!FAILURE_OUTPUTS.includes(out))
              add(
                'structure',
                `failure output "${out}" does not exist (the failure outputs are ${FAILURE_OUTPUTS.join(', ')})`,
                action,
              );
            else target(v, action, `failure output ${out}`, failureOutputType(out));
          }
          break;
        case 'decision':
          if (action.condition.kind === 'notSet') add('structure', 'the Decision has no condition', action);
          expr(action.condition, action, 'the condition', 'Boolean');
          break;
        case 'switch':
          if (action.match) expr(action.match.value, action, 'the value compared', action.match.type);
          action.cases.forEach((c, i) => expr(c.condition, action, `case ${i + 1}`, action.match?.type ?? 'Boolean'));
          break;
        case 'updateData':
          for (const st of action.statements) {
            const t = typeOf(st.variable);
            if (!t) add('undeclared-variable', `Update Data writes to undeclared variable '${st.variable}'`, action);
            expr(st.value, action, `the value for ${st.variable}`, t);
          }
          break;
        case 'loop':
          if (action.loopCount.kind === 'notSet') add('structure', 'the Loop has no loop count', action);
          expr(action.loopCount, action, 'the loop count', { base: 'Integer', collection: false });
          if (action.indexVariable)
            target(action.indexVariable, action, 'the loop index', { base: 'Integer', collection: false });
          break;
        case 'exitLoop':
          if (loopDepth === 0) add('exit-loop-outside-loop', 'Exit Loop is not inside a Loop', action);
          break;
        case 'nextLoop':
          if (loopDepth === 0) add('exit-loop-outside-loop', 'Next Loop is not inside a Loop', action);
          break;
        case 'changeState':
          if (!flow.states.some((s) => s.id === action.target))
            add(
              'dangling-id',
              `Change State targets state "${action.target}", which the workflow does not have (its states: ${flow.states.map((s) => s.id).join(', ')})`,
              action,
            );
          break;
        case 'callTask': {
          const task = flow.tasks?.find((t) => t.id === action.target);
          if (!task)
            add(
              'dangling-id',
              `Call Task targets task "${action.target}", which the workflow does not have (its tasks: ${flow.tasks?.map((t) => t.id).join(', ') || 'none'})`,
              action,
            );
          // A task's inputs and outputs are its Task variables marked isInput / isOutput (Scripting SDK).
          const param = (name: string, kind: 'input' | 'output') => {
            const decl = task && taskParameter(task, name, kind);
            if (task && !decl) {
              const declared = task.variables.some((d) => d.name.toLowerCase() === name.toLowerCase());
              const why = declared ? `declares ${name} but not as an ${kind}` : `does not declare ${name}`;
              add(
                declared ? 'structure' : 'undeclared-variable',
                `Call Task ${kind} ${name}: task "${task.name}" (${task.id}) ${why} (its ${kind}s: ${taskParameterNames(task, kind)})`,
                action,
              );
            }
            return decl?.type;
          };
          for (const [input, source] of Object.entries(action.inputs ?? {}))
            expr(source, action, `task input ${input}`, param(input, 'input'));
          for (const [out, v] of Object.entries(action.outputs ?? {}))
            target(v, action, `task output ${out}`, param(out, 'output'));
          break;
        }
        case 'endTask':
          if (!inTask) add('structure', 'End Task is outside a reusable task', action);
          break;
        case 'callCommonModule': {
          // "You cannot use a common module flow in another common module flow" (Genesys help).
          if (flow.type === 'commonModule')
            add('structure', 'a common module cannot call another common module', action);
          const module = flow.commonModules?.[action.module];
          if (!module) {
            if (options.commonModules === true)
              add('unavailable-common-module', `common module "${action.module}" is not available`, action);
            for (const [input, source] of Object.entries(action.inputs)) expr(source, action, `input ${input}`);
            for (const [out, v] of Object.entries(action.outputs)) target(v, action, `output ${out}`);
            break;
          }
          // "Compatible flow types … determine which flow types can call it" (Genesys help).
          if (module.compatibleFlowTypes && !module.compatibleFlowTypes.includes(flow.type.toLowerCase()))
            add(
              'structure',
              `common module "${module.name}" is not compatible with workflows (its flow types: ${module.compatibleFlowTypes.join(', ')})`,
              action,
            );
          const own = new Map(module.variables.map((d) => [d.name.toLowerCase(), d]));
          for (const [input, source] of Object.entries(action.inputs)) {
            const d = own.get(input.toLowerCase());
            if (!d?.isInput) add('structure', `common module "${module.name}" has no input variable ${input}`, action);
            expr(source, action, `input ${input}`, d?.isInput ? d.type : undefined);
          }
          for (const [out, v] of Object.entries(action.outputs)) {
            const d = own.get(out.toLowerCase());
            if (!d?.isOutput) add('structure', `common module "${module.name}" has no output variable ${out}`, action);
            target(v, action, `output ${out}`, d?.isOutput ? d.type : undefined);
          }
          break;
        }
        case 'wait':
          if (!(action.durationMs >= 0))
            add('structure', `the Wait duration must not be negative; got ${action.durationMs} ms`, action);
          break;
        case 'endWorkflow':
          expr(action.exitReason, action, 'the exit reason', { base: 'String', collection: false });
          break;
        case 'lookup': {
          const spec = LOOKUPS[action.lookup];
          if (action.key.kind === 'notSet') add('structure', `${spec.label} has no ${spec.keys[0]}`, action);
          expr(action.key, action, `the ${spec.keys[0]}`, STRING);
          if (action.result)
            target(action.result, action, `the result of ${spec.label}`, { base: spec.type, collection: false });
          break;
        }
        case 'evaluateSchedule':
        case 'evaluateScheduleGroup': {
          const label = action.type === 'evaluateSchedule' ? 'Evaluate Schedule' : 'Evaluate Schedule Group';
          const what =
            action.type === 'evaluateScheduleGroup'
              ? 'schedule group'
              : action.target === 'emergencyGroup'
                ? 'emergency group'
                : 'schedule';
          if (action.ref.value.kind === 'notSet') add('structure', `${label} names no ${what}`, action);
          expr(action.ref.value, action, `the ${what}`, STRING);
          if (action.at !== 'now') {
            if (action.at.kind === 'notSet')
              add('structure', `${label} evaluates at a specific DateTime and gives none`, action);
            expr(action.at, action, 'the evaluation DateTime', { base: 'DateTime', collection: false });
          }
          if (action.type === 'evaluateSchedule') {
            expr(action.timeZone, action, 'the time zone', STRING);
            if (action.timeZone.kind === 'literal' && !isTimeZone(String(action.timeZone.value)))
              add(
                'structure',
                `the time zone "${action.timeZone.text}" is not an IANA time zone (e.g. America/New_York)`,
                action,
              );
          } else {
            if (action.emergencyGroup) expr(action.emergencyGroup.value, action, 'the emergency group', STRING);
            if (action.activeSchedules)
              target(action.activeSchedules, action, 'the active schedules of Evaluate Schedule Group', {
                base: 'String',
                collection: true,
              });
          }
          break;
        }
        case 'dataTableLookup': {
          if (action.table === '') add('structure', 'Data Table Lookup names no data table', action);
          if (action.key.kind === 'notSet') add('structure', 'Data Table Lookup has no lookup value', action);
          expr(action.key, action, 'the lookup value', STRING);
          for (const o of action.outputs)
            if (!typeOf(o.variable))
              add(
                'undeclared-variable',
                `Data Table Lookup writes column "${o.column}" to undeclared variable '${o.variable}'`,
                action,
              );
          for (const v of [action.errorType, action.errorMessage])
            if (v !== undefined && !typeOf(v))
              add('undeclared-variable', `Data Table Lookup writes to undeclared variable '${v}'`, action);
          break;
        }
        case 'getParticipantData':
        case 'setParticipantData': {
          const label = action.type === 'getParticipantData' ? 'Get Participant Data' : 'Set Participant Data';
          if (action.conversationId.kind === 'notSet')
            add('structure', `${label} needs a conversation id (a workflow has no current conversation)`, action);
          expr(action.conversationId, action, 'the conversation id', STRING);
          expr(action.participantId, action, 'the participant id', STRING);
          for (const a of action.attributes) {
            if (a.name.kind === 'notSet') add('structure', `every attribute of ${label} needs a name`, action);
            expr(a.name, action, 'an attribute name', STRING);
            if ('variable' in a) {
              if (!typeOf(a.variable))
                add('undeclared-variable', `${label} writes to undeclared variable '${a.variable}'`, action);
            } else expr(a.value, action, 'an attribute value');
          }
          break;
        }
        case 'workitem': {
          const sources = [action.status, action.queue, action.priority, action.languageSkill, action.preferredAgents];
          for (const s of [...sources, action.user, ...(action.skills ?? [])])
            if (s) expr(s, action, 'an input of the action');
          for (const st of action.statements ?? []) {
            const problem = updateTargetProblem(st.variable);
            if (problem) add('unsupported', problem, action);
            expr(st.value, action, `the value for ${st.variable}`);
          }
          for (const v of [action.errorType, action.errorMessage])
            if (v) target(v, action, 'the failure output', { base: 'String', collection: false });
          break;
        }
      }
    }
  }
  return issues;
}

const STRING: ArchType = { base: 'String', collection: false };

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function declare(
  list: readonly VariableDecl[],
  prefix: string,
  add: (rule: IssueRule, message: string) => void,
): Map<string, VariableDecl> {
  const out = new Map<string, VariableDecl>();
  for (const v of list) {
    const key = v.name.toLowerCase();
    const okPrefix =
      prefix === 'Flow.' || prefix === 'Common.'
        ? v.name.toLowerCase().startsWith(prefix.toLowerCase())
        : prefix === 'Task.'
          ? /^task\./i.test(v.name)
          : /^(state|task)\./i.test(v.name);
    if (!okPrefix) add('structure', `variable ${v.name} must be named ${prefix}<name> at this scope`);
    if (out.has(key)) add('duplicate-variable', `variable ${v.name} is declared twice`);
    // The added types' initial values were converted (and checked) at import.
    if (
      v.initial !== null &&
      PRIMITIVE_TYPES.has(v.type.base) &&
      !assignable(literalType(v.initial), v.type) &&
      !(Array.isArray(v.initial) && v.initial.length === 0)
    ) {
      add(
        'type-mismatch',
        `the initial value of ${v.name} must be ${typeName(v.type)}; got ${stypeName(literalType(v.initial))}`,
      );
    }
    out.set(key, v);
  }
  return out;
}
