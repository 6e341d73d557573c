/**
 * @module
 * The shape of a check rule, and helpers rules share.
 */
import type { ActionArtifact, ArtifactSet, FlowArtifact, TriggerArtifact } from '../artifacts.ts';
import type { Finding, Severity } from './finding.ts';

/** A static-analysis rule: a pure function over the artifacts. */
export interface Rule {
  /** Stable id, `<area>/<name>`. */
  readonly id: string;
  /** The most severe finding it can produce. */
  readonly severity: Severity;
  readonly summary: string;
  check(set: ArtifactSet): Finding[];
}

/** Each trigger with the flow it starts, when both are known. */
export function pairs(set: ArtifactSet): Array<{ trigger: TriggerArtifact; flow: FlowArtifact }> {
  return set.triggers.flatMap((trigger) => {
    const flow =
      set.flows.find((f) => f.file === trigger.flowFile) ?? set.flows.find((f) => f.name === trigger.workflow);
    return flow ? [{ trigger, flow }] : [];
  });
}

/** A data action the action rules read, and where their findings point. */
interface LintedAction {
  readonly action: ActionArtifact;
  readonly file: string;
  /** Put before the JSON pointer of a finding: `''` for an export, `resource <address> (line N)` for Terraform. */
  readonly at: string;
}

/**
 * Every data action whose definition loaded: the exports, then those Terraform creates (named by
 * their `.tf` file and resource address).
 * @example
 * for (const { action, file, at } of lintedActions(set)) console.log(file, `${at}/config_request/request_template`);
 */
export function lintedActions(set: ArtifactSet): LintedAction[] {
  return [
    ...set.actions.map((action) => ({ action, file: action.file, at: '' })),
    ...set.terraformActions.flatMap((t) => (t.action ? [{ action: t.action, file: t.file, at: t.location }] : [])),
  ];
}

/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/**
 * The candidate closest to `name` when it is plausibly the one meant: equal ignoring case or a
 * trailing ` (…)` suffix, or within a few edits.
 * @example
 * nearest('Get X (ConversationDirect)', ['Get X', 'Other']) // 'Get X'
 */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const strip = (s: string) => norm(s).replace(/\s*\([^()]*\)$/, '');
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    if (c === name) continue;
    if (norm(c) === norm(name) || strip(c) === strip(name) || strip(name) === norm(c)) return c;
    const d = distance(norm(c), norm(name));
    if (d <= 3 && (!best || d < best.d)) best = { c, d };
  }
  return best?.c;
}
