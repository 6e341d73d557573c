/**
 * @module
 * The live event stream: every notification the runtime received, newest first, filterable by
 * topic and conversation, with each trigger's decision and the run it started. Events on topics
 * no trigger listens to are shown too, quieter, with a "no trigger" badge.
 */
import { useMemo, useState } from 'preact/hooks';
import { Badge, Empty, Json, Panel } from '../components.tsx';
import { clockTime, conversationOf, shortId, topicTail } from '../format.ts';
import { useLive } from '../live.tsx';
import { href } from '../route.ts';
import type { Route } from '../route.ts';
import type { DecisionView, EventView } from '../types.ts';
import { decisionText } from './trace.tsx';

/** Whether an event passes the filters (pure). */
export function eventMatches(e: EventView, topic: string, conversation: string): boolean {
  const t = topic.trim().toLowerCase();
  const c = conversation.trim().toLowerCase();
  return (t === '' || e.topic.toLowerCase().includes(t)) && (c === '' || (conversationOf(e.body) ?? '').toLowerCase().startsWith(c));
}

/** A trigger's label in an event: its name, prefixed by its bundle when two matched triggers share the name (pure). */
export function decisionLabel(d: DecisionView, all: readonly DecisionView[]): string {
  const bundle = d.triggerId.includes('.') ? d.triggerId.slice(0, d.triggerId.indexOf('.')) : undefined;
  return bundle && all.some((o) => o !== d && o.name === d.name) ? `${bundle}: ${d.name}` : d.name;
}

function DecisionBadge(props: { d: DecisionView; all: readonly DecisionView[] }): preact.JSX.Element {
  const { d } = props;
  const tone = d.error ? 'bad' : d.decision.action === 'start' ? 'ok' : d.decision.action === 'delay' ? 'wait' : 'muted';
  return <Badge text={decisionLabel(d, props.all)} tone={tone} title={`${d.triggerId}: ${d.error ?? decisionText(d.decision)}${d.rateLimit ? ` (${d.rateLimit.note})` : ''}`} />;
}

/** Whether the event was only logged: no trigger listens to its topic (a rejected event says so itself) (pure). */
export function unheard(e: EventView): boolean {
  return e.listened === false && e.error === undefined;
}

function Triggers(props: { e: EventView; matched: readonly DecisionView[] }): preact.JSX.Element {
  if (unheard(props.e)) return <span data-testid="no-trigger"><Badge text="no trigger" tone="muted" title={props.e.note ?? 'no trigger listens to this topic'} /></span>;
  if (props.matched.length === 0) return <span class="muted" title="no trigger matched">—</span>;
  return <>{props.matched.map((d) => <DecisionBadge key={d.triggerId} d={d} all={props.matched} />)}</>;
}

function EventRow(props: { e: EventView; open: boolean; toggle: () => void }): preact.JSX.Element {
  const { e } = props;
  const conv = conversationOf(e.body);
  const matched = e.decisions.filter((d) => d.matches);
  const quiet = unheard(e);
  return (
    <>
      <tr class={`row-click ${props.open ? 'row-open' : ''} ${quiet ? 'row-quiet' : ''}`} onClick={props.toggle} data-testid="event-row" data-topic={e.topic} data-seq={e.seq} data-listened={String(!quiet)}>
        <td class="mono nowrap">{clockTime(e.receivedAt)}</td>
        <td class="mono topic" title={e.topic}>{topicTail(e.topic)}{e.error ? <Badge text="rejected" tone="bad" title={e.error} /> : null}</td>
        <td class="mono hide-narrow">
          {conv ? <a href={`#/events?conversation=${conv}`} onClick={(ev) => ev.stopPropagation()} title={conv}>{shortId(conv)}</a> : '-'}
        </td>
        <td data-testid="event-triggers"><Triggers e={e} matched={matched} /></td>
      </tr>
      {props.open ? (
        <tr class="row-detail">
          <td colSpan={4}>
            <div class="detail-grid">
              <div>
                <div class="kv"><span>topic</span><code>{e.topic}</code></div>
                <div class="kv"><span>event id</span><code>{e.id}</code></div>
                <div class="kv"><span>source</span><span>{e.source}</span></div>
                {e.error ? <div class="error small">{e.error}</div> : null}
                {quiet ? <div class="kv"><span>triggers</span><span class="muted">{e.note ?? 'no trigger listens to this topic'}</span></div> : null}
                {!quiet && !e.error && e.decisions.length === 0 ? <div class="kv"><span>triggers</span><span class="muted">no trigger matched</span></div> : null}
                {e.decisions.map((d) => (
                  <div class="kv" key={d.triggerId} data-testid="event-decision" data-match={String(d.matches)}>
                    <span>{d.matches ? 'matched' : 'no match'}</span>
                    <span>
                      <strong>{decisionLabel(d, e.decisions)}</strong> · {d.matches ? decisionText(d.decision) : 'criteria not met'}{d.rateLimit ? ` · ${d.rateLimit.note}` : ''}
                      {d.duplicate ? ' · duplicate event, run kept' : ''}
                      {d.runId ? <> · <a href={href('runs', d.runId)}>run {shortId(d.runId)}</a></> : null}
                      {d.error ? <span class="bad"> · {d.error}</span> : null}
                    </span>
                  </div>
                ))}
                <a class="button small" href={`#/triggers?event=${e.seq}`}>Test triggers with this event</a>
              </div>
              <Json value={e.body} />
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** The events view. */
export function EventsView(props: { route: Route }): preact.JSX.Element {
  const live = useLive();
  const [topic, setTopic] = useState(props.route.query.get('topic') ?? '');
  const [conversation, setConversation] = useState(props.route.query.get('conversation') ?? '');
  const [open, setOpen] = useState<number | undefined>(undefined);
  const [lastQuery, setLastQuery] = useState(props.route.query.toString());
  if (props.route.query.toString() !== lastQuery) {
    // A link such as #/events?conversation=<id> changes the filters.
    setLastQuery(props.route.query.toString());
    setTopic(props.route.query.get('topic') ?? '');
    setConversation(props.route.query.get('conversation') ?? '');
  }
  const shown = useMemo(() => live.events.filter((e) => eventMatches(e, topic, conversation)), [live.events, topic, conversation]);
  const topics = useMemo(() => [...new Set(live.events.map((e) => topicTail(e.topic)))].sort(), [live.events]);
  return (
    <Panel
      title={<>Events <span class="count">{shown.length}{shown.length !== live.events.length ? ` of ${live.events.length}` : ''}</span></>}
      testId="events-view"
      actions={
        <div class="filters">
          <input type="search" list="topic-list" placeholder="topic" value={topic} onInput={(e) => setTopic(e.currentTarget.value)} aria-label="Filter by topic" />
          <datalist id="topic-list">{topics.map((t) => <option key={t} value={t} />)}</datalist>
          <input type="search" placeholder="conversation" value={conversation} onInput={(e) => setConversation(e.currentTarget.value)} aria-label="Filter by conversation" />
        </div>
      }
    >
      {shown.length === 0 ? (
        <Empty>{live.events.length === 0 ? 'No events yet. Place a call from the simulator to see the solutions react.' : 'No event matches the filters.'}</Empty>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr><th>time</th><th>topic</th><th class="hide-narrow">conversation</th><th>triggers matched</th></tr>
            </thead>
            <tbody>
              {shown.map((e) => <EventRow key={e.seq} e={e} open={open === e.seq} toggle={() => setOpen(open === e.seq ? undefined : e.seq)} />)}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
