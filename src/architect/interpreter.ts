/**
 * @module
 * The flow interpreter. It does no I/O, timers or journaling: data-action calls and waits go through
 * an injected {@link FlowStepTools}, each with a deterministic step id, so a durable engine can
 * memoize completed steps and replay the interpreter from the start. The run is a pure function of
 * (flow, inputs, step results).
 */
import { isSwitchboardError } from '../core/index.ts';
import { toVariableValue } from './bindings.ts';
import { ArchitectErrors } from './errors.ts';
import { ExprError } from './expr/ast.ts';
import { archToString } from './expr/values.ts';
import { actionLabel } from './issues.ts';
import { runPlatformStep } from './platform-step.ts';
import { runCallData, waitDuration } from './call-data-run.ts';
import { applyInputs, resultOf, valueOf } from './run-variables.ts';
import { NEXT, runCallModule, runCallTask } from './task-calls.ts';
import type { CallContext, Signal } from './task-calls.ts';
import { caseMatches, checkedCondition, checkedLoopCount } from './value-checks.ts';
import { builtinsOf, runWorkitemAction } from './workitem-flow.ts';
import type { PlatformRunContext } from './platform-run.ts';
import type {
  Action,
  ArchValue,
  CallDataAction,
  Flow,
  FlowState,
  ValueSource,
  VariableDecl,
  WaitAction,
} from './model.ts';
import type { FlowResult, FlowRunError, FlowStepTools, RunOptions, StepRecord } from './run-types.ts';

class RunFailure extends Error {
  constructor(readonly error: FlowRunError) {
    super(error.message);
  }
}

class Run {
  readonly path: StepRecord[] = [];
  private readonly vars = new Map<string, { decl: VariableDecl; value: ArchValue }>();
  private count = 0;
  /** The reusable tasks running, innermost last: `<task id>:<call number>`, part of each step id. */
  private readonly frames: string[] = [];
  private taskCalls = 0;
  private startedAt = 0;
  private state!: FlowState;

  constructor(
    private readonly flow: Flow,
    private readonly tools: FlowStepTools,
    private readonly options: RunOptions,
  ) {}

  private fail(code: string, message: string, action?: Action, extra: Partial<FlowRunError> = {}): never {
    const where = action
      ? `flow "${this.flow.name}", action ${actionLabel(action.name, action.id)}`
      : `flow "${this.flow.name}"`;
    throw new RunFailure({
      code,
      message: `${where}: ${message}`,
      flow: this.flow.name,
      ...(action ? { action: action.name, actionId: action.id } : {}),
      ...extra,
    });
  }

  private record(action: Action, stepId: string, outcome?: string, detail?: Record<string, unknown>): void {
    const step: StepRecord = {
      stepId,
      state: this.state.name,
      actionId: action.id,
      actionName: action.name,
      type: action.type,
      ...(outcome ? { outcome } : {}),
      ...(detail ? { detail } : {}),
    };
    this.path.push(step);
    this.options.onStep?.(step);
  }

  async run(inputs: Record<string, unknown>): Promise<FlowResult> {
    try {
      this.state = this.stateOf(this.flow.startState, 'start state');
      for (const decl of [...builtinsOf(this.flow), ...this.flow.variables, ...this.state.variables])
        this.vars.set(decl.name.toLowerCase(), { decl, value: decl.initial });
      applyInputs(this.flow, this.vars, inputs, (message) =>
        this.fail(ArchitectErrors.SB_ARCHITECT_INPUT_INVALID, message),
      );
      if (this.options.maxRunningMs !== undefined) this.startedAt = this.tools.now();
      for (;;) {
        const signal = await this.sequence(this.state.actions, []);
        if (signal.k !== 'changeState')
          return resultOf(this.vars, this.path, 'completed', signal.k === 'end' ? signal.reason : null);
        // Every action counts toward maxActions, so states that change into each other end there.
        this.enterState(this.stateOf(signal.target, 'Change State target'));
      }
    } catch (e) {
      if (e instanceof RunFailure) return resultOf(this.vars, this.path, 'failed', null, e.error);
      throw e;
    }
  }

  private stateOf(id: string, what: string): FlowState {
    const state = this.flow.states.find((s) => s.id === id);
    if (!state) this.fail(ArchitectErrors.SB_ARCHITECT_FLOW_INVALID, `the ${what} "${id}" does not exist`);
    return state;
  }

  /** Enter a state: its State variables start again from their initial values; the previous state's are gone. */
  private enterState(state: FlowState): void {
    for (const decl of this.state.variables) this.vars.delete(decl.name.toLowerCase());
    this.state = state;
    for (const decl of state.variables) this.vars.set(decl.name.toLowerCase(), { decl, value: decl.initial });
  }

