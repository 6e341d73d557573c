/**
 * @module
 * The few Genesys requests outbound calls make, over a fetch-shaped seam, and the mapping of
 * Genesys failures to outbound errors. Authentication and 429 / `Retry-After` handling belong to
 * the fetch (a `GenesysClient`'s `fetch` does both, with bounded attempts).
 */
import { CORRELATION_HEADER, SwitchboardError, isErrorBody } from '../core/index.ts';
import type { ErrorBody, Fetch } from '../core/index.ts';
import { OutboundErrors } from './errors.ts';

/** Where outbound requests go. */
export interface GenesysTarget {
  /**
   * Genesys Cloud (or the emulator), fetch-shaped: a `GenesysClient`'s `fetch` (token and
   * 429 retries included) or any fetch that adds a bearer token.
   */
  readonly fetch: Fetch;
  /** Prefix of API paths when `fetch` needs absolute URLs (a `GenesysClient`'s fetch does not). */
  readonly baseUrl?: string | undefined;
}

/** A Genesys answer: the status and the parsed JSON body (or `undefined`). */
export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

/** Send one JSON request and read the answer, whatever its status. */
export async function send(
  target: GenesysTarget,
  method: string,
  path: string,
  body?: unknown,
  headers: Readonly<Record<string, string>> = {},
): Promise<ApiAnswer> {
  const init: RequestInit = {
    method,
    headers: {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
  const res = await target.fetch(`${target.baseUrl ?? ''}${path}`, init);
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** The Genesys error body of a failed answer (a synthetic one when the body was not JSON). */
function errorBodyOf(answer: ApiAnswer): ErrorBody {
  if (isErrorBody(answer.body)) return answer.body;
  return {
    status: answer.status,
    message: typeof answer.body === 'string' ? answer.body.slice(0, 300) : '(no error body)',
  };
}

/** `Retry-After` seconds → milliseconds (absent or unreadable → undefined). */
function retryAfterOf(headers: Headers): number | undefined {
  const raw = headers.get('Retry-After');
  if (raw === null) return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** Genesys identification of a failure, kept in every mapped error's details. */
function genesysDetails(answer: ApiAnswer, operation: string): Record<string, unknown> {
  const b = errorBodyOf(answer);
  const contextId = answer.headers.get(CORRELATION_HEADER) ?? b.contextId;
  return {
    operation,
    status: answer.status,
    ...(b.code === undefined ? {} : { genesysCode: b.code }),
    ...(b.message === undefined ? {} : { genesysMessage: b.message }),
    ...(contextId === undefined || contextId === null ? {} : { contextId }),
  };
}

/**
 * Codes with which the emulator refuses a caller on call creation ([INFERRED], no real sample):
 * a presence from which calls are not placed, and no associated station. The pre-checks usually
 * catch both first; these cover a presence changed between the pre-check and the create.
 */
const CALLER_REFUSALS: Readonly<Record<string, keyof typeof OutboundErrors>> = {
  'conversation.user.presence.not.allowed': 'SB_OUTBOUND_USER_STATE',
  'conversation.user.station.required': 'SB_OUTBOUND_NO_STATION',
};

/**
 * Map a failed answer to the outbound error that says what to fix: 403 → permission, 429 → rate
 * limited, other 4xx → refused (Genesys's message kept), 5xx → API failure. Callers map the
 * answers they understand better (a 404 user) before falling back to this.
 */
export function mapFailure(answer: ApiAnswer, operation: string): SwitchboardError {
  const b = errorBodyOf(answer);
  const details = genesysDetails(answer, operation);
  const said = `${b.code ?? answer.status}: ${b.message ?? '(no message)'}`;
  const refusal = b.code === undefined ? undefined : CALLER_REFUSALS[b.code];
  if (refusal !== undefined && answer.status < 500) {
    return new SwitchboardError(
      OutboundErrors[refusal],
      `the caller must be able to place calls (a working presence and a station); Genesys answered ${answer.status} ${said}`,
      { details },
    );
  }
  if (answer.status === 403 || answer.status === 401) {
    const missing = b.messageParams?.['permissions'];
    return new SwitchboardError(
      OutboundErrors.SB_OUTBOUND_PERMISSION,
      `the OAuth client must hold the permissions of ${operation}; Genesys answered ${answer.status} ${said}`,
      { details: { ...details, ...(missing === undefined ? {} : { missingPermissions: missing.split(/,\s*/) }) } },
    );
  }
  if (answer.status === 429) {
    const retryAfterMs = retryAfterOf(answer.headers);
    return new SwitchboardError(
      OutboundErrors.SB_OUTBOUND_RATE_LIMITED,
      `Genesys Cloud must accept ${operation} within the bounded retries; it still answered 429 ${said}`,
      { details, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
    );
  }
  if (answer.status >= 400 && answer.status < 500) {
    return new SwitchboardError(
      OutboundErrors.SB_OUTBOUND_REFUSED,
      `Genesys Cloud must accept ${operation}; it answered ${answer.status} ${said}`,
      { details },
    );
  }
  return new SwitchboardError(
    OutboundErrors.SB_OUTBOUND_API,
    `Genesys Cloud must answer ${operation}; it answered ${answer.status} ${said}`,
    { details },
  );
}
