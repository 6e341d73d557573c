/**
 * @module
 * Conversation detail events (platform spec §2) built from the simulator's model. Field names
 * and UPPER_CASE enums are Genesys's; `eventTime` is epoch ms; absent values are omitted, so a
 * call without a queue yields a `user.start` with no `queueId` key at all (the no-queue
 * blueprint's `queueId Exists false` criterion depends on it).
 */
import type {
  AcdEndEvent,
  AcdStartEvent,
  AfterCallWorkEvent,
  AttributeUpdateEvent,
  CustomerEndEvent,
  DetailEventBase,
  DetailEventKind,
  UserEndEvent,
  UserStartEvent,
  WrapupEvent,
} from '../../core/index.ts';
import { segmentDurations } from './model.ts';
import type { SimConversation, SimParticipant } from './types.ts';

/** A detail event before it is wrapped into a notification. */
export interface DetailEvent {
  readonly kind: DetailEventKind;
  readonly body: DetailEventBase | AttributeUpdateEvent;
}

const MEDIA_TYPE = { call: 'VOICE', callback: 'CALLBACK' } as const;

/** Voice calls come from the Edge; callbacks from the callback service (platform spec §2.3). */
const PROVIDER: Record<SimParticipant['media'], string> = { call: 'Edge', callback: 'PureCloud Callback' };

function base(conv: SimConversation, p: SimParticipant, now: number): DetailEventBase {
  const b: DetailEventBase = {
    eventTime: now,
    conversationId: conv.id,
    participantId: p.id,
    sessionId: p.sessionId,
    mediaType: MEDIA_TYPE[p.media],
    provider: PROVIDER[p.media],
    direction: p.direction === 'inbound' ? 'INBOUND' : 'OUTBOUND',
  };
  if (p.ani !== undefined) b.ani = b.addressFrom = p.ani;
  if (p.dnis !== undefined) b.dnis = b.addressTo = p.dnis;
  if (p.callbackUserName !== undefined) b.callbackUserName = p.callbackUserName;
  if (p.callbackNumbers !== undefined) b.callbackNumbers = [...p.callbackNumbers];
  if (p.callbackScheduledTime !== undefined) b.callbackScheduledTime = p.callbackScheduledTime;
  return b;
}

function withUserAndQueue<T extends { userId?: string; queueId?: string }>(body: T, p: SimParticipant): T {
  if (p.userId !== undefined) body.userId = p.userId;
  if (p.queueId !== undefined) body.queueId = p.queueId;
  return body;
}

/** The event a participant emits when it joins: user.start, customer.start or acd.start (none for groups). */
export function startEvent(conv: SimConversation, p: SimParticipant, now: number): DetailEvent | undefined {
  switch (p.purpose) {
    case 'user':
    case 'agent':
      return { kind: 'user.start', body: withUserAndQueue<UserStartEvent>(base(conv, p, now), p) };
    case 'customer':
    case 'external':
      return { kind: 'customer.start', body: base(conv, p, now) };
    case 'acd': {
      const body: AcdStartEvent = base(conv, p, now);
      if (p.queueId !== undefined) body.queueId = p.queueId;
      body.routingPriority = p.priority ?? 0;
      return { kind: 'acd.start', body };
    }
    case 'group':
      return undefined;
  }
}

/** Extra facts of an acd.end: who answered, or that the caller abandoned. */
export interface AcdOutcome {
  readonly acdOutcome: NonNullable<AcdEndEvent['acdOutcome']>;
  readonly answeredUserId?: string;
}

/** The event a participant emits when it leaves: user.end, customer.end or acd.end (none for groups). */
export function endEvent(
  conv: SimConversation,
  p: SimParticipant,
  now: number,
  acd?: AcdOutcome,
): DetailEvent | undefined {
  const d = segmentDurations(p, now);
  const disconnectType = p.disconnectType ?? 'UNKNOWN';
  switch (p.purpose) {
    case 'user':
    case 'agent': {
      const body: UserEndEvent = withUserAndQueue<UserEndEvent>({ ...base(conv, p, now), disconnectType }, p);
      if (d.interact !== undefined) body.interactingDurationMs = d.interact;
      if (d.hold !== undefined) body.heldDurationMs = d.hold;
      if (d.alert !== undefined) body.alertingDurationMs = d.alert;
      if (d.contacting !== undefined) body.contactingDurationMs = d.contacting;
      if (d.dialing !== undefined) body.dialingDurationMs = d.dialing;
      if (p.media === 'callback' && d.interact !== undefined) body.callbackDurationMs = d.interact;
      return { kind: 'user.end', body };
    }
    case 'customer':
    case 'external': {
      const body: CustomerEndEvent = { ...base(conv, p, now), disconnectType };
      if (d.interact !== undefined) body.interactingDurationMs = d.interact;
      return { kind: 'customer.end', body };
    }
    case 'acd': {
      const body: AcdEndEvent = { ...base(conv, p, now), disconnectType };
      if (p.queueId !== undefined) body.queueId = p.queueId;
      body.routingPriority = p.priority ?? 0;
      body.acdOutcome = acd?.acdOutcome ?? 'UNKNOWN';
      if (acd?.answeredUserId !== undefined) body.answeredUserId = acd.answeredUserId;
      body.connectedDurationMs = now - p.startTime;
      return { kind: 'acd.end', body };
    }
    case 'group':
      return undefined;
  }
}

/** The after-call-work event of an agent whose wrap-up just completed. */
export function acwEvent(conv: SimConversation, p: SimParticipant, now: number): DetailEvent {
  const body: AfterCallWorkEvent = withUserAndQueue<AfterCallWorkEvent>(base(conv, p, now), p);
  if (p.wrapup) {
    body.wrapupCode = p.wrapup.code;
    if (p.wrapup.notes !== undefined) body.wrapupNotes = p.wrapup.notes;
  }
  body.wrapupDurationMs = segmentDurations(p, now).wrapup ?? 0;
  return { kind: 'acw', body };
}

/**
 * The `wrapup` event of an agent whose wrap-up code was just applied: the `acw` fields without
 * `userId` (platform.md §2.2 `WrapupEvent`).
 */
export function wrapupEvent(conv: SimConversation, p: SimParticipant, now: number): DetailEvent {
  const body: WrapupEvent = base(conv, p, now);
  if (p.queueId !== undefined) body.queueId = p.queueId;
  if (p.wrapup) {
    body.wrapupCode = p.wrapup.code;
    if (p.wrapup.notes !== undefined) body.wrapupNotes = p.wrapup.notes;
  }
  body.wrapupDurationMs = segmentDurations(p, now).wrapup ?? 0;
  return { kind: 'wrapup', body };
}

/**
 * The `attributes` event of a participant whose attributes were just updated (platform.md §2.2
 * `AttributeUpdateEvent`). [INFERRED] `attributes` carries the participant's whole map after the
 * change, not only the keys of the update: the model documents no delta semantics, and a trigger
 * or workflow reading it then sees what the conversation API would show.
 */
export function attributesEvent(conv: SimConversation, p: SimParticipant, now: number): DetailEvent {
  const body: AttributeUpdateEvent = {
    eventTime: now,
    conversationId: conv.id,
    participantId: p.id,
    attributes: { ...p.attributes },
    communications: [{ id: p.sessionId, mediaType: MEDIA_TYPE[p.media] }],
  };
  return { kind: 'attributes', body };
}
