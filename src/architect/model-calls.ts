/**
 * @module
 * The flow model's call actions: Call Data Action, Call Task (a reusable task with its task
 * inputs and outputs) and Call Common Module (model.ts re-exports the action types), and how a
 * Call Task names a task's input and output variables.
 */
import { DATA_ACTION_FAILURE_OUTPUTS } from '../core/index.ts';
import type { Action, ActionBase, ArchType, FlowState, ValueSource, VariableDecl } from './model.ts';

/** Call Data Action. Output bindings map a flattened output name to a variable name. */
export interface CallDataAction extends ActionBase {
  readonly type: 'callData';
  readonly category: string;
  readonly dataAction: string;
  readonly inputs: Readonly<Record<string, ValueSource>>;
  readonly successOutputs: Readonly<Record<string, string>>;
  readonly failureOutputs: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly success: readonly Action[];
  readonly failure: readonly Action[];
  readonly timeout: readonly Action[];
}

/**
 * Call Task: runs one of the workflow's reusable tasks, then goes on with the next action. Its
 * task inputs and outputs are the Scripting SDK's `ArchActionCallTask.taskInputs` / `taskOutputs`.
 */
export interface CallTaskAction extends ActionBase {
  readonly type: 'callTask';
  /** The task's id (refId in Archy YAML). */
  readonly target: string;
  /** The task's input variables (`Task.x`) and the values, evaluated in the caller's scope, given to them. */
  readonly inputs?: Readonly<Record<string, ValueSource>>;
  /** The task's output variables (`Task.y`) and the caller's variables that receive them when it returns. */
  readonly outputs?: Readonly<Record<string, string>>;
}

/**
 * Call Common Module: runs a common module flow (its snapshot in the calling flow) with its input
 * variables set from the caller's values, then writes its output variables to the caller's.
 */
export interface CallCommonModuleAction extends ActionBase {
  readonly type: 'callCommonModule';
  /** The common module's name. */
  readonly module: string;
  /** The module's input variables (`Common.x`) and the values given to them. */
  readonly inputs: Readonly<Record<string, ValueSource>>;
  /** The module's output variables (`Common.y`) and the caller's variables that receive them. */
  readonly outputs: Readonly<Record<string, string>>;
}

/** The failure outputs every Call Data Action offers (platform.md §3.3 item 9). */
export const FAILURE_OUTPUTS: readonly string[] = DATA_ACTION_FAILURE_OUTPUTS;

/** The type of each failure output: `status` is an Integer, the dotted ones are String collections. */
export function failureOutputType(name: string): ArchType {
  if (name === 'status') return { base: 'Integer', collection: false };
  return { base: 'String', collection: name.includes('.') };
}

/**
 * A task input or output as the model names it: the task variable's full name. [INFERRED] Both
 * formats may name it with or without its `Task.` scope (Architect matches names case-insensitively).
 */
export function taskVariableName(name: string): string {
  return /^task\./i.test(name) ? name : `Task.${name}`;
}

/** The task's variable declared as an input (or output) under `name`, if it has one. */
export function taskParameter(
  task: Pick<FlowState, 'variables'>,
  name: string,
  kind: 'input' | 'output',
): VariableDecl | undefined {
  const decl = task.variables.find((d) => d.name.toLowerCase() === name.toLowerCase());
  return decl && (kind === 'input' ? decl.isInput : decl.isOutput) ? decl : undefined;
}

/** The names of a task's input (or output) variables, for messages: `Task.a, Task.b` or `none`. */
export function taskParameterNames(task: Pick<FlowState, 'variables'>, kind: 'input' | 'output'): string {
  const names = task.variables.filter((d) => (kind === 'input' ? d.isInput : d.isOutput)).map((d) => d.name);
  return names.length > 0 ? names.join(', ') : 'none';
}
