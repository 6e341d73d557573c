/**
 * @module
 * Callbacks and routing priority (platform spec §4.2), backed by the call simulator.
 *
 * | Method | Path | Permission |
 * |---|---|---|
 * | POST | `/api/v2/conversations/callbacks` | ALL `conversation:callback:create` |
 * | GET | `/api/v2/conversations/callbacks/{conversationId}` | — |
 * | PATCH | `/api/v2/conversations/callbacks/{conversationId}` | `conversation:communication:disconnect` |
 * | PATCH | `/api/v2/conversations/callbacks/{conversationId}/participants/{participantId}` | wrapup / record / disconnect |
 * | PATCH | `/api/v2/routing/conversations/{conversationId}` | `routing:conversation:edit` |
 *
 * The create, like every mutating request, honours `Idempotency-Key` (the gateway's `idempotency.ts`).
 */
import { z } from 'zod';
import { badRequest } from '../../errors.ts';
import { readJsonObject } from '../../http.ts';
import type { EmulatorApp } from '../../provider-contract.ts';
import { requireAllPermissions, requirePermission } from '../../permissions.ts';
import { DISCONNECT_PERMS, conversationOf, patchParticipant, simOf } from './shared.ts';
import { sim } from './simulators.ts';
import { parseBody } from './validate.ts';
import { callbackConversationView, conversationView } from './views.ts';

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'must be an ISO-8601 date-time' });

const CreateCallbackCommand = z
  .object({
    queueId: z.string().min(1).optional(),
    routingData: z
      .object({ queueId: z.string().min(1).optional(), priority: z.number().int().optional() })
      .loose()
      .optional(),
    callbackUserName: z.string().optional(),
    callbackNumbers: z.array(z.string().min(1)).min(1, { message: 'at least one callback number is required' }),
    callbackScheduledTime: isoTime.optional(),
    countryCode: z.string().optional(),
    validateCallbackNumbers: z.boolean().optional(),
    data: z.record(z.string(), z.string()).optional(),
    scriptId: z.string().optional(),
    callerId: z.string().optional(),
    callerIdName: z.string().optional(),
  })
  .loose();

const RoutingConversationAttributesRequest = z
  .object({
    priority: z.number().int().min(-25_000_000).max(25_000_000).optional(),
    skillIds: z.array(z.string()).optional(),
    languageId: z.string().optional(),
    labelId: z.string().optional(),
  })
  .loose();

/**
 * Register the callback and routing-priority routes (called by the conversations provider before
 * its `{conversationId}` routes, so `/callbacks` is not taken for an id).
 */
export function registerCallbackRoutes(app: EmulatorApp): void {
  app.post('/api/v2/conversations/callbacks', requireAllPermissions('conversation:callback:create'), async (c) => {
    const body = parseBody(CreateCallbackCommand, await readJsonObject(c));
    const queueId = body.queueId ?? body.routingData?.queueId;
    if (queueId === undefined) {
      throw badRequest('A callback needs a queue: set queueId or routingData.queueId; neither was given', [
        { errorCode: 'missing.value', fieldName: 'queueId' },
      ]);
    }
    const simulator = simOf(c);
    const conv = sim(() =>
      simulator.createCallback({
        queueId,
        callbackNumbers: body.callbackNumbers,
        ...(body.callbackUserName === undefined ? {} : { callbackUserName: body.callbackUserName }),
        ...(body.callbackScheduledTime === undefined
          ? {}
          : { callbackScheduledTime: Date.parse(body.callbackScheduledTime) }),
        ...(body.routingData?.priority === undefined ? {} : { priority: body.routingData.priority }),
      }),
    );
    if (body.data) sim(() => simulator.setAttributes(conv.id, conv.participants[0]!.id, body.data!));
    const acd = conv.participants.find((p) => p.purpose === 'acd')!;
    return c.json({
      conversation: { id: conv.id, selfUri: `/api/v2/conversations/${conv.id}` },
      callbackIdentifiers: [{ type: 'ACD', id: acd.sessionId }],
    });
  });

  app.get('/api/v2/conversations/callbacks/:conversationId', (c) =>
    c.json(callbackConversationView(conversationOf(c))),
  );

  app.patch(
    '/api/v2/conversations/callbacks/:conversationId',
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
    '/api/v2/conversations/callbacks/:conversationId/participants/:participantId',
    requirePermission(...DISCONNECT_PERMS),
    patchParticipant,
  );

  app.patch(
    '/api/v2/routing/conversations/:conversationId',
    requirePermission('routing:conversation:edit'),
    async (c) => {
      const conv = conversationOf(c);
      const body = parseBody(RoutingConversationAttributesRequest, await readJsonObject(c));
      const acd = conv.participants.find(
        (p) => p.purpose === 'acd' && p.state !== 'disconnected' && p.state !== 'terminated',
      );
      if (!acd) {
        // "Update attributes of an in-queue conversation" (platform spec §4.2): nothing else has them.
        throw badRequest(
          `Only an in-queue conversation has routing attributes; conversation ${conv.id} is not waiting in a queue`,
          [{ errorCode: 'conversation.not.in.queue', entityId: conv.id }],
        );
      }
      const priority =
        body.priority === undefined ? (acd.priority ?? 0) : sim(() => simOf(c).setPriority(conv.id, body.priority!));
      return c.json({ priority, skills: [], scoredAgents: [] });
    },
  );
}
