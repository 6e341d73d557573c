/**
 * @module
 * Guards shared by Switchboard's local HTTP servers (the console and the emulator), on Web
 * standard requests: which browser requests a local, token-less API must refuse, and a request
 * body size limit that answers before the whole body arrives.
 */

/**
 * Whether a host (a bind address, or the name in a `Host` header without its port) only reaches
 * this machine.
 * @example
 * isLoopback('127.0.0.1') // true
 * isLoopback('0.0.0.0')   // false
 */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/** A request a browser page could have sent, and why it is refused. */
export interface AccessRefusal {
  /** The header at fault. */
  readonly field: 'Origin' | 'Host' | 'Content-Type';
  readonly message: string;
}

/** What {@link browserAccessRefusal} enforces. */
export interface BrowserGuardOptions {
  /** The API guarded, for messages: `the console`, `the emulator control API`. */
  readonly name: string;
  /** Refuse a request addressed to a host name that is not loopback (DNS rebinding). */
  readonly loopbackHostOnly: boolean;
  /**
   * Refuse a POST without a JSON content type: a browser sends a form post or a `no-cors` fetch
   * (text/plain, form-urlencoded, multipart, or no type) to any site without asking it first.
   */
  readonly refuseSimplePosts: boolean;
}

/** The `host[:port]` of an Origin header; undefined for `null` or anything unparsable. */
function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why a request to a local API must be refused because a page of another site (or a host name
 * re-pointed at this machine) could have sent it; undefined when it may pass.
 * - `Origin` present and not this server's own host: a page of another site.
 * - with `loopbackHostOnly`, a `Host` that is not a loopback name: DNS rebinding.
 * - with `refuseSimplePosts`, a POST whose `Content-Type` is not JSON: a cross-site form or `no-cors` fetch.
 * @example
 * browserAccessRefusal(new Request('http://127.0.0.1:8080/x', { headers: { Origin: 'https://evil.example' } }), { name: 'the console', loopbackHostOnly: true, refuseSimplePosts: false })
 * // → { field: 'Origin', message: '…' }
 */
export function browserAccessRefusal(
  request: Pick<Request, 'url' | 'method' | 'headers'>,
  options: BrowserGuardOptions,
): AccessRefusal | undefined {
  const url = new URL(request.url);
  // A browser sends Origin on every cross-origin request and on same-origin writes; other clients send none.
  // Hosts, not origins, are compared: behind a TLS-terminating proxy the page is https and the request reaches us as http.
  const origin = request.headers.get('Origin');
  if (origin !== null && hostOf(origin) !== url.host) {
    return {
      field: 'Origin',
      message: `a request to ${options.name} from a web page must come from its own page (${url.host}); this one came from ${JSON.stringify(origin)}`,
    };
  }
  if (options.loopbackHostOnly && !isLoopback(url.hostname)) {
    return {
      field: 'Host',
      message: `${options.name} answers only requests addressed to a loopback name (localhost, 127.0.0.1, [::1]); this one was addressed to ${JSON.stringify(url.host)}`,
    };
  }
  if (options.refuseSimplePosts && request.method === 'POST' && !isJsonType(request.headers.get('Content-Type'))) {
    const type = request.headers.get('Content-Type');
    return {
      field: 'Content-Type',
      message: `a POST to ${options.name} must carry Content-Type: application/json (a web page of another site can send any other type without asking); this one carried ${type === null ? 'none' : JSON.stringify(type)}`,
    };
  }
  return undefined;
}

/** Whether a Content-Type is JSON (`application/json`, `application/merge-patch+json`…). */
function isJsonType(type: string | null): boolean {
  return type !== null && /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type.trim());
}

/** The outcome of {@link limitRequestBody}. */
export type LimitedBody =
  | { readonly ok: true; readonly request: Request }
  /** `declared`: the Content-Length that was too large; undefined when the streamed body passed the limit. */
  | { readonly ok: false; readonly declared: number | undefined };

/**
 * Read a request's body, at most `maxBytes` of it: a declared `Content-Length` over the limit is
 * refused before any byte is read; a streamed (chunked) body is cut off, and the rest of it left
 * unread, as soon as it passes the limit. A body within the limit comes back as a request whose
 * body is buffered (so handlers read it as before).
 * @example
 * const r = await limitRequestBody(request, 1024 * 1024);
 * if (!r.ok) return new Response(null, { status: 413 });
 */
export async function limitRequestBody(request: Request, maxBytes: number): Promise<LimitedBody> {
  if (request.body === null) return { ok: true, request };
  const length = request.headers.get('Content-Length');
  if (length !== null && !request.headers.has('Transfer-Encoding')) {
    const declared = Number(length);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await request.body.cancel().catch(() => undefined);
      return { ok: false, declared };
    }
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, declared: undefined };
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    body.set(c, offset);
    offset += c.byteLength;
  }
  return { ok: true, request: new Request(request, { body }) };
}

/**
 * A byte count for people: `1 MiB`, `512 KiB`, `300 bytes`.
 * @example
 * formatBytes(10 * 1024 * 1024) // '10 MiB'
 */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} byte${n === 1 ? '' : 's'}`;
}
