/**
 * @module
 * Executing a compiled action: the I/O around the pure pipeline. The `fetch` given is already
 * authenticated (the Genesys client's or the emulator's); the response size is capped and the
 * action's timeout (1-60 s, platform spec §3.2) turns a slow call into a Timeout result.
 */
import {
  CORRELATION_HEADER,
  SwitchboardError,
  THIRD_PARTY_MOCK_HEADER,
  THIRD_PARTY_ROUTE_HEADER,
} from '../core/index.ts';
import type { Clock, Fetch, Ids, TimerHandle } from '../core/index.ts';
import type { CompiledAction } from './compile.ts';
import { ActionErrors } from './errors.ts';
import { failureOutputs, flattenFailure } from './failure.ts';
import { asTransportError, remoteFailure, stageFailure, transientAnswer, transientError } from './failure-shapes.ts';
import {
  StageFailure,
  checkInput,
  hasHeader,
  newTrace,
  parseResponseBody,
  renderRequest,
  resolveOutput,
} from './pipeline.ts';
import { isGenesysUrl } from './request-target.ts';
import { redactTrace } from './secure.ts';
import type {
  ActionFailure,
  ActionResult,
  ActionTrace,
  RequestTrace,
  ResponseTrace,
  TransientFailure,
} from './types.ts';
import { salesforceTool, templateTools } from './velocity/tools.ts';
import type { TemplateTools } from './velocity/tools.ts';
import { redactCredentials } from './web-services.ts';
import type { IntegrationAuth } from './web-services.ts';

/** Used when neither the action nor the caller sets a timeout (Genesys's own default is not published). */
const DEFAULT_TIMEOUT_SECONDS = 60;
/** The largest response body read (bytes); a larger one fails the action. */
const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/** How to run an action. */
export interface ExecuteOptions {
  /** An authenticated fetch: the Genesys client's or the emulator's. */
  readonly fetch: Fetch;
  readonly clock: Clock;
  /**
   * The action's own deadline, overriding its `timeoutSeconds`. Without it but with a `signal`,
   * the signal is the only deadline: the caller owns the timeout and aborts with a
   * `TimeoutError` when it passes (the durable engine's step does), which is the action's Timeout.
   */
  readonly timeoutMs?: number;
  /** Base for relative `/api/v2/...` URLs; without it they are passed to `fetch` as they are. */
  readonly baseUrl?: string;
  /** The correlation id of the failure outputs; else the response's, else a fresh one from `ids`. */
  readonly correlationId?: string;
  readonly ids?: Ids;
  readonly maxResponseBytes?: number;
  /** The caller giving up (a worker's timeout or stop): cancels the request, and the result is a timeout. */
  readonly signal?: AbortSignal;
  /**
   * Sent as `Idempotency-Key` on a request that is not a GET (unless the action sets the
   * header itself), so a target that honours it applies a re-sent request once.
   */
  readonly idempotencyKey?: string;
  /**
   * Where a request for a host other than Genesys Cloud goes (a mocks file, passthrough hosts).
   * Genesys Cloud is a relative `/api/v2/...` URL, the origin of `baseUrl`, or a Genesys Cloud
   * API host. Without it every request goes to `fetch`.
   */
  readonly thirdParty?: Fetch;
  /** A web services integration's credentials: the `credentials` and `authResponse` Velocity contexts, Basic Auth. */
  readonly auth?: IntegrationAuth;
}

/** The header carrying {@link ExecuteOptions.idempotencyKey}. */
const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

class Timeout extends Error {}

/**
 * Execute an action with an input. Never throws for a bad input, template, response or output:
 * those give a `failure` result whose trace shows everything up to the failure. The trace of a
 * secure action is redacted (see `redactTrace`); its outputs are not.
 * @example
 * const result = await executeAction(compileAction(def), { conversationId: 'c1' }, { fetch: emulator.fetch, clock });
 * if (result.status === 'success') console.log(result.outputs);
 */
export async function executeAction(
  action: CompiledAction,
  input: unknown,
  opts: ExecuteOptions,
): Promise<ActionResult> {
  const result = await run(action, input, opts);
  if (result.trace.request) result.trace.request = redactCredentials(result.trace.request, opts.auth);
  // HELP-CDA: a secure action's inputs and outputs stay out of logs and history; the flow still gets them.
  return action.definition.secure ? { ...result, trace: redactTrace(result.trace, action.definition) } : result;
}

/** The auth response of a User Defined (OAuth) integration: its custom auth action, run with the caller's fetches. */
function authResponseOf(auth: IntegrationAuth, opts: ExecuteOptions): Promise<Record<string, unknown> | undefined> {
  const { idempotencyKey: _key, ...rest } = opts;
  return auth.authResponse((a, credentials) => executeAction(a, {}, { ...rest, auth: credentials }), opts.clock.now());
}

