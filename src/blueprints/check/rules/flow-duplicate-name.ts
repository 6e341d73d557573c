/**
 * @module
 * `flow/duplicate-name` (warning): two flow files of the same format define the same flow name,
 * so importing both makes the second overwrite the first — like the two terminate exports, both
 * named "Terminate Outbound Call Missing Queue" inside (blueprints.md §1.3). The same flow
 * exported as both `.i3WorkFlow` and YAML is not reported.
 */
import type { FlowArtifact } from '../../artifacts.ts';
import type { Finding } from '../finding.ts';
import type { Rule } from '../rule.ts';

/** The rule. */
export const flowDuplicateName: Rule = {
  id: 'flow/duplicate-name',
  severity: 'warning',
  summary: 'Two flow files of the same format define the same flow name.',
  check(set) {
    const findings: Finding[] = [];
    const seen = new Map<string, FlowArtifact>();
    for (const f of set.flows) {
      const key = `${f.format}\0${f.name.toLowerCase()}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, f);
        continue;
      }
      findings.push({
        severity: 'warning',
        file: f.file,
        location: 'flow name',
        rule: this.id,
        message: `flow "${f.name}" has the same name as ${first.file}; importing both replaces one with the other`,
        hint: 'Rename one of the flows (a bundle workflow "name", or the name in the export).',
      });
    }
    return findings;
  },
};
