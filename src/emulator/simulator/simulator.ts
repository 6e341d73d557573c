/**
 * @module
 * The call simulator: a conversation state machine driven by commands and by the injected clock's
 * timers (dialing, ringing, test-number outcomes, wrap-up timeouts), emitting Genesys detail
 * events. No HTTP here: the Conversations providers and the `/_switchboard/simulator` control
 * routes call these methods.
 *
 * Far-end outcomes of PSTN calls follow the documented test numbers (see `test-numbers.ts`):
 * `+13175550100` answers, `…0101` is busy, `…0102` never answers, `…0103` fails, `…0104` answers
 * then hangs up; any other number waits for {@link Simulator.answer} / {@link Simulator.busy} /
 * {@link Simulator.noAnswer} or the ring timeout.
 */
import { SimCore, stateError } from './conversation-engine.ts';
import type { SimulatorOptions } from './conversation-engine.ts';
import { activeAcd, isActive, isRinging, newParticipant, sipAddress, startSegment } from './model.ts';
import { farEndOutcome, telUri, toE164 } from './test-numbers.ts';
import type { CallTarget, HangUpSide, PlaceCallInput, SimConversation, SimParticipant, SimTiming } from './types.ts';
import { ConversationCommands } from './commands.ts';
import { FAR_END_CAUSES, resolveTarget } from './call-targets.ts';
import type { ResolvedTarget } from './call-targets.ts';

/**
 * Simulates voice calls and callbacks of one org.
 * @example
 * const sim = new Simulator({ clock, ids, directory, state: () => st, publish: (e) => bus.publish(orgId, e) });
 * const conv = sim.placeCall({ fromUserId: agentId, to: { phoneNumber: '+13175550100' } });
 * await clock.advance(3_000); // dialing 1 s, the test number answers 2 s later
 * sim.hangUp(conv.id, 'caller');
 */
export class Simulator extends ConversationCommands {
  /** The effective timing (defaults merged with the options). */
  get timing(): SimTiming {
    return this.core.timing;
  }

  constructor(opts: SimulatorOptions) {
    super(new SimCore(opts));
  }

  /** A conversation by id, if it exists. */
  get(conversationId: string): SimConversation | undefined {
    return this.core.find(conversationId);
  }

  /** Every conversation still held, oldest first. */
  list(): SimConversation[] {
    const st = this.core.state;
    return st.order.map((id) => st.conversations[id]).filter((c): c is SimConversation => c !== undefined);
  }

  /** Conversations in which the user has an active call. */
  activeCallsOf(userId: string): SimConversation[] {
    return this.list().filter(
      (c) => c.media === 'call' && c.participants.some((p) => p.userId === userId && isActive(p)),
    );
  }

  /** Stop every pending timer (the state stays as it is). */
  dispose(): void {
    this.core.cancelAll();
  }

  /**
   * A user places a call to a phone number, another user, a group or a queue, optionally on
   * behalf of a queue (then the caller is an `agent` and every event carries `queueId`).
   */
  placeCall(input: PlaceCallInput): SimConversation {
    const { core } = this;
    return core.tx(() => {
      const caller = this.user(input.fromUserId, 'fromUserId');
      const queue = input.queueId === undefined ? undefined : this.queue(input.queueId, 'queueId');
      const target = this.#resolve(input.to, caller.id);
      const now = core.clock.now();
      const pstn = target.kind === 'pstn';
      const ani = pstn
        ? telUri(input.callerId === undefined ? core.orgNumber : toE164(input.callerId, 'callerId'))
        : sipAddress(caller.id);
      const dnis = pstn ? telUri(target.e164) : sipAddress(target.id);
      const conv: SimConversation = {
        id: core.ids.uuid(),
        media: 'call',
        startTime: now,
        originatingDirection: 'outbound',
        participants: [],
      };
      const from = newParticipant({
        id: core.ids.uuid(),
        sessionId: core.ids.uuid(),
        purpose: queue ? 'agent' : 'user',
        media: 'call',
        direction: 'outbound',
        state: 'dialing',
        now,
        userId: caller.id,
        name: caller.name,
        address: sipAddress(caller.id),
        ani,
        dnis,
        ...(queue ? { queueId: queue.id, wrapupRequired: true } : {}),
      });
      startSegment(from, 'dialing', now);
      conv.participants.push(from);
      if (pstn) {
        conv.participants.push(
          newParticipant({
            id: core.ids.uuid(),
            sessionId: core.ids.uuid(),
            purpose: 'external',
            media: 'call',
            direction: 'outbound',
            state: 'dialing',
            now,
            address: dnis,
            ani,
            dnis,
            name: target.e164,
          }),
        );
      }
      core.add(conv);
      for (const p of conv.participants) core.joined(conv, p);
      const start = (): void => this.#startRinging(conv.id, target);
      this.core.dialStarts.set(conv.id, start);
      core.schedule(`${conv.id}/dial`, core.timing.dialingMs, start);
      return conv;
    });
  }

