/**
 * @module
 * The step tools that call something once and journal what it gave: `step.run` (a function),
 * `step.api` (a raw Platform API request through the workflow's Genesys Cloud client) and
 * `step.child` (a child workflow run, waited for durably).
 */
import { SwitchboardError, isPlainObject } from '../core/index.ts';
import type { TimerHandle } from '../core/index.ts';
import type { RunRecord, StepRecord } from '../store/index.ts';
import { WorkflowErrors } from './errors.ts';
import { HALTED, defineStepTool, jsonCopy, stepError, toRunError } from './step-tool.ts';
import type { Halted, ToolContext } from './step-tool.ts';
import type { ApiRequest, ApiResponse, ApiStepOptions, ChildStepOptions, WorkflowDefinition } from './types.ts';

async function run<T>(ctx: ToolContext, name: string, fn: () => T | Promise<T>): Promise<T | Halted> {
  const startedAt = ctx.deps.clock.now();
  let rest: Partial<StepRecord>;
  try {
    rest = { output: jsonCopy(await fn()) };
  } catch (e) {
    rest = { status: 'error', error: toRunError(e) };
  }
  const record = ctx.record('run', name, startedAt, rest);
  if (!(await ctx.journal(record))) return HALTED;
  if (record.status === 'error') throw stepError(ctx.slot.stepId, record.error);
  return record.output as T;
}

/** `step.run(name, fn)`. */
export const runTool = defineStepTool({
  kind: 'run',
  slot: (name: string, _fn: () => unknown) => ({ id: name, name }),
  execute: run,
});

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** The largest `step.api` answer read (bytes), as for a data action. */
const MAX_API_RESPONSE_BYTES = 5 * 1024 * 1024;

function apiInvalid(id: string, message: string, field: string): SwitchboardError {
  return new SwitchboardError(WorkflowErrors.SB_WORKFLOW_API_REQUEST_INVALID, `step.api("${id}"): ${message}`, {
    details: { field },
  });
}

