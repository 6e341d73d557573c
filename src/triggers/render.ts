/**
 * @module
 * Human-readable match traces for the CLI: one table row per criterion with the value extracted,
 * the operator and the result, then the TTL / delay decision.
 */
import type { CriterionTrace, Decision, SchemaResult, TriggerTrace } from './types.ts';

const MAX_CELL = 48;

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 1)}…` : s;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function extracted(c: CriterionTrace): string {
  if (c.extracted.length === 0) return c.definite ? '(missing)' : '[] (no node)';
  return c.extracted.map((e) => `${e.path} = ${short(e.value)}`).join(', ');
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}

/** One line describing a decision. */
function describeDecision(d: Decision, matches: boolean): string {
  switch (d.action) {
    case 'start':
      return `MATCH: the workflow starts now (${iso(d.at)})`;
    case 'delay':
      return `MATCH: the workflow starts after delayBySeconds=${d.delayMs / 1000}, at ${iso(d.at)}`;
    case 'drop-ttl':
      return `MATCH, but DROPPED: the event is ${(d.ageMs / 1000).toFixed(1)} s old, older than eventTTLSeconds=${d.ttlMs / 1000}`;
    case 'skip-disabled':
      return 'MATCH, but the trigger is disabled: it would not fire';
    case 'none':
      return matches ? 'MATCH' : 'NO MATCH';
  }
}

function schemaLines(schema: SchemaResult): string[] {
  if (schema.matches) return ['Schema    ok: the event fits the topic schema'];
  return [
    'Schema    FAILED: the event does not fit the topic schema',
    ...schema.details.map((d) => `          - ${d}`),
  ];
}

/**
 * Render one trigger's trace as a table.
 * @example
 * process.stdout.write(renderTriggerTrace(trace, schema) + '\n');
 */
export function renderTriggerTrace(trace: TriggerTrace, schema: SchemaResult, topic?: string): string {
  const lines = [
    `Trigger   ${trace.name} (${trace.triggerId})${trace.enabled ? '' : ' [disabled]'}`,
    `Topic     ${trace.topicName}${topic && topic !== trace.topicName ? `  <- ${topic}` : ''}`,
    ...schemaLines(schema),
    '',
  ];
  if (trace.criteria.length === 0) {
    lines.push('No match criteria: every event of the topic matches.');
  } else {
    const rows = [['#', 'jsonPath', 'operator', 'expected', 'extracted', 'result']];
    for (const c of trace.criteria) {
      rows.push([
        String(c.index),
        c.jsonPath,
        c.operator,
        short(c.values ?? c.value),
        extracted(c),
        c.match ? 'match' : 'NO MATCH',
      ]);
    }
    lines.push(table(rows));
  }
  lines.push('', `Result    ${describeDecision(trace.decision, trace.matches)}`);
  return lines.join('\n');
}
