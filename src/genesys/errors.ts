/**
 * @module
 * Typed failures of the Genesys Cloud client. An HTTP failure keeps Genesys's own `ErrorBody`
 * (`message`, `code`, `status`, `contextId`) beside Switchboard's stable code and retry policy.
 */
import { CORRELATION_HEADER, SwitchboardError, defineErrorCodes, isErrorBody } from '../core/index.ts';
import type { ErrorBody, ErrorCodeName } from '../core/index.ts';

/** The error codes of the `genesys` context. */
export const GenesysErrors = defineErrorCodes('genesys', {
  SB_GENESYS_HTTP: {
    summary: 'Genesys Cloud rejected a request with a 4xx status.',
    retry: 'never',
    hint: "Read the Genesys message and code (and contextId for support); fix the request, the ids or the OAuth client's roles.",
    status: 400,
  },
  SB_GENESYS_RATE_LIMITED: {
    summary: 'Genesys Cloud kept answering 429 Too Many Requests until the client ran out of attempts.',
    retry: 'after',
    hint: 'Wait retryAfterMs before retrying; lower the request rate or enable the client-side token bucket (300/min per token).',
    status: 429,
  },
  SB_GENESYS_UNAVAILABLE: {
    summary: 'Genesys Cloud could not be reached or answered with a 5xx status.',
    retry: 'backoff',
    hint: 'Check the network and status.mypurecloud.com; non-idempotent requests (POST, PATCH) are not retried automatically, even with an Idempotency-Key (a real org may ignore it) — opt in with retryUnsafe only when repeating is safe, or check what the first attempt did before sending again.',
    status: 502,
  },
  SB_GENESYS_AUTH: {
    summary: 'The OAuth client-credentials token request was refused.',
    retry: 'never',
    hint: 'Check GENESYSCLOUD_OAUTHCLIENT_ID / GENESYSCLOUD_OAUTHCLIENT_SECRET, that the OAuth client uses the Client Credentials grant, and that the region matches the org.',
    status: 401,
  },
  SB_GENESYS_CONFIG: {
    summary: 'The Genesys Cloud connection settings are missing or invalid.',
    retry: 'never',
    hint: 'Set GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET and GENESYSCLOUD_REGION (or GENESYSCLOUD_API_URL for a custom base URL).',
    status: 400,
  },
});

/** What {@link GenesysApiError} is built from. */
export interface GenesysApiErrorInit {
  readonly code: ErrorCodeName;
  readonly method: string;
  readonly url: string;
  /** The HTTP status Genesys answered with. */
  readonly status: number;
  /** Genesys's error body, when the response carried one. */
  readonly body?: ErrorBody | undefined;
  /** The raw response text, when it was not a Genesys error body (truncated). */
  readonly rawBody?: string | undefined;
  readonly contextId?: string | undefined;
  readonly retryAfterMs?: number | undefined;
  readonly attempts?: number | undefined;
}

const RAW_BODY_LIMIT = 300;

function describe(init: GenesysApiErrorInit): string {
  const b = init.body;
  const what =
    b?.code !== undefined || b?.message !== undefined
      ? `${b.code ?? 'error'}: ${b.message ?? '(no message)'}`
      : init.rawBody !== undefined && init.rawBody.length > 0
        ? `unrecognized body ${JSON.stringify(init.rawBody)}`
        : 'empty body';
  const ctx = init.contextId === undefined ? '' : ` (contextId ${init.contextId})`;
  const tries = init.attempts !== undefined && init.attempts > 1 ? ` after ${init.attempts} attempts` : '';
  return `${init.method} ${init.url} answered ${init.status}${tries}; ${what}${ctx}`;
}

const RULES: Record<string, string> = {
  SB_GENESYS_HTTP: 'Genesys Cloud rejected the request',
  SB_GENESYS_RATE_LIMITED: 'Genesys Cloud rate limit exceeded',
  SB_GENESYS_UNAVAILABLE: 'Genesys Cloud is unavailable',
  SB_GENESYS_AUTH: 'the OAuth client-credentials login failed',
};

