/**
 * @module
 * The outbound call form: place a call on behalf of an agent through the runtime's outbound API
 * (pre-checks, number normalization, idempotency), optionally waiting for the outcome.
 */
import { useState } from 'preact/hooks';
import { request } from '../api-client.ts';
import { ErrorBox, Field, Json, Panel } from '../components.tsx';
import { conversationOf } from '../format.ts';
import type { ConsoleInfo } from '../types.ts';

/** The result's heading from the call's progress steps: "Placed" only when nothing went wrong (pure). */
export function outcomeTitle(result: unknown): string {
  const steps = typeof result === 'object' && result !== null ? (result as { steps?: unknown }).steps : undefined;
  const states = Array.isArray(steps)
    ? steps.map((s) => (typeof s === 'object' && s !== null ? (s as { state?: unknown }).state : undefined))
    : [];
  if (states.includes('failed')) return 'Call failed';
  if (states.includes('busy')) return 'Busy: not answered';
  if (states.includes('no-answer')) return 'No answer';
  if (states.includes('connected')) return states.includes('disconnected') ? 'Answered, then ended' : 'Answered';
  return 'Placed';
}

/** The outbound view. */
export function OutboundView(props: { info: ConsoleInfo }): preact.JSX.Element {
  const [from, setFrom] = useState(props.info.users[0]?.id ?? '');
  const [to, setTo] = useState('+1 317 555 0100');
  const [queue, setQueue] = useState('');
  const [region, setRegion] = useState('US');
  const [wait, setWait] = useState(false);
  const [key, setKey] = useState('');
  const [result, setResult] = useState<unknown>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (): Promise<void> => {
    setError(undefined);
    setResult(undefined);
    setBusy(true);
    try {
      setResult(
        await request('POST', '/api/outbound/calls', {
          from: from.trim(),
          to: to.trim(),
          wait,
          ...(queue === '' ? {} : { queueId: queue }),
          ...(region.trim() === '' ? {} : { defaultRegion: region.trim() }),
          ...(key.trim() === '' ? {} : { idempotencyKey: key.trim() }),
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title="Outbound call" testId="outbound-view">
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div class="form-row">
          <Field label="From (user id, email or station:<id>)">
            <input name="from" list="outbound-users" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
            <datalist id="outbound-users">
              {props.info.users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </datalist>
          </Field>
          <Field label="To" hint="any format; normalized to E.164">
            <input name="to" class="mono" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
          </Field>
        </div>
        <div class="form-row">
          <Field label="Queue">
            <select name="queue" value={queue} onChange={(e) => setQueue(e.currentTarget.value)}>
              <option value="">no queue</option>
              {props.info.queues.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Default region">
            <input value={region} maxLength={2} onInput={(e) => setRegion(e.currentTarget.value)} />
          </Field>
          <Field label="Idempotency key">
            <input value={key} onInput={(e) => setKey(e.currentTarget.value)} placeholder="optional" />
          </Field>
        </div>
        <label class="check">
          <input type="checkbox" checked={wait} onChange={(e) => setWait(e.currentTarget.checked)} /> wait for the
          outcome (answered, busy, no answer…)
        </label>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy || to.trim() === ''}>
            {busy && wait ? 'Calling… (waiting for the outcome)' : 'Place call'}
          </button>
        </div>
      </form>
      <ErrorBox error={error} />
      {result !== undefined ? (
        <div class="result">
          <h3 data-testid="outbound-title">
            {outcomeTitle(result)}
            {conversationOf(result) ? (
              <>
                {' '}
                · <a href={`#/events?conversation=${conversationOf(result)}`}>its events</a>
              </>
            ) : null}
          </h3>
          <div data-testid="outbound-result">
            <Json value={result} />
          </div>
        </div>
      ) : null}
    </Panel>
  );
}
