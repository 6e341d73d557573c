/**
 * @module
 * The media-specific conversation routes of the participant attributes, the participant PATCH of
 * emails and messages, and the email and message conversations, on the same conversations as the
 * generic routes: the call simulator's calls and callbacks, and the org's email and message
 * conversations (`digital.ts`).
 *
 * | Method | Path | Permission (ANY) |
 * |---|---|---|
 * | PATCH | `/api/v2/conversations/{calls\|callbacks\|emails\|messages}/{conversationId}/participants/{participantId}/attributes` | — |
 * | PATCH | `/api/v2/conversations/emails/{conversationId}/participants/{participantId}` | `conversation:participant:wrapup`, `conversation:call:record`, `conversation:communication:disconnect`, `conversation:email:park` |
 * | PATCH | `/api/v2/conversations/messages/{conversationId}/participants/{participantId}` | wrapup / record / disconnect |
 * | GET | `/api/v2/conversations/emails/{conversationId}`, `/api/v2/conversations/messages/{conversationId}` | — |
 *
 * Genesys documents no permission for the attribute routes (like the generic one) nor for reading a
 * media conversation. The attributes merge into the participant's map like the generic route's,
 * and the answer is the participant's whole map after the merge `[INFERRED]`.
 *
 * A media route names a conversation of that media: on a conversation of another media (an email
 * conversation on the `calls` route, a callback on the `calls` route) it answers 404 `not.found`,
 * naming the conversation's media and its route `[INFERRED]` (Genesys does not document it).
 * The cobrowse routes are not modeled: Genesys deprecated them and no cobrowse session exists here.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { ApiError, badRequest, notFound } from '../../errors.ts';
import { readJsonObject } from '../../http.ts';
import type { EmulatorApp, EmulatorEnv } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import type { SimConversation } from '../../simulator/index.ts';
import type { DigitalConversation, DigitalMedia, DigitalParticipant } from './digital.ts';
import { digitalConversation, digitalStore } from './digital.ts';
import { digitalConversationView, digitalMediaConversationView } from './digital-views.ts';
import { DISCONNECT_PERMS, MediaParticipantRequest, patchParticipant, simOf } from './shared.ts';
import { sim } from './simulators.ts';
import { parseBody } from './validate.ts';
import { conversationView } from './views.ts';

type RouteMedia = SimConversation['media'] | DigitalMedia;

const PATH: Record<RouteMedia, string> = { call: 'calls', callback: 'callbacks', email: 'emails', message: 'messages' };

/** A conversation of the org: the simulator's, or an email or message one. */
type AnyConversation = { readonly sim: SimConversation } | { readonly digital: DigitalConversation };

const AttributesBody = z.object({ attributes: z.record(z.string(), z.string()) }).loose();

/** The path's conversation, whatever its media; 404 when the org has none by that id. */
function anyConversation(c: Context<EmulatorEnv>): AnyConversation {
  const id = c.req.param('conversationId')!;
  const simulated = simOf(c).get(id);
  if (simulated) return { sim: simulated };
  const digital = digitalConversation(c.get('org'), c.get('services'), id);
  if (digital) return { digital };
  throw notFound('conversation', id);
}

const mediaOf = (conv: AnyConversation): RouteMedia => ('sim' in conv ? conv.sim.media : conv.digital.media);

/** The path's conversation if it is of `media`; 404 naming its media and route otherwise. */
function conversationOfMedia(c: Context<EmulatorEnv>, media: RouteMedia): AnyConversation {
  const conv = anyConversation(c);
  const actual = mediaOf(conv);
  if (actual === media) return conv;
  const id = c.req.param('conversationId')!;
  throw new ApiError(
    404,
    'not.found',
    `${media} conversation ${id} not found: conversation ${id} is ${actual === 'email' ? 'an' : 'a'} ${actual} conversation; use /api/v2/conversations/${PATH[actual]}/${id}/… or the generic /api/v2/conversations/${id}/…`,
    { entityId: id, entityName: `${media} conversation` },
  );
}

/** The path's email or message conversation of `media`; 404 otherwise. */
function digitalOfMedia(c: Context<EmulatorEnv>, media: DigitalMedia): DigitalConversation {
  const conv = conversationOfMedia(c, media);
  if ('sim' in conv) throw notFound(`${media} conversation`, conv.sim.id);
  return conv.digital;
}

function digitalParticipant(conv: DigitalConversation, participantId: string): DigitalParticipant {
  const p = conv.participants.find((x) => x.id === participantId);
  if (!p) throw notFound('participant', participantId);
  return p;
}

