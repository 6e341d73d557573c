/**
 * @module
 * Analytics conversation details derived from the simulator's conversation (platform spec §4.4):
 * participants → sessions → segments, lowercase enums, ISO-8601 times. The same state backs the
 * Conversations API, so the two never disagree. A live conversation shows its open segment without
 * `segmentEnd` and no `conversationEnd`.
 */
import type { DisconnectType } from '../../../core/index.ts';
import type { SimConversation, SimParticipant, SimSegment } from '../../simulator/index.ts';
import { compact, iso } from '../conversations/views.ts';

type Json = Record<string, unknown>;

/** Detail-event disconnect types → analytics' camelCase ones. */
const ANALYTICS_DISCONNECT: Record<DisconnectType, string> = {
  UNKNOWN: 'other',
  ENDPOINT: 'endpoint',
  CLIENT: 'client',
  SYSTEM: 'system',
  TRANSFER: 'transfer',
  ERROR: 'error',
  PEER: 'peer',
  OTHER: 'other',
  SPAM: 'spam',
  TIMEOUT: 'timeout',
  TRANSPORT_FAILURE: 'transportFailure',
  CONFERENCE_TRANSFER: 'conferenceTransfer',
  CONSULT_TRANSFER: 'consultTransfer',
  FORWARD_TRANSFER: 'forwardTransfer',
  NO_ANSWER_TRANSFER: 'noAnswerTransfer',
  NOT_AVAILABLE_TRANSFER: 'notAvailableTransfer',
  UNCALLABLE: 'uncallable',
  DND_ENDPOINT: 'dndEndpoint',
  DND_TRANSFER: 'dndTransfer',
  INACTIVITY: 'inactivity',
  SESSION_EXPIRED: 'sessionExpired',
  TAKEOVER: 'takeover',
};

function segment(s: SimSegment): Json {
  return compact({
    segmentStart: iso(s.start),
    segmentEnd: iso(s.end),
    segmentType: s.type,
    queueId: s.queueId,
    groupId: s.groupId,
    disconnectType: s.disconnectType === undefined ? undefined : ANALYTICS_DISCONNECT[s.disconnectType],
    wrapUpCode: s.wrapUpCode,
    wrapUpNote: s.wrapUpNote,
    sipResponseCodes: s.sipResponseCodes ? [...s.sipResponseCodes] : undefined,
    q850ResponseCodes: s.q850ResponseCodes ? [...s.q850ResponseCodes] : undefined,
    conference: false,
  });
}

function session(p: SimParticipant): Json {
  return compact({
    sessionId: p.sessionId,
    mediaType: p.media === 'callback' ? 'callback' : 'voice',
    direction: p.direction,
    provider: p.media === 'callback' ? 'PureCloud Callback' : 'Edge',
    ani: p.ani,
    dnis: p.dnis,
    addressFrom: p.ani,
    addressTo: p.dnis,
    addressSelf: p.address,
    callbackNumbers: p.callbackNumbers ? [...p.callbackNumbers] : undefined,
    callbackUserName: p.callbackUserName,
    callbackScheduledTime: iso(p.callbackScheduledTime),
    segments: p.segments.map(segment),
  });
}

/**
 * `AnalyticsConversationWithoutAttributes` of a simulated conversation.
 * @example
 * analyticsConversation(conv).participants[1].sessions[0].direction // 'outbound' for a PSTN far end
 */
export function analyticsConversation(conv: SimConversation): Json {
  return compact({
    conversationId: conv.id,
    conversationStart: iso(conv.startTime),
    conversationEnd: iso(conv.endTime),
    originatingDirection: conv.originatingDirection,
    externalTag: conv.externalTag,
    participants: conv.participants.map((p) =>
      compact({
        participantId: p.id,
        participantName: p.name,
        purpose: p.purpose,
        userId: p.userId,
        sessions: [session(p)],
      }),
    ),
  });
}