function checkApiRequest(id: string, request: ApiRequest): void {
  if (typeof id !== 'string' || id === '') throw apiInvalid(String(id), 'the step id must be a non-empty string', 'id');
  if (!isPlainObject(request)) throw apiInvalid(id, 'the request must be { method, path, body?, headers? }', 'request');
  if (typeof request.method !== 'string' || !METHODS.has(request.method))
    throw apiInvalid(
      id,
      `method must be one of ${[...METHODS].join(', ')}; got ${JSON.stringify(request.method)}`,
      'method',
    );
  // The workflow's client speaks to its org only: a relative Platform API path, never another host.
  if (
    typeof request.path !== 'string' ||
    !request.path.startsWith('/api/v2/') ||
    request.path.length > 4096 ||
    /\s/.test(request.path)
  ) {
    throw apiInvalid(
      id,
      `path must be a Platform API path starting with /api/v2/ (at most 4096 characters, no spaces); got ${JSON.stringify(request.path)?.slice(0, 120)}`,
      'path',
    );
  }
  if (
    request.headers !== undefined &&
    (!isPlainObject(request.headers) || Object.values(request.headers).some((v) => typeof v !== 'string'))
  ) {
    throw apiInvalid(id, 'headers must be an object of strings', 'headers');
  }
  if (request.body !== undefined) {
    try {
      JSON.stringify(request.body);
    } catch (e) {
      throw apiInvalid(id, `the body must be JSON; ${(e as Error).message}`, 'body');
    }
  }
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function send(ctx: ToolContext, request: ApiRequest, timeoutMs: number): Promise<ApiResponse> {
  const fetch = ctx.deps.genesys?.(ctx.run.flow);
  if (!fetch) {
    throw new SwitchboardError(
      WorkflowErrors.SB_WORKFLOW_NO_GENESYS,
      `step.api needs the workflow's Genesys Cloud client; the worker has none for workflow "${ctx.run.flow}"`,
    );
  }
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...request.headers,
  };
  if (request.method !== 'GET' && !Object.keys(headers).some((h) => h.toLowerCase() === 'idempotency-key'))
    headers['Idempotency-Key'] = `${ctx.run.id}:${ctx.slot.stepId}`;
  const call = new AbortController();
  const onAbort = (): void => call.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  let timer: TimerHandle | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = ctx.deps.clock.setTimer(() => {
      call.abort(new Error('timeout'));
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      (async () => {
        const res = await fetch(request.path, {
          method: request.method,
          headers,
          ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
          signal: call.signal,
        });
        const text = await res.text();
        if (text.length > MAX_API_RESPONSE_BYTES)
          throw new Error(`the answer must be at most ${MAX_API_RESPONSE_BYTES} bytes; HTTP ${res.status} sent more`);
        return { status: res.status, body: parseBody(text) };
      })(),
      timeout,
    ]);
  } finally {
    timer?.cancel();
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

async function api(
  ctx: ToolContext,
  id: string,
  request: ApiRequest,
  options: ApiStepOptions = {},
): Promise<ApiResponse | Halted> {
  const startedAt = ctx.deps.clock.now();
  let sent: number | undefined;
  try {
    // Begun before sending: a request in flight at a crash is re-sent once with the same key.
    sent = await ctx.deps.store.beginAttempt?.(ctx.run.id, ctx.slot.stepId);
  } catch (e) {
    return ctx.storeFailed(e);
  }
  const input = {
    method: request.method,
    path: request.path,
    ...(request.body === undefined ? {} : { body: jsonCopy(request.body) }),
  };
  const resent = sent !== undefined && sent > 1 ? { attempt: sent } : {};
  let rest: Partial<StepRecord>;
  try {
    const answer = await send(ctx, request, options.timeoutMs ?? ctx.deps.actionTimeoutMs);
    rest = { input, output: jsonCopy(answer), path: answer.status >= 400 ? 'failure' : 'success', ...resent };
  } catch (e) {
    if (e instanceof SwitchboardError && e.code === WorkflowErrors.SB_WORKFLOW_NO_GENESYS) throw e;
    if (ctx.signal.aborted) return HALTED;
    const error = new SwitchboardError(
      WorkflowErrors.SB_WORKFLOW_API_FAILED,
      `${request.method} ${request.path} got no answer: ${e instanceof Error ? e.message : String(e)}`,
    );
    rest = { input, status: 'error', error: toRunError(error), path: 'timeout', ...resent };
  }
  const record = ctx.record('api', `${request.method} ${request.path}`.slice(0, 256), startedAt, rest);
  if (!(await ctx.journal(record))) return HALTED;
  if (record.status === 'error') throw stepError(ctx.slot.stepId, record.error);
  return record.output as ApiResponse;
}

/** `step.api(id, request, options?)`. */
export const apiTool = defineStepTool({
  kind: 'api',
  slot(id: string, request: ApiRequest, _options?: ApiStepOptions) {
    checkApiRequest(id, request);
    return { id, name: `${request.method} ${request.path}`.slice(0, 256) };
  },
  execute: api,
});

/**
 * A parent waiting for a child is re-executed at least this often to read the child's status, in
 * case the wake-up the worker sends when the child ends was lost (a restart, another process).
 */
const CHILD_RECHECK_MS = 60_000;

const nameOf = (workflow: WorkflowDefinition | string): string =>
  typeof workflow === 'string' ? workflow : workflow.name;

async function child(ctx: ToolContext, workflow: WorkflowDefinition | string, input: unknown): Promise<unknown> {
  const { startChild, clock } = ctx.deps;
  if (!startChild) {
    throw new SwitchboardError(
      WorkflowErrors.SB_WORKFLOW_UNKNOWN,
      `step.child needs a worker that starts child runs; "${nameOf(workflow)}" cannot be started here`,
    );
  }
  const startedAt = clock.now();
  // Idempotent per parent step: every re-execution finds the same child run.
  const childRun: RunRecord = await startChild(ctx.run, ctx.slot.stepId, workflow, input);
  const journaled = { workflow: childRun.flow, input: jsonCopy(input), childRunId: childRun.id };
  if (childRun.status === 'completed') {
    const record = ctx.record('child', childRun.flow, startedAt, {
      input: journaled,
      output: childRun.output ?? null,
      path: 'completed',
    });
    if (!(await ctx.journal(record))) return HALTED;
    return record.output;
  }
  if (childRun.status === 'failed' || childRun.status === 'cancelled') {
    const message = `child workflow "${childRun.flow}" (run ${childRun.id}) ${childRun.status}${childRun.error ? `: ${childRun.error.message}` : ''}`;
    const error = {
      code: WorkflowErrors.SB_WORKFLOW_CHILD_FAILED,
      message,
      details: { childRunId: childRun.id, ...(childRun.error ? { cause: childRun.error } : {}) },
    };
    const record = ctx.record('child', childRun.flow, startedAt, {
      input: journaled,
      status: 'error',
      error,
      path: childRun.status,
    });
    if (!(await ctx.journal(record))) return HALTED;
    throw stepError(ctx.slot.stepId, record.error);
  }
  return ctx.suspend(Math.min(ctx.deadline, clock.now() + CHILD_RECHECK_MS));
}

/** `step.child(workflow, input, options?)`. */
export const childTool = defineStepTool({
  kind: 'child',
  slot(workflow: WorkflowDefinition | string, _input: unknown, options?: ChildStepOptions) {
    const name = nameOf(workflow);
    return { id: options?.id ?? name, name };
  },
  execute: child,
});
