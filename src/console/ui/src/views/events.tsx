/**
 * @module
 * The live event stream: every notification the runtime received, newest first, filterable by
 * topic and conversation, with each trigger's decision and the run it started. Events on topics
 * no trigger listens to are shown too, quieter, with a "no trigger" badge.
 */
import { memo } from 'preact/compat';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { Badge, Empty, Json, Panel } from '../components.tsx';
import { clockTime, conversationOf, shortId, topicTail } from '../format.ts';
import { useLive } from '../live.tsx';
import { href } from '../route.ts';
import type { Route } from '../route.ts';
import type { DecisionView, EventView } from '../types.ts';
import { VirtualList } from '../virtual-list.tsx';
import { decisionText } from './trace.tsx';

/** The decision filter: any event, or those where a trigger started a run, matched, or none matched. */
export type DecisionFilter = '' | 'started' | 'matched' | 'none';

/** Whether an event's trigger decisions pass the decision filter (pure). */
export function decisionMatches(e: EventView, decision: DecisionFilter): boolean {
  if (decision === '') return true;
  const matched = e.decisions.filter((d) => d.matches);
  if (decision === 'none') return matched.length === 0;
  if (decision === 'matched') return matched.length > 0;
  return matched.some((d) => d.runId !== undefined || (d.decision.action === 'start' && !d.error));
}

/** Whether an event passes the filters (pure). */
export function eventMatches(
  e: EventView,
  topic: string,
  conversation: string,
  decision: DecisionFilter = '',
): boolean {
  const t = topic.trim().toLowerCase();
  const c = conversation.trim().toLowerCase();
  return (
    (t === '' || e.topic.toLowerCase().includes(t)) &&
    (c === '' || (conversationOf(e.body) ?? '').toLowerCase().startsWith(c)) &&
    decisionMatches(e, decision)
  );
}

/** Events newer than the newest one shown while paused (pure). */
export function newSince(events: readonly EventView[], frozen: readonly EventView[]): number {
  const top = frozen[0]?.seq ?? -1;
  let n = 0;
  for (const e of events) {
    if (e.seq <= top) break;
    n += 1;
  }
  return n;
}

/** A trigger's label in an event: its name, prefixed by its bundle when two matched triggers share the name (pure). */
export function decisionLabel(d: DecisionView, all: readonly DecisionView[]): string {
  const bundle = d.triggerId.includes('.') ? d.triggerId.slice(0, d.triggerId.indexOf('.')) : undefined;
  return bundle && all.some((o) => o !== d && o.name === d.name) ? `${bundle}: ${d.name}` : d.name;
}

function DecisionBadge(props: { d: DecisionView; all: readonly DecisionView[] }): preact.JSX.Element {
  const { d } = props;
  const tone = d.error
    ? 'bad'
    : d.decision.action === 'start'
      ? 'ok'
      : d.decision.action === 'delay'
        ? 'wait'
        : 'muted';
  return (
    <Badge
      text={decisionLabel(d, props.all)}
      tone={tone}
      title={`${d.triggerId}: ${d.error ?? decisionText(d.decision)}${d.rateLimit ? ` (${d.rateLimit.note})` : ''}`}
    />
  );
}

/** Whether the event was only logged: no trigger listens to its topic (a rejected event says so itself) (pure). */
export function unheard(e: EventView): boolean {
  return e.listened === false && e.error === undefined;
}

function Triggers(props: { e: EventView; matched: readonly DecisionView[] }): preact.JSX.Element {
  if (unheard(props.e))
    return (
      <span data-testid="no-trigger">
        <Badge text="no trigger" tone="muted" title={props.e.note ?? 'no trigger listens to this topic'} />
      </span>
    );
  if (props.matched.length === 0)
    return (
      <span class="muted" title="no trigger matched">
        —
      </span>
    );
  return (
    <>
      {props.matched.map((d) => (
        <DecisionBadge key={d.triggerId} d={d} all={props.matched} />
      ))}
    </>
  );
}

/** Height of one event row (px); the windowed list needs it fixed. */
const ROW_HEIGHT = 34;

