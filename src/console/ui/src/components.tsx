/**
 * @module
 * Small shared pieces of the console views: JSON blocks, badges, error boxes, async loading.
 */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiFailure } from './api-client.ts';
import { pretty } from './format.ts';

/** A JSON value in a scrollable block, with an optional label. */
export function Json(props: { value: unknown; label?: string; open?: boolean }): preact.JSX.Element {
  const text = pretty(props.value);
  if (props.label === undefined) return <pre class="json">{text}</pre>;
  return (
    <details class="json-details" open={props.open}>
      <summary>{props.label}</summary>
      <pre class="json">{text === '' ? '(none)' : text}</pre>
    </details>
  );
}

const TONES: Record<string, string> = {
  completed: 'ok',
  success: 'ok',
  match: 'ok',
  ok: 'ok',
  connected: 'ok',
  live: 'ok',
  enabled: 'ok',
  failed: 'bad',
  failure: 'bad',
  error: 'bad',
  timeout: 'bad',
  'no match': 'muted',
  down: 'bad',
  waiting: 'wait',
  pending: 'wait',
  running: 'info',
  alerting: 'wait',
  dialing: 'wait',
  contacting: 'wait',
  connecting: 'wait',
  delay: 'wait',
  warning: 'wait',
  info: 'info',
  disabled: 'muted',
  disconnected: 'muted',
  terminated: 'muted',
  cancelled: 'muted',
};

/** A coloured status pill; the tone follows the text unless given. */
export function Badge(props: { text: string; tone?: string; title?: string }): preact.JSX.Element {
  const tone = props.tone ?? TONES[props.text.toLowerCase()] ?? 'muted';
  return (
    <span class={`badge badge-${tone}`} title={props.title}>
      {props.text}
    </span>
  );
}

/** An API error with its code and hint. */
export function ErrorBox(props: { error: unknown }): preact.JSX.Element | null {
  const e = props.error;
  if (e === undefined || e === null) return null;
  if (e instanceof ApiFailure) {
    return (
      <div class="error" role="alert">
        <strong>{e.body.message}</strong>
        <div class="error-meta">
          <code>{e.body.code}</code>
          {e.body.status > 0 ? <span> · HTTP {e.body.status}</span> : null}
        </div>
        {e.body.hint ? <div class="error-hint">{e.body.hint}</div> : null}
      </div>
    );
  }
  return (
    <div class="error" role="alert">
      <strong>{e instanceof Error ? e.message : String(e)}</strong>
    </div>
  );
}

/** A placeholder for an empty list. */
export function Empty(props: { children: ComponentChildren }): preact.JSX.Element {
  return <p class="empty">{props.children}</p>;
}

/** A titled panel. */
export function Panel(props: {
  title: ComponentChildren;
  actions?: ComponentChildren;
  children: ComponentChildren;
  class?: string;
  testId?: string;
}): preact.JSX.Element {
  return (
    <section class={`panel ${props.class ?? ''}`} data-testid={props.testId}>
      <header class="panel-head">
        <h2>{props.title}</h2>
        {props.actions ? <div class="panel-actions">{props.actions}</div> : null}
      </header>
      <div class="panel-body">{props.children}</div>
    </section>
  );
}

/** The state of an async load. */
export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** Load `fn()` now and whenever one of `deps` changes; keep the last data while reloading. */
export function useLoad<T>(fn: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    fn().then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error: unknown) => live && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...state, reload };
}

/** A labelled form field. */
export function Field(props: { label: string; children: ComponentChildren; hint?: string }): preact.JSX.Element {
  return (
    <label class="field">
      <span class="field-label">{props.label}</span>
      {props.children}
      {props.hint ? <span class="field-hint">{props.hint}</span> : null}
    </label>
  );
}

/** What an action button runs; errors land in the panel's error box. */
export type Runner = (fn: () => Promise<unknown>) => Promise<void>;

/** Run one action at a time: `busy` while it runs, its failure in `error`, then `after()` on success. */
export function useRunner(after: () => void): { run: Runner; error: unknown; busy: boolean } {
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const run: Runner = async (fn) => {
    setError(undefined);
    setBusy(true);
    try {
      await fn();
      after();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { run, error, busy };
}
