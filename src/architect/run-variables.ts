/**
 * @module
 * The variables of a run: the values of sources, inputs in, outputs out. Reusable tasks: a Call
 * Task gives the task its own `Task.` variables, starting from their initial values, and takes them away when the task ends, so a task called
 * twice (or by itself) never sees a previous call's values; a Call Common Module does the same
 * with the module's `Common.` variables.
 */
import { toVariableValue } from './bindings.ts';
import { readPath, resolveName } from './data-types.ts';
import { ArchitectErrors } from './errors.ts';
import { ExprError } from './expr/ast.ts';
import { evaluate } from './expr/evaluate.ts';
import { parseExpressionCached } from './expr/parser.ts';
import { flowScope } from './model.ts';
import type { ArchValue, Flow, ValueSource, VariableDecl } from './model.ts';
import type { FlowResult, FlowRunError, StepRecord } from './run-types.ts';

type Vars = Map<string, { decl: VariableDecl; value: ArchValue }>;

/** [INFERRED] How deep tasks may call tasks (a task calling itself without end is a flow error, not a stack overflow). */
export const MAX_TASK_DEPTH = 64;

/** Declare a task's variables in `vars`; the function returned puts back what they hid. */
export function enterTask(vars: Vars, decls: readonly VariableDecl[]): () => void {
  const hidden = decls.map((d) => [d.name.toLowerCase(), vars.get(d.name.toLowerCase())] as const);
  for (const decl of decls) vars.set(decl.name.toLowerCase(), { decl, value: decl.initial });
  return () => {
    for (const [key, slot] of hidden) {
      if (slot) vars.set(key, slot);
      else vars.delete(key);
    }
  };
}

/**
 * Set the flow's input variables from a run's input: `x` or `Flow.x` (`Common.x` in a common
 * module); fields with no matching input variable are ignored (platform.md §1.5).
 */
export function applyInputs(
  flow: Flow,
  vars: Vars,
  inputs: Record<string, unknown>,
  fail: (message: string) => never,
): void {
  const scope = flowScope(flow);
  for (const [key, raw] of Object.entries(inputs)) {
    // A built-in (`Workitem.Workitem`) is given by its full name.
    const name =
      key.toLowerCase().startsWith(scope.toLowerCase()) || vars.has(key.toLowerCase()) ? key : `${scope}${key}`;
    const slot = vars.get(name.toLowerCase());
    if (!slot || !slot.decl.isInput) continue;
    const c = toVariableValue(raw, slot.decl.type);
    if (!c.ok) fail(`input ${slot.decl.name}: ${c.reason}`);
    slot.value = c.value;
  }
}

/** A run's result: its output variables' values, the path it took, and why it ended. */
export function resultOf(
  vars: Vars,
  path: StepRecord[],
  status: FlowResult['status'],
  exitReason: string | null,
  error?: FlowRunError,
): FlowResult {
  const outputs: Record<string, ArchValue> = {};
  for (const { decl, value } of vars.values()) if (decl.isOutput) outputs[decl.name] = value;
  return {
    status,
    ...(exitReason !== null ? { exitReason } : {}),
    outputs,
    ...(error ? { error } : {}),
    path,
  };
}

/** A value source's value over the run's variables; an expression's error is an `ExprError`. */
export function valueOf(source: ValueSource, vars: Vars, now: () => number): ArchValue {
  if (source.kind === 'notSet') return null;
  if (source.kind === 'literal') return source.value;
  return evaluate(parseExpressionCached(source.text), {
    lookup: (name, pos) => {
      const resolved = resolveName(name, (n) => vars.get(n.toLowerCase())?.decl.type);
      if (!resolved)
        throw new ExprError(ArchitectErrors.SB_ARCHITECT_FLOW_INVALID, `undeclared variable '${name}'`, pos);
      return readPath(vars.get(resolved.variable.toLowerCase())!.value, resolved.path);
    },
    typeOf: (name) => vars.get(name.toLowerCase())?.decl.type,
    now,
  });
}
