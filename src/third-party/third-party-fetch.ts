/**
 * @module
 * The fetch for hosts other than Genesys Cloud: a request matching a mock is answered by it
 * (undici's MockAgent does the matching and the sequences), a request for a `--passthrough`
 * host goes to the real service, anything else is refused with a coded error that shows the mock
 * entry to add — but a Genesys Cloud chat webhook, answered as Genesys would (chat-webhooks.ts). MockAgent tries only the first origin pattern that matches a request, so every
 * mock lives under one origin and its own origin pattern is matched as the path's first segment. Every answer says how it was answered in the `x-switchboard-route` header
 * (`mock` or `passthrough`) and, for a mock, which one in `x-switchboard-mock`.
 */
import { MockAgent, fetch as undiciFetch } from 'undici';
import {
  SERVICE_HOST_SUFFIX,
  SwitchboardError,
  THIRD_PARTY_MOCK_HEADER,
  THIRD_PARTY_ROUTE_HEADER,
  deepEqual,
  isPlainObject,
  tryParseJson,
} from '../core/index.ts';
import type { Clock, Fetch } from '../core/index.ts';
import { ThirdPartyErrors } from './errors.ts';
import type { MockReply, MockSpec } from './mocks-file.ts';
import { chatWebhookAnswer, isChatWebhookUrl } from './chat-webhooks.ts';
import { invokeLambda } from './lambda-handlers.ts';
import { compileUrlPattern, hostMatcher, matchesUrl } from './url-pattern.ts';

/** The header naming how a third-party request was answered: `mock` or `passthrough`. */
export const ROUTE_HEADER = THIRD_PARTY_ROUTE_HEADER;
/** The header naming the mock that answered (its `name`, else `mocks[<index>]`). */
export const MOCK_HEADER = THIRD_PARTY_MOCK_HEADER;
const DELAY_HEADER = 'x-switchboard-mock-delay';
const MOCK_ORIGIN = 'http://mocks.switchboard.invalid';

/** `/<origin>/<path?query>`: what the single mock origin sees of a request. */
function mockPath(url: URL): string {
  return `/${encodeURIComponent(url.origin)}${url.pathname}${url.search}`;
}

function splitMockPath(p: string): { origin: string; path: string } {
  const slash = p.indexOf('/', 1);
  const head = slash < 0 ? p.slice(1) : p.slice(1, slash);
  return { origin: decodeURIComponent(head), path: slash < 0 ? '/' : p.slice(slash) };
}

/** How {@link createThirdPartyFetch} answers. */
export interface ThirdPartyOptions {
  readonly mocks?: readonly MockSpec[];
  /** Host patterns (`api.example.com`, `*.example.com`, `localhost:8080`) sent to the real service. */
  readonly passthrough?: readonly string[];
  /** Mock delays run on this clock, so a virtual clock's time decides a timeout. */
  readonly clock: Clock;
}

/** A third-party fetch with its lifecycle. */
export interface ThirdParty {
  readonly fetch: Fetch;
  /** Start every mock's sequence again. */
  reset(): void;
  /** What it answers, for logs and the API. */
  describe(): { mocks: number; passthrough: readonly string[] };
  close(): Promise<void>;
}

function subset(expected: unknown, actual: unknown): boolean {
  if (isPlainObject(expected))
    return isPlainObject(actual) && Object.entries(expected).every(([k, v]) => subset(v, actual[k]));
  return deepEqual(expected, actual);
}

function bodyMatcher(expected: unknown): (body: string) => boolean {
  if (typeof expected === 'string') return (body) => body.includes(expected);
  return (body) => {
    const parsed = tryParseJson(body);
    return parsed.ok && subset(expected, parsed.value);
  };
}

function replyOf(
  reply: MockReply,
  label: string,
): { statusCode: number; data: string; responseOptions: { headers: Record<string, string> } } {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  if (
    reply.body !== undefined &&
    typeof reply.body !== 'string' &&
    !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
  )
    headers['content-type'] = 'application/json';
  headers[MOCK_HEADER] = label;
  if (reply.delayMs) headers[DELAY_HEADER] = String(reply.delayMs);
  return { statusCode: reply.status, data: text, responseOptions: { headers } };
}

function install(agent: MockAgent, mocks: readonly MockSpec[]): void {
  mocks.forEach((m, i) => {
    if (m.lambda) return;
    const url = compileUrlPattern(m.url)!;
    const label = m.name ?? `mocks[${i}]`;
    const pool = agent.get(MOCK_ORIGIN);
    const wanted = m.match?.headers
      ? Object.entries(m.match.headers).map(([k, v]) => [k.toLowerCase(), v] as const)
      : undefined;
    const body = m.match?.body === undefined ? undefined : bodyMatcher(m.match.body);
    const options: Parameters<typeof pool.intercept>[0] = {
      path: (p: string) => {
        const { origin, path } = splitMockPath(p);
        return matchesUrl(url, origin, path);
      },
      method: m.method ?? ((method: string) => method.length > 0),
      ...(body ? { body } : {}),
      ...(wanted
        ? {
            // MockAgent hands a header matcher the request's headers with lower-cased names.
            headers: (have: Record<string, string>) => wanted.every(([k, v]) => have[k] === v),
          }
        : {}),
    };
    const replies = m.responses ?? [m.response!];
    replies.forEach((r, n) => {
      const scope = pool.intercept(options).reply(() => replyOf(r, label));
      if (n === replies.length - 1) scope.persist();
      else scope.times(1);
    });
  });
}

