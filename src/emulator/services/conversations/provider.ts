/**
 * @module
 * Conversations API: calls (platform spec §4.1) and the generic conversation routes, backed by
 * the call simulator. Callbacks and routing priority are in `callbacks.ts`.
 *
 * | Method | Path | Permission (ANY) |
 * |---|---|---|
 * | POST | `/api/v2/conversations/calls` | `conversation:conference:add` (user token) |
 * | POST | `/api/v2/conversations/calls/user/{userId}` | `conversation:agentlessCall:add`, `conversation:call:add` |
 * | GET | `/api/v2/conversations/calls` | — (user token) |
 * | GET | `/api/v2/conversations/calls/{conversationId}` | — |
 * | PATCH | `/api/v2/conversations/calls/{conversationId}` | `conversation:communication:disconnect` |
 * | PATCH | `/api/v2/conversations/{calls/}{conversationId}/participants/{participantId}` | `conversation:participant:wrapup`, `conversation:call:record`, `conversation:communication:disconnect` |
 * | GET | `/api/v2/conversations/{conversationId}` | `conversation:communication:view` |
 * | POST | `/api/v2/conversations/{conversationId}/disconnect` | `conversation:communication:disconnect` |
 * | PUT | `/api/v2/conversations/{conversationId}/tags` | `conversation:externalTag:edit` |
 * | PATCH | `/api/v2/conversations/{conversationId}/participants/{participantId}/attributes` | — |
 *
 * The generic routes (`/api/v2/conversations/{conversationId}…`) also serve the org's email and
 * message conversations; the media-specific attribute routes and the email and message routes are
 * in `media-participants.ts`.
 *
 * Both creates refuse a caller in Offline, Meal or Break (403) or without an associated station
 * (400), see `caller-rules.ts`; like every mutating request, they honour `Idempotency-Key` (the
 * gateway's `idempotency.ts`).
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { badRequest, notFound } from '../../errors.ts';
import { pageParams, paged, readJsonObject } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv, Provider } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import type { CallTarget } from '../../simulator/index.ts';
import { registerCallbackRoutes } from './callbacks.ts';
import { checkCaller } from './caller-rules.ts';
import {
  getAnyConversation,
  patchAnyParticipant,
  patchAnyParticipantAttributes,
  registerMediaParticipantRoutes,
} from './media-participants.ts';
import { DISCONNECT_PERMS, conversationOf, patchParticipant, simOf } from './shared.ts';
import { orgDirectory, sim } from './simulators.ts';
import { parseBody } from './validate.ts';
import { callConversationView, conversationView } from './views.ts';

const CreateCallRequest = z
  .object({
    phoneNumber: z.string().min(1).optional(),
    callUserId: z.string().min(1).optional(),
    callQueueId: z.string().min(1).optional(),
    callFromQueueId: z.string().min(1).optional(),
    callerId: z.string().min(1).optional(),
    callerIdName: z.string().optional(),
    priority: z.number().int().optional(),
    attributes: z.record(z.string(), z.string()).optional(),
  })
  .loose();

/** Place a call for `userId` from a CreateCallRequest; 400 names the missing / invalid field. */
async function placeCall(c: Context<EmulatorEnv>, userId: string): Promise<Response> {
  const body = parseBody(CreateCallRequest, await readJsonObject(c));
  const org = c.get('org');
  const dests = (['phoneNumber', 'callUserId', 'callQueueId'] as const).filter((k) => body[k] !== undefined);
  if (dests.length === 0) {
    throw badRequest('A call needs a destination: set phoneNumber, callUserId or callQueueId; none was given', [
      { errorCode: 'missing.value', fieldName: 'phoneNumber' },
    ]);
  }
  if (dests.length > 1) {
    throw badRequest(
      `A call has one destination; got ${dests.join(' and ')}`,
      dests.map((f) => ({ errorCode: 'invalid.value', fieldName: f })),
    );
  }
  const simulator = simOf(c);
  const directory = orgDirectory(c.get('services'), org.orgId);
  const check = (id: string | undefined, exists: (id: string) => boolean, field: string, what: string): void => {
    if (id !== undefined && !exists(id))
      throw badRequest(
        `${field} must name an existing ${what}; ${what} ${id} was not found`,
        [{ errorCode: 'invalid.value', fieldName: field }],
        'invalid.value',
      );
  };
  check(body.callUserId, (id) => directory.user(id) !== undefined, 'callUserId', 'user');
  check(body.callQueueId, (id) => directory.queue(id) !== undefined, 'callQueueId', 'queue');
  check(body.callFromQueueId, (id) => directory.queue(id) !== undefined, 'callFromQueueId', 'queue');
  checkCaller(org, userId);
  const to: CallTarget =
    body.phoneNumber !== undefined
      ? { phoneNumber: body.phoneNumber }
      : body.callUserId !== undefined
        ? { userId: body.callUserId }
        : { queueId: body.callQueueId! };
  const conv = sim(() =>
    simulator.placeCall({
      fromUserId: userId,
      to,
      ...(body.callFromQueueId === undefined ? {} : { queueId: body.callFromQueueId }),
      ...(body.callerId === undefined ? {} : { callerId: body.callerId }),
    }),
  );
  return c.json({ id: conv.id, selfUri: `/api/v2/conversations/calls/${conv.id}` });
}