  /** The far end (or the given ringing participant, e.g. one group member or an offered agent) answers. */
  answer(conversationId: string, participantId?: string): SimConversation {
    return this.core.tx(() => {
      const conv = this.core.require(conversationId);
      this.#ringNow(conv);
      const p = participantId === undefined ? this.#ringing(conv)[0] : this.participantOf(conv, participantId);
      if (!p)
        throw stateError(`answer needs a ringing participant; conversation ${conv.id} has none`, { conversationId });
      this.core.answer(conv, p);
      return conv;
    });
  }

  /** The ringing far end is busy (or the ringing user declines): the call ends. */
  busy(conversationId: string): SimConversation {
    return this.#farEndFails(conversationId, 'busy');
  }

  /** The ringing far end does not answer: the call ends as if the ring timeout had passed. */
  noAnswer(conversationId: string): SimConversation {
    return this.#farEndFails(conversationId, 'no-answer');
  }

  /** The call to the far end fails in the network. */
  fail(conversationId: string): SimConversation {
    return this.#farEndFails(conversationId, 'failure');
  }

  /** Hold (or, with `held: false`, resume) a connected participant — by default the first connected user/agent. */
  hold(conversationId: string, participantId?: string, held = true): SimConversation {
    return this.core.tx(() => {
      const conv = this.core.require(conversationId);
      const p =
        participantId === undefined
          ? conv.participants.find((x) => (x.purpose === 'user' || x.purpose === 'agent') && x.state === 'connected')
          : this.participantOf(conv, participantId);
      if (!p || p.state !== 'connected') {
        throw stateError(
          `only a connected participant can be ${held ? 'held' : 'resumed'}; conversation ${conv.id} has no such participant${participantId === undefined ? '' : ` ${participantId}`}`,
          { conversationId },
        );
      }
      if (p.held === held) return conv;
      const now = this.core.clock.now();
      startSegment(p, held ? 'hold' : 'interact', now);
      p.held = held;
      if (held) p.startHoldTime = now;
      else delete p.startHoldTime;
      return conv;
    });
  }

  /** Resume a held participant. */
  resume(conversationId: string, participantId?: string): SimConversation {
    return this.hold(conversationId, participantId, false);
  }

  /**
   * One side hangs up: `caller` is the originator (the calling user, the inbound customer),
   * `callee` the other party, `agent` / `customer` by role, or a participant id. A user hanging
   * up is `CLIENT`, a PSTN party `ENDPOINT`; the others drop as `PEER` when the call cannot go on.
   */
  hangUp(conversationId: string, side: HangUpSide): SimConversation {
    return this.core.tx(() => {
      const conv = this.core.require(conversationId);
      const p = this.#side(conv, side);
      this.core.cancel(`${conv.id}/dial`);
      this.core.drop(conv, p, p.purpose === 'user' || p.purpose === 'agent' ? 'CLIENT' : 'ENDPOINT');
      this.core.settle(conv);
      return conv;
    });
  }

