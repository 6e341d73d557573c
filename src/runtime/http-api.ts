/**
 * @module
 * `runtimeApi(runtime)`: the runtime's JSON API as a Hono app (the web console adds its UI routes
 * on top). Every failure answers one Genesys-style body `{message, code, status, contextId,
 * details, hint}` with `ININ-Correlation-Id: <contextId>`.
 *
 * | Method | Path | What |
 * |---|---|---|
 * | GET | `/api/health` | `{status: ok\|degraded, eventSource, source: {status, reason?, since, detail?}, now, stats}`: `degraded` while the event source cannot deliver (always 200) |
 * | GET | `/api/stats` | counters ({@link RuntimeStats}) |
 * | GET | `/api/bundles` | loaded bundles, integrations and their credentials |
 * | GET | `/api/check` | `switchboard check` findings of the bundles |
 * | GET | `/api/triggers` | triggers and the workflow each starts |
 * | POST | `/api/triggers/{id}/test` | body: an event → `{trace, topic, inputs}` |
 * | POST | `/api/triggers/test` | body: `{trigger, event}` (any trigger) → the same |
 * | GET | `/api/runs?flow=&status=a,b&triggerId=&createdFrom=&createdTo=&failedSteps=true&search=&limit=&offset=` | run summaries, newest first (with their failed steps); `search`: a run, event or conversation id |
 * | POST | `/api/runs/{id}/cancel` | cancel a pending or waiting run (409 `SB_RUNTIME_RUN_STATE` otherwise) |
 * | POST | `/api/runs/{id}/rerun` | a new run of the same workflow with the same input (201) |
 * | GET | `/api/runs/{id}` | the run with steps, data-action traces and its wait |
 * | GET | `/api/flows/{name}/model` | an Architect workflow's graph (`FlowGraph`); 404 for code-first workflows |
 * | POST | `/api/workflows/{name}/runs` | body `{input, idempotencyKey?}` → 201 run |
 * | GET | `/api/activity?minutes=60&bucketSeconds=60` | events logged and runs created (by status, with failed steps) per bucket up to now, zero-filled; at most 1,000 buckets |
 * | GET | `/api/events?order=&topic=&conversationId=&afterSeq=&beforeSeq=&receivedFrom=&receivedTo=&limit=` | the event log with trigger decisions: oldest first, or newest first with `order=desc` (page back with `beforeSeq=<last seq>`) |
 * | GET | `/api/updates` | live updates as server-sent events (`event: <type>`, `data: <json>`) |
 * | POST | `/events` | push events in: a NotificationEvent, an EventBridge envelope, or an array → 202 once written; 429 (intake full) or 503 (not written: store failure, stopping) with `Retry-After` |
 * | POST | `/outbound/calls` | the outbound sub-app (place a call on behalf of a user) |
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { CORRELATION_HEADER, SwitchboardError, isSwitchboardError, randomIds, tryParseJson } from '../core/index.ts';
import type { ErrorCodeName, Ids, Logger } from '../core/index.ts';
import { createOutboundApi, errorBody } from '../outbound/index.ts';
import { MAX_ACTIVITY_BUCKETS, RUN_STATUSES } from '../store/index.ts';
import type { RunStatus } from '../store/index.ts';
import { RuntimeErrors } from './errors.ts';
import { eventsOf } from './read-event.ts';
import type { Runtime, RuntimeUpdate } from './types.ts';

/** Options of {@link runtimeApi}. */
export interface RuntimeApiOptions {
  readonly ids?: Ids;
  readonly logger?: Logger;
  /** Server-sent-event keep-alive interval (real ms). Default 15 s. */
  readonly keepAliveMs?: number;
  /**
   * How many pushed events may be in intake at once (being written and dispatched) before
   * `POST /events` answers 429 with `Retry-After`, so the sender (EventBridge's API destination)
   * retries later instead of the runtime queueing without bound. Default 1,000.
   */
  readonly maxPendingEvents?: number;
}

const int = (name: string, min = 0): z.ZodType<number | undefined> =>
  z
    .string()
    .regex(/^-?\d+$/, `${name} must be an integer`)
    .transform(Number)
    .refine((n) => n >= min, `${name} must be at least ${min}`)
    .optional();