  private stepId(action: Action, loops: readonly number[]): string {
    const frames = this.frames.length > 0 ? `${this.frames.join('/')}/` : '';
    return `${this.state.name}/${frames}${action.id}${loops.length > 0 ? `#${loops.join('.')}` : ''}`;
  }

  private value(source: ValueSource, action: Action): ArchValue {
    try {
      return valueOf(source, this.vars, () => this.tools.now());
    } catch (e) {
      if (!(e instanceof ExprError) || source.kind !== 'expression') throw e;
      this.fail(e.code, `${e.message} in expression \`${source.text}\` at column ${e.column}`, action, {
        expression: source.text,
        column: e.column,
      });
    }
  }

  private assign(name: string, raw: unknown, action: Action, what: string): void {
    const slot = this.vars.get(name.toLowerCase());
    if (!slot)
      this.fail(ArchitectErrors.SB_ARCHITECT_FLOW_INVALID, `${what} writes to undeclared variable '${name}'`, action);
    const c = toVariableValue(raw, slot.decl.type);
    if (!c.ok)
      this.fail(
        ArchitectErrors.SB_ARCHITECT_EXPR_TYPE,
        `${what} cannot be stored in ${slot.decl.name}: ${c.reason}`,
        action,
      );
    slot.value = c.value;
  }

  private async sequence(actions: readonly Action[], loops: readonly number[]): Promise<Signal> {
    for (const action of actions) {
      const signal = await this.action(action, loops);
      if (signal.k !== 'next') return signal;
    }
    return NEXT;
  }

  private async action(action: Action, loops: readonly number[]): Promise<Signal> {
    const stepId = this.stepId(action, loops);
    const max = this.options.maxActions ?? 10_000;
    try {
      // Inside the try so the path ends with this action's error step (docs/architect-semantics.md).
      if (++this.count > max)
        this.fail(ArchitectErrors.SB_ARCHITECT_MAX_ACTIONS, `the run exceeded ${max} actions`, action);
      return await this.execute(action, stepId, loops);
    } catch (e) {
      if (e instanceof RunFailure) {
        if (e.error.actionId === action.id && !this.path.some((p) => p.stepId === stepId && p.outcome === 'error')) {
          this.record(action, stepId, 'error', { code: e.error.code, message: e.error.message });
        }
        throw e;
      }
      if (isSwitchboardError(e)) {
        this.record(action, stepId, 'error', { code: e.code, message: e.message });
        this.fail(e.code, e.message, action);
      }
      throw e;
    }
  }

  private async execute(action: Action, stepId: string, loops: readonly number[]): Promise<Signal> {
    switch (action.type) {
      case 'callData':
        return this.callData(action, stepId, loops);
      case 'decision': {
        const yes = this.condition(action.condition, action, 'the condition');
        this.record(action, stepId, yes ? 'yes' : 'no');
        return this.sequence(yes ? action.yes : action.no, loops);
      }
      case 'switch': {
        const match = action.match && this.value(action.match.value, action);
        const index = action.cases.findIndex((c, i) =>
          action.match
            ? caseMatches(match!, this.value(c.condition, action), `case ${i + 1}`, (code, m) =>
                this.fail(code, m, action),
              )
            : this.condition(c.condition, action, `case ${i + 1}`),
        );
        this.record(action, stepId, index < 0 ? 'default' : `case${index + 1}`);
        return this.sequence(index < 0 ? action.default : action.cases[index]!.actions, loops);
      }
      case 'updateData': {
        const assigned: Record<string, unknown> = {};
        for (const st of action.statements) {
          const v = this.value(st.value, action);
          this.assign(st.variable, v, action, `Update Data of ${st.variable}`);
          assigned[st.variable] = this.vars.get(st.variable.toLowerCase())!.value;
        }
        this.record(action, stepId, undefined, { assigned });
        return NEXT;
      }
      case 'loop':
        return this.loop(action, stepId, loops);
      case 'exitLoop':
        this.record(action, stepId, 'exit');
        return { k: 'exitLoop' };
      case 'nextLoop':
        this.record(action, stepId, 'next');
        return { k: 'nextLoop' };
      case 'changeState':
        this.record(action, stepId, 'changeState', { target: action.target });
        return { k: 'changeState', target: action.target };
      case 'callTask':
        return runCallTask(this.calls(), action, stepId);
      case 'endTask':
        this.record(action, stepId, 'endTask');
        return { k: 'endTask' };
      case 'callCommonModule':
        return runCallModule(this.calls(), action, stepId);
      case 'wait':
        await this.wait(action, stepId);
        return NEXT;
      case 'lookup':
      case 'evaluateSchedule':
      case 'evaluateScheduleGroup':
      case 'dataTableLookup':
      case 'getParticipantData':
      case 'setParticipantData': {
        const { outcome, detail, path } = await runPlatformStep(this.platform(), action, stepId);
        this.record(action, stepId, outcome, detail);
        this.checkRunningTime(action);
        return path ? this.sequence(path, loops) : NEXT;
      }
      case 'workitem': {
        const { outcome, detail } = await runWorkitemAction(this.platform(), action, stepId);
        this.record(action, stepId, outcome, detail);
        this.checkRunningTime(action);
        return this.sequence(action[outcome], loops);
      }
      case 'exitWorkitemFlow':
        this.record(action, stepId, 'end');
        return { k: 'end', reason: null };
      case 'endWorkflow': {
        const v = this.value(action.exitReason, action);
        const reason = archToString(v);
        this.record(action, stepId, 'end', reason === null ? {} : { exitReason: reason });
        return { k: 'end', reason };
      }
    }
  }