function notMocked(method: string, url: URL): SwitchboardError {
  // The entry leaves the query out: a pattern without one matches the request whatever its query.
  const entry = { method, url: `${url.origin}${url.pathname}`, response: { status: 200, body: {} } };
  const service = url.hostname.endsWith(SERVICE_HOST_SUFFIX)
    ? url.hostname.slice(0, -SERVICE_HOST_SUFFIX.length)
    : undefined;
  const what = service
    ? `a ${service} integration is not emulated, so its requests must be mocked; ${method} ${url.pathname}${url.search} (addressed at ${url.origin}) matched no mock. Add to the mocks file: ${JSON.stringify(entry)}`
    : `a request to a third-party host must be mocked or passed through; ${method} ${url.origin}${url.pathname}${url.search} matched no mock and ${url.host} is not passed through. ` +
      `Add to the mocks file: ${JSON.stringify(entry)} — or pass --passthrough ${url.hostname}`;
  return new SwitchboardError(ThirdPartyErrors.SB_THIRD_PARTY_NOT_MOCKED, what, {
    details: {
      method,
      host: url.host,
      path: url.pathname,
      mock: entry,
      ...(service ? { integrationType: service } : {}),
    },
  });
}

const NULL_BODY = new Set([204, 205, 304]);
/** The longest a data action may run (1–60 s, platform.md §3): what a Lambda handler's context counts down from. */
const MAX_ACTION_MS = 60_000;

/**
 * Build the fetch a runtime gives data actions for third-party hosts.
 * @example
 * const thirdParty = createThirdPartyFetch({ mocks: parseMocksText(text, 'mocks.json'), passthrough: ['*.example.org'], clock });
 * await executeAction(action, input, { fetch: genesys.fetch, thirdParty: thirdParty.fetch, clock });
 */
export function createThirdPartyFetch(options: ThirdPartyOptions): ThirdParty {
  const mocks = options.mocks ?? [];
  const passthrough = options.passthrough ?? [];
  const hosts = passthrough.map((p) => {
    const m = hostMatcher(p);
    if (!m)
      throw new SwitchboardError(
        ThirdPartyErrors.SB_THIRD_PARTY_MOCKS_INVALID,
        `a passthrough pattern must be a host (api.example.com, *.example.com, localhost:8080); got ${JSON.stringify(p)}`,
        { details: { option: '--passthrough', value: p } },
      );
    return m;
  });
  let agent = build();
  const lambdas = mocks.flatMap((m, i) =>
    m.lambda
      ? [{ spec: m.lambda, method: m.method, url: compileUrlPattern(m.url)!, label: m.name ?? `mocks[${i}]` }]
      : [],
  );

  function build(): MockAgent {
    const a = new MockAgent();
    a.disableNetConnect();
    install(a, mocks);
    return a;
  }

  const fetch: Fetch = async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : String(input));
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const signal = init?.signal ?? request?.signal ?? undefined;
    const headers = new Headers(init?.headers ?? request?.headers);
    const body = init?.body ?? (request && method !== 'GET' && method !== 'HEAD' ? await request.text() : undefined);
    const init2 = { method, headers: [...headers], body: body as string | undefined, ...(signal ? { signal } : {}) };
    const lambda = lambdas.find(
      (l) =>
        (l.method === undefined || l.method === method) &&
        matchesUrl(l.url, url.origin, `${url.pathname}${url.search}`),
    );
    if (lambda) {
      const arn = decodeURIComponent(url.pathname.slice(1));
      const answer = await invokeLambda(lambda.spec, arn, typeof body === 'string' ? body : '', MAX_ACTION_MS, signal);
      return new Response(answer.body, {
        status: answer.status,
        headers: { ...answer.headers, [ROUTE_HEADER]: 'mock', [MOCK_HEADER]: lambda.label },
      });
    }
    let res: Awaited<ReturnType<typeof undiciFetch>>;
    try {
      res = await undiciFetch(`${MOCK_ORIGIN}${mockPath(url)}`, { ...init2, dispatcher: agent });
    } catch (e) {
      const code = (e as { cause?: { code?: string } }).cause?.code;
      if (code !== 'UND_MOCK_ERR_MOCK_NOT_MATCHED') throw e;
      if (!hosts.some((h) => h(url.host))) {
        if (!isChatWebhookUrl(url)) throw notMocked(method, url);
        const hook = chatWebhookAnswer(method, typeof body === 'string' ? body : '');
        hook.headers.set(ROUTE_HEADER, 'genesys');
        return hook;
      }
      res = await undiciFetch(url, init2);
    }
    const out = new Headers();
    res.headers.forEach((v, k) => out.set(k, v));
    const mock = out.get(MOCK_HEADER);
    const delay = Number(out.get(DELAY_HEADER) ?? 0);
    out.delete(DELAY_HEADER);
    out.set(ROUTE_HEADER, mock === null ? 'passthrough' : 'mock');
    if (delay > 0) await options.clock.sleep(delay, signal ?? undefined);
    return new Response(NULL_BODY.has(res.status) ? null : (res.body as ReadableStream<Uint8Array> | null), {
      status: res.status,
      statusText: res.statusText,
      headers: out,
    });
  };

  return {
    fetch,
    reset() {
      const old = agent;
      agent = build();
      void old.close().catch(() => undefined);
    },
    describe: () => ({ mocks: mocks.length, passthrough }),
    close: () => agent.close(),
  };
}
