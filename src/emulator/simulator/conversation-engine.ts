/**
 * @module
 * The simulator's engine room, shared by its public commands: state access, one transaction per
 * command (events are published after the state change is complete, so a synchronous subscriber
 * reading the conversation back sees the new state), clock timers keyed per conversation, and
 * the transitions every scenario reuses (disconnect, settle, answer, wrap-up).
 */
import { SwitchboardError, detailTopic, silentLogger } from '../../core/index.ts';
import type { Clock, DisconnectType, Ids, Logger, NotificationEvent, TimerHandle } from '../../core/index.ts';
import { acwEvent, endEvent, startEvent, wrapupEvent } from './detail-events.ts';
import type { AcdOutcome, DetailEvent } from './detail-events.ts';
import { SimulatorErrors } from './errors.ts';
import { activeAcd, closeSegment, connect, disconnect, inWrapup, isActive, isRinging } from './model.ts';
import type { Directory, SimConversation, SimParticipant, SimSegment, SimState, SimTiming } from './types.ts';

/** The wrap-up code the system applies when an agent's wrap-up times out or is forced. */
export const SYSTEM_WRAPUP_CODE = 'ININ-WRAP-UP-TIMEOUT';

/** Default timing (ms): 1 s dialing, 30 s ring timeout, answer after 2 s, talk 10 s, 30 s wrap-up. */
export const DEFAULT_TIMING: SimTiming = {
  dialingMs: 1_000,
  ringTimeoutMs: 30_000,
  answerAfterMs: 2_000,
  talkMs: 10_000,
  wrapupTimeoutMs: 30_000,
};

/** The org's main number when none is configured: ani of outbound PSTN calls, dnis of inbound ones. */
const DEFAULT_ORG_NUMBER = '+13175550000';

/** Options of a {@link Simulator}. */
export interface SimulatorOptions {
  readonly clock: Clock;
  readonly ids: Ids;
  readonly directory: Directory;
  /** The org's simulator state (read on every command, so a store reset is seen at once). */
  readonly state: () => SimState;
  /** Called after every command that changed the state (to mark the store dirty). */
  readonly changed?: () => void;
  /** Receives every detail event, wrapped as a notification with its concrete topic. */
  readonly publish: (event: NotificationEvent) => void;
  readonly timing?: Partial<SimTiming>;
  /** The org's main number (E.164). */
  readonly orgNumber?: string;
  /** How many conversations to keep; the oldest ended ones are evicted beyond it. */
  readonly maxConversations?: number;
  readonly logger?: Logger;
}

/** A new, empty simulator state. */
export function emptySimState(): SimState {
  return { conversations: {}, order: [] };
}

/** Throw the simulator's not-found error. */
export function notFoundError(what: string, id: string, field?: string): SwitchboardError {
  return new SwitchboardError(
    SimulatorErrors.SB_EMULATOR_SIM_NOT_FOUND,
    `${what} must exist; ${what} ${id} was not found`,
    {
      details: { entity: what, id, ...(field === undefined ? {} : { field }) },
    },
  );
}

/** Throw the simulator's wrong-state error. */
export function stateError(message: string, details: Record<string, unknown> = {}): SwitchboardError {
  return new SwitchboardError(SimulatorErrors.SB_EMULATOR_SIM_STATE, message, { details });
}

/** Throw the simulator's invalid-input error. */
export function invalidError(field: string, message: string): SwitchboardError {
  return new SwitchboardError(SimulatorErrors.SB_EMULATOR_SIM_INVALID, message, { details: { field } });
}

/** The shared machinery of the simulator's commands. */
export class SimCore {
  readonly clock: Clock;
  readonly ids: Ids;
  readonly directory: Directory;
  readonly timing: SimTiming;
  readonly orgNumber: string;
  readonly #opts: SimulatorOptions;
  readonly #logger: Logger;
  readonly #timers = new Map<string, TimerHandle>();
  /** Timer keys (`<conversationId>/…`) by conversation, so ending a call never scans every timer. */
  readonly #timerKeys = new Map<string, Set<string>>();
  /** Outbound calls still dialing: starting their ringing early (a command arrived first). */
  readonly dialStarts = new Map<string, () => void>();
  #pending: NotificationEvent[] | undefined;