/** Merge attributes into a participant's map; the map after the merge. */
function mergeAttributes(
  c: Context<EmulatorEnv>,
  conv: AnyConversation,
  participantId: string,
  attributes: Record<string, string>,
): Record<string, string> {
  if ('sim' in conv) {
    const updated = sim(() => simOf(c).setAttributes(conv.sim.id, participantId, attributes));
    return { ...updated.participants.find((p) => p.id === participantId)!.attributes };
  }
  const p = digitalParticipant(conv.digital, participantId);
  Object.assign(p.attributes, attributes);
  c.get('org').touch(digitalStore);
  return { ...p.attributes };
}

/** PATCH an email or message participant: disconnect, hold / resume. */
async function patchDigitalParticipant(c: Context<EmulatorEnv>, conv: DigitalConversation): Promise<Response> {
  const p = digitalParticipant(conv, c.req.param('participantId')!);
  const body = parseBody(MediaParticipantRequest, await readJsonObject(c));
  if (body.state !== undefined && body.state !== 'connected' && body.state !== 'disconnected')
    throw badRequest(
      `state can be set to connected or disconnected; got ${body.state}`,
      [{ errorCode: 'invalid.value', fieldName: 'state' }],
      'invalid.value',
    );
  if (p.state === 'disconnected' && (body.state === 'connected' || body.held !== undefined))
    throw badRequest(`participant ${p.id} of conversation ${conv.id} is disconnected; it cannot connect or hold`);
  // An agentless conversation has no agent in after-call work to wrap up [INFERRED].
  if (body.wrapup !== undefined)
    throw badRequest(
      `participant ${p.id} of ${conv.media} conversation ${conv.id} has no after-call work to wrap up (the conversation was sent without an agent)`,
      [{ errorCode: 'invalid.value', fieldName: 'wrapup' }],
      'invalid.value',
    );
  const now = new Date(c.get('services').clock.now()).toISOString();
  if (body.held !== undefined) p.held = body.held;
  if (body.state === 'disconnected' && p.state !== 'disconnected') {
    p.state = 'disconnected';
    p.held = false;
    p.endTime = now;
    p.disconnectType = 'client';
    if (conv.participants.every((x) => x.state === 'disconnected')) conv.endTime = now;
  }
  c.get('org').touch(digitalStore);
  return c.body(null, 202);
}

/** GET /api/v2/conversations/{id}: the generic `Conversation` of any conversation of the org. */
export function getAnyConversation(c: Context<EmulatorEnv>): Response {
  const conv = anyConversation(c);
  return c.json('sim' in conv ? conversationView(conv.sim) : digitalConversationView(c.get('org'), conv.digital));
}

/** PATCH /api/v2/conversations/{id}/participants/{pid}: any conversation of the org. */
export async function patchAnyParticipant(c: Context<EmulatorEnv>): Promise<Response> {
  const conv = anyConversation(c);
  return 'sim' in conv ? patchParticipant(c) : patchDigitalParticipant(c, conv.digital);
}

/** PATCH /api/v2/conversations/{id}/participants/{pid}/attributes: merge, 202 with no body. */
export async function patchAnyParticipantAttributes(c: Context<EmulatorEnv>): Promise<Response> {
  const conv = anyConversation(c);
  const body = parseBody(AttributesBody, await readJsonObject(c));
  mergeAttributes(c, conv, c.req.param('participantId')!, body.attributes);
  return c.body(null, 202);
}

/**
 * Register the media-specific routes (called by the conversations provider before its
 * `{conversationId}` routes, so `/emails` is not taken for an id).
 */
export function registerMediaParticipantRoutes(app: EmulatorApp): void {
  for (const media of ['call', 'callback', 'email', 'message'] as const) {
    app.patch(
      `/api/v2/conversations/${PATH[media]}/:conversationId/participants/:participantId/attributes`,
      async (c) => {
        const conv = conversationOfMedia(c, media);
        const body = parseBody(AttributesBody, await readJsonObject(c));
        return c.json({ attributes: mergeAttributes(c, conv, c.req.param('participantId'), body.attributes) });
      },
    );
  }
  for (const media of ['email', 'message'] as const) {
    app.get(`/api/v2/conversations/${PATH[media]}/:conversationId`, (c) => {
      return c.json(digitalMediaConversationView(c.get('org'), digitalOfMedia(c, media)));
    });
    const perms = media === 'email' ? [...DISCONNECT_PERMS, 'conversation:email:park'] : DISCONNECT_PERMS;
    app.patch(
      `/api/v2/conversations/${PATH[media]}/:conversationId/participants/:participantId`,
      requirePermission(...perms),
      (c) => patchDigitalParticipant(c, digitalOfMedia(c, media)),
    );
  }
}
