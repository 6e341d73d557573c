/**
 * @module
 * `flow/common-module`: a Call Common Module names a common module the bundle or folder does not
 * hold, or gives it an input it does not take or reads an output it does not give. Architect
 * snapshots the module into the calling flow when it publishes, so the module must be there. The
 * flows of types Switchboard does not run (inbound call, bot…) are held to the same.
 */
import { formatIssue, validateFlow, withCommonModules } from '../../../architect/index.ts';
import type { Flow } from '../../../architect/index.ts';
import type { OtherFlowArtifact } from '../../other-flows.ts';
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
    for (const f of set.otherFlows ?? []) findings.push(...otherFlowCalls(f, modules, this.id));
    return findings;
  },
};

/**
 * The Call Common Module actions of a flow of a type Switchboard does not run: the module must be
 * present, take the inputs the call sets, and list the flow's type among its compatible ones.
 */
function otherFlowCalls(f: OtherFlowArtifact, modules: readonly Flow[], rule: string): Finding[] {
  const byName = new Map(modules.map((m) => [m.name.toLowerCase(), m]));
  const flow = `${f.label} flow "${f.name}"`;
  return f.commonModules.flatMap((call): Finding[] => {
    const at = { severity: 'error' as const, file: f.file, location: call.location, rule };
    const module = byName.get(call.module.toLowerCase());
    if (!module) {
      const near = nearest(
        call.module,
        modules.map((m) => m.name),
      );
      return [
        {
          ...at,
          message: `${flow} calls common module "${call.module}", which is not present${near ? `; the closest present module is "${near}"` : ''}`,
          hint: 'Add the common module (its Archy YAML, "commonModule:", or its .i3CommonModuleFlow export) to the folder, or fix the name the flow calls.',
        },
      ];
    }
    const inputs = new Set(module.variables.filter((v) => v.isInput).map((v) => v.name.toLowerCase()));
    const out: Finding[] = call.inputs
      .filter((i) => !inputs.has(i.toLowerCase()))
      .map((i) => ({
        ...at,
        message: `${flow} gives common module "${module.name}" the input ${i}, which it does not take (its inputs: ${[...module.variables.filter((v) => v.isInput).map((v) => v.name)].join(', ') || 'none'})`,
        hint: "Give the module's own input variables (isInput), or add the input to the module.",
      }));
    if (module.compatibleFlowTypes && !module.compatibleFlowTypes.includes(f.type))
      out.push({
        ...at,
        message: `common module "${module.name}" is not compatible with ${f.label} flows (its flow types: ${module.compatibleFlowTypes.join(', ') || 'none'}), yet ${flow} calls it`,
        hint: `Add the ${f.label} flow type to the module's compatible flow types in Architect.`,
      });
    return out;
  });
}
