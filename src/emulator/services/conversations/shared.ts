/**
 * @module
 * Helpers shared by the conversations routes: the org's simulator, the path's conversation, and
 * the participant PATCH that calls and callbacks share.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { badRequest, notFound } from '../../errors.ts';
import { readJsonObject } from '../../http.ts';
import type { EmulatorEnv } from '../../provider-contract.ts';
import type { SimConversation, Simulator } from '../../simulator/index.ts';
import { sim, simulatorFor } from './simulators.ts';
import { parseBody } from './validate.ts';

/** The simulator of the caller's org. */
export function simOf(c: Context<EmulatorEnv>): Simulator {
  return simulatorFor(c.get('services'), c.get('org').orgId);
}

/** Permissions of the participant PATCH routes (ANY). */
export const DISCONNECT_PERMS = [
  'conversation:participant:wrapup',
  'conversation:call:record',
  'conversation:communication:disconnect',
];

/** The `MediaParticipantRequest` body of the participant PATCH routes. */
export const MediaParticipantRequest = z
  .object({
    state: z
      .enum([
        'alerting',
        'dialing',
        'contacting',
        'offering',
        'connected',
        'disconnected',
        'terminated',
        'converting',
        'uploading',
        'transmitting',
        'parked',
        'none',
      ])
      .optional(),
    held: z.boolean().optional(),
    wrapup: z
      .object({ code: z.string().min(1), notes: z.string().optional() })
      .loose()
      .optional(),
    muted: z.boolean().optional(),
    recording: z.boolean().optional(),
    confined: z.boolean().optional(),
    wrapupSkipped: z.boolean().optional(),
  })
  .loose();

/** Load the conversation or 404 the Genesys way. */
export function conversationOf(c: Context<EmulatorEnv>): SimConversation {
  const id = c.req.param('conversationId')!;
  const conv = simOf(c).get(id);
  if (!conv) throw notFound('conversation', id);
  return conv;
}

/** PATCH a participant: disconnect, answer (`connected`), hold / resume, wrap up. */
export async function patchParticipant(c: Context<EmulatorEnv>): Promise<Response> {
  const conv = conversationOf(c);
  const pid = c.req.param('participantId')!;
  if (!conv.participants.some((p) => p.id === pid)) throw notFound('participant', pid);
  const body = parseBody(MediaParticipantRequest, await readJsonObject(c));
  const simulator = simOf(c);
  sim(() => {
    if (body.state === 'disconnected') simulator.disconnectParticipant(conv.id, pid);
    else if (body.state === 'connected') simulator.answer(conv.id, pid);
    else if (body.state !== undefined)
      throw badRequest(
        `state can be set to connected or disconnected; got ${body.state}`,
        [{ errorCode: 'invalid.value', fieldName: 'state' }],
        'invalid.value',
      );
    if (body.held !== undefined) simulator.hold(conv.id, pid, body.held);
    if (body.wrapup !== undefined) simulator.wrapUp(conv.id, pid, body.wrapup);
  });
  return c.body(null, 202);
}