const RunsQuery = z.strictObject({
  flow: z.string().min(1).optional(),
  status: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return undefined;
      const list = s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== '');
      const bad = list.filter((x) => !(RUN_STATUSES as readonly string[]).includes(x));
      if (bad.length > 0)
        ctx.addIssue({
          code: 'custom',
          message: `status must be one of ${RUN_STATUSES.join(', ')}; got ${bad.join(', ')}`,
        });
      return list as RunStatus[];
    }),
  triggerId: z.string().min(1).optional(),
  createdFrom: int('createdFrom'),
  createdTo: int('createdTo'),
  limit: int('limit', 1).refine((n) => n === undefined || n <= 1000, 'limit must be at most 1000'),
  offset: int('offset'),
  /** `true`: only runs with a failed step recorded (a data action on its failure or timeout path…). */
  failedSteps: z.enum(['true', 'false']).optional(),
  /** A run id, the id of the event that started a run, or a conversation id. */
  search: z.string().trim().min(1).max(200).optional(),
});

const ActivityQuery = z
  .strictObject({
    minutes: int('minutes', 1).refine(
      (n) => n === undefined || n <= 7 * 24 * 60,
      'minutes must be at most 10080 (a week)',
    ),
    bucketSeconds: int('bucketSeconds', 1).refine(
      (n) => n === undefined || n <= 86_400,
      'bucketSeconds must be at most 86400',
    ),
  })
  .superRefine((q, ctx) => {
    const n = Math.ceil(((q.minutes ?? 60) * 60) / (q.bucketSeconds ?? 60));
    if (n > MAX_ACTIVITY_BUCKETS)
      ctx.addIssue({
        code: 'custom',
        message: `minutes / bucketSeconds gives ${n} buckets; at most ${MAX_ACTIVITY_BUCKETS}`,
      });
  });

const EventsQuery = z.strictObject({
  order: z.enum(['asc', 'desc']).optional(),
  topic: z.string().min(1).optional(),
  conversationId: z.string().min(1).optional(),
  afterSeq: int('afterSeq'),
  beforeSeq: int('beforeSeq'),
  receivedFrom: int('receivedFrom'),
  receivedTo: int('receivedTo'),
  limit: int('limit', 1).refine((n) => n === undefined || n <= 1000, 'limit must be at most 1000'),
});

const StartBody = z.strictObject({
  input: z.record(z.string(), z.unknown()).default({}),
  idempotencyKey: z.string().min(1).max(256).optional(),
});
const TestBody = z.strictObject({
  trigger: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  event: z.unknown(),
});

function badRequest(issues: readonly z.core.$ZodIssue[], where: 'query' | 'request body'): SwitchboardError {
  const name = (i: z.core.$ZodIssue): string => (i.path.length > 0 ? i.path.join('.') : where);
  const code = where === 'query' ? RuntimeErrors.SB_RUNTIME_BAD_REQUEST : RuntimeErrors.SB_RUNTIME_BAD_BODY;
  return new SwitchboardError(
    code,
    `the ${where} must be valid; ${issues.map((i) => `${name(i)}: ${i.message}`).join('; ')}`,
    {
      details: {
        ...(issues[0] ? { field: name(issues[0]) } : {}),
        issues: issues.map((i) => ({ errorCode: i.code, fieldName: name(i) })),
      },
    },
  );
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: 'query' | 'request body'): T {
  const r = schema.safeParse(value);
  if (!r.success) throw badRequest(r.error.issues, where);
  return r.data;
}

/** The JSON body (undefined when empty); text that is not JSON is a `code` error about the body. */
async function json(c: Context, code: ErrorCodeName = RuntimeErrors.SB_RUNTIME_BAD_BODY): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  const parsed = tryParseJson(text);
  if (parsed.ok) return parsed.value;
  // The parser's own message may quote the body; the position is enough to find the fault.
  const at = /at position \d+(?: \(line \d+ column \d+\))?/.exec(parsed.error)?.[0];
  throw new SwitchboardError(
    code,
    `the request body must be JSON; it is not${at ? ` (${at})` : /end of JSON/i.test(parsed.error) ? ' (it ends early)' : ''}`,
    { details: { field: 'body' } },
  );
}

