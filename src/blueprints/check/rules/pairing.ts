/**
 * @module
 * `check/pairing` (info): which triggers and flows could not be paired, so the rules that need
 * both (inputs never sent, Json without jsonData) skipped them.
 */
import type { Finding } from '../finding.ts';
import type { Rule } from '../rule.ts';

/** The rule. */
export const checkPairing: Rule = {
  id: 'check/pairing',
  severity: 'info',
  summary: 'A trigger or flow could not be paired; pair-dependent rules skipped it.',
  check(set) {
    const findings: Finding[] = [];
    for (const t of set.triggers) {
      if (t.workflow !== undefined) continue;
      findings.push({
        severity: 'info',
        file: t.file,
        location: t.location,
        rule: this.id,
        message: `trigger "${t.name}": cannot tell which flow it starts (${t.unpairedReason ?? 'no target'}); the input and jsonData rules skipped it`,
        hint: 'Check the folder as a bundle (switchboard.json) naming the workflow each trigger starts.',
      });
    }
    const targeted = new Set(set.triggers.map((t) => t.workflow));
    for (const f of set.flows) {
      // A workitem flow needs no trigger: its worktype's rules launch it; a common module is called.
      if (targeted.has(f.name) || f.flow.type === 'workitem' || f.flow.type === 'commonModule') continue;
      findings.push({
        severity: 'info',
        file: f.file,
        location: 'flow',
        rule: this.id,
        message: `flow "${f.name}": no trigger of this ${set.kind} starts it; the input and jsonData rules skipped it`,
        hint: 'Add its trigger (a trigger .json, a .tf resource, or a bundle manifest entry).',
      });
    }
    return findings;
  },
};
