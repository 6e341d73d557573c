/**
 * @module
 * The browser side of the console's JSON API: one `request` that turns every non-2xx answer into
 * an {@link ApiFailure} carrying the server's error body, and the live stream.
 */

/** The error shape every `/api/` route answers with (a Genesys `ErrorBody` plus a fix hint). */
export interface ApiErrorBody {
  readonly message: string;
  readonly code: string;
  readonly status: number;
  readonly hint?: string;
  readonly details?: readonly { fieldName?: string; errorCode?: string }[];
}

/** A failed API call: the server's error body. */
export class ApiFailure extends Error {
  readonly body: ApiErrorBody;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.body = body;
  }
}

function asErrorBody(status: number, text: string): ApiErrorBody {
  try {
    const parsed = JSON.parse(text) as Partial<ApiErrorBody>;
    if (typeof parsed.message === 'string') return { code: 'error', status, ...parsed } as ApiErrorBody;
  } catch {
    // Not JSON: fall through to a generic body carrying the text.
  }
  return { message: text.trim() || `HTTP ${status}`, code: `http.${status}`, status };
}

/** Call the JSON API; resolve with the parsed body (undefined for 204), reject with {@link ApiFailure}. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { Accept: 'application/json' }
          : { 'Content-Type': 'application/json', Accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (e) {
    throw new ApiFailure({
      message: `the console server cannot be reached; ${(e as Error).message}`,
      code: 'network',
      status: 0,
    });
  }
  const text = await res.text();
  if (!res.ok) throw new ApiFailure(asErrorBody(res.status, text));
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** GET helper with a query string built from the defined, non-empty values. */
export function get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return request<T>('GET', qs ? `${path}?${qs}` : path);
}

/** A message of the live stream (`GET /api/stream`, server-sent events). */
export interface StreamMessage {
  readonly type: string;
  readonly data: unknown;
}

/** Connection state of the live stream. */
export type StreamState = 'connecting' | 'live' | 'down';

/**
 * Open the live stream; `onMessage` receives every named event, `onState` the connection state.
 * Returns the close function. EventSource reconnects by itself.
 */
export function openStream(
  types: readonly string[],
  onMessage: (m: StreamMessage) => void,
  onState: (s: StreamState) => void,
): () => void {
  const source = new EventSource('/api/stream', { withCredentials: true });
  onState('connecting');
  source.onopen = () => onState('live');
  source.onerror = () => onState(source.readyState === EventSource.CLOSED ? 'down' : 'connecting');
  for (const type of types) {
    source.addEventListener(type, (e) => {
      try {
        onMessage({ type, data: JSON.parse((e as MessageEvent<string>).data) });
      } catch {
        // A malformed message is skipped; the next one still arrives.
      }
    });
  }
  return () => source.close();
}
