/**
 * @module
 * Pure helpers over the simulator's data model: participant factory, segment history, state
 * changes and lookups. No clock, no ids: callers pass `now` and fresh ids in.
 */
import type { DisconnectType } from '../../core/index.ts';
import type {
  CallbackState,
  CommState,
  MediaKind,
  Purpose,
  SegmentType,
  SimConversation,
  SimParticipant,
  SimSegment,
} from './types.ts';

/** What a new participant needs; the rest starts empty. */
export interface NewParticipant {
  id: string;
  sessionId: string;
  purpose: Purpose;
  media: MediaKind;
  direction: 'inbound' | 'outbound';
  state: CommState | CallbackState;
  now: number;
  name?: string;
  userId?: string;
  queueId?: string;
  groupId?: string;
  address?: string;
  ani?: string;
  dnis?: string;
  wrapupRequired?: boolean;
  priority?: number;
  callbackNumbers?: string[];
  callbackUserName?: string;
  callbackScheduledTime?: number;
}

/** Create a participant (optional fields stay absent, never undefined-valued keys). */
export function newParticipant(n: NewParticipant): SimParticipant {
  const p: SimParticipant = {
    id: n.id,
    purpose: n.purpose,
    sessionId: n.sessionId,
    media: n.media,
    direction: n.direction,
    state: n.state,
    held: false,
    startTime: n.now,
    segments: [],
    wrapupRequired: n.wrapupRequired ?? false,
    attributes: {},
  };
  const optional = [
    'name',
    'userId',
    'queueId',
    'groupId',
    'address',
    'ani',
    'dnis',
    'priority',
    'callbackNumbers',
    'callbackUserName',
    'callbackScheduledTime',
  ] as const;
  for (const k of optional) if (n[k] !== undefined) (p as unknown as Record<string, unknown>)[k] = n[k];
  if (n.state === 'alerting') p.alertingTime = n.now;
  if (n.state === 'connected') p.connectedTime = n.now;
  return p;
}

/** The segment still open, if any. */
function openSegment(p: SimParticipant): SimSegment | undefined {
  const last = p.segments.at(-1);
  return last && last.end === undefined ? last : undefined;
}

/** Close the open segment (if any) at `now`, merging `extra` into it. */
export function closeSegment(p: SimParticipant, now: number, extra: Partial<SimSegment> = {}): void {
  const seg = openSegment(p);
  if (seg) Object.assign(seg, extra, { end: now });
}

/** Close the open segment and start a new one of `type` (carrying the participant's queue / group). */
export function startSegment(p: SimParticipant, type: SegmentType, now: number): void {
  closeSegment(p, now);
  const seg: SimSegment = { type, start: now };
  if (p.queueId !== undefined) seg.queueId = p.queueId;
  if (p.groupId !== undefined) seg.groupId = p.groupId;
  p.segments.push(seg);
}

/** Whether the participant's communication is still up (ringing, dialing, waiting or connected). */
export function isActive(p: SimParticipant): boolean {
  return p.state !== 'disconnected' && p.state !== 'terminated';
}

/** Whether the participant is ringing or being dialled (it can still answer). */
export function isRinging(p: SimParticipant): boolean {
  return p.state === 'alerting' || (p.purpose === 'external' && p.state === 'dialing');
}

/** Move the participant to `connected`, starting its `interact` segment. */
export function connect(p: SimParticipant, now: number): void {
  p.state = 'connected';
  p.connectedTime ??= now;
  if (openSegment(p)?.type !== 'interact') startSegment(p, 'interact', now);
}

/**
 * Disconnect the participant: close its segment with the disconnect type (and SIP / Q.850 causes),
 * and open a `wrapup` segment when it must wrap up after having talked. Returns false when it was
 * already disconnected.
 */
export function disconnect(
  p: SimParticipant,
  now: number,
  type: DisconnectType,
  causes: Partial<SimSegment> = {},
): boolean {
  if (!isActive(p)) return false;
  const talked = p.connectedTime !== undefined && p.purpose === 'agent';
  closeSegment(p, now, { disconnectType: type, ...causes });
  p.state = 'disconnected';
  p.held = false;
  delete p.startHoldTime;
  p.endTime = now;
  p.disconnectType = type;
  if (p.wrapupRequired && talked && !p.wrapup) startSegment(p, 'wrapup', now);
  return true;
}

/** Whether the participant is in after-call work (disconnected, wrap-up segment open). */
export function inWrapup(p: SimParticipant): boolean {
  return openSegment(p)?.type === 'wrapup';
}

/** Milliseconds spent in each segment type (closed segments, plus the open one up to `now`). */
export function segmentDurations(p: SimParticipant, now: number): Partial<Record<SegmentType, number>> {
  const out: Partial<Record<SegmentType, number>> = {};
  for (const s of p.segments) out[s.type] = (out[s.type] ?? 0) + ((s.end ?? now) - s.start);
  return out;
}

/** A participant by id, if present. */
export function participant(conv: SimConversation, participantId: string): SimParticipant | undefined {
  return conv.participants.find((p) => p.id === participantId);
}

/** The active queue (acd) participant: the conversation is waiting in queue while it exists. */
export function activeAcd(conv: SimConversation): SimParticipant | undefined {
  return conv.participants.find((p) => p.purpose === 'acd' && isActive(p));
}

/** The `sip:` address of a user, group or queue, as Genesys shows internal parties. */
export function sipAddress(id: string): string {
  return `sip:${id}@localhost`;
}