/** Register the call and generic conversation routes (specific paths before `{conversationId}`). */
function register(app: EmulatorApp): void {
  app.post('/api/v2/conversations/calls', requirePermission('conversation:conference:add'), async (c) => {
    const userId = c.get('principal').userId;
    if (userId === undefined) {
      throw badRequest(
        "POST /api/v2/conversations/calls places a call for the token's user; a client-credentials token has none (use /api/v2/conversations/calls/user/{userId})",
      );
    }
    return placeCall(c, userId);
  });

  app.post(
    '/api/v2/conversations/calls/user/:userId',
    requirePermission('conversation:agentlessCall:add', 'conversation:call:add'),
    async (c) => {
      const userId = c.req.param('userId');
      if (!orgDirectory(c.get('services'), c.get('org').orgId).user(userId)) throw notFound('user', userId);
      return placeCall(c, userId);
    },
  );

  app.get('/api/v2/conversations/calls', (c) => {
    const userId = c.get('principal').userId;
    if (userId === undefined)
      throw badRequest(
        "GET /api/v2/conversations/calls lists the token's user's calls; a client-credentials token has no user",
      );
    const calls = simOf(c).activeCallsOf(userId).map(callConversationView);
    return c.json(paged(calls, pageParams(c), '/api/v2/conversations/calls'));
  });

  app.get('/api/v2/conversations/calls/:conversationId', (c) => c.json(callConversationView(conversationOf(c))));

  app.patch(
    '/api/v2/conversations/calls/:conversationId',
    requirePermission('conversation:communication:disconnect'),
    async (c) => {
      const conv = conversationOf(c);
      parseBody(
        z.object({ state: z.literal('disconnected', { error: 'on update only "disconnected" is valid' }) }).loose(),
        await readJsonObject(c),
      );
      sim(() => simOf(c).disconnectAll(conv.id, 'CLIENT'));
      return c.json(conversationView(conv));
    },
  );

  app.patch(
    '/api/v2/conversations/calls/:conversationId/participants/:participantId',
    requirePermission(...DISCONNECT_PERMS),
    patchParticipant,
  );

  registerCallbackRoutes(app);
  registerMediaParticipantRoutes(app);

  app.get(
    '/api/v2/conversations/:conversationId',
    requirePermission('conversation:communication:view'),
    getAnyConversation,
  );

  app.post(
    '/api/v2/conversations/:conversationId/disconnect',
    requirePermission('conversation:communication:disconnect'),
    (c) => {
      const conv = conversationOf(c);
      sim(() => simOf(c).disconnectAll(conv.id, 'SYSTEM', true));
      // 202 with no body (platform spec §4.1 [INFERRED]): the seed "Disconnect Voice Call" action
      // renders `${rawResult}` against an object schema, which only an empty (= {}) body satisfies.
      return c.body(null, 202);
    },
  );

  app.put(
    '/api/v2/conversations/:conversationId/tags',
    requirePermission('conversation:externalTag:edit'),
    async (c) => {
      const conv = conversationOf(c);
      const body = parseBody(
        z.object({ externalTag: z.string({ error: 'externalTag is required and must be a string' }) }).loose(),
        await readJsonObject(c),
      );
      sim(() => simOf(c).setExternalTag(conv.id, body.externalTag));
      return c.body(null, 202);
    },
  );

  app.patch(
    '/api/v2/conversations/:conversationId/participants/:participantId',
    requirePermission(...DISCONNECT_PERMS),
    patchAnyParticipant,
  );

  app.patch(
    '/api/v2/conversations/:conversationId/participants/:participantId/attributes',
    patchAnyParticipantAttributes,
  );
}

/** The Conversations API provider (calls, callbacks, generic conversations, routing priority). */
export const conversationsProvider: Provider = { name: 'conversations', register };
