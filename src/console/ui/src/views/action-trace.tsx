/**
 * @module
 * A data action's execution trace: the rendered request, the raw response, the translation map
 * and the failure stage, as the history recorded it.
 */
import type { ActionTrace } from '../../../../actions/index.ts';
import { Json } from '../components.tsx';
import { duration } from '../format.ts';

function bodyOf(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Who answered: Genesys Cloud, a mock of the mocks file, or the real third-party service. */
function answeredBy(r: NonNullable<ActionTrace['response']>): preact.JSX.Element | null {
  if (r.route === undefined) return null;
  const text =
    r.route === 'mock'
      ? `mock "${r.mock ?? '?'}"`
      : r.route === 'passthrough'
        ? 'real service (passthrough)'
        : 'Genesys Cloud';
  const tone = r.route === 'mock' ? 'badge-info' : r.route === 'passthrough' ? 'badge-wait' : 'badge-muted';
  return (
    <span class={`badge ${tone}`} data-testid="answered-by" title="who answered this request">
      answered by {text}
    </span>
  );
}

/** Render an action trace. */
export function ActionTraceView(props: { trace: Partial<ActionTrace> }): preact.JSX.Element {
  const t = props.trace;
  return (
    <div class="action-trace" data-testid="action-trace">
      {t.request ? (
        <div class="kv">
          <span>request</span>
          <code>
            {t.request.method} {t.request.url}
          </code>
        </div>
      ) : null}
      {t.response ? (
        <div class="kv">
          <span>response</span>
          <code>HTTP {t.response.status}</code> <span class="muted small">{duration(t.response.durationMs)}</span>
          {answeredBy(t.response)}
        </div>
      ) : null}
      {t.failure ? (
        <div class="kv">
          <span>failed at</span>
          <span>
            <code>{t.failure.stage}</code>
            {t.failure.field ? <> ({t.failure.field})</> : null}: {t.failure.message}
          </span>
        </div>
      ) : null}
      {t.request?.body !== undefined ? <Json label="request body" value={bodyOf(t.request.body)} /> : null}
      {t.response ? <Json label="response body" value={bodyOf(t.response.body)} /> : null}
      {t.translations && t.translations.length > 0 ? (
        <Json
          label="translation map"
          value={Object.fromEntries(
            t.translations.map((x) => [x.name, { path: x.path, source: x.source, value: x.value }]),
          )}
        />
      ) : null}
      {t.request ? <Json label="request headers" value={t.request.headers} /> : null}
    </div>
  );
}
