/**
 * @module
 * Render a check report for people (grouped by file) or as JSON.
 */
import type { CheckReport } from './runner.ts';

/**
 * The human report: one block per file, each finding with severity, location, rule, message and
 * hint, then the totals.
 * @example
 * process.stdout.write(renderReport(checkPath('exports/')));
 */
export function renderReport(report: CheckReport): string {
  const lines: string[] = [`Checked ${report.mode === 'bundle' ? `bundle "${report.bundle ?? '?'}"` : 'folder'} ${report.root}`];
  const byFile = new Map<string, CheckReport['findings'][number][]>();
  for (const f of report.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, findings] of byFile) {
    lines.push('', file);
    for (const f of findings) {
      lines.push(`  ${f.severity.padEnd(7)} ${f.rule}${f.location ? `  at ${f.location}` : ''}`);
      lines.push(`          ${f.message}`);
      if (f.hint) lines.push(`          hint: ${f.hint}`);
    }
  }
  const { error, warning, info } = report.counts;
  lines.push('', `${error} error${error === 1 ? '' : 's'}, ${warning} warning${warning === 1 ? '' : 's'}, ${info} info`);
  return `${lines.join('\n')}\n`;
}

/**
 * The JSON report: `{ root, mode, bundle?, counts, findings }`.
 * @example
 * JSON.parse(reportJson(report)).findings[0].rule
 */
export function reportJson(report: CheckReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