/**
 * An HTTP failure from Genesys Cloud (or the emulator), carrying its `ErrorBody`.
 * `status` is the HTTP status Genesys answered with (not the code's default).
 * @example
 * try { await client.get('/api/v2/users/nope'); }
 * catch (e) { if (e instanceof GenesysApiError && e.status === 404) console.log(e.body?.code, e.contextId); }
 */
export class GenesysApiError extends SwitchboardError {
  override readonly status: number;
  /** Genesys's error body, if the response carried one. */
  readonly body: ErrorBody | undefined;
  /** The correlation id (`ININ-Correlation-Id` header, else the body's `contextId`). */
  readonly contextId: string | undefined;
  readonly method: string;
  readonly url: string;

  constructor(init: GenesysApiErrorInit) {
    super(init.code, `${RULES[init.code] ?? 'Genesys Cloud request failed'}; ${describe(init)}`, {
      details: {
        method: init.method,
        url: init.url,
        status: init.status,
        ...(init.contextId === undefined ? {} : { contextId: init.contextId }),
        ...(init.body?.code === undefined ? {} : { genesysCode: init.body.code }),
        ...(init.attempts === undefined ? {} : { attempts: init.attempts }),
      },
      retryAfterMs: init.retryAfterMs,
    });
    this.name = 'GenesysApiError';
    this.status = init.status;
    this.body = init.body;
    this.contextId = init.contextId;
    this.method = init.method;
    this.url = init.url;
  }
}

/** Parse a response body as a Genesys `ErrorBody`; non-JSON or foreign JSON gives `body: undefined`. */
function parseErrorBody(text: string): { body: ErrorBody | undefined; rawBody: string | undefined } {
  try {
    const v: unknown = JSON.parse(text);
    if (isErrorBody(v)) return { body: v, rawBody: undefined };
    // The login host answers OAuth-style: {"error":"invalid_client","description":"…"}.
    const o = v as { error?: unknown; error_description?: unknown; description?: unknown } | null;
    if (typeof o?.error === 'string') {
      const message =
        typeof o.error_description === 'string'
          ? o.error_description
          : typeof o.description === 'string'
            ? o.description
            : undefined;
      return { body: { code: o.error, ...(message === undefined ? {} : { message }) }, rawBody: undefined };
    }
  } catch {
    // not JSON: fall through and keep the text
  }
  return { body: undefined, rawBody: text.length > RAW_BODY_LIMIT ? `${text.slice(0, RAW_BODY_LIMIT)}…` : text };
}

/** Choose the code for a failed response's status. */
function codeForStatus(status: number): ErrorCodeName {
  if (status === 429) return GenesysErrors.SB_GENESYS_RATE_LIMITED;
  if (status >= 500) return GenesysErrors.SB_GENESYS_UNAVAILABLE;
  return GenesysErrors.SB_GENESYS_HTTP;
}

/**
 * Build a {@link GenesysApiError} from a failed response (reads its body).
 * @example
 * if (!res.ok) throw await errorFromResponse(res, 'GET', url);
 */
export async function errorFromResponse(
  res: Response,
  method: string,
  url: string,
  extra: { code?: ErrorCodeName; retryAfterMs?: number | undefined; attempts?: number; text?: string } = {},
): Promise<GenesysApiError> {
  const text = extra.text ?? (await res.text().catch(() => ''));
  const { body, rawBody } = parseErrorBody(text);
  return new GenesysApiError({
    code: extra.code ?? codeForStatus(res.status),
    method,
    url,
    status: res.status,
    body,
    rawBody,
    contextId: res.headers.get(CORRELATION_HEADER) ?? body?.contextId,
    retryAfterMs: extra.retryAfterMs,
    attempts: extra.attempts,
  });
}
