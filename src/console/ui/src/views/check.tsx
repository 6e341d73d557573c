/**
 * @module
 * `check` findings for the loaded bundles: errors first, with where and how to fix.
 */
import { get } from '../api-client.ts';
import { Badge, Empty, ErrorBox, Panel, useLoad } from '../components.tsx';
import type { Finding } from '../types.ts';

const TONE = { error: 'bad', warning: 'wait', info: 'info' } as const;

/** The check view. */
export function CheckView(): preact.JSX.Element {
  const report = useLoad(() => get<{ findings: Finding[]; bundles?: string[] }>('/api/check'), []);
  const findings = report.data?.findings ?? [];
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return (
    <Panel
      title={
        <>
          Check{' '}
          <span class="count">
            {counts.error} errors · {counts.warning} warnings · {counts.info} notes
          </span>
        </>
      }
      testId="check-view"
      actions={
        <button type="button" class="small" onClick={report.reload}>
          Re-run
        </button>
      }
    >
      <ErrorBox error={report.error} />
      {report.data?.bundles && report.data.bundles.length > 0 ? (
        <p class="muted small">Bundles: {report.data.bundles.join(', ')}</p>
      ) : null}
      {findings.length === 0 && !report.loading ? (
        <Empty>No findings: the loaded bundles pass every rule.</Empty>
      ) : (
        <ul class="findings">
          {findings.map((f, i) => (
            <li key={i} class={`finding finding-${f.severity}`} data-testid="finding">
              <div class="finding-head">
                <Badge text={f.severity} tone={TONE[f.severity]} />
                <code class="small">{f.rule}</code>
                <span class="mono small muted">
                  {f.file}
                  {f.location ? ` · ${f.location}` : ''}
                </span>
              </div>
              <div>{f.message}</div>
              {f.hint ? <div class="muted small">Fix: {f.hint}</div> : null}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
