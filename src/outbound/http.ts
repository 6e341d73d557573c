/**
 * @module
 * `POST /outbound/calls` as a Hono sub-app, for the runtime's API to mount. The body is validated
 * with zod; every failure answers a Genesys-style `ErrorBody` (platform.md §5.2) whose `code` is
 * the Switchboard code, with `ININ-Correlation-Id` = `contextId` and, for 429, `Retry-After`.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { CORRELATION_HEADER, SwitchboardError, isSwitchboardError, randomIds } from '../core/index.ts';
import type { ErrorBody, ErrorDetail, Ids, Logger } from '../core/index.ts';
import { OutboundErrors } from './errors.ts';
import { placeCall } from './place-call.ts';
import type { OutboundDeps, PlacedCall } from './place-call.ts';

/** What the sub-app needs: the outbound deps, plus ids for correlation ids and a logger. */
export interface OutboundApiDeps extends OutboundDeps {
  readonly ids?: Ids | undefined;
  readonly logger?: Logger | undefined;
}

/** The JSON body of `POST /outbound/calls`. */
const PlaceCallBody = z.strictObject({
  from: z.string().trim().min(1, 'from must name a user id, an email or station:<id>').optional(),
  to: z.string({ error: 'to must be a phone number string' }).min(1, 'to must not be empty'),
  queueId: z.string().trim().min(1, 'queueId must not be empty').optional(),
  wait: z.boolean({ error: 'wait must be true or false' }).optional(),
  idempotencyKey: z
    .string()
    .trim()
    .min(1, 'idempotencyKey must not be blank')
    .max(256, 'idempotencyKey must be at most 256 characters')
    .optional(),
  defaultRegion: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'defaultRegion must be an ISO 3166 alpha-2 code such as US or GB')
    .optional(),
});

/** The validated body. */
type PlaceCallBody = z.infer<typeof PlaceCallBody>;

/** The JSON answer of a placed call. */
export function placedCallJson(call: PlacedCall): Record<string, unknown> {
  return {
    conversationId: call.conversationId,
    e164: call.e164,
    userId: call.userId,
    ...(call.queueId === undefined ? {} : { queueId: call.queueId }),
    replayed: call.replayed,
    ...(call.reconciled ? { reconciled: true } : {}),
    selfUri: `/api/v2/conversations/calls/${call.conversationId}`,
    ...(call.steps === undefined ? {} : { state: call.final?.state, steps: call.steps }),
  };
}

/** A Switchboard error as a Genesys `ErrorBody` (plus the fix hint). */
export function errorBody(e: SwitchboardError, contextId: string): ErrorBody & { hint: string } {
  const field = e.details['field'];
  const issues = e.details['issues'];
  const details: ErrorDetail[] = Array.isArray(issues)
    ? (issues as ErrorDetail[])
    : [{ errorCode: e.code, ...(typeof field === 'string' ? { fieldName: field } : {}) }];
  const params = Object.fromEntries(
    Object.entries(e.details)
      .filter(([k]) => k !== 'issues')
      .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
  return {
    message: e.message,
    code: e.code,
    status: e.status,
    ...(Object.keys(params).length > 0 ? { messageParams: params } : {}),
    contextId,
    details,
    errors: [],
    hint: e.hint,
  };
}

function invalidBody(issues: readonly z.core.$ZodIssue[]): SwitchboardError {
  const first = issues[0];
  const where = (i: z.core.$ZodIssue): string => (i.path.length > 0 ? i.path.join('.') : 'body');
  const list = issues.map((i) => `${where(i)}: ${i.message}`).join('; ');
  return new SwitchboardError(
    OutboundErrors.SB_OUTBOUND_BAD_REQUEST,
    `the request body must be a valid call request; ${list}`,
    {
      details: {
        ...(first && first.path.length > 0 ? { field: first.path.join('.') } : {}),
        issues: issues.map((i) => ({ errorCode: i.code, fieldName: where(i) })),
      },
    },
  );
}

/**
 * The outbound HTTP sub-app. `POST /outbound/calls` answers 201 with the conversation (200 when
 * the idempotency key replayed an earlier call); with `"wait": true` the answer comes when the
 * call is over and carries its steps; a client that disconnects before then stops the following
 * (the call, already placed, goes on). The `Idempotency-Key` header is the same as the body field.
 * @example
 * runtimeApp.route('/', createOutboundApi({ fetch: genesys.fetch, clock, events, idempotency }));
 */
export function createOutboundApi(deps: OutboundApiDeps): Hono {
  const ids = deps.ids ?? randomIds;
  const app = new Hono();
  app.post('/outbound/calls', async (c) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      throw new SwitchboardError(
        OutboundErrors.SB_OUTBOUND_BAD_REQUEST,
        'the request body must be a JSON object; it is not valid JSON',
        { details: { field: 'body' } },
      );
    }
    const parsed = PlaceCallBody.safeParse(raw);
    if (!parsed.success) throw invalidBody(parsed.error.issues);
    const body = parsed.data;
    const headerKey = c.req.header('Idempotency-Key')?.trim();
    if (headerKey && body.idempotencyKey && headerKey !== body.idempotencyKey) {
      throw new SwitchboardError(
        OutboundErrors.SB_OUTBOUND_BAD_REQUEST,
        'the Idempotency-Key header and the idempotencyKey field must agree when both are given; they differ',
        {
          details: { field: 'idempotencyKey' },
        },
      );
    }
    // The request's signal aborts when the client disconnects: a `wait` then stops following the call.
    const call = await placeCall(deps, {
      ...body,
      idempotencyKey: body.idempotencyKey ?? (headerKey || undefined),
      signal: c.req.raw.signal,
    });
    c.header('Location', `/api/v2/conversations/calls/${call.conversationId}`);
    return c.json(placedCallJson(call), call.replayed ? 200 : 201);
  });
  app.onError((err, c) => {
    if (c.req.raw.signal.aborted && !isSwitchboardError(err)) {
      // The client went away (a `wait` it no longer waits for): nobody reads an answer, nothing failed.
      deps.logger?.info(
        { reason: String(c.req.raw.signal.reason) },
        'outbound call request closed by the client; stopped following the call',
      );
      return new Response(null, { status: 499 });
    }
    const contextId = ids.uuid();
    const e = isSwitchboardError(err)
      ? err
      : new SwitchboardError('SB_INTERNAL', `placing the call failed unexpectedly; ${err.message}`, { cause: err });
    if (!isSwitchboardError(err)) deps.logger?.error({ err, contextId }, 'outbound call failed unexpectedly');
    c.header(CORRELATION_HEADER, contextId);
    if (e.retryAfterMs !== undefined) c.header('Retry-After', String(Math.ceil(e.retryAfterMs / 1000)));
    return c.json(errorBody(e, contextId), e.status as 400);
  });
  return app;
}