function renderWithAuth(
  action: CompiledAction,
  ctxInput: Record<string, unknown>,
  tools: TemplateTools,
  authResponse: Record<string, unknown> | undefined,
  trace: ActionTrace,
  opts: ExecuteOptions,
): RequestTrace {
  const ctx = {
    ...tools,
    input: ctxInput,
    ...(opts.auth ? { credentials: opts.auth.fields } : {}),
    ...(authResponse ? { authResponse } : {}),
  };
  const request = renderRequest(action, ctx, trace, opts.baseUrl);
  const basic = opts.auth?.basicHeader;
  if (basic && !hasHeader(request.headers, 'Authorization'))
    (request.headers as Record<string, string>).Authorization = basic;
  addIdempotencyKey(request, opts.idempotencyKey);
  return request;
}

/**
 * A request template naming `${credentials.x}` or `${authResponse.x}` without them would send the
 * reference as text and might even succeed; Genesys always gives a web services action its
 * integration's credentials, so running one without them is refused before anything is sent.
 */
function checkCredentialsGiven(action: CompiledAction, auth: IntegrationAuth | undefined): void {
  const { request } = action.definition;
  const text = [
    request.requestUrlTemplate,
    request.requestTemplate ?? '',
    ...Object.values(request.headers ?? {}),
  ].join('\n');
  const uses = (name: string) => new RegExp(`\\$!?\\{?${name}\\b`).test(text);
  const missing =
    uses('credentials') && !auth
      ? 'credentials'
      : uses('authResponse') && auth?.type !== 'userDefinedOAuth'
        ? 'authResponse'
        : undefined;
  if (!missing) return;
  throw new StageFailure(
    'requestUrlTemplate',
    new SwitchboardError(
      ActionErrors.SB_ACTION_CREDENTIALS_MISSING,
      `"${action.definition.name}" uses \${${missing}.…} and runs without ${missing === 'credentials' ? "its integration's credentials" : 'a User Defined (OAuth) credential and its custom auth action'}; the reference would be sent as text`,
      { details: { reference: missing } },
    ),
  );
}

/** Every template's tools, and an integration's own (`$salesforce` for Salesforce data actions). */
function toolsFor(action: CompiledAction, clock: Clock): TemplateTools {
  const tools = templateTools(clock);
  return action.definition.integrationType === 'salesforce-datadip' ? { ...tools, salesforce: salesforceTool } : tools;
}

