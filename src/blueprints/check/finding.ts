/**
 * @module
 * The finding model of `switchboard check`: one defect (or remark) with where it is and how to
 * fix it.
 */

/** How bad a finding is: errors make `check` exit 1. */
export type Severity = 'error' | 'warning' | 'info';

/** One finding. */
export interface Finding {
  readonly severity: Severity;
  /** The file, relative to the checked folder (or `@blueprints/…` for a published artifact). */
  readonly file: string;
  /** Where inside it: a JSON pointer, an action `"<name>" (<id>)`, a variable, or `line N`. */
  readonly location: string;
  /** A stable rule id, e.g. `flow/unassigned-variable`. */
  readonly rule: string;
  readonly message: string;
  readonly hint: string;
}

const ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * Sort findings: errors first, then by file, rule and location; drop exact duplicates.
 * @example
 * sortFindings([info, error]) // [error, info]
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return [...findings]
    .filter((f) => {
      const key = `${f.severity}\0${f.file}\0${f.location}\0${f.rule}\0${f.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(
      (a, b) =>
        ORDER[a.severity] - ORDER[b.severity] ||
        a.file.localeCompare(b.file) ||
        a.rule.localeCompare(b.rule) ||
        a.location.localeCompare(b.location),
    );
}