function notFound(what: string, id: string): SwitchboardError {
  return new SwitchboardError(
    RuntimeErrors.SB_RUNTIME_NOT_FOUND,
    `the ${what} must exist; ${what} ${id} was not found`,
    { details: { field: 'id', id } },
  );
}

/**
 * The runtime's JSON API.
 * @example
 * serve({ fetch: runtimeApi(runtime).fetch, port: 3000, hostname: '127.0.0.1' });
 */
export function runtimeApi(runtime: Runtime, options: RuntimeApiOptions = {}): Hono {
  const ids = options.ids ?? randomIds;
  const app = new Hono();
  let outbound: Promise<Hono> | undefined;
  const maxPendingEvents = options.maxPendingEvents ?? 1_000;
  let inIntake = 0;
  const answer = (c: Context, e: SwitchboardError): Response => {
    const contextId = ids.uuid();
    c.header(CORRELATION_HEADER, contextId);
    if (e.retryAfterMs !== undefined) c.header('Retry-After', String(Math.max(1, Math.ceil(e.retryAfterMs / 1000))));
    return c.json(errorBody(e, contextId), e.status as 400);
  };
  app.use(
    '*',
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, allowed) => {
        c.header('Allow', allowed.join(', '));
        const path = new URL(c.req.url).pathname;
        return answer(
          c,
          new SwitchboardError(
            RuntimeErrors.SB_RUNTIME_METHOD_NOT_ALLOWED,
            `a runtime API route must be called with one of its methods; ${c.req.method} is not allowed on ${path} (allowed: ${allowed.join(', ')})`,
            {
              details: { field: 'method', allowed },
            },
          ),
        );
      },
    }),
  );

  // Cheap and synchronous: it answers at once however busy the intake and the worker are.
  app.get('/api/health', (c) =>
    c.json({ ...runtime.health(), now: new Date(runtime.clock.now()).toISOString(), stats: runtime.stats() }),
  );
  app.get('/api/stats', (c) => c.json(runtime.stats()));
  app.get('/api/bundles', (c) => c.json({ entities: runtime.bundles() }));
  app.get('/api/check', async (c) => c.json({ findings: await runtime.checkFindings() }));
  app.get('/api/triggers', (c) => c.json({ entities: runtime.triggers() }));
  app.post('/api/triggers/test', async (c) => {
    const body = parse(TestBody, await json(c), 'request body');
    return c.json(runtime.testTrigger(body.trigger as Parameters<Runtime['testTrigger']>[0], body.event));
  });
  app.post('/api/triggers/:id/test', async (c) => c.json(runtime.testTrigger(c.req.param('id'), await json(c))));
  app.get('/api/runs', async (c) => {
    const { failedSteps, ...q } = parse(RunsQuery, c.req.query(), 'query');
    const filter = {
      ...Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)),
      ...(failedSteps === 'true' ? { withFailedSteps: true } : {}),
    };
    return c.json({ entities: await runtime.runs(filter) });
  });
  app.get('/api/runs/:id', async (c) => {
    const run = await runtime.run(c.req.param('id'));
    if (!run) throw notFound('run', c.req.param('id'));
    return c.json(run);
  });
  app.post('/api/runs/:id/cancel', async (c) => c.json(await runtime.cancelRun(c.req.param('id'))));
  app.post('/api/runs/:id/rerun', async (c) => c.json(await runtime.rerun(c.req.param('id')), 201));
  app.get('/api/flows/:name/model', (c) => {
    const graph = runtime.flowGraph(c.req.param('name'));
    if (!graph) throw notFound('Architect workflow', c.req.param('name'));
    return c.json(graph);
  });
  app.post('/api/workflows/:name/runs', async (c) => {
    const body = parse(StartBody, (await json(c)) ?? {}, 'request body');
    const run = await runtime.startWorkflow(
      c.req.param('name'),
      body.input,
      body.idempotencyKey === undefined ? {} : { idempotencyKey: body.idempotencyKey },
    );
    return c.json(run, 201);
  });
  app.get('/api/activity', async (c) => {
    const q = parse(ActivityQuery, c.req.query(), 'query');
    return c.json(await runtime.activity({ minutes: q.minutes ?? 60, bucketSeconds: q.bucketSeconds ?? 60 }));
  });
  app.get('/api/events', async (c) => {
    const q = parse(EventsQuery, c.req.query(), 'query');
    const filter = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
    return c.json({ entities: await runtime.events(filter) });
  });
  app.get('/api/updates', (c) =>
    streamSSE(c, async (stream) => {
      const queue: RuntimeUpdate[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = runtime.subscribe((u) => {
        queue.push(u);
        wake?.();
      });
      let open = true;
      stream.onAbort(() => {
        open = false;
        unsubscribe();
        wake?.();
      });
      const keepAlive = setInterval(() => {
        void stream.writeSSE({ event: 'ping', data: '{}' });
      }, options.keepAliveMs ?? 15_000);
      try {
        await stream.writeSSE({ event: 'hello', data: JSON.stringify({ stats: runtime.stats() }) });
        while (open) {
          const next = queue.shift();
          if (next) await stream.writeSSE({ event: next.type, data: JSON.stringify(next) });
          else await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      } finally {
        clearInterval(keepAlive);
        unsubscribe();
      }
    }),
  );
  app.post('/events', async (c) => {
    const payload = await json(c, RuntimeErrors.SB_RUNTIME_EVENT_INVALID);
    if (payload === undefined)
      throw new SwitchboardError(
        RuntimeErrors.SB_RUNTIME_EVENT_INVALID,
        'a pushed event must be in the request body; the body is empty',
        { details: { field: 'body' } },
      );
    const events = eventsOf(payload);
    if (inIntake + events.length > maxPendingEvents) {
      throw new SwitchboardError(
        RuntimeErrors.SB_RUNTIME_BUSY,
        `the event intake takes at most ${maxPendingEvents} events at once; ${inIntake} are in intake and this request brings ${events.length}`,
        {
          retryAfterMs: 1_000,
          details: { inIntake, maxPendingEvents },
        },
      );
    }
    const rejected: { index: number; error: string }[] = [];
    const unwritten: { index: number; reason: string }[] = [];
    let accepted = 0;
    inIntake += events.length;
    try {
      for (const [i, e] of events.entries()) {
        // 202 only after each event is written to the event log and dispatched.
        const r = await runtime.ingest(e, 'push');
        if (r.retry !== undefined) unwritten.push({ index: i, reason: r.retry });
        else if (r.accepted) accepted++;
        else rejected.push({ index: i, error: r.error ?? 'rejected' });
      }
    } finally {
      inIntake -= events.length;
    }
    if (unwritten.length > 0) {
      // The whole request is to be sent again: what was written is recognised then by its ids.
      throw new SwitchboardError(
        RuntimeErrors.SB_RUNTIME_INTAKE_UNAVAILABLE,
        `a pushed event is taken only once it is written; ${unwritten.map((u) => `[${u.index}] ${u.reason}`).join('; ')}`,
        {
          retryAfterMs: 1_000,
          details: { unwritten },
        },
      );
    }
    if (accepted === 0 && rejected.length > 0) {
      throw new SwitchboardError(
        RuntimeErrors.SB_RUNTIME_EVENT_INVALID,
        `a pushed event must be a Genesys notification; ${rejected.map((r) => `[${r.index}] ${r.error}`).join('; ')}`,
        {
          details: { field: 'body', rejected },
        },
      );
    }
    return c.json({ accepted, rejected }, 202);
  });
  app.all('/outbound/*', async (c) => {
    outbound ??= runtime.outbound().then((deps) => createOutboundApi({ ...deps, ids, logger: options.logger }));
    return (await outbound).fetch(c.req.raw);
  });

  app.notFound((c) =>
    answer(
      c,
      new SwitchboardError(
        RuntimeErrors.SB_RUNTIME_NOT_FOUND,
        `the runtime API route must exist; ${c.req.method} ${new URL(c.req.url).pathname} is not one of its routes`,
        { details: { field: 'path' } },
      ),
    ),
  );
  app.onError((err, c) => {
    if (!isSwitchboardError(err)) options.logger?.error({ err: err.message }, 'runtime API error');
    return answer(
      c,
      isSwitchboardError(err)
        ? err
        : new SwitchboardError('SB_INTERNAL', `the runtime API failed unexpectedly; ${err.message}`, { cause: err }),
    );
  });
  return app;
}
