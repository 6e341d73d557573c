/**
 * @module
 * Conversations API views of a simulated conversation: the generic `Conversation`
 * (`participants[].calls[]` / `callbacks[]`), `CallConversation` and `CallbackConversation`
 * (flattened media participants). Enums are the Conversations API's lowercase ones, times ISO-8601,
 * absent values omitted.
 */
import type { DisconnectType } from '../../../core/index.ts';
import type { SegmentType, SimConversation, SimParticipant } from '../../simulator/index.ts';

type Json = Record<string, unknown>;

/** ISO-8601 of an epoch-ms time (undefined stays undefined). */
export function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** Drop undefined-valued keys, so absent fields are omitted rather than null. */
export function compact<T extends Json>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** Detail-event disconnect types → the Conversations API's `disconnectType` values (platform spec §4.6). */
const CONVERSATION_DISCONNECT: Record<DisconnectType, string> = {
  UNKNOWN: 'other',
  ENDPOINT: 'endpoint',
  CLIENT: 'client',
  SYSTEM: 'system',
  TRANSFER: 'transfer',
  ERROR: 'error',
  PEER: 'peer',
  OTHER: 'other',
  SPAM: 'spam',
  TIMEOUT: 'other',
  TRANSPORT_FAILURE: 'transport.failure',
  CONFERENCE_TRANSFER: 'transfer.conference',
  CONSULT_TRANSFER: 'transfer.consult',
  FORWARD_TRANSFER: 'transfer.forward',
  NO_ANSWER_TRANSFER: 'transfer.noanswer',
  NOT_AVAILABLE_TRANSFER: 'transfer.notavailable',
  UNCALLABLE: 'error',
  DND_ENDPOINT: 'endpoint.donotdisturb',
  DND_TRANSFER: 'transfer.donotdisturb',
  INACTIVITY: 'inactivity',
  SESSION_EXPIRED: 'session.expired',
  TAKEOVER: 'takeover',
};

/**
 * Analytics segment types → the Conversations API's segment `type`. That API capitalizes them
 * (the presence blueprint filters `@.type=='Interact'`) and has no "contacting": ringing the far
 * end is part of `Dialing` there.
 */
const SEGMENT_TYPE: Record<SegmentType, string> = {
  alert: 'Alert',
  dialing: 'Dialing',
  contacting: 'Dialing',
  interact: 'Interact',
  hold: 'Hold',
  wrapup: 'Wrapup',
};

/** The Conversations API's `disconnectType` of a detail-event one. */
function conversationDisconnectType(t: DisconnectType | undefined): string | undefined {
  return t === undefined ? undefined : CONVERSATION_DISCONNECT[t];
}

function segments(p: SimParticipant): Json[] {
  return p.segments.map((s) =>
    compact({
      startTime: iso(s.start),
      endTime: iso(s.end),
      type: SEGMENT_TYPE[s.type],
      disconnectType: conversationDisconnectType(s.disconnectType),
    }),
  );
}

function wrapupSegment(p: SimParticipant): { start?: number; end?: number } {
  const seg = p.segments.find((s) => s.type === 'wrapup');
  return seg ? { start: seg.start, ...(seg.end === undefined ? {} : { end: seg.end }) } : {};
}

function wrapup(p: SimParticipant): Json | undefined {
  if (!p.wrapup) return undefined;
  const w = wrapupSegment(p);
  return compact({
    code: p.wrapup.code,
    notes: p.wrapup.notes,
    durationSeconds: w.start === undefined ? undefined : Math.round(((w.end ?? p.wrapup.at) - w.start) / 1000),
    endTime: iso(p.wrapup.at),
  });
}

function routingData(p: SimParticipant): Json | undefined {
  if (p.purpose !== 'acd') return undefined;
  return compact({
    queue: p.queueId === undefined ? undefined : { id: p.queueId, selfUri: `/api/v2/routing/queues/${p.queueId}` },
    priority: p.priority ?? 0,
    skills: [],
    scoredAgents: [],
  });
}

const ref = (id: string | undefined, path: string, name?: string): Json | undefined =>
  id === undefined ? undefined : compact({ id, name, selfUri: `${path}/${id}` });

/** The media part of a participant: a `Call` or a `Callback` entity. */
function communication(p: SimParticipant): Json {
  const common = {
    state: p.state,
    id: p.sessionId,
    direction: p.direction,
    held: p.held,
    disconnectType: conversationDisconnectType(p.disconnectType),
    startHoldTime: iso(p.startHoldTime),
    startAlertingTime: iso(p.alertingTime),
    connectedTime: iso(p.connectedTime),
    disconnectedTime: iso(p.endTime),
    segments: segments(p),
    wrapup: wrapup(p),
    afterCallWorkRequired: p.wrapupRequired,
  };
  if (p.media === 'callback') {
    return compact({
      ...common,
      callbackNumbers: p.callbackNumbers ? [...p.callbackNumbers] : undefined,
      callbackUserName: p.callbackUserName,
      callbackScheduledTime: iso(p.callbackScheduledTime),
      externalCampaign: false,
      skipEnabled: false,
      timeoutSeconds: 0,
      provider: 'PureCloud Callback',
    });
  }
  return compact({
    ...common,
    recording: false,
    recordingState: 'none',
    muted: false,
    confined: false,
    provider: 'Edge',
    self: p.address === undefined ? undefined : compact({ name: p.name, addressNormalized: p.address }),
  });
}