async function run(action: CompiledAction, input: unknown, opts: ExecuteOptions): Promise<ActionResult> {
  const started = opts.clock.now();
  const trace = newTrace(action, input);
  const tools = toolsFor(action, opts.clock);
  const timeoutMs = opts.timeoutMs ?? (action.definition.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  let timer: TimerHandle | undefined;
  let giveUp: (() => void) | undefined;
  try {
    const ctxInput = checkInput(action, input, trace);
    const auth = opts.auth;
    checkCredentialsGiven(action, auth);
    const stagesBefore = trace.stages.length;
    let request = renderWithAuth(
      action,
      ctxInput,
      tools,
      auth ? await authResponseOf(auth, opts) : undefined,
      trace,
      opts,
    );
    const controller = new AbortController();
    const deadline = new Promise<never>((_, reject) => {
      giveUp = () => {
        controller.abort();
        reject(new Timeout());
      };
      if (opts.timeoutMs !== undefined || opts.signal === undefined) timer = opts.clock.setTimer(giveUp, timeoutMs);
    });
    if (opts.signal?.aborted) giveUp?.();
    else if (giveUp) opts.signal?.addEventListener('abort', giveUp, { once: true });
    let response = await Promise.race([send(request, opts, controller.signal, opts.clock), deadline]);
    // HELP-CRED-OAUTH [INFERRED]: a 401 means the auth response went stale; it is fetched again and the request sent once more.
    if (response.status === 401 && auth?.type === 'userDefinedOAuth') {
      auth.invalidate();
      const fresh = await Promise.race([authResponseOf(auth, opts), deadline]);
      trace.stages.length = stagesBefore;
      request = renderWithAuth(action, ctxInput, tools, fresh, trace, opts);
      response = await Promise.race([send(request, opts, controller.signal, opts.clock), deadline]);
    }
    timer?.cancel();
    trace.response = response;
    if (response.status < 200 || response.status > 299) {
      trace.stages.push({ stage: 'http', ok: false });
      return finish(
        trace,
        'failure',
        remoteFailure(response, opts),
        started,
        opts.clock,
        transientAnswer(response, opts.clock.now()),
      );
    }
    trace.stages.push({ stage: 'http', ok: true });
    const parsed = parseResponseBody(response.body, trace);
    const { outputs, flattened } = resolveOutput(action, parsed, response.body, ctxInput, tools, trace);
    trace.durationMs = opts.clock.now() - started;
    return { status: 'success', outputs, flattened, trace };
  } catch (e) {
    timer?.cancel();
    const correlationId =
      opts.correlationId ?? trace.response?.headers[CORRELATION_HEADER.toLowerCase()] ?? opts.ids?.uuid() ?? '';
    if (e instanceof Timeout) {
      trace.stages.push({ stage: 'http', ok: false });
      const reason: unknown = opts.signal?.aborted ? opts.signal.reason : undefined;
      const callerDeadline = reason instanceof Error && reason.name === 'TimeoutError';
      const elapsed = opts.clock.now() - started;
      const message = !opts.signal?.aborted
        ? `an action must complete within its timeout; no response after ${timeoutMs} ms`
        : callerDeadline
          ? `an action must complete within its timeout; ${reason.message}`
          : `an action must complete before its caller gives up; the caller aborted it after ${elapsed} ms`;
      const error = new SwitchboardError(ActionErrors.SB_ACTION_TIMEOUT, message, {
        details: { timeoutMs: opts.signal?.aborted ? elapsed : timeoutMs },
      });
      return finish(
        trace,
        'timeout',
        stageFailure('http', error, correlationId, 'ACTION.TIMEOUT'),
        started,
        opts.clock,
        { kind: 'timeout' },
      );
    }
    const failure = e instanceof StageFailure ? e : new StageFailure('http', asTransportError(e));
    return finish(
      trace,
      'failure',
      stageFailure(failure.stage, failure.error, correlationId),
      started,
      opts.clock,
      transientError(failure),
    );
  } finally {
    if (giveUp) opts.signal?.removeEventListener('abort', giveUp);
  }
}

function addIdempotencyKey(request: RequestTrace, key: string | undefined): void {
  if (key === undefined || request.method === 'GET') return;
  if (hasHeader(request.headers, IDEMPOTENCY_KEY_HEADER)) return;
  (request.headers as Record<string, string>)[IDEMPOTENCY_KEY_HEADER] = key;
}

function finish(
  trace: ActionTrace,
  status: 'failure' | 'timeout',
  failure: ActionFailure,
  started: number,
  clock: Clock,
  transient?: TransientFailure,
): ActionResult {
  trace.failure = failure;
  trace.durationMs = clock.now() - started;
  return {
    status,
    outputs: failureOutputs(failure.errorBody),
    flattened: flattenFailure(failure.errorBody),
    trace,
    ...(transient ? { transient } : {}),
  };
}

async function send(
  request: RequestTrace,
  opts: ExecuteOptions,
  signal: AbortSignal,
  clock: Clock,
): Promise<ResponseTrace> {
  const t0 = clock.now();
  const genesys = !opts.thirdParty || isGenesysUrl(request.url, opts.baseUrl);
  const fetch = genesys ? opts.fetch : opts.thirdParty;
  let res: Response;
  try {
    res = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal,
    });
  } catch (e) {
    if (signal.aborted) throw new Timeout();
    throw asTransportError(e);
  }
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  // A Genesys service other than the Platform API (a chat webhook) answered by the third-party fetch says `genesys`.
  const said = headers[THIRD_PARTY_ROUTE_HEADER];
  const route = genesys || said === 'genesys' ? 'genesys' : said === 'mock' ? 'mock' : 'passthrough';
  const mock = headers[THIRD_PARTY_MOCK_HEADER];
  delete headers[THIRD_PARTY_ROUTE_HEADER];
  delete headers[THIRD_PARTY_MOCK_HEADER];
  const body = await readLimited(res, opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, signal);
  return {
    status: res.status,
    headers,
    body,
    durationMs: clock.now() - t0,
    route,
    ...(mock === undefined ? {} : { mock }),
  };
}

async function readLimited(res: Response, max: number, signal: AbortSignal): Promise<string> {
  const tooLarge = (): SwitchboardError =>
    new SwitchboardError(
      ActionErrors.SB_ACTION_RESPONSE_INVALID,
      `the response must be at most ${max} bytes; HTTP ${res.status} sent more`,
      {
        details: { field: 'response.body', limit: max },
      },
    );
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw new StageFailure('response', tooLarge());
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        throw new StageFailure('response', tooLarge());
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof StageFailure) throw e;
    if (signal.aborted) throw new Timeout();
    throw asTransportError(e);
  }
  return Buffer.concat(chunks).toString('utf8');
}