const EventRow = memo(function EventRow(props: {
  e: EventView;
  index: number;
  open: boolean;
  toggle: (seq: number) => void;
}): preact.JSX.Element {
  const { e, toggle } = props;
  const conv = conversationOf(e.body);
  const matched = e.decisions.filter((d) => d.matches);
  const quiet = unheard(e);
  const onKey = (ev: KeyboardEvent): void => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      toggle(e.seq);
    }
  };
  return (
    <div
      class={`vrow row-click ${props.open ? 'row-open' : ''} ${quiet ? 'row-quiet' : ''}`}
      role="row"
      tabIndex={0}
      aria-rowindex={props.index + 2}
      aria-expanded={props.open}
      onClick={() => toggle(e.seq)}
      onKeyDown={onKey}
      data-testid="event-row"
      data-topic={e.topic}
      data-seq={e.seq}
      data-listened={String(!quiet)}
    >
      <span role="cell" class="mono nowrap">
        {clockTime(e.receivedAt)}
      </span>
      <span role="cell" class="mono topic" title={e.topic}>
        {topicTail(e.topic)}
        {e.error ? <Badge text="rejected" tone="bad" title={e.error} /> : null}
      </span>
      <span role="cell" class="mono">
        {conv ? (
          <a
            href={href('conversations', conv)}
            onClick={(ev) => ev.stopPropagation()}
            title={`conversation ${conv}`}
            data-testid="event-conversation-link"
          >
            {shortId(conv)}
          </a>
        ) : (
          '-'
        )}
      </span>
      <span role="cell" data-testid="event-triggers">
        <Triggers e={e} matched={matched} />
      </span>
    </div>
  );
});

function EventDetail(props: { e: EventView; close: () => void }): preact.JSX.Element {
  const { e } = props;
  const quiet = unheard(e);
  return (
    <section class="event-detail row-detail" data-testid="event-detail" aria-label={`event ${e.seq}`}>
      <div class="detail-grid">
        <div>
          <div class="kv">
            <span>topic</span>
            <code>{e.topic}</code>
          </div>
          <div class="kv">
            <span>event id</span>
            <code>{e.id}</code>
          </div>
          <div class="kv">
            <span>sequence</span>
            <code>{e.seq}</code>
          </div>
          <div class="kv">
            <span>source</span>
            <span>{e.source}</span>
          </div>
          {e.error ? <div class="error small">{e.error}</div> : null}
          {quiet ? (
            <div class="kv">
              <span>triggers</span>
              <span class="muted">{e.note ?? 'no trigger listens to this topic'}</span>
            </div>
          ) : null}
          {!quiet && !e.error && e.decisions.length === 0 ? (
            <div class="kv">
              <span>triggers</span>
              <span class="muted">no trigger matched</span>
            </div>
          ) : null}
          {e.decisions.map((d) => (
            <div class="kv" key={d.triggerId} data-testid="event-decision" data-match={String(d.matches)}>
              <span>{d.matches ? 'matched' : 'no match'}</span>
              <span>
                <strong>{decisionLabel(d, e.decisions)}</strong> ·{' '}
                {d.matches ? decisionText(d.decision) : 'criteria not met'}
                {d.rateLimit ? ` · ${d.rateLimit.note}` : ''}
                {d.duplicate ? ' · duplicate event, run kept' : ''}
                {d.runId ? (
                  <>
                    {' '}
                    · <a href={href('runs', d.runId)}>run {shortId(d.runId)}</a>
                  </>
                ) : null}
                {d.error ? <span class="bad"> · {d.error}</span> : null}
              </span>
            </div>
          ))}
          <div class="form-actions">
            <a class="button small" href={`#/triggers?event=${e.seq}`}>
              Test triggers with this event
            </a>
            <button type="button" class="small" onClick={props.close}>
              Close
            </button>
          </div>
        </div>
        <Json value={e.body} />
      </div>
    </section>
  );
}

