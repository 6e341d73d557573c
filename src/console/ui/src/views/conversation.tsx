/**
 * @module
 * One conversation, tied together: every event the runtime received about it with each trigger's
 * decision, the runs those decisions started with their outcomes, and every Platform API request
 * the runs' data actions made about the conversation, with its answer — so a tag one run set and
 * another overwrote shows up in order.
 */
import { get } from '../api-client.ts';
import { Badge, Empty, ErrorBox, Panel, useLoad } from '../components.tsx';
import { clockTime, shortId, topicTail } from '../format.ts';
import { useLive } from '../live.tsx';
import { href } from '../route.ts';
import type { EventView, RunDetail } from '../types.ts';
import { decisionText } from './trace.tsx';

/** A data-action request a run made about the conversation. */
export interface ApiCall {
  readonly at: number;
  readonly runId: string;
  readonly flow: string;
  readonly action: string;
  readonly method: string;
  readonly url: string;
  readonly status?: number;
  readonly outcome: string;
}

interface TraceLike {
  readonly request?: { readonly method: string; readonly url: string };
  readonly response?: { readonly status: number };
}

/** The ids of the runs the events' decisions started, in event order, each once (pure). */
export function runIdsOf(events: readonly EventView[]): string[] {
  const out: string[] = [];
  for (const e of events) for (const d of e.decisions) if (d.runId && !out.includes(d.runId)) out.push(d.runId);
  return out;
}

/**
 * The data-action requests of `runs` that name the conversation in their URL or body, oldest
 * first (pure). A secure action's request is redacted in its trace and so never listed.
 */
export function apiCallsOf(runs: readonly RunDetail[], conversationId: string): ApiCall[] {
  const calls: ApiCall[] = [];
  for (const run of runs) {
    for (const step of run.steps) {
      if (step.kind !== 'action') continue;
      const trace = step.trace as TraceLike | undefined;
      const req = trace?.request;
      if (!req) continue;
      const body = (req as { body?: string }).body ?? '';
      if (!req.url.includes(conversationId) && !body.includes(conversationId)) continue;
      calls.push({
        at: step.startedAt,
        runId: run.id,
        flow: run.flow,
        action: step.name,
        method: req.method,
        url: req.url,
        ...(trace?.response ? { status: trace.response.status } : {}),
        outcome: step.path ?? step.status,
      });
    }
  }
  return calls.sort((a, b) => a.at - b.at);
}

/** The path of a request URL, without the host (pure). */
function pathOf(url: string): string {
  try {
    const u = new URL(url, 'http://x');
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

/** The conversation view: `#/conversations/<id>`. */
export function ConversationView(props: { id: string }): preact.JSX.Element {
  const live = useLive();
  const data = useLoad(async () => {
    const events = (await get<{ entities: EventView[] }>('/api/events', { conversationId: props.id, limit: 500 }))
      .entities;
    const runs = await Promise.all(
      runIdsOf(events).map((id) => get<RunDetail>(`/api/runs/${encodeURIComponent(id)}`).catch(() => undefined)),
    );
    return { events, runs: runs.filter((r): r is RunDetail => r !== undefined) };
  }, [props.id, live.runsVersion]);
  const events = data.data?.events ?? [];
  const runs = data.data?.runs ?? [];
  const calls = apiCallsOf(runs, props.id);
  return (
    <Panel
      title={
        <>
          Conversation <span class="mono">{shortId(props.id)}</span>
        </>
      }
      testId="conversation-view"
      actions={
        <a class="button small" href={`${href('events')}?conversation=${encodeURIComponent(props.id)}`}>
          In events
        </a>
      }
    >
      <ErrorBox error={data.error} />
      <p class="muted small mono" data-testid="conversation-id">
        {props.id}
      </p>
      <h3>
        Events <span class="count">{events.length}</span>
      </h3>
      {events.length === 0 && !data.loading ? (
        <Empty>No event about this conversation reached the runtime.</Empty>
      ) : (
        <ol class="timeline" data-testid="conversation-events">
          {events.map((e) => (
            <li key={e.seq} class="step" data-testid="conversation-event" data-topic={topicTail(e.topic)}>
              <div class="step-head">
                <span class="step-icon" aria-hidden="true">
                  {e.decisions.some((d) => d.runId) ? '▸' : '•'}
                </span>
                <strong class="step-name">{topicTail(e.topic)}</strong>
                {!e.listened ? (
                  <Badge text="no trigger" tone="muted" />
                ) : e.decisions.length === 0 ? (
                  <Badge text="no match" tone="muted" />
                ) : null}
                <span class="muted small mono step-time">{clockTime(e.receivedAt)}</span>
              </div>
              {e.decisions.length > 0 ? (
                <ul class="small step-body">
                  {e.decisions.map((d) => (
                    <li key={d.triggerId} data-testid="conversation-decision">
                      <span>{d.name}</span>: {decisionText(d.decision)}
                      {d.runId ? (
                        <>
                          {' '}
                          →{' '}
                          <a class="mono" href={href('runs', d.runId)}>
                            run {shortId(d.runId)}
                          </a>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <h3>
        Runs <span class="count">{runs.length}</span>
      </h3>
      {runs.length === 0 ? (
        <Empty>No trigger started a run for this conversation.</Empty>
      ) : (
        <div class="table-wrap">
          <table class="table" data-testid="conversation-runs">
            <thead>
              <tr>
                <th>flow</th>
                <th>status</th>
                <th>outcome</th>
                <th>run</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} data-testid="conversation-run" data-status={r.status}>
                  <td>{r.flow}</td>
                  <td>
                    <Badge text={r.status} />
                  </td>
                  <td class="small">{r.error ? r.error.code : (r.exitReason ?? '')}</td>
                  <td>
                    <a class="mono" href={href('runs', r.id)}>
                      {shortId(r.id)}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>
        Requests about this conversation <span class="count">{calls.length}</span>
      </h3>
      {calls.length === 0 ? (
        <Empty>No data action of these runs called the Platform API about this conversation.</Empty>
      ) : (
        <div class="table-wrap">
          <table class="table" data-testid="conversation-calls">
            <thead>
              <tr>
                <th>time</th>
                <th>request</th>
                <th>answer</th>
                <th>data action</th>
                <th>run</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c, i) => (
                <tr key={i} data-testid="conversation-call" data-method={c.method}>
                  <td class="mono nowrap">{clockTime(c.at)}</td>
                  <td class="mono small">
                    {c.method} {pathOf(c.url)}
                  </td>
                  <td>
                    {c.status !== undefined ? (
                      <Badge text={String(c.status)} tone={c.status < 300 ? 'ok' : 'bad'} />
                    ) : null}{' '}
                    <span class="small">{c.outcome}</span>
                  </td>
                  <td class="small">{c.action}</td>
                  <td>
                    <a class="mono" href={href('runs', c.runId)}>
                      {c.flow} · {shortId(c.runId)}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