/** A `Participant` of the generic Conversation. */
function participantView(p: SimParticipant): Json {
  const w = wrapupSegment(p);
  return compact({
    id: p.id,
    startTime: iso(p.startTime),
    endTime: iso(p.endTime),
    connectedTime: iso(p.connectedTime),
    name: p.name,
    userUri: p.userId === undefined ? undefined : `/api/v2/users/${p.userId}`,
    userId: p.userId,
    queueId: p.queueId,
    groupId: p.groupId,
    queueName: p.purpose === 'acd' ? p.name : undefined,
    purpose: p.purpose,
    address: p.address,
    ani: p.ani,
    dnis: p.dnis,
    wrapupRequired: p.wrapupRequired,
    wrapup: wrapup(p),
    conversationRoutingData: routingData(p),
    attributes: { ...p.attributes },
    startAcwTime: iso(w.start),
    endAcwTime: iso(w.end),
    calls: p.media === 'call' ? [communication(p)] : undefined,
    callbacks: p.media === 'callback' ? [communication(p)] : undefined,
  });
}

/** The state of a conversation as a whole: connected while any participant is up. */
function conversationState(conv: SimConversation): string {
  return conv.endTime === undefined ? 'connected' : 'disconnected';
}

/** The generic `Conversation` (GET /api/v2/conversations/{id}). */
export function conversationView(conv: SimConversation): Json {
  return compact({
    id: conv.id,
    externalTag: conv.externalTag,
    startTime: iso(conv.startTime),
    endTime: iso(conv.endTime),
    participants: conv.participants.map(participantView),
    recordingState: 'none',
    state: conversationState(conv),
    selfUri: `/api/v2/conversations/${conv.id}`,
  });
}

/**
 * A flattened media participant: a `CallMediaParticipant` in a call conversation, a
 * `CallbackMediaParticipant` in a callback conversation — whatever the party's own media, since the
 * SDK types every participant of a conversation with the conversation's model.
 */
function mediaParticipantView(
  p: SimParticipant,
  shape: 'call' | 'callback' = p.media === 'call' ? 'call' : 'callback',
): Json {
  const comm = communication(p);
  const w = wrapupSegment(p);
  return compact({
    id: p.id,
    name: p.name,
    address: p.address,
    startTime: iso(p.startTime),
    startAlertingTime: iso(p.alertingTime),
    connectedTime: iso(p.connectedTime),
    endTime: iso(p.endTime),
    startHoldTime: iso(p.startHoldTime),
    purpose: p.purpose,
    state: p.state,
    direction: p.direction,
    disconnectType: conversationDisconnectType(p.disconnectType),
    held: p.held,
    wrapupRequired: p.wrapupRequired,
    user: ref(p.userId, '/api/v2/users', p.purpose === 'user' || p.purpose === 'agent' ? p.name : undefined),
    queue: ref(p.queueId, '/api/v2/routing/queues'),
    group: ref(p.groupId, '/api/v2/groups'),
    attributes: { ...p.attributes },
    provider: comm.provider,
    wrapup: wrapup(p),
    conversationRoutingData: routingData(p),
    startAcwTime: iso(w.start),
    endAcwTime: iso(w.end),
    ...(shape === 'call'
      ? { ani: p.ani, dnis: p.dnis, recording: false, recordingState: 'none', muted: false, confined: false }
      : {
          callbackNumbers: comm.callbackNumbers,
          callbackUserName: p.callbackUserName,
          callbackScheduledTime: iso(p.callbackScheduledTime),
          externalCampaign: false,
          skipEnabled: false,
          timeoutSeconds: 0,
        }),
  });
}

/** The `CallConversation` (GET /api/v2/conversations/calls/{id}). */
export function callConversationView(conv: SimConversation): Json {
  return {
    id: conv.id,
    participants: conv.participants.map((p) => mediaParticipantView(p, 'call')),
    otherMediaUris: [],
    recordingState: 'none',
    selfUri: `/api/v2/conversations/calls/${conv.id}`,
  };
}

/** The `CallbackConversation` (GET /api/v2/conversations/callbacks/{id}). */
export function callbackConversationView(conv: SimConversation): Json {
  return {
    id: conv.id,
    participants: conv.participants.map((p) => mediaParticipantView(p, 'callback')),
    otherMediaUris: [],
    selfUri: `/api/v2/conversations/callbacks/${conv.id}`,
  };
}
