/**
 * @module
 * The calls that run another sequence in a frame of its own: Call Task (a reusable task) and Call
 * Common Module. Each call gives the callee fresh variables (its `Task.` or `Common.` ones, from
 * their initial values), sets its inputs from values evaluated in the caller's scope, runs it, and
 * when it returns copies its outputs into the caller's variables; its steps are journaled under
 * the frame, so the same action in two calls is two steps.
 */
import { ArchitectErrors } from './errors.ts';
import { taskParameter, taskParameterNames } from './model-calls.ts';
import { MAX_TASK_DEPTH, enterTask } from './run-variables.ts';
import type {
  Action,
  ArchValue,
  CallCommonModuleAction,
  CallTaskAction,
  Flow,
  ValueSource,
  VariableDecl,
} from './model.ts';

/** How a sequence ended: it ran through (`next`), or an action leaves it. */
export type Signal =
  | { k: 'next' }
  | { k: 'exitLoop' }
  | { k: 'nextLoop' }
  | { k: 'changeState'; target: string }
  | { k: 'endTask' }
  | { k: 'end'; reason: string | null };

/** The signal of a sequence that ran through. */
export const NEXT: Signal = { k: 'next' };

/** What a call needs of the run. */
export interface CallContext {
  readonly flow: Flow;
  readonly vars: Map<string, { decl: VariableDecl; value: ArchValue }>;
  /** The frames running, innermost last: `<frame>:<call number>`, part of each step id. */
  readonly frames: string[];
  /** The run's next call number. */
  nextCall(): number;
  value(source: ValueSource, action: Action): ArchValue;
  assign(name: string, raw: unknown, action: Action, what: string): void;
  fail(code: string, message: string, action: Action): never;
  record(action: Action, stepId: string, outcome?: string, detail?: Record<string, unknown>): void;
  /** Run a sequence outside any loop. */
  sequence(actions: readonly Action[]): Promise<Signal>;
}

/**
 * Call Task: the task's input variables get the values given (the others keep their initial
 * values); End Task or its last action returns here and its output variables are copied to the
 * caller's. [INFERRED] End Workflow or Change State inside the task leave it without copying them.
 */
export async function runCallTask(ctx: CallContext, action: CallTaskAction, stepId: string): Promise<Signal> {
  const task = ctx.flow.tasks?.find((t) => t.id === action.target);
  if (!task) ctx.fail(ArchitectErrors.SB_ARCHITECT_FLOW_INVALID, `the task "${action.target}" does not exist`, action);
  const deep = `tasks call each other more than ${MAX_TASK_DEPTH} deep`;
  if (ctx.frames.length >= MAX_TASK_DEPTH) ctx.fail(ArchitectErrors.SB_ARCHITECT_FLOW_INVALID, deep, action);
  const param = (name: string, kind: 'input' | 'output'): string => {
    const decl = taskParameter(task, name, kind);
    const its = `its ${kind}s: ${taskParameterNames(task, kind)}`;
    const missing = `task "${task.name}" has no ${kind} variable ${name} (${its})`;
    return decl ? decl.name : ctx.fail(ArchitectErrors.SB_ARCHITECT_FLOW_INVALID, missing, action);
  };
  const outputs = Object.entries(action.outputs ?? {}).map(([out, to]) => [param(out, 'output'), to] as const);
  // The inputs are evaluated in the caller's scope, before the task's variables exist.
  const given = Object.entries(action.inputs ?? {}).map(
    ([name, source]) => [param(name, 'input'), ctx.value(source, action)] as const,
  );
  ctx.record(action, stepId, undefined, { task: task.name });
  const { signal, back } = await inFrame(ctx, task.id, task.variables, async () => {
    for (const [name, v] of given) ctx.assign(name, v, action, `task input ${name} of task "${task.name}"`);
    const signal = await ctx.sequence(task.actions);
    return { signal, back: outputs.map(([out, to]) => [out, to, ctx.vars.get(out.toLowerCase())!.value] as const) };
  });
  if (signal.k === 'end' || signal.k === 'changeState') return signal;
  for (const [out, to, v] of back) ctx.assign(to, v, action, `task output ${out} of task "${task.name}"`);
  return NEXT;
}

/** Call Common Module: its snapshot runs with its own `Common.` variables, the inputs given; its outputs come back. */
export async function runCallModule(ctx: CallContext, action: CallCommonModuleAction, stepId: string): Promise<Signal> {
  const module = ctx.flow.commonModules?.[action.module];
  const missing = `common module "${action.module}" is not available`;
  if (!module) ctx.fail(ArchitectErrors.SB_ARCHITECT_COMMON_MODULE_MISSING, missing, action);
  const given = Object.entries(action.inputs).map(([name, source]) => [name, ctx.value(source, action)] as const);
  ctx.record(action, stepId, undefined, { module: module.name });
  const { signal, back } = await inFrame(ctx, `module[${module.name}]`, module.variables, async () => {
    for (const [name, v] of given) ctx.assign(name, v, action, `input ${name} of common module "${module.name}"`);
    const signal = await ctx.sequence(module.states[0]?.actions ?? []);
    return {
      signal,
      back: Object.entries(action.outputs).map(
        ([out, to]) => [to, ctx.vars.get(out.toLowerCase())?.value ?? null] as const,
      ),
    };
  });
  if (signal.k === 'end') return signal;
  for (const [to, v] of back) ctx.assign(to, v, action, `an output of common module "${module.name}"`);
  return NEXT;
}

/** Run `body` in a frame of its own (a task's, a module's): its variables fresh, its steps' ids under the frame. */
async function inFrame<T>(
  ctx: CallContext,
  frame: string,
  decls: readonly VariableDecl[],
  body: () => Promise<T>,
): Promise<T> {
  const restore = enterTask(ctx.vars, decls);
  ctx.frames.push(`${frame}:${ctx.nextCall()}`);
  try {
    return await body();
  } finally {
    ctx.frames.pop();
    restore();
  }
}
