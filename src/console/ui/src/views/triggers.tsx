/**
 * @module
 * Triggers: what is loaded (enabled, topic, criteria, the workflow it starts) and a "test with
 * this event" panel that runs an event — a recent one or pasted JSON — through every trigger of
 * its topic and shows each match trace.
 */
import { useState } from 'preact/hooks';
import { get, request } from '../api-client.ts';
import { Badge, Empty, ErrorBox, Field, Panel, useLoad } from '../components.tsx';
import { clockTime, oneLine, pretty, shortId, topicTail, topicTemplate, conversationOf } from '../format.ts';
import { useLive } from '../live.tsx';
import type { Route } from '../route.ts';
import type { TriggerTestResult, TriggerView } from '../types.ts';
import { TriggerResult } from './trace.tsx';

function criteriaText(t: TriggerView): string[] {
  return (t.trigger.matchCriteria ?? []).map((c) => `${c.jsonPath} ${c.operator} ${oneLine(c.values ?? c.value, 60)}`);
}

function TestPanel(props: { triggers: readonly TriggerView[]; eventRef: string | undefined }): preact.JSX.Element {
  const live = useLive();
  // The event is named by its log sequence number (from the events view) or its id (from a run).
  const initial =
    props.eventRef === undefined
      ? undefined
      : live.events.find((e) => String(e.seq) === props.eventRef || e.id === props.eventRef);
  const [topic, setTopic] = useState(initial?.topic ?? props.triggers[0]?.topicName ?? '');
  const [body, setBody] = useState(initial ? pretty(initial.body) : '');
  const [only, setOnly] = useState('');
  const [results, setResults] = useState<readonly TriggerTestResult[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const template = topicTemplate(topic.trim());
  const candidates = props.triggers.filter((t) =>
    only === '' ? t.topicName === template || t.topicName === topic.trim() : t.id === only,
  );

  const pick = (seq: string): void => {
    const e = live.events.find((x) => String(x.seq) === seq);
    if (!e) return;
    setTopic(e.topic);
    setBody(pretty(e.body));
    setResults(undefined);
  };
  const run = async (): Promise<void> => {
    setError(undefined);
    setResults(undefined);
    let eventBody: unknown;
    try {
      eventBody = JSON.parse(body);
    } catch (e) {
      setError(new Error(`the event body must be JSON; ${(e as Error).message}`));
      return;
    }
    setBusy(true);
    try {
      const event = { topicName: topic.trim(), eventBody };
      setResults(
        await Promise.all(
          candidates.map((t) =>
            request<TriggerTestResult>('POST', `/api/triggers/${encodeURIComponent(t.id)}/test`, event),
          ),
        ),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title="Test with this event" testId="trigger-test">
      <div class="form">
        <div class="form-row">
          <Field label="Recent event">
            <select
              onChange={(e) => pick(e.currentTarget.value)}
              value={initial === undefined ? '' : String(initial.seq)}
            >
              <option value="">— pick an event from the stream —</option>
              {live.events.slice(0, 100).map((e) => (
                <option key={e.seq} value={String(e.seq)}>
                  {clockTime(e.receivedAt)} {topicTail(e.topic)} {shortId(conversationOf(e.body))}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Trigger">
            <select value={only} onChange={(e) => setOnly(e.currentTarget.value)}>
              <option value="">every trigger of the topic</option>
              {props.triggers.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.bundle ? `${t.bundle}: ${t.name}` : t.name} ({t.id} → {t.workflow})
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field
          label="Topic"
          hint={
            candidates.length === 0
              ? 'no loaded trigger listens on this topic'
              : `${candidates.length} trigger${candidates.length === 1 ? '' : 's'} to test`
          }
        >
          <input
            class="mono"
            value={topic}
            onInput={(e) => setTopic(e.currentTarget.value)}
            placeholder="v2.detail.events.conversation.{id}.user.start"
          />
        </Field>
        <Field label="Event body (JSON)">
          <textarea
            class="mono"
            rows={8}
            value={body}
            onInput={(e) => setBody(e.currentTarget.value)}
            placeholder='{"conversationId": "…", "mediaType": "VOICE"}'
          />
        </Field>
        <div class="form-actions">
          <button
            type="button"
            class="primary"
            disabled={busy || candidates.length === 0 || body.trim() === ''}
            onClick={() => void run()}
          >
            Run the matcher
          </button>
        </div>
      </div>
      <ErrorBox error={error} />
      {results ? (
        <div class="trace" data-testid="trace">
          <div class="kv">
            <span>matched</span>
            <strong data-testid="trace-fired">
              {results
                .filter((r) => r.trace.matches)
                .map((r) => r.trace.name)
                .join(', ') || 'none'}
            </strong>
          </div>
          {results.map((r) => (
            <TriggerResult key={r.trace.triggerId} t={r.trace} inputs={r.inputs} />
          ))}
        </div>
      ) : null}
    </Panel>
  );
}

/** The triggers view. */
export function TriggersView(props: { route: Route }): preact.JSX.Element {
  const live = useLive();
  const triggers = useLoad(() => get<{ entities: TriggerView[] }>('/api/triggers'), []);
  const list = triggers.data?.entities ?? [];
  const eventRef = props.route.query.get('event') || undefined;
  // Mount the panel again once the named event has arrived with the recent events.
  const found = eventRef !== undefined && live.events.some((e) => String(e.seq) === eventRef || e.id === eventRef);
  return (
    <div class="stack">
      <Panel
        title={
          <>
            Triggers <span class="count">{list.length}</span>
          </>
        }
        testId="triggers-view"
      >
        <ErrorBox error={triggers.error} />
        {list.length === 0 && !triggers.loading ? (
          <Empty>No trigger is loaded.</Empty>
        ) : (
          <div class="table-wrap">
            <table class="table table-cards">
              <thead>
                <tr>
                  <th>name</th>
                  <th>state</th>
                  <th>topic</th>
                  <th>criteria</th>
                  <th>workflow</th>
                </tr>
              </thead>
              <tbody>
                {list.map((t) => (
                  <tr key={t.id} data-testid="trigger-row">
                    <td data-label="name">
                      <strong>{t.name}</strong>
                      {t.bundle ? <div class="muted small">{t.bundle}</div> : null}
                      <div class="muted small mono" data-testid="trigger-id" title="trigger id">
                        {t.id}
                      </div>
                    </td>
                    <td data-label="state">{t.enabled ? <Badge text="enabled" /> : <Badge text="disabled" />}</td>
                    <td class="mono small" data-label="topic">
                      {t.topicName}
                    </td>
                    <td class="mono small" data-label="criteria">
                      {criteriaText(t).map((c) => (
                        <div key={c}>{c}</div>
                      ))}
                      {t.trigger.delayBySeconds ? <div class="muted">delay {t.trigger.delayBySeconds} s</div> : null}
                    </td>
                    <td class="small" data-label="workflow" data-testid="trigger-workflow">
                      {t.workflow}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      {triggers.data ? (
        <TestPanel key={`${eventRef ?? ''}/${String(found)}`} triggers={list} eventRef={eventRef} />
      ) : null}
    </div>
  );
}
