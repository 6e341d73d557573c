/**
 * @module
 * `flow/workitem-worktype` (warning): a workitem flow runs for a worktype the project's Terraform
 * does not create, or compares its workitem's status name (`Workitem.Workitem.status.name`, in a
 * Switch case or a Decision) with a name none of the worktype's statuses has — a branch that never
 * runs. Only checked when the folder's Terraform creates worktypes; names compare without case
 * [INFERRED: Architect's string equality].
 */
import { scopesOf, walkActions } from '../../../architect/index.ts';
import type { Flow } from '../../../architect/index.ts';
import type { Finding } from '../finding.ts';
import { nearest } from '../rule.ts';
import type { Rule } from '../rule.ts';

const STATUS_NAME = /^\s*Workitem\.Workitem\.status\.name\s*$/i;
const COMPARED =
  /Workitem\.Workitem\.status\.name\s*(?:==|!=)\s*"([^"]*)"|"([^"]*)"\s*(?:==|!=)\s*Workitem\.Workitem\.status\.name/gi;

/** The status names a flow compares its workitem's status with, each with the action doing it. */
function comparedStatuses(flow: Flow): Array<{ name: string; action: string }> {
  const out: Array<{ name: string; action: string }> = [];
  for (const scope of scopesOf(flow)) {
    for (const { action } of walkActions(scope.actions)) {
      const at = `"${action.name}" (${action.id})`;
      if (
        action.type === 'switch' &&
        action.match?.value.kind === 'expression' &&
        STATUS_NAME.test(action.match.value.text)
      )
        for (const c of action.cases)
          if (c.condition.kind === 'literal' && typeof c.condition.value === 'string')
            out.push({ name: c.condition.value, action: at });
      if (action.type === 'decision' && action.condition.kind === 'expression')
        for (const m of action.condition.text.matchAll(COMPARED)) out.push({ name: (m[1] ?? m[2])!, action: at });
    }
  }
  return out;
}

/** The rule. */
export const flowWorkitemWorktype: Rule = {
  id: 'flow/workitem-worktype',
  severity: 'warning',
  summary:
    "A workitem flow names a worktype the project does not create, or compares its workitem's status with a name none of the worktype's statuses has.",
  check(set) {
    const worktypes = set.worktypes;
    if (!worktypes) return [];
    const findings: Finding[] = [];
    for (const f of set.flows) {
      if (f.flow.type !== 'workitem') continue;
      const name = f.flow.worktype ?? '';
      const worktype = worktypes.find((w) => w.name.toLowerCase() === name.toLowerCase());
      if (!worktype) {
        const near = nearest(
          name,
          worktypes.map((w) => w.name),
        );
        findings.push({
          severity: 'warning',
          file: f.file,
          location: 'worktype',
          rule: this.id,
          message: `workitem flow "${f.name}" runs for worktype "${name}", which the project's Terraform does not create (it creates ${worktypes.map((w) => `"${w.name}"`).join(', ')}); no rule will launch it${near ? `; the closest is "${near}"` : ''}`,
          hint: "Name the worktype as its genesyscloud_task_management_worktype does (the flow's worktype: name).",
        });
        continue;
      }
      const known = new Set(worktype.statuses.map((s) => s.toLowerCase()));
      for (const c of comparedStatuses(f.flow)) {
        if (known.has(c.name.toLowerCase())) continue;
        const near = nearest(c.name, worktype.statuses);
        findings.push({
          severity: 'warning',
          file: f.file,
          location: c.action,
          rule: this.id,
          message: `workitem flow "${f.name}" compares its workitem's status with "${c.name}", which is no status of worktype "${worktype.name}" (${worktype.statuses.map((s) => `"${s}"`).join(', ')}): that branch never runs${near ? `; did you mean "${near}"?` : ''}`,
          hint: 'Use the name of one of the worktype’s statuses, or add the status to the worktype.',
        });
      }
    }
    return findings;
  },
};
