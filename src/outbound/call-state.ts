/**
 * @module
 * The progress model of an outbound call, pure: a Genesys call conversation snapshot → where the
 * call stands, and the ordered state changes between two snapshots.
 *
 * States, in order: `dialing` → `connected` (answered) or one of `busy` / `no-answer` / `failed`
 * (never answered) → `disconnected`. Every call ends with `disconnected`.
 */

/** Where an outbound call stands. */
export type CallState = 'dialing' | 'connected' | 'busy' | 'no-answer' | 'failed' | 'disconnected';

/** The far-end outcomes of a call that was never answered. */
export type UnansweredOutcome = 'busy' | 'no-answer' | 'failed';

/** What one look at the conversation says. */
export interface CallSnapshot {
  /** `dialing`: not answered yet; `connected`: talking; `ended`: over. */
  readonly phase: 'dialing' | 'connected' | 'ended';
  /** Whether the far end ever answered (its `connectedTime` is set). */
  readonly answered: boolean;
  /** Why an unanswered call ended. */
  readonly outcome?: UnansweredOutcome;
  /** Genesys's `disconnectType` of the far end, when it ended. */
  readonly disconnectType?: string;
}

/** The fields of a `CallMediaParticipant` (platform.md §4.6) the model reads. */
interface CallParticipantLike {
  readonly purpose?: string;
  readonly state?: string;
  readonly connectedTime?: string;
  readonly endTime?: string;
  readonly disconnectType?: string;
  readonly errorInfo?: { readonly code?: string; readonly message?: string; readonly messageWithParams?: string };
  readonly [key: string]: unknown;
}

/** The fields of a `CallConversation` the model reads. */
export interface CallConversationLike {
  readonly id?: string;
  readonly participants?: readonly CallParticipantLike[];
  readonly [key: string]: unknown;
}

const NEAR_END = new Set(['user', 'agent', 'acd', 'ivr', 'workflow']);
const ENDED = new Set(['disconnected', 'terminated']);

/** The far end of the call: the customer / external party that was dialed. */
function farEnd(conversation: CallConversationLike): CallParticipantLike | undefined {
  const parts = conversation.participants ?? [];
  return (
    parts.find((p) => p.purpose === 'customer' || p.purpose === 'external') ??
    parts.find((p) => p.purpose !== undefined && !NEAR_END.has(p.purpose))
  );
}

function isOver(p: CallParticipantLike): boolean {
  return (p.state !== undefined && ENDED.has(p.state)) || (p.endTime !== undefined && p.state === undefined);
}

/**
 * Why a call nobody answered ended. Genesys has no `busy` disconnect type on call participants
 * (platform.md §4.6), so the far end's `errorInfo` (its SIP reason) is read first, then the type.
 */
function unansweredOutcome(p: CallParticipantLike | undefined): UnansweredOutcome {
  const reason = `${p?.errorInfo?.code ?? ''} ${p?.errorInfo?.message ?? ''}`.toLowerCase();
  if (/busy|486|600/.test(reason)) return 'busy';
  if (/no.?answer|timeout|480|408/.test(reason)) return 'no-answer';
  if (reason.trim() !== '') return 'failed';
  switch (p?.disconnectType) {
    case 'error':
    case 'transport.failure':
    case 'system':
      return 'failed';
    default:
      return 'no-answer';
  }
}

/**
 * Classify one conversation snapshot.
 * @example
 * classifyCall({ participants: [{ purpose: 'user', state: 'connected' }, { purpose: 'customer', state: 'dialing' }] })
 * // → { phase: 'dialing', answered: false }
 */
export function classifyCall(conversation: CallConversationLike): CallSnapshot {
  const parts = conversation.participants ?? [];
  const far = farEnd(conversation);
  const answered = far?.connectedTime !== undefined || far?.state === 'connected';
  const ended = (far !== undefined && isOver(far)) || (parts.length > 0 && parts.every(isOver));
  const disconnectType = far?.disconnectType === undefined ? {} : { disconnectType: far.disconnectType };
  if (ended)
    return answered
      ? { phase: 'ended', answered, ...disconnectType }
      : { phase: 'ended', answered, outcome: unansweredOutcome(far), ...disconnectType };
  return { phase: far?.state === 'connected' ? 'connected' : 'dialing', answered };
}

function codesOf(segment: unknown, field: string): number[] {
  const v = typeof segment === 'object' && segment !== null ? (segment as Record<string, unknown>)[field] : undefined;
  return Array.isArray(v) ? v.filter((n): n is number => typeof n === 'number') : [];
}

/**
 * Why an unanswered call ended, from its analytics details
 * (`GET /api/v2/analytics/conversations/{id}/details`): the far end's segments carry the SIP and
 * Q.850 causes the Conversations API does not show. SIP 486/600/603 or Q.850 17 → busy;
 * SIP 408/480/487 or Q.850 18/19 → no answer; any other failure cause → failed.
 * `undefined` when the details name no cause.
 * @example
 * outcomeFromDetails({ participants: [{ purpose: 'external', sessions: [{ segments: [{ sipResponseCodes: [486] }] }] }] }) // → 'busy'
 */
export function outcomeFromDetails(details: unknown): UnansweredOutcome | undefined {
  const participants = (details as { participants?: unknown } | null)?.participants;
  if (!Array.isArray(participants)) return undefined;
  const sip: number[] = [];
  const q850: number[] = [];
  for (const p of participants as Array<Record<string, unknown>>) {
    if (p['purpose'] !== 'external' && p['purpose'] !== 'customer') continue;
    for (const session of Array.isArray(p['sessions']) ? (p['sessions'] as Array<Record<string, unknown>>) : []) {
      for (const seg of Array.isArray(session['segments']) ? (session['segments'] as unknown[]) : []) {
        sip.push(...codesOf(seg, 'sipResponseCodes'));
        q850.push(...codesOf(seg, 'q850ResponseCodes'));
      }
    }
  }
  if (sip.some((c) => c === 486 || c === 600 || c === 603) || q850.includes(17)) return 'busy';
  if (sip.some((c) => c === 408 || c === 480 || c === 487) || q850.some((c) => c === 18 || c === 19))
    return 'no-answer';
  if (sip.some((c) => c >= 400) || q850.some((c) => c !== 16)) return 'failed';
  return undefined;
}

const ORDER: Readonly<Record<CallState, number>> = {
  dialing: 0,
  connected: 1,
  busy: 1,
  'no-answer': 1,
  failed: 1,
  disconnected: 2,
};

/**
 * The states to report, in order, when the last reported state was `last` and the call now looks
 * like `snapshot`. States skipped between two looks are filled in (a call seen ended with a
 * `connectedTime` was connected), so a slow poll reports the same story as the event stream.
 * @example
 * transitions(undefined, { phase: 'ended', answered: true }) // → ['dialing', 'connected', 'disconnected']
 */
export function transitions(last: CallState | undefined, snapshot: CallSnapshot): CallState[] {
  const path: CallState[] = ['dialing'];
  if (snapshot.answered) path.push('connected');
  if (snapshot.phase === 'ended') {
    if (!snapshot.answered) path.push(snapshot.outcome ?? 'no-answer');
    path.push('disconnected');
  }
  if (last === undefined) return path;
  return path.filter((s) => ORDER[s] > ORDER[last]);
}

/** Whether no further state can follow. */
export function isFinal(state: CallState): boolean {
  return state === 'disconnected';
}
