/**
 * @module
 * How a failed execution is described: the Genesys `ErrorBody` of a stage failure or of a non-2xx
 * answer, and whether the failure may pass when the request is sent again.
 */
import { CORRELATION_HEADER, SwitchboardError, isErrorBody, retryAfterMs, tryParseJson } from '../core/index.ts';
import type { ErrorBody, Ids } from '../core/index.ts';
import { ActionErrors } from './errors.ts';
import type { StageFailure } from './pipeline.ts';
import type { ActionFailure, ActionStage, ResponseTrace, TransientFailure } from './types.ts';

/** Statuses worth sending again; 501 (not implemented) is final. */
const TRANSIENT_5XX = new Set([500, 502, 503, 504]);

/** Whether a non-2xx answer may pass when sent again, and how long it asked to wait. */
export function transientAnswer(response: ResponseTrace, now: number): TransientFailure | undefined {
  const kind = response.status === 429 ? '429' : TRANSIENT_5XX.has(response.status) ? '5xx' : undefined;
  if (kind === undefined) return undefined;
  const asked = retryAfterMs(response.headers['retry-after'] ?? null, kind === '429' ? response.body : undefined, now);
  return { kind, status: response.status, ...(asked === undefined ? {} : { retryAfterMs: asked }) };
}

/**
 * Whether a thrown failure may pass when sent again. No answer at all (connection refused or
 * reset) is as transient as a 503; so is an error the fetch itself raised with retry semantics —
 * an authenticated fetch whose token request met a 5xx or 429, or whose own retries ran out.
 */
export function transientError(failure: StageFailure): TransientFailure | undefined {
  if (failure.stage !== 'http') return undefined;
  const e = failure.error;
  if (e.code === ActionErrors.SB_ACTION_TRANSPORT) return { kind: '5xx' };
  if (e.code === ActionErrors.SB_ACTION_AUTH_FAILED) return (e.details as { transient?: TransientFailure }).transient;
  if (!e.retryable) return undefined;
  const status = (e.details as { status?: unknown }).status;
  const httpStatus = typeof status === 'number' ? { status } : {};
  if (e.retry === 'after' || status === 429)
    return { kind: '429', ...httpStatus, ...(e.retryAfterMs === undefined ? {} : { retryAfterMs: e.retryAfterMs }) };
  return { kind: '5xx', ...httpStatus };
}

export function asTransportError(e: unknown): SwitchboardError {
  if (e instanceof SwitchboardError) return e;
  return new SwitchboardError(
    ActionErrors.SB_ACTION_TRANSPORT,
    `the action's request must reach its target; ${(e as Error)?.message ?? String(e)}`,
    { cause: e },
  );
}

export function stageFailure(
  stage: ActionStage,
  error: SwitchboardError,
  correlationId: string,
  errorCode = detailCode(stage),
): ActionFailure {
  const d = error.details as { template?: string; field?: string; line?: number; column?: number; pointer?: string };
  const field = d.template ?? d.field;
  return {
    code: error.code,
    message: error.message,
    stage,
    ...(field === undefined ? {} : { field }),
    ...(d.line === undefined ? {} : { line: d.line }),
    ...(d.column === undefined ? {} : { column: d.column }),
    errorBody: {
      message: error.message,
      code: stage === 'input' ? 'invalid.value' : error.status === 504 ? 'gateway.timeout' : 'bad.request',
      status: error.status,
      contextId: correlationId,
      details: [{ errorCode, ...(field === undefined ? {} : { fieldName: field }) }],
      errors: [],
    },
  };
}

// [INFERRED] detail codes in the style of Genesys's action errors (ACTION.REMOTE_ENDPOINT).
function detailCode(stage: ActionStage): string {
  if (stage === 'input') return 'ACTION.INPUT_VALIDATION';
  if (stage === 'http') return 'ACTION.REMOTE_ENDPOINT';
  return 'ACTION.PROCESSING';
}

export function remoteFailure(
  response: ResponseTrace,
  opts: { readonly correlationId?: string; readonly ids?: Ids },
): ActionFailure {
  const parsed = tryParseJson(response.body);
  const upstream: ErrorBody = parsed.ok && isErrorBody(parsed.value) ? parsed.value : {};
  const correlationId =
    opts.correlationId ??
    upstream.contextId ??
    response.headers[CORRELATION_HEADER.toLowerCase()] ??
    opts.ids?.uuid() ??
    '';
  const said = upstream.message ?? (response.body.slice(0, 300) || '(empty body)');
  const message = `the action's request must succeed; it returned HTTP ${response.status}: ${said}`;
  return {
    code: ActionErrors.SB_ACTION_REMOTE_ERROR,
    message,
    stage: 'http',
    errorBody: {
      ...upstream,
      message,
      code: upstream.code ?? 'bad.request',
      status: response.status,
      contextId: correlationId,
      details: [{ errorCode: 'ACTION.REMOTE_ENDPOINT' }, ...(upstream.details ?? [])],
      errors: upstream.errors ?? [],
    },
  };
}
