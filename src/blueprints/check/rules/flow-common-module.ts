/**
 * @module
 * `flow/common-module`: a Call Common Module names a common module the bundle or folder does not
 * hold, or gives it an input it does not take or reads an output it does not give. Architect
 * snapshots the module into the calling flow when it publishes, so the module must be there.
 */
import { formatIssue, validateFlow, withCommonModules } from '../../../architect/index.ts';
import type { Finding } from '../finding.ts';
import { nearest } from '../rule.ts';
import type { Rule } from '../rule.ts';

/** The rule. */
export const flowCommonModule: Rule = {
  id: 'flow/common-module',
  severity: 'error',
  summary: 'A flow calls a common module that is not present, or calls it with inputs or outputs it lacks.',
  check(set) {
    const modules = set.flows.filter((f) => f.flow.type === 'commonModule').map((f) => f.flow);
    const names = modules.map((m) => m.name);
    const findings: Finding[] = [];
    for (const f of set.flows) {
      const linked = withCommonModules(f.flow, modules);
      for (const issue of validateFlow(linked, { commonModules: true })) {
        const about = /common module "([^"]+)"/.exec(issue.message)?.[1];
        if (issue.rule !== 'unavailable-common-module' && !(about && linked.commonModules?.[about])) continue;
        const near = issue.rule === 'unavailable-common-module' && about ? nearest(about, names) : undefined;
        findings.push({
          severity: 'error',
          file: f.file,
          location: issue.action ?? '',
          rule: this.id,
          message: `${formatIssue(issue)}${near ? `; the closest present module is "${near}"` : ''}`,
          hint:
            issue.rule === 'unavailable-common-module'
              ? 'Add the common module (its Archy YAML, "commonModule:") to the folder, or fix the name the flow calls.'
              : "Give the module's own input variables (isInput) and read its output variables (isOutput).",
        });
      }
    }
    return findings;
  },
};