  #resolve(to: CallTarget, callerId: string): ResolvedTarget {
    return resolveTarget(to, callerId, {
      user: (id, field) => this.user(id, field),
      queue: (id, field) => this.queue(id, field),
      directory: this.core.directory,
    });
  }

  /** Dialing is over: the caller is contacting and the far end rings (or fails, per test number). */
  #startRinging(conversationId: string, target: ResolvedTarget): void {
    this.core.dialStarts.delete(conversationId);
    const { core } = this;
    const conv = core.find(conversationId);
    const caller = conv?.participants[0];
    if (!conv || !caller || caller.state !== 'dialing') return;
    const now = core.clock.now();
    caller.state = 'contacting';
    startSegment(caller, 'contacting', now);
    const common = { media: 'call' as const, direction: 'inbound' as const, now, ani: caller.ani, dnis: caller.dnis };
    switch (target.kind) {
      case 'pstn': {
        const ext = conv.participants.find((p) => p.purpose === 'external');
        if (!ext || ext.state !== 'dialing') return;
        ext.state = 'alerting';
        ext.alertingTime = now;
        startSegment(ext, 'alert', now);
        const outcome = farEndOutcome(target.e164);
        if (outcome === 'busy' || outcome === 'failure') return this.#endFarEnd(conv, outcome);
        if (outcome === 'answer' || outcome === 'answer-then-hang-up') {
          core.schedule(`${conv.id}/answer`, core.timing.answerAfterMs, () => {
            const c = core.find(conv.id);
            const e = c?.participants.find((p) => p.id === ext.id);
            if (!c || !e || !isRinging(e)) return;
            core.answer(c, e);
            if (outcome === 'answer-then-hang-up') {
              core.schedule(`${c.id}/talk`, core.timing.talkMs, () => {
                const c2 = core.find(c.id);
                const e2 = c2?.participants.find((p) => p.id === e.id);
                if (!c2 || !e2 || !isActive(e2)) return;
                core.drop(c2, e2, 'ENDPOINT');
                core.settle(c2);
              });
            }
          });
        }
        break;
      }
      case 'user': {
        const callee = newParticipant({
          ...common,
          id: core.ids.uuid(),
          sessionId: core.ids.uuid(),
          purpose: 'user',
          state: 'alerting',
          userId: target.id,
          name: target.name,
          address: sipAddress(target.id),
        });
        startSegment(callee, 'alert', now);
        conv.participants.push(callee);
        core.joined(conv, callee);
        break;
      }
      case 'group': {
        const group = newParticipant({
          ...common,
          id: core.ids.uuid(),
          sessionId: core.ids.uuid(),
          purpose: 'group',
          state: 'alerting',
          groupId: target.id,
          name: target.name,
          address: sipAddress(target.id),
        });
        startSegment(group, 'alert', now);
        conv.participants.push(group);
        for (const memberId of target.memberIds) {
          const u = core.directory.user(memberId)!;
          const member = newParticipant({
            ...common,
            id: core.ids.uuid(),
            sessionId: core.ids.uuid(),
            purpose: 'user',
            state: 'alerting',
            userId: u.id,
            name: u.name,
            groupId: target.id,
            address: sipAddress(u.id),
          });
          startSegment(member, 'alert', now);
          conv.participants.push(member);
          core.joined(conv, member);
        }
        break;
      }
      case 'queue': {
        const acd = newParticipant({
          ...common,
          id: core.ids.uuid(),
          sessionId: core.ids.uuid(),
          purpose: 'acd',
          state: 'connected',
          queueId: target.id,
          name: target.name,
          priority: 0,
        });
        startSegment(acd, 'interact', now);
        conv.participants.push(acd);
        core.joined(conv, acd);
        return;
      }
    }
    core.schedule(`${conv.id}/ring`, core.timing.ringTimeoutMs, () => {
      const c = core.find(conv.id);
      if (c && this.#ringing(c).length > 0) this.#endFarEnd(c, 'no-answer');
    });
  }

  /** If the caller is still dialing, start the ringing now (so commands need not wait for the timer). */
  #ringNow(conv: SimConversation): void {
    const start = this.core.dialStarts.get(conv.id);
    if (!start) return;
    this.core.cancel(`${conv.id}/dial`);
    start();
  }

  /** Ringing far-end parties of a call (externals, users, group members, offered agents). */
  #ringing(conv: SimConversation): SimParticipant[] {
    return conv.participants.slice(1).filter((p) => isRinging(p) && p.purpose !== 'group');
  }

  #farEndFails(conversationId: string, outcome: 'busy' | 'failure' | 'no-answer'): SimConversation {
    return this.core.tx(() => {
      const conv = this.core.require(conversationId);
      const dialing = this.core.dialStarts.has(conv.id);
      this.#ringNow(conv);
      // A busy or failing test number ends the call as soon as it would ring: the far end
      // already failed, which is what the command asked for.
      if (dialing && conv.endTime !== undefined) return conv;
      if (this.#ringing(conv).length === 0 || activeAcd(conv)) {
        throw stateError(
          `${outcome} applies to a ringing far end of an outbound call; conversation ${conv.id} has none`,
          { conversationId },
        );
      }
      this.#endFarEnd(conv, outcome);
      return conv;
    });
  }

  #endFarEnd(conv: SimConversation, outcome: 'busy' | 'failure' | 'no-answer'): void {
    const { type, causes } = FAR_END_CAUSES[outcome];
    for (const p of conv.participants.slice(1)) {
      if (!isActive(p)) continue;
      this.core.drop(conv, p, type, p.purpose === 'external' ? causes : {});
    }
    this.core.settle(conv);
  }

  #side(conv: SimConversation, side: HangUpSide): SimParticipant {
    const active = conv.participants.filter(isActive);
    const prefer = (ps: SimParticipant[]): SimParticipant | undefined =>
      ps.find((p) => p.state === 'connected') ?? ps[0];
    let p: SimParticipant | undefined;
    if (typeof side === 'object') p = this.participantOf(conv, side.participantId);
    else if (side === 'caller') p = conv.participants[0];
    else if (side === 'callee')
      p = prefer(active.filter((x) => x !== conv.participants[0] && x.purpose !== 'acd' && x.purpose !== 'group'));
    else if (side === 'agent') p = prefer(active.filter((x) => x.purpose === 'user' || x.purpose === 'agent'));
    else p = prefer(active.filter((x) => x.purpose === 'customer' || x.purpose === 'external'));
    if (!p || !isActive(p) || p.purpose === 'acd' || p.purpose === 'group') {
      const name = typeof side === 'object' ? `participant ${side.participantId}` : `${side} participant`;
      throw stateError(`hang up needs an active party; conversation ${conv.id} has no active ${name}`, {
        conversationId: conv.id,
      });
    }
    return p;
  }
}