  constructor(opts: SimulatorOptions) {
    this.#opts = opts;
    this.clock = opts.clock;
    this.ids = opts.ids;
    this.directory = opts.directory;
    this.timing = { ...DEFAULT_TIMING, ...opts.timing };
    this.orgNumber = opts.orgNumber ?? DEFAULT_ORG_NUMBER;
    this.#logger = opts.logger ?? silentLogger;
  }

  get state(): SimState {
    return this.#opts.state();
  }

  /** A conversation by id, if it exists. */
  find(conversationId: string): SimConversation | undefined {
    return this.state.conversations[conversationId];
  }

  /** A conversation by id, or the not-found error. */
  require(conversationId: string): SimConversation {
    const conv = this.find(conversationId);
    if (!conv) throw notFoundError('conversation', conversationId);
    return conv;
  }

  /** Add a conversation, evicting the oldest ended ones beyond the cap. */
  add(conv: SimConversation): void {
    const st = this.state;
    st.conversations[conv.id] = conv;
    st.order.push(conv.id);
    const max = this.#opts.maxConversations ?? 5_000;
    for (let i = 0; st.order.length > max && i < st.order.length;) {
      const id = st.order[i]!;
      const old = st.conversations[id];
      if (old && old.endTime === undefined) i++;
      else {
        st.order.splice(i, 1);
        delete st.conversations[id];
      }
    }
  }

  /**
   * Run one command: state changes first, then the store is marked changed, then the events
   * collected on the way are published (nested commands join the outer one).
   */
  tx<T>(fn: () => T): T {
    const outer = this.#pending;
    const mine = outer ?? [];
    this.#pending = mine;
    try {
      return fn();
    } finally {
      if (!outer) {
        this.#pending = undefined;
        this.#opts.changed?.();
        for (const e of mine) this.#opts.publish(e);
      }
    }
  }

