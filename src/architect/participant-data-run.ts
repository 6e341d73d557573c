/**
 * @module
 * Get / Set Participant Data, and the workflow toolbox's Get / Set Conversation Data, which have
 * paths: Get Conversation Data takes Found or Not Found "based on whether Architect finds the
 * conversation ID or, if specified, the participant ID" (Genesys help: Get Conversation Data
 * action); Set Conversation Data takes Success or Failure [INFERRED: Failure when the conversation
 * or participant is not found or the update answers an error]. Another error reading the
 * conversation (403, 5xx) is a flow error either way. Without paths (call flows' Get / Set
 * Participant Data) a missing conversation or a refused update is a flow error.
 */
import { ArchitectErrors } from './errors.ts';
import { archToString } from './expr/values.ts';
import type { GetParticipantDataAction, SetParticipantDataAction } from './model.ts';
import { defaultParticipant, participantAttributes } from './platform-actions.ts';
import type { GenesysRequest } from './platform-actions.ts';
import { platformClient, refusedAnswer, textValue } from './platform-run.ts';
import type { PlatformRunContext } from './platform-run.ts';

type Found = { conversationId: string; participantId: string; conversation?: unknown };
type Missing = { missing: string; status?: number };

const isMissing = (r: Found | Missing): r is Missing => 'missing' in r;

async function conversationAndParticipant(
  ctx: PlatformRunContext,
  action: GetParticipantDataAction | SetParticipantDataAction,
  stepId: string,
  label: string,
  needConversation: boolean,
): Promise<Found | Missing> {
  const conversationId = textValue(ctx, action, action.conversationId, `the conversation id of ${label}`);
  if (conversationId === null)
    ctx.fail(ArchitectErrors.SB_ARCHITECT_NOT_SET, `the conversation id of ${label} is NOT_SET`, action);
  const named = textValue(ctx, action, action.participantId, `the participant id of ${label}`);
  if (named !== null && !needConversation) return { conversationId, participantId: named };
  const call = platformClient(ctx, action, label);
  const request: GenesysRequest = {
    method: 'GET',
    path: `/api/v2/conversations/${encodeURIComponent(conversationId)}`,
  };
  const res = await call(`${stepId}@conversation`, request);
  if ((res.status === 404 || res.status === 400) && action.paths)
    return { missing: `conversation ${conversationId} was not found`, status: res.status };
  if (res.status < 200 || res.status > 299)
    refusedAnswer(ctx, action, label, request, res, 'conversation:communication:view');
  const participantId = named ?? defaultParticipant(res.body);
  if (participantId === undefined) {
    const missing = `conversation ${conversationId} has no participants`;
    if (action.paths) return { missing };
    ctx.fail(ArchitectErrors.SB_ARCHITECT_ACTION_FAILED, `${label}: ${missing}`, action);
  }
  return { conversationId, participantId, conversation: res.body };
}

/** Get Participant (Conversation) Data: each attribute into its variable; a missing attribute is NOT_SET. */
export async function runGetParticipantData(
  ctx: PlatformRunContext,
  action: GetParticipantDataAction,
  stepId: string,
): Promise<{ outcome: 'found' | 'notFound'; detail: Record<string, unknown> }> {
  const label = action.paths ? 'Get Conversation Data' : 'Get Participant Data';
  const where = await conversationAndParticipant(ctx, action, stepId, label, true);
  if (isMissing(where)) return { outcome: 'notFound', detail: { reason: where.missing } };
  const { conversationId, participantId, conversation } = where;
  const attributes = participantAttributes(conversation, participantId);
  if (!attributes) {
    const missing = `conversation ${conversationId} has no participant ${participantId}`;
    if (action.paths) return { outcome: 'notFound', detail: { reason: missing } };
    ctx.fail(ArchitectErrors.SB_ARCHITECT_ACTION_FAILED, `${label}: ${missing}`, action);
  }
  const read: Record<string, unknown> = {};
  for (const a of action.attributes) {
    const name = textValue(ctx, action, a.name, `an attribute name of ${label}`);
    if (name === null)
      ctx.fail(ArchitectErrors.SB_ARCHITECT_NOT_SET, `an attribute name of ${label} is NOT_SET`, action);
    const raw = Object.hasOwn(attributes, name) ? attributes[name] : null;
    ctx.assign(a.variable, raw, action, `attribute "${name}"`);
    read[name] = raw;
  }
  return { outcome: 'found', detail: { conversationId, participantId, read } };
}

/** Set Participant (Conversation) Data: every attribute as text (NOT_SET is written as "" [INFERRED]) in one PATCH. */
export async function runSetParticipantData(
  ctx: PlatformRunContext,
  action: SetParticipantDataAction,
  stepId: string,
): Promise<{ outcome: 'success' | 'failure'; detail: Record<string, unknown> }> {
  const label = action.paths ? 'Set Conversation Data' : 'Set Participant Data';
  const attributes: Record<string, string> = {};
  for (const a of action.attributes) {
    const name = textValue(ctx, action, a.name, `an attribute name of ${label}`);
    if (name === null)
      ctx.fail(ArchitectErrors.SB_ARCHITECT_NOT_SET, `an attribute name of ${label} is NOT_SET`, action);
    attributes[name] = archToString(ctx.value(a.value, action)) ?? '';
  }
  const where = await conversationAndParticipant(ctx, action, stepId, label, false);
  if (isMissing(where)) return { outcome: 'failure', detail: { reason: where.missing } };
  const { conversationId, participantId } = where;
  const request: GenesysRequest = {
    method: 'PATCH',
    path: `/api/v2/conversations/${encodeURIComponent(conversationId)}/participants/${encodeURIComponent(participantId)}/attributes`,
    body: { attributes },
  };
  const res = await platformClient(ctx, action, label)(stepId, request);
  if (res.status < 200 || res.status > 299) {
    if (action.paths) return { outcome: 'failure', detail: { conversationId, participantId, status: res.status } };
    refusedAnswer(ctx, action, label, request, res);
  }
  return { outcome: 'success', detail: { conversationId, participantId, written: attributes } };
}
