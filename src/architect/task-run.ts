/**
 * @module
 * Reusable tasks at run time: a Call Task gives the task its own `Task.` variables, starting from
 * their initial values, and takes them away when the task ends, so a task called twice (or by
 * itself) never sees a previous call's values.
 */
import type { ArchValue, VariableDecl } from './model.ts';

/** [INFERRED] How deep tasks may call tasks (a task calling itself without end is a flow error, not a stack overflow). */
export const MAX_TASK_DEPTH = 64;

/** Declare a task's variables in `vars`; the function returned puts back what they hid. */
export function enterTask(
  vars: Map<string, { decl: VariableDecl; value: ArchValue }>,
  decls: readonly VariableDecl[],
): () => void {
  const hidden = decls.map((d) => [d.name.toLowerCase(), vars.get(d.name.toLowerCase())] as const);
  for (const decl of decls) vars.set(decl.name.toLowerCase(), { decl, value: decl.initial });
  return () => {
    for (const [key, slot] of hidden) {
      if (slot) vars.set(key, slot);
      else vars.delete(key);
    }
  };
}