  /** Queue a detail event of the current command. */
  emit(conv: SimConversation, event: DetailEvent | undefined): void {
    if (!event) return;
    const n: NotificationEvent = {
      topicName: detailTopic(conv.id, event.kind),
      version: '2',
      eventBody: event.body as Record<string, unknown>,
      metadata: { CorrelationId: this.ids.uuid() },
    };
    if (this.#pending) this.#pending.push(n);
    else this.#opts.publish(n);
  }

  /** Emit the participant's start event. */
  joined(conv: SimConversation, p: SimParticipant): void {
    this.emit(conv, startEvent(conv, p, this.clock.now()));
  }

  /** Run `fn` (as its own command) after `ms`; a timer with the same key is replaced. */
  schedule(key: string, ms: number, fn: () => void): void {
    this.#timers.get(key)?.cancel();
    const handle = this.clock.setTimer(() => {
      if (this.#timers.get(key) !== handle) return;
      this.#forget(key);
      try {
        this.tx(fn);
      } catch (err) {
        // A timer acting on a conversation that changed meanwhile must not take the process down.
        this.#logger.warn({ err, key }, 'simulator timer failed');
      }
    }, ms);
    this.#timers.set(key, handle);
    const conversationId = key.slice(0, key.indexOf('/'));
    let keys = this.#timerKeys.get(conversationId);
    if (!keys) this.#timerKeys.set(conversationId, (keys = new Set()));
    keys.add(key);
  }

  #forget(key: string): void {
    this.#timers.delete(key);
    const conversationId = key.slice(0, key.indexOf('/'));
    const keys = this.#timerKeys.get(conversationId);
    if (keys?.delete(key) && keys.size === 0) this.#timerKeys.delete(conversationId);
  }

  /** Cancel one timer. */
  cancel(key: string): void {
    this.#timers.get(key)?.cancel();
    this.#forget(key);
  }

  /** Cancel a conversation's call-progress timers (wrap-up timers keep running). */
  cancelCallTimers(conversationId: string): void {
    this.dialStarts.delete(conversationId);
    for (const key of [...(this.#timerKeys.get(conversationId) ?? [])]) {
      if (!key.endsWith('/wrapup')) this.cancel(key);
    }
  }

  /** Cancel every timer. */
  cancelAll(): void {
    for (const key of [...this.#timers.keys()]) this.cancel(key);
    this.dialStarts.clear();
  }

  /** Disconnect one participant, emitting its end event and starting its wrap-up if due. */
  drop(conv: SimConversation, p: SimParticipant, type: DisconnectType, causes: Partial<SimSegment> = {}): void {
    const now = this.clock.now();
    let acd: AcdOutcome | undefined;
    if (p.purpose === 'acd') {
      const answered = conv.participants.find((x) => x.purpose === 'agent' && x.state === 'connected');
      acd = answered
        ? { acdOutcome: 'ANSWERED', ...(answered.userId === undefined ? {} : { answeredUserId: answered.userId }) }
        : { acdOutcome: 'ABANDON' };
    }
    if (!disconnect(p, now, type, causes)) return;
    this.cancel(`${conv.id}/${p.id}/ring`);
    this.emit(conv, endEvent(conv, p, now, acd));
    if (inWrapup(p)) {
      this.schedule(`${conv.id}/${p.id}/wrapup`, this.timing.wrapupTimeoutMs, () => {
        const c = this.find(conv.id);
        const q = c?.participants.find((x) => x.id === p.id);
        if (c && q && inWrapup(q)) this.completeWrapup(c, q, SYSTEM_WRAPUP_CODE);
      });
    }
  }

  /**
   * After a disconnect: the call goes on while its originator (participant 0) and at least one
   * other party (ringing, queued or connected; groups do not count) remain. Otherwise every
   * remaining party is disconnected as `PEER` and the conversation ends.
   */
  settle(conv: SimConversation): void {
    const origin = conv.participants[0];
    const others = conv.participants.slice(1).filter((p) => isActive(p) && p.purpose !== 'group');
    if (origin && isActive(origin) && others.length > 0) return;
    for (const p of conv.participants.slice(1)) this.drop(conv, p, 'PEER');
    if (origin) this.drop(conv, origin, 'PEER');
    this.end(conv);
  }

  /** Mark the conversation ended (once every participant is down). */
  end(conv: SimConversation): void {
    if (conv.participants.some(isActive)) return;
    conv.endTime ??= this.clock.now();
    this.cancelCallTimers(conv.id);
  }

  /** A ringing participant answers; the parties waiting for it connect. */
  answer(conv: SimConversation, p: SimParticipant): void {
    if (!isRinging(p)) {
      throw stateError(
        `only a ringing participant can answer; participant ${p.id} of conversation ${conv.id} is ${p.state}`,
        {
          conversationId: conv.id,
          participantId: p.id,
          state: p.state,
        },
      );
    }
    const now = this.clock.now();
    this.cancel(`${conv.id}/${p.id}/ring`);
    this.cancel(`${conv.id}/ring`);
    connect(p, now);
    if (p.purpose === 'agent') {
      const acd = activeAcd(conv);
      if (acd) this.drop(conv, acd, 'TRANSFER');
    }
    for (const other of conv.participants) {
      if (other === p || !isActive(other)) continue;
      if (other.groupId !== undefined && p.groupId === other.groupId) {
        // The first member of a group ring to pick up takes the call; the group hands it over.
        this.drop(conv, other, other.purpose === 'group' ? 'TRANSFER' : 'OTHER');
      } else if (other.state === 'dialing' || other.state === 'contacting' || other.state === 'waiting') {
        connect(other, now);
      }
    }
  }

  /** Apply a wrap-up code: the wrap-up segment closes, the participant terminates, `acw` then `wrapup` fire. */
  completeWrapup(conv: SimConversation, p: SimParticipant, code: string, notes?: string): void {
    const now = this.clock.now();
    p.wrapup = { code, at: now, ...(notes === undefined ? {} : { notes }) };
    closeSegment(p, now, { wrapUpCode: code, ...(notes === undefined ? {} : { wrapUpNote: notes }) });
    p.state = 'terminated';
    this.cancel(`${conv.id}/${p.id}/wrapup`);
    // [INFERRED] The order Genesys would plausibly emit: the after-call work ends (acw), then
    // the code it produced is applied (wrapup); platform.md §2.1 documents no order.
    this.emit(conv, acwEvent(conv, p, now));
    this.emit(conv, wrapupEvent(conv, p, now));
  }
}
