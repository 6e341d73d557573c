/**
 * @module
 * A trigger match trace: every criterion with what its JSONPath extracted, the verdict and the
 * decision (start, delay, dropped by TTL, disabled), and the inputs the workflow would get.
 */
import { Badge, Json } from '../components.tsx';
import { duration, oneLine } from '../format.ts';
import type { CriterionTrace, Decision, TriggerTrace } from '../types.ts';

/** A decision in words (pure). */
export function decisionText(d: Decision): string {
  switch (d.action) {
    case 'start':
      return 'starts the workflow now';
    case 'delay':
      return `starts the workflow after ${duration(d.delayMs)}`;
    case 'drop-ttl':
      return `dropped: the event is ${duration(d.ageMs)} old, older than its TTL of ${duration(d.ttlMs)}`;
    case 'skip-disabled':
      return 'matches, but the trigger is disabled';
    case 'none':
      return 'no workflow starts';
  }
}

function expected(c: CriterionTrace): string {
  if (c.values !== undefined) return oneLine(c.values, 80);
  if (c.value !== undefined) return oneLine(c.value, 80);
  return '';
}

function Criterion(props: { c: CriterionTrace }): preact.JSX.Element {
  const { c } = props;
  const got =
    c.extracted.length === 0
      ? 'nothing'
      : c.definite
        ? oneLine(c.extracted[0]?.value, 80)
        : oneLine(
            c.extracted.map((x) => x.value),
            80,
          );
  return (
    <tr data-testid="criterion" data-match={String(c.match)}>
      <td class="mono">{c.jsonPath}</td>
      <td class="mono">
        {c.operator} {expected(c)}
      </td>
      <td class="mono">{got}</td>
      <td>{c.match ? <Badge text="match" /> : <Badge text="no match" tone="bad" />}</td>
    </tr>
  );
}

/** One trigger's trace against one event, with the inputs a run would get. */
export function TriggerResult(props: {
  t: TriggerTrace;
  inputs?: Readonly<Record<string, unknown>>;
}): preact.JSX.Element {
  const { t } = props;
  return (
    <div
      class={`trace-trigger ${t.matches ? 'trace-match' : ''}`}
      data-testid="trace-trigger"
      data-match={String(t.matches)}
    >
      <div class="trace-head">
        <strong>{t.name}</strong>
        {t.enabled ? null : <Badge text="disabled" />}
        {t.matches ? <Badge text="match" /> : <Badge text="no match" tone="bad" />}
        <span class="muted">{t.matches ? decisionText(t.decision) : 'no workflow starts'}</span>
      </div>
      {t.criteria.length === 0 ? (
        <p class="muted small">No criteria: every event of the topic matches.</p>
      ) : (
        <div class="table-wrap">
          <table class="table compact">
            <thead>
              <tr>
                <th>JSONPath</th>
                <th>operator</th>
                <th>extracted</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {t.criteria.map((c) => (
                <Criterion key={c.index} c={c} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.inputs && Object.keys(props.inputs).length > 0 ? (
        <Json label="workflow inputs" value={props.inputs} />
      ) : null}
    </div>
  );
}
