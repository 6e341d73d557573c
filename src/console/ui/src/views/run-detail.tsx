/**
 * @module
 * One run's timeline: what started it, its inputs and outputs, the path the flow took (every
 * Architect action with its outcome), each journaled step with its input, output and data-action
 * trace, and the wait it is in with when it resumes.
 */
import { get, request } from '../api-client.ts';
import { useState } from 'preact/hooks';
import { Badge, ErrorBox, Json, Panel, useLoad } from '../components.tsx';
import { clockTime, dateTime, duration, relative, shortId } from '../format.ts';
import { useLive, useServerNow } from '../live.tsx';
import { go, href } from '../route.ts';
import type { RunDetail, StepView } from '../types.ts';
import { stepBars } from '../activity-series.ts';
import { ActionTraceView } from './action-trace.tsx';
import { FlowDiagram } from './flow-diagram.tsx';

/** The conversation a run is about: its `conversationId` input, as triggers pass it (pure). */
export function conversationOfInput(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const rec = input as Record<string, unknown>;
  const id = rec.conversationId ?? rec['Flow.conversationId'] ?? rec.CONVERSATION_ID;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** One entry of the path an Architect flow took. */
interface PathEntry {
  readonly stepId: string;
  readonly actionId?: string;
  readonly actionName: string;
  readonly type: string;
  readonly outcome?: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** A timeline row: a path entry, a journaled step, or both. */
export interface TimelineItem {
  readonly key: string;
  readonly path?: PathEntry;
  readonly step?: StepView;
}

function pathOf(run: RunDetail): PathEntry[] {
  const fromOutput = (run.output as { path?: unknown } | undefined)?.path;
  const fromError = (run.error as { details?: { path?: unknown } } | undefined)?.details?.path;
  const raw = Array.isArray(fromOutput) ? fromOutput : Array.isArray(fromError) ? fromError : [];
  return raw.filter(
    (p): p is PathEntry => typeof p === 'object' && p !== null && typeof (p as PathEntry).stepId === 'string',
  );
}

/** Merge the flow path with the journal: path order first, then journal steps the path does not name (pure). */
export function timeline(path: readonly PathEntry[], steps: readonly StepView[]): TimelineItem[] {
  const byId = new Map(steps.map((s) => [s.stepId, s]));
  const items: TimelineItem[] = path.map((p, i) => {
    const step = byId.get(p.stepId);
    byId.delete(p.stepId);
    return { key: `p${i}`, path: p, ...(step ? { step } : {}) };
  });
  for (const s of steps) if (byId.has(s.stepId)) items.push({ key: `s${s.seq}`, step: s });
  return items;
}

const KIND_ICON: Record<string, string> = {
  action: '⇄',
  sleep: '‖',
  run: '▸',
  callData: '⇄',
  wait: '‖',
  decision: '◇',
  switch: '◇',
  updateData: '=',
  loop: '↻',
  exitLoop: '↵',
  endWorkflow: '■',
};

/** What a timeline row is called: the data action for a data-action call, else the Architect action's name (pure). */
export function stepTitle(item: TimelineItem): { name: string; label?: string } {
  const { path, step } = item;
  const dataAction = typeof path?.detail?.['dataAction'] === 'string' ? path.detail['dataAction'] : undefined;
  // A data action is named by the action it calls; a wait or other step by the Architect action.
  const name = dataAction ?? (step?.kind === 'action' ? step.name : undefined) ?? path?.actionName ?? step?.name ?? '';
  return path && path.actionName !== name ? { name, label: path.actionName } : { name };
}

function Step(props: { item: TimelineItem }): preact.JSX.Element {
  const { path, step } = props.item;
  const { name, label } = stepTitle(props.item);
  const type = path?.type ?? step?.kind ?? '';
  const detail = !step && path?.detail && Object.keys(path.detail).length > 0 ? path.detail : undefined;
  const outcome = path?.outcome ?? step?.path ?? (step?.status === 'error' ? 'error' : undefined);
  const trace = step?.trace as Parameters<typeof ActionTraceView>[0]['trace'] | undefined;
  return (
    <li
      class={`step step-${step?.status ?? 'path'}`}
      data-testid="run-step"
      data-step-id={step?.stepId}
      data-name={name}
      data-outcome={outcome ?? ''}
      data-action-id={path?.actionId}
      tabIndex={-1}
    >
      <div class="step-head">
        <span class="step-icon" aria-hidden="true">
          {KIND_ICON[type] ?? '•'}
        </span>
        <strong class="step-name">{name}</strong>
        <span class="muted small">{label ? `${label} · ${type}` : type}</span>
        {outcome ? <Badge text={outcome} /> : null}
        {step ? (
          <span class="muted small mono step-time" data-testid="step-times">
            <span title="run clock (simulated under the emulator's virtual clock)">
              run {clockTime(step.startedAt)} · {duration(step.durationMs)}
            </span>
            {step.wallCompletedAt !== undefined ? (
              <span title="wall clock: when this process ran the step">
                {' '}
                · wall {clockTime(step.wallStartedAt)} · {duration(step.wallDurationMs)}
              </span>
            ) : null}
          </span>
        ) : null}
      </div>
      {detail ? (
        <div class="step-body">
          <Json label="detail" value={detail} />
        </div>
      ) : null}
      {step && (step.input !== undefined || step.output !== undefined || step.error || trace) ? (
        <div class="step-body">
          {step.error ? (
            <div class="error small">
              <code>{step.error.code}</code> {step.error.message}
            </div>
          ) : null}
          <Json label="input" value={step.input} />
          <Json label="output" value={step.output} />
          {trace && typeof trace === 'object' ? <ActionTraceView trace={trace} /> : null}
        </div>
      ) : null}
    </li>
  );
}

/** Bars drawn at most: a loop of thousands of steps stays readable and cheap to render. */
const MAX_BARS = 200;

/**
 * The run on its clock: one bar per journaled step from the run's start to its end, a Wait as long
 * as the run time it took; each bar names its run time and wall time and scrolls to its step.
 */
function TimeBars(props: { run: RunDetail }): preact.JSX.Element | null {
  const r = props.run;
  if (r.steps.length === 0) return null;
  const start = r.startedAt ?? r.createdAt;
  const { bars, spanMs } = stepBars(r.steps, start, r.completedAt);
  const scrollTo = (stepId: string): void => {
    const el = [...document.querySelectorAll<HTMLElement>('[data-testid="run-step"]')].find(
      (x) => x.dataset.stepId === stepId,
    );
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el?.focus({ preventScroll: true });
  };
  return (
    <div
      class="time-bars"
      data-testid="run-time-bars"
      role="list"
      aria-label={`Steps on the run clock, ${duration(spanMs)} in all`}
    >
      <div class="time-axis small muted mono">
        <span>{clockTime(start)}</span>
        <span>run time {duration(spanMs)}</span>
        <span>{clockTime(start + spanMs)}</span>
      </div>
      {bars.slice(0, MAX_BARS).map((b) => (
        <button
          key={b.stepId}
          type="button"
          role="listitem"
          class={`time-bar kind-${b.kind}${b.failed ? ' failed' : ''}`}
          data-testid="time-bar"
          data-step-id={b.stepId}
          title={`${b.name}: run ${duration(b.runMs)}${b.wallMs === undefined ? '' : ` · wall ${duration(b.wallMs)}`}`}
          onClick={() => scrollTo(b.stepId)}
        >
          <span class="time-bar-label small">{b.name}</span>
          <span class="time-bar-track">
            <span class="time-bar-fill" style={{ left: `${b.left}%`, width: `${b.width}%` }} />
          </span>
          <span class="time-bar-ms small mono">
            {duration(b.runMs)}
            {b.wallMs === undefined ? '' : ` / ${duration(b.wallMs)}`}
          </span>
        </button>
      ))}
      {bars.length > MAX_BARS ? (
        <div class="small muted" data-testid="time-bars-more">
          the first {MAX_BARS} of {bars.length} steps; the timeline below lists every one
        </div>
      ) : null}
    </div>
  );
}

/** The run detail view. */
export function RunDetailView(props: { id: string }): preact.JSX.Element {
  const live = useLive();
  const run = useLoad(() => get<RunDetail>(`/api/runs/${encodeURIComponent(props.id)}`), [props.id, live.runsVersion]);
  const r = run.data;
  const now = useServerNow();
  const [actionError, setActionError] = useState<unknown>(undefined);
  const act = async (what: 'cancel' | 'rerun'): Promise<void> => {
    setActionError(undefined);
    try {
      const next = await request<{ id: string }>('POST', `/api/runs/${encodeURIComponent(props.id)}/${what}`);
      if (what === 'rerun') go('runs', next.id);
      else run.reload();
    } catch (e) {
      setActionError(e);
    }
  };
  const cancellable = r !== undefined && (r.status === 'pending' || r.status === 'waiting');
  const actions = (
    <>
      {cancellable ? (
        <button type="button" class="button small" data-testid="run-cancel" onClick={() => void act('cancel')}>
          Cancel run
        </button>
      ) : null}
      {r ? (
        <button
          type="button"
          class="button small"
          data-testid="run-rerun"
          title="a new run of this workflow with the same input"
          onClick={() => void act('rerun')}
        >
          Run again
        </button>
      ) : null}
      <a class="button small" href={href('runs')}>
        All runs
      </a>
    </>
  );
  return (
    <Panel
      title={
        <>
          Run <span class="mono">{shortId(props.id)}</span>
        </>
      }
      testId="run-detail"
      actions={actions}
    >
      <ErrorBox error={run.error} />
      <ErrorBox error={actionError} />
      {r ? (
        <>
          <div class="summary-grid">
            <div class="kv">
              <span>flow</span>
              <strong data-testid="run-flow">{r.flow}</strong> <span class="muted small">({r.kind})</span>
            </div>
            <div class="kv">
              <span>status</span>
              <span data-testid="run-status">
                <Badge text={r.status} />
              </span>
              {r.failedSteps ? (
                <span data-testid="run-failed-steps">
                  {' '}
                  <Badge
                    text={`${r.failedSteps} failed step${r.failedSteps === 1 ? '' : 's'}`}
                    tone="bad"
                    title="data actions that took their failure or timeout path"
                  />
                </span>
              ) : null}
              {r.exitReason ? <span class="small"> exit: {r.exitReason}</span> : null}
            </div>
            <div class="kv">
              <span>started</span>
              <span class="mono">{dateTime(r.startedAt ?? r.createdAt)}</span>
            </div>
            <div class="kv">
              <span>duration</span>
              <span class="mono">{duration(r.durationMs)}</span> <span class="muted small">attempts {r.attempts}</span>
            </div>
            {r.triggerId ? (
              <div class="kv">
                <span>trigger</span>
                <span class="mono small">{r.triggerId}</span>
              </div>
            ) : null}
            {conversationOfInput(r.input) ? (
              <div class="kv">
                <span>conversation</span>
                <a
                  class="mono small"
                  href={href('conversations', conversationOfInput(r.input)!)}
                  data-testid="run-conversation-link"
                >
                  {conversationOfInput(r.input)}
                </a>
              </div>
            ) : null}
            {r.eventId ? (
              <div class="kv">
                <span>event</span>
                <a
                  class="mono small"
                  href={`#/events?event=${encodeURIComponent(r.eventId)}`}
                  data-testid="run-event-link"
                >
                  {r.eventId}
                </a>
              </div>
            ) : null}
            {r.waitingOn ? (
              <div class="kv wait" data-testid="run-wait">
                <span>waiting</span>
                <span>
                  in <strong>{r.waitingOn.stepId}</strong>, resumes {dateTime(r.waitingOn.dueAt)} (
                  {relative(r.waitingOn.dueAt, now)})
                </span>
              </div>
            ) : r.wakesAt !== undefined && r.status !== 'completed' ? (
              <div class="kv wait">
                <span>resumes</span>
                <span>
                  {dateTime(r.wakesAt)} ({relative(r.wakesAt, now)})
                </span>
              </div>
            ) : null}
          </div>
          {r.error ? (
            <div class="error">
              <code>{r.error.code}</code> {r.error.message}
            </div>
          ) : null}
          <div class="io-grid">
            <Json label="input" value={r.input} open />
            <Json label="output" value={r.output} />
          </div>
          {r.kind === 'architect' ? (
            <>
              <h3>Flow</h3>
              <FlowDiagram
                flow={r.flow}
                path={pathOf(r).flatMap((p) =>
                  p.actionId
                    ? [{ actionId: p.actionId, ...(p.outcome === undefined ? {} : { outcome: p.outcome }) }]
                    : [],
                )}
                ended={r.status === 'completed' || r.status === 'failed'}
              />
            </>
          ) : null}
          <h3>Time</h3>
          <TimeBars run={r} />
          <h3>Timeline</h3>
          <ol class="timeline" data-testid="run-timeline">
            {timeline(pathOf(r), r.steps).map((item) => (
              <Step key={item.key} item={item} />
            ))}
            {r.waitingOn ? (
              <li class="step step-waiting" data-testid="run-step-waiting">
                <div class="step-head">
                  <span class="step-icon" aria-hidden="true">
                    ‖
                  </span>
                  <strong class="step-name">Waiting</strong>
                  <span class="muted small mono">{r.waitingOn.stepId}</span>
                  <Badge text="waiting" />
                  <span class="small step-time">
                    resumes {dateTime(r.waitingOn.dueAt)} ({relative(r.waitingOn.dueAt, now)})
                  </span>
                </div>
              </li>
            ) : r.status === 'running' || r.status === 'pending' ? (
              <li class="step step-waiting">
                <div class="step-head">
                  <span class="step-icon" aria-hidden="true">
                    ▸
                  </span>
                  <span class="muted">{r.status === 'running' ? 'running…' : 'about to start'}</span>
                </div>
              </li>
            ) : null}
          </ol>
        </>
      ) : null}
    </Panel>
  );
}