/** The events view. */
export function EventsView(props: { route: Route }): preact.JSX.Element {
  const live = useLive();
  const [topic, setTopic] = useState(props.route.query.get('topic') ?? '');
  const [conversation, setConversation] = useState(props.route.query.get('conversation') ?? '');
  const [decision, setDecision] = useState<DecisionFilter>(asDecision(props.route.query.get('decision')));
  // An event is opened by its sequence number (a click) or its id (a link from a run).
  const [open, setOpen] = useState<number | string | undefined>(props.route.query.get('event') ?? undefined);
  const [frozen, setFrozen] = useState<readonly EventView[] | undefined>(undefined);
  const [lastQuery, setLastQuery] = useState(props.route.query.toString());
  if (props.route.query.toString() !== lastQuery) {
    // A link such as #/events?conversation=<id> changes the filters.
    setLastQuery(props.route.query.toString());
    setTopic(props.route.query.get('topic') ?? '');
    setConversation(props.route.query.get('conversation') ?? '');
    setDecision(asDecision(props.route.query.get('decision')));
    setOpen(props.route.query.get('event') ?? undefined);
  }
  // Newest-first rows move under the pointer at high rates: the list holds still while the pointer
  // or the keyboard focus is on it, so a click lands on the row that was aimed at.
  const [held, setHeld] = useState<readonly EventView[] | undefined>(undefined);
  const still = frozen ?? held;
  const source = still ?? live.events;
  const fresh = still ? newSince(live.events, still) : 0;
  const hold = (): void => setHeld((h) => h ?? live.events);
  const leave = (ev: PointerEvent): void => {
    const box = ev.currentTarget as HTMLElement | null;
    if (box && box.contains(document.activeElement)) return;
    setHeld(undefined);
  };
  const blur = (ev: FocusEvent): void => {
    const box = ev.currentTarget as HTMLElement | null;
    if (box && ((ev.relatedTarget instanceof Node && box.contains(ev.relatedTarget)) || box.matches(':hover'))) return;
    setHeld(undefined);
  };
  const shown = useMemo(
    () => source.filter((e) => eventMatches(e, topic, conversation, decision)),
    [source, topic, conversation, decision],
  );
  const topics = useMemo(() => [...new Set(source.map((e) => topicTail(e.topic)))].sort(), [source]);
  const toggle = useCallback((seq: number) => setOpen((o) => (o === seq ? undefined : seq)), []);
  const isOpen = (e: EventView): boolean => open === e.seq || open === e.id;
  const opened = open === undefined ? undefined : (source.find(isOpen) ?? live.events.find(isOpen));
  return (
    <Panel
      title={
        <>
          Events{' '}
          <span class="count" data-testid="events-count">
            {shown.length}
            {shown.length !== source.length ? ` of ${source.length}` : ''}
          </span>
        </>
      }
      testId="events-view"
      actions={
        <div class="filters">
          <input
            type="search"
            list="topic-list"
            placeholder="topic"
            value={topic}
            onInput={(e) => setTopic(e.currentTarget.value)}
            aria-label="Filter by topic"
          />
          <datalist id="topic-list">
            {topics.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          <input
            type="search"
            placeholder="conversation"
            value={conversation}
            onInput={(e) => setConversation(e.currentTarget.value)}
            aria-label="Filter by conversation"
          />
          <select
            value={decision}
            onChange={(e) => setDecision(asDecision(e.currentTarget.value))}
            aria-label="Filter by decision"
            data-testid="decision-filter"
          >
            <option value="">any decision</option>
            <option value="started">run started</option>
            <option value="matched">matched</option>
            <option value="none">no match</option>
          </select>
          {frozen ? (
            <button
              type="button"
              class="small primary"
              onClick={() => setFrozen(undefined)}
              data-testid="events-resume"
            >
              Resume
            </button>
          ) : (
            <button type="button" class="small" onClick={() => setFrozen(live.events)} data-testid="events-pause">
              Pause
            </button>
          )}
        </div>
      }
    >
      {still ? (
        <div class="paused-bar" role="status">
          <span>{frozen ? 'Paused.' : 'Held while the pointer or focus is on the list.'}</span>
          <button
            type="button"
            class="small"
            onClick={() => {
              setFrozen(undefined);
              setHeld(undefined);
            }}
            data-testid="events-new"
          >
            {fresh === 1 ? '1 new event' : `${fresh}${fresh >= live.events.length ? '+' : ''} new events`}
          </button>
        </div>
      ) : null}
      {shown.length === 0 ? (
        <Empty>
          {source.length === 0
            ? 'No events yet. Place a call from the simulator to see the solutions react.'
            : 'No event matches the filters.'}
        </Empty>
      ) : (
        <div onPointerEnter={hold} onPointerLeave={leave} onFocusIn={hold} onFocusOut={blur} data-testid="events-list">
          <VirtualList
            items={shown}
            rowHeight={ROW_HEIGHT}
            height="60vh"
            label="Events"
            testId="events-table"
            header={
              <div class="vrow vrow-head" role="row">
                <span role="columnheader">time</span>
                <span role="columnheader">topic</span>
                <span role="columnheader">conversation</span>
                <span role="columnheader">triggers matched</span>
              </div>
            }
            render={(e, i) => <EventRow key={e.seq} e={e} index={i} open={isOpen(e)} toggle={toggle} />}
          />
        </div>
      )}
      {opened ? <EventDetail e={opened} close={() => setOpen(undefined)} /> : null}
      {open !== undefined && !opened && typeof open === 'string' ? (
        <p class="muted" data-testid="event-missing">
          Event <code>{open}</code> is not among the recent events.{' '}
          <a href={`#/triggers?event=${encodeURIComponent(open)}`}>Test triggers with it</a>.
        </p>
      ) : null}
    </Panel>
  );
}

function asDecision(v: string | null): DecisionFilter {
  return v === 'started' || v === 'matched' || v === 'none' ? v : '';
}
