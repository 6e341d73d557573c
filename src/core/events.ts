/**
 * @module
 * Conversation detail events and notification envelopes (platform spec §2, §6).
 * Field names, UPPER_CASE enums and epoch-ms `eventTime` are exactly Genesys's; absent fields are
 * omitted, never null.
 */

type MediaType =
  | 'UNKNOWN'
  | 'VOICE'
  | 'CHAT'
  | 'EMAIL'
  | 'CALLBACK'
  | 'COBROWSE'
  | 'VIDEO'
  | 'SCREENSHARE'
  | 'MESSAGE'
  | 'INTERNALMESSAGE'
  | 'SCREENMONITORING';
type Direction = 'UNKNOWN' | 'INBOUND' | 'OUTBOUND';
export type DisconnectType =
  | 'UNKNOWN'
  | 'ENDPOINT'
  | 'CLIENT'
  | 'SYSTEM'
  | 'TRANSFER'
  | 'ERROR'
  | 'PEER'
  | 'OTHER'
  | 'SPAM'
  | 'TIMEOUT'
  | 'TRANSPORT_FAILURE'
  | 'CONFERENCE_TRANSFER'
  | 'CONSULT_TRANSFER'
  | 'FORWARD_TRANSFER'
  | 'NO_ANSWER_TRANSFER'
  | 'NOT_AVAILABLE_TRANSFER'
  | 'UNCALLABLE'
  | 'DND_ENDPOINT'
  | 'DND_TRANSFER'
  | 'INACTIVITY'
  | 'SESSION_EXPIRED'
  | 'TAKEOVER';

/** Fields common to the conversation detail events. */
export interface DetailEventBase {
  eventTime?: number;
  conversationId?: string;
  participantId?: string;
  sessionId?: string;
  mediaType?: MediaType;
  provider?: string;
  direction?: Direction;
  ani?: string;
  dnis?: string;
  addressTo?: string;
  addressFrom?: string;
  callbackUserName?: string;
  callbackNumbers?: string[];
  callbackScheduledTime?: number;
  subject?: string;
  divisionId?: string;
  conversationExternalContactIds?: string[];
  conversationExternalOrganizationIds?: string[];
  utilizationLabel?: string;
}

/** `v2.detail.events.conversation.{id}.user.start` */
export interface UserStartEvent extends DetailEventBase {
  userId?: string;
  queueId?: string;
}
/** `v2.detail.events.conversation.{id}.user.end` */
export interface UserEndEvent extends UserStartEvent {
  disconnectType?: DisconnectType;
  interactingDurationMs?: number;
  heldDurationMs?: number;
  alertingDurationMs?: number;
  contactingDurationMs?: number;
  dialingDurationMs?: number;
  callbackDurationMs?: number;
}
/** `v2.detail.events.conversation.{id}.acd.start` */
export interface AcdStartEvent extends DetailEventBase {
  queueId?: string;
  routingPriority?: number;
  requestedRoutingSkillIds?: string[];
  skillExpressionApplied?: boolean;
}
/** `v2.detail.events.conversation.{id}.acd.end` */
export interface AcdEndEvent extends AcdStartEvent {
  disconnectType?: DisconnectType;
  acdOutcome?: 'UNKNOWN' | 'ABANDON' | 'ANSWERED' | 'FLOW_OUT';
  answeredUserId?: string;
  connectedDurationMs?: number;
}
/** `v2.detail.events.conversation.{id}.customer.start` */
interface CustomerStartEvent extends DetailEventBase {
  externalOrganizationId?: string;
  externalContactId?: string;
}
/** `v2.detail.events.conversation.{id}.customer.end` */
export interface CustomerEndEvent extends CustomerStartEvent {
  disconnectType?: DisconnectType;
  interactingDurationMs?: number;
}
/** `v2.detail.events.conversation.{id}.acw` */
export interface AfterCallWorkEvent extends DetailEventBase {
  userId?: string;
  queueId?: string;
  wrapupCode?: string;
  wrapupNotes?: string;
  wrapupDurationMs?: number;
}

/** `v2.detail.events.conversation.{id}.wrapup` (no `userId`, unlike `acw`: platform.md §2.2). */
export interface WrapupEvent extends DetailEventBase {
  queueId?: string;
  wrapupCode?: string;
  wrapupNotes?: string;
  wrapupDurationMs?: number;
}
/** One communication of the participant in an {@link AttributeUpdateEvent}. */
interface AttributeUpdateCommunication {
  id?: string;
  mediaType?: MediaType;
}
/** `v2.detail.events.conversation.{id}.attributes` (not a {@link DetailEventBase}: platform.md §2.2). */
export interface AttributeUpdateEvent {
  eventTime?: number;
  conversationId?: string;
  participantId?: string;
  attributes?: Record<string, string>;
  conversationExternalContactIds?: string[];
  conversationExternalOrganizationIds?: string[];
  communications?: AttributeUpdateCommunication[];
}

/** The detail-event kinds the call simulator emits, by topic suffix. */
export type DetailEventKind =
  | 'user.start'
  | 'user.end'
  | 'customer.start'
  | 'customer.end'
  | 'acd.start'
  | 'acd.end'
  | 'acw'
  | 'wrapup'
  | 'attributes';

/** A message as the Notifications WebSocket delivers it (topic is concrete). */
export interface NotificationEvent<B = Record<string, unknown>> {
  topicName: string;
  version: string;
  eventBody: B;
  metadata: { CorrelationId: string };
}

/** An Amazon EventBridge envelope of a Genesys event (platform spec §6.2). */
export interface EventBridgeEnvelope<B = Record<string, unknown>> {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: NotificationEvent<B> & { timestamp: string };
}

const UUID_SEGMENT = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * The topic template of a concrete topic: id segments become `{id}`.
 * @example
 * topicTemplate('v2.detail.events.conversation.2f7bf00a-0fc2-4d6a-9b56-92238191433e.user.start')
 * // → 'v2.detail.events.conversation.{id}.user.start'
 */
export function topicTemplate(concreteTopic: string): string {
  return concreteTopic
    .split('.')
    .map((s) => (UUID_SEGMENT.test(s) ? '{id}' : s))
    .join('.');
}

/** The concrete topic of a conversation detail event. */
export function detailTopic(conversationId: string, kind: DetailEventKind): string {
  return `v2.detail.events.conversation.${conversationId}.${kind}`;
}
