/**
 * @module
 * Workflow runs: the list with flow, status and time filters, refreshed live.
 */
import { useState } from 'preact/hooks';
import { get } from '../api-client.ts';
import { Badge, Empty, ErrorBox, Panel, useLoad } from '../components.tsx';
import { dateTime, duration, relative, shortId } from '../format.ts';
import { useLive, useServerNow } from '../live.tsx';
import { go } from '../route.ts';
import type { ConsoleInfo, RunSummary } from '../types.ts';
import { ActivityCharts } from './activity-chart.tsx';

const STATUSES = ['pending', 'running', 'waiting', 'completed', 'failed', 'cancelled'] as const;
const WINDOWS: readonly { label: string; ms: number | undefined }[] = [
  { label: 'any time', ms: undefined },
  { label: 'last 15 minutes', ms: 15 * 60_000 },
  { label: 'last hour', ms: 3_600_000 },
  { label: 'last day', ms: 86_400_000 },
];

function outcome(r: RunSummary, now: number): string {
  if (r.error) return `${r.exitReason ? `${r.exitReason} · ` : ''}${r.error.code}`;
  if (r.wakesAt !== undefined && r.status === 'waiting') return `resumes ${relative(r.wakesAt, now)}`;
  return r.exitReason ?? '';
}

/** The runs list view. */
export function RunsView(props: { info: ConsoleInfo }): preact.JSX.Element {
  const live = useLive();
  const now = useServerNow();
  const [flow, setFlow] = useState('');
  const [status, setStatus] = useState('');
  const [span, setSpan] = useState(0);
  const [failedOnly, setFailedOnly] = useState(false);
  const [search, setSearch] = useState(
    () => new URLSearchParams(location.hash.split('?')[1] ?? '').get('search') ?? '',
  );
  const since = WINDOWS[span]?.ms;
  const runs = useLoad(
    () =>
      get<{ entities: RunSummary[] }>('/api/runs', {
        flow,
        status,
        createdFrom: since === undefined ? undefined : now - since,
        failedSteps: failedOnly ? 'true' : undefined,
        search: search.trim() === '' ? undefined : search.trim(),
        limit: 200,
      }),
    [flow, status, span, failedOnly, search, live.runsVersion],
  );

  const list = runs.data?.entities ?? [];
  return (
    <Panel
      title={
        <>
          Runs <span class="count">{list.length}</span>
        </>
      }
      testId="runs-view"
      actions={
        <div class="filters">
          <input
            type="search"
            value={search}
            placeholder="run, event or conversation id"
            aria-label="Find runs by run, event or conversation id"
            data-testid="runs-search"
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
          <select value={flow} onChange={(e) => setFlow(e.currentTarget.value)} aria-label="Filter by flow">
            <option value="">every flow</option>
            {props.info.flows.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value)} aria-label="Filter by status">
            <option value="">every status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <select value={span} onChange={(e) => setSpan(Number(e.currentTarget.value))} aria-label="Filter by time">
            {WINDOWS.map((w, i) => (
              <option key={w.label} value={i}>
                {w.label}
              </option>
            ))}
          </select>
          <label class="small">
            <input
              type="checkbox"
              checked={failedOnly}
              onChange={(e) => setFailedOnly(e.currentTarget.checked)}
              data-testid="runs-failed-steps"
            />{' '}
            with failed steps
          </label>
        </div>
      }
    >
      <ActivityCharts />
      <ErrorBox error={runs.error} />
      {list.length === 0 && !runs.loading ? (
        <Empty>No run matches. Runs appear here as soon as a trigger starts a workflow.</Empty>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th>started</th>
                <th>flow</th>
                <th>status</th>
                <th class="hide-narrow">duration</th>
                <th class="hide-narrow">outcome</th>
                <th class="hide-narrow">run</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr
                  key={r.id}
                  class="row-click"
                  onClick={() => go('runs', r.id)}
                  data-testid="run-row"
                  data-status={r.status}
                  data-flow={r.flow}
                >
                  <td class="mono nowrap">{dateTime(r.startedAt ?? r.createdAt)}</td>
                  <td>
                    <a href={`#/runs/${encodeURIComponent(r.id)}`}>{r.flow}</a>
                  </td>
                  <td>
                    <Badge text={r.status} />
                    {r.failedSteps ? (
                      <>
                        {' '}
                        <Badge
                          text={`${r.failedSteps} failed step${r.failedSteps === 1 ? '' : 's'}`}
                          tone="bad"
                          title="steps that took their failure or timeout path"
                        />
                      </>
                    ) : null}
                  </td>
                  <td class="mono hide-narrow">{duration(r.durationMs)}</td>
                  <td class="small hide-narrow">{outcome(r, now)}</td>
                  <td class="mono hide-narrow">{shortId(r.id)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