  /** What Call Task and Call Common Module need of the run. */
  private calls(): CallContext {
    return {
      flow: this.flow,
      vars: this.vars,
      frames: this.frames,
      nextCall: () => ++this.taskCalls,
      value: (source, action) => this.value(source, action),
      assign: (name, raw, action, what) => this.assign(name, raw, action, what),
      fail: (code, message, action) => this.fail(code, message, action),
      record: (action, stepId, outcome, detail) => this.record(action, stepId, outcome, detail),
      sequence: (actions) => this.sequence(actions, []),
    };
  }

  private platform(): PlatformRunContext {
    const { tools } = this;
    return {
      genesys: tools.genesys ? (stepId, request) => tools.genesys!(stepId, request) : undefined,
      value: (source, action) => this.value(source, action),
      assign: (name, raw, action, what) => this.assign(name, raw, action, what),
      fail: (code, message, action) => this.fail(code, message, action),
      now: () => tools.now(),
    };
  }

  private condition(source: ValueSource, action: Action, what: string): boolean {
    return checkedCondition(this.value(source, action), source, what, (code, message, extra) =>
      this.fail(code, message, action, extra),
    );
  }

  private async loop(
    action: Extract<Action, { type: 'loop' }>,
    stepId: string,
    loops: readonly number[],
  ): Promise<Signal> {
    const n = checkedLoopCount(this.value(action.loopCount, action), (code, message) =>
      this.fail(code, message, action),
    );
    this.record(action, stepId, undefined, { loopCount: n });
    for (let i = 0; i < n; i++) {
      if (action.indexVariable) this.assign(action.indexVariable, i, action, 'the loop index');
      const signal = await this.sequence(action.body, [...loops, i]);
      if (signal.k === 'exitLoop') break;
      if (signal.k === 'end' || signal.k === 'changeState' || signal.k === 'endTask') return signal;
    }
    return NEXT;
  }

  private async wait(action: WaitAction, stepId: string): Promise<void> {
    const { maxRunningMs } = this.options;
    const remaining = maxRunningMs === undefined ? undefined : maxRunningMs - (this.tools.now() - this.startedAt);
    const ms = waitDuration(action, remaining, (message) =>
      this.fail(ArchitectErrors.SB_ARCHITECT_WAIT_TOO_LONG, message, action),
    );
    await this.tools.sleep(stepId, ms);
    this.record(action, stepId, undefined, {
      ms,
      ...(ms !== action.durationMs ? { trimmedFrom: action.durationMs } : {}),
    });
    this.checkRunningTime(action);
  }

  private checkRunningTime(action: Action): void {
    const { maxRunningMs } = this.options;
    if (maxRunningMs === undefined) return;
    const elapsed = this.tools.now() - this.startedAt;
    if (elapsed > maxRunningMs)
      this.fail(
        ArchitectErrors.SB_ARCHITECT_MAX_RUNNING_TIME,
        `the run has lasted ${elapsed} ms, past its maximum of ${maxRunningMs} ms`,
        action,
      );
  }

  private async callData(action: CallDataAction, stepId: string, loops: readonly number[]): Promise<Signal> {
    const { status, detail } = await runCallData(
      { ...this.platform(), callAction: this.tools.callAction.bind(this.tools) },
      action,
      stepId,
    );
    this.record(action, stepId, status, detail);
    this.checkRunningTime(action);
    return this.sequence(
      status === 'success' ? action.success : status === 'failure' ? action.failure : action.timeout,
      loops,
    );
  }
}

/**
 * Run a flow to its end. Never throws for flow errors: they end the run as Architect's EndWorkflow
 * error handling does, with `status: 'failed'` and an `error` naming flow, action and expression.
 * @example
 * const result = await runFlow(flow, { conversationId: 'c-1' }, tools, { maxActions: 10_000 });
 * if (result.status === 'failed') console.error(result.error?.message);
 */
export async function runFlow(
  flow: Flow,
  inputs: Record<string, unknown>,
  tools: FlowStepTools,
  options: RunOptions = {},
): Promise<FlowResult> {
  return new Run(flow, tools, options).run(inputs);
}
