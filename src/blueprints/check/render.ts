/**
 * @module
 * Render a check report for people (grouped by file) or as JSON.
 */
import type { CheckReport } from './runner.ts';

/**
 * The human report: what was loaded, what was skipped and why, then one block per file, each
 * finding with severity, location, rule, message and hint, then the totals.
 * @example
 * process.stdout.write(renderReport(checkPath('exports/')));
 */
export function renderReport(report: CheckReport): string {
  const lines: string[] = [
    `Checked ${report.mode === 'bundle' ? `bundle "${report.bundle ?? '?'}"` : 'folder'} ${report.root}`,
  ];
  const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;
  const pad = (cells: readonly string[][]): string[] => {
    const widths = cells[0]?.map((_, i) => Math.max(...cells.map((c) => c[i]!.length))) ?? [];
    return cells.map((c) => `  ${c.map((x, i) => (i < c.length - 1 ? x.padEnd(widths[i]!) : x)).join('  ')}`.trimEnd());
  };
  if (report.loaded.length > 0) {
    lines.push('', `Loaded ${plural(report.loaded.length, 'artifact')}:`);
    lines.push(
      ...pad(
        report.loaded.map((a) => [a.kind, a.file, `${JSON.stringify(a.name)}${a.location ? ` at ${a.location}` : ''}`]),
      ),
    );
  }
  if (report.skipped.length > 0) {
    lines.push('', `Skipped ${plural(report.skipped.length, 'file')}:`);
    lines.push(...pad(report.skipped.map((f) => [f.file, f.reason])));
  }
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
  lines.push(
    '',
    `${error} error${error === 1 ? '' : 's'}, ${warning} warning${warning === 1 ? '' : 's'}, ${info} info`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * The JSON report: `{ root, mode, bundle?, loaded, skipped, findings, counts }`.
 * @example
 * JSON.parse(reportJson(report)).findings[0].rule
 */
export function reportJson(report: CheckReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
