/**
 * @module
 * The call simulator's data model. Everything here is plain JSON, so a conversation lives in an
 * org store and survives snapshot / restore. Times are epoch milliseconds from the injected clock;
 * the API views (conversations, analytics) render them as ISO-8601.
 */
import type { DisconnectType } from '../../core/index.ts';

/**
 * Who a participant is. `user` is a Genesys user on a non-ACD call, `agent` the same user on a
 * queue call; `customer` is the inbound caller / callback requester, `external` the far end of an
 * outbound PSTN call, `acd` the queue, `group` the group a call was dialled to.
 */
export type Purpose = 'user' | 'agent' | 'customer' | 'external' | 'acd' | 'group';

/** A communication's state, with the Conversations API's lowercase names. */
export type CommState = 'dialing' | 'contacting' | 'alerting' | 'connected' | 'disconnected' | 'terminated';

/** The state of a callback communication; `waiting` while it sits in the queue. */
export type CallbackState = 'waiting' | 'alerting' | 'connected' | 'disconnected';

/** The media of a communication. */
export type MediaKind = 'call' | 'callback';

/** Analytics segment types the simulator produces (analytics' lowercase names). */
export type SegmentType = 'alert' | 'dialing' | 'contacting' | 'interact' | 'hold' | 'wrapup';

/** One segment of a session's history. */
export interface SimSegment {
  type: SegmentType;
  start: number;
  end?: number;
  queueId?: string;
  groupId?: string;
  disconnectType?: DisconnectType;
  wrapUpCode?: string;
  wrapUpNote?: string;
  /** SIP / Q.850 causes of a far end that did not connect (busy, failure…). */
  sipResponseCodes?: number[];
  q850ResponseCodes?: number[];
}

/** Wrap-up applied to an agent participant. */
interface SimWrapup {
  code: string;
  notes?: string;
  /** When the wrap-up was applied. */
  at: number;
}

/** A participant with its single communication (one call or one callback). */
export interface SimParticipant {
  id: string;
  purpose: Purpose;
  /** The communication (session) id. */
  sessionId: string;
  media: MediaKind;
  name?: string;
  userId?: string;
  queueId?: string;
  groupId?: string;
  /** `tel:+E164` for PSTN parties, `sip:` for users. */
  address?: string;
  ani?: string;
  dnis?: string;
  direction: 'inbound' | 'outbound';
  state: CommState | CallbackState;
  held: boolean;
  startTime: number;
  alertingTime?: number;
  connectedTime?: number;
  startHoldTime?: number;
  endTime?: number;
  disconnectType?: DisconnectType;
  segments: SimSegment[];
  /** Agents of queue calls wrap up after disconnecting. */
  wrapupRequired: boolean;
  wrapup?: SimWrapup;
  /** Routing priority while the participant is the conversation's queue (acd). */
  priority?: number;
  callbackNumbers?: string[];
  callbackUserName?: string;
  callbackScheduledTime?: number;
  attributes: Record<string, string>;
}

/** A conversation: the unit the simulator moves. */
export interface SimConversation {
  id: string;
  media: MediaKind;
  startTime: number;
  endTime?: number;
  originatingDirection: 'inbound' | 'outbound';
  externalTag?: string;
  participants: SimParticipant[];
}

/** The simulator's persisted state (one per org). */
export interface SimState {
  conversations: Record<string, SimConversation>;
  /** Conversation ids in creation order, so the oldest ended ones can be evicted. */
  order: string[];
}

/** A far end's behaviour once it starts ringing. */
export type FarEndOutcome = 'answer' | 'busy' | 'no-answer' | 'failure' | 'answer-then-hang-up' | 'manual';

/** Where a call goes. */
export type CallTarget = { phoneNumber: string } | { userId: string } | { groupId: string } | { queueId: string };

/** Input of {@link Simulator.placeCall}. */
export interface PlaceCallInput {
  fromUserId: string;
  to: CallTarget;
  /** The queue the call is placed on behalf of (the agent participant and events carry it). */
  queueId?: string;
  /** Caller id shown to a PSTN far end (`tel:` form); defaults to the org's main number. */
  callerId?: string;
}

/** Input of {@link Simulator.inboundAcdCall}. */
export interface InboundAcdCallInput {
  ani: string;
  queueId: string;
  /** The number the customer dialled; defaults to the org's main number. */
  dnis?: string;
  priority?: number;
  customerName?: string;
}

/** Input of {@link Simulator.createCallback}. */
export interface CreateCallbackInput {
  queueId: string;
  callbackNumbers: string[];
  callbackUserName?: string;
  /** Epoch ms; absent for an immediate callback. */
  callbackScheduledTime?: number;
  priority?: number;
}

/** Which side ends a call in {@link Simulator.hangUp}. */
export type HangUpSide = 'caller' | 'callee' | 'agent' | 'customer' | { participantId: string };

/** Simulator timing, in milliseconds of the injected clock. */
export interface SimTiming {
  /** How long the caller's `dialing` phase lasts before the far end rings. */
  dialingMs: number;
  /** How long a ringing party rings before it counts as not answered. */
  ringTimeoutMs: number;
  /** How long the `answer` test number rings before it answers. */
  answerAfterMs: number;
  /** How long the `answer-then-hang-up` test number talks before it hangs up. */
  talkMs: number;
  /** How long an agent may stay in wrap-up before the system applies the timeout code. */
  wrapupTimeoutMs: number;
}

/** Directory lookups the simulator needs (users, queues, groups of the org). */
export interface Directory {
  user(id: string): { id: string; name: string } | undefined;
  /** A queue, with its members (`POST /api/v2/routing/queues/{id}/members`) when the directory knows them. */
  queue(id: string): { id: string; name: string; memberIds?: readonly string[] } | undefined;
  group(id: string): { id: string; name: string; memberIds: readonly string[] } | undefined;
  /** A user's routing status (`OFF_QUEUE` when never set), for the choice of the next agent. */
  routingStatus?(userId: string): { status: string; startTime: string };
}
