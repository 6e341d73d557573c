/**
 * @module
 * Runs every `bench/*.bench.ts` module and prints one table, each value beside the peer measured
 * in the same run. `npm run bench -- <filter>` runs only the modules whose name contains a filter;
 * `--json` prints the rows as JSON instead. A failing module is reported and the others still run.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchModule, BenchRow } from './types.ts';

/** Format a measured number: integers for large values, 3 significant digits for small ones. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
  return Number(v.toPrecision(3)).toString();
}

/** The ratio column: value ÷ peer value, e.g. `0.93x`. */
export function formatRatio(row: BenchRow): string {
  if (row.peerValue === undefined || row.peerValue === 0) return '';
  const ratio = row.value / row.peerValue;
  return `${Math.abs(ratio) >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2)}x`;
}

/** Render rows as an aligned plain-text table. */
export function renderTable(rows: readonly BenchRow[]): string {
  const header = ['suite', 'name', 'value', 'unit', 'peer', 'peer value', 'ratio', 'note'];
  const cells = rows.map((r) => [
    r.suite,
    r.name,
    formatValue(r.value),
    r.unit,
    r.peer ?? '',
    r.peerValue === undefined ? '' : formatValue(r.peerValue),
    formatRatio(r),
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const numeric = new Set([2, 5, 6]);
  const line = (c: readonly string[]): string =>
    c
      .map((s, i) => (numeric.has(i) ? s.padStart(widths[i]!) : s.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const filters = argv.filter((a) => !a.startsWith('--'));
  const dir = import.meta.dirname;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
  if (files.length === 0) {
    process.stderr.write(`no bench module matches ${JSON.stringify(filters)}\n`);
    return 2;
  }
  const rows: BenchRow[] = [];
  let failed = 0;
  for (const file of files) {
    const started = performance.now();
    if (!json) process.stderr.write(`running ${file}…\n`);
    try {
      const mod = (await import(pathToFileURL(join(dir, file)).href)) as BenchModule;
      rows.push(...(await mod.run()));
      if (!json) process.stderr.write(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    } catch (e) {
      failed++;
      process.stderr.write(`  ${file} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    }
  }
  process.stdout.write(json ? `${JSON.stringify(rows, null, 2)}\n` : `\n${renderTable(rows)}\n`);
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
