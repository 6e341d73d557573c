/**
 * @module
 * Simulator commands beyond placing calls: inbound ACD calls, callbacks and routing priority,
 * offering a queued conversation to an agent, API disconnects, wrap-up, tags and attributes.
 */
import type { DisconnectType } from '../../core/index.ts';
import type { SimCore } from './conversation-engine.ts';
import { SYSTEM_WRAPUP_CODE, invalidError, notFoundError, stateError } from './conversation-engine.ts';
import { attributesEvent } from './detail-events.ts';
import { activeAcd, inWrapup, isActive, newParticipant, participant, sipAddress, startSegment } from './model.ts';
import { telUri, toE164 } from './test-numbers.ts';
import type { CreateCallbackInput, InboundAcdCallInput, SimConversation, SimParticipant } from './types.ts';

/** Genesys's routing priority range (platform spec §4.2). */
const PRIORITY_RANGE = 25_000_000;

function checkPriority(priority: number | undefined): void {
  if (priority === undefined) return;
  if (!Number.isInteger(priority) || Math.abs(priority) > PRIORITY_RANGE) {
    throw invalidError('priority', `priority must be an integer in [-25000000, 25000000]; got ${String(priority)}`);
  }
}

/** The commands shared by every conversation kind; {@link Simulator} adds the outbound-call ones. */
export class ConversationCommands {
  /** The engine room (state, transactions, timers). */
  protected readonly core: SimCore;

  constructor(core: SimCore) {
    this.core = core;
  }

  /** A directory user, or not-found naming `field`. */
  protected user(id: string, field: string): { id: string; name: string } {
    const u = this.core.directory.user(id);
    if (!u) throw notFoundError('user', id, field);
    return u;
  }

  /** A directory queue, or not-found naming `field`. */
  protected queue(id: string, field: string): { id: string; name: string } {
    const q = this.core.directory.queue(id);
    if (!q) throw notFoundError('queue', id, field);
    return q;
  }

  /** A participant of the conversation, or not-found. */
  protected participantOf(conv: SimConversation, participantId: string): SimParticipant {
    const p = participant(conv, participantId);
    if (!p) throw notFoundError('participant', participantId, 'participantId');
    return p;
  }

  /** A customer calls the org and waits in a queue (customer.start, acd.start). */
  inboundAcdCall(input: InboundAcdCallInput): SimConversation {
    const { core } = this;
    return core.tx(() => {
      const queue = this.queue(input.queueId, 'queueId');
      checkPriority(input.priority);
      const ani = telUri(toE164(input.ani, 'ani'));
      const dnis = telUri(input.dnis === undefined ? core.orgNumber : toE164(input.dnis, 'dnis'));
      const now = core.clock.now();
      const conv: SimConversation = {
        id: core.ids.uuid(),
        media: 'call',
        startTime: now,
        originatingDirection: 'inbound',
        participants: [],
      };
      const common = {
        media: 'call' as const,
        direction: 'inbound' as const,
        state: 'connected' as const,
        now,
        ani,
        dnis,
      };
      const customer = newParticipant({
        ...common,
        id: core.ids.uuid(),
        sessionId: core.ids.uuid(),
        purpose: 'customer',
        address: ani,
        ...(input.customerName === undefined ? {} : { name: input.customerName }),
      });
      const acd = newParticipant({
        ...common,
        id: core.ids.uuid(),
        sessionId: core.ids.uuid(),
        purpose: 'acd',
        queueId: queue.id,
        name: queue.name,
        address: sipAddress(queue.id),
        priority: input.priority ?? 0,
      });
      startSegment(customer, 'interact', now);
      startSegment(acd, 'interact', now);
      conv.participants.push(customer, acd);
      core.add(conv);
      core.joined(conv, customer);
      core.joined(conv, acd);
      return conv;
    });
  }

  /** A callback waits in a queue with a routing priority (customer.start, acd.start with mediaType CALLBACK). */
  createCallback(input: CreateCallbackInput): SimConversation {
    const { core } = this;
    return core.tx(() => {
      const queue = this.queue(input.queueId, 'queueId');
      checkPriority(input.priority);
      if (input.callbackNumbers.length === 0)
        throw invalidError('callbackNumbers', 'callbackNumbers must hold at least one number; got []');
      const numbers = input.callbackNumbers.map((n, i) => toE164(n, `callbackNumbers[${i}]`));
      const now = core.clock.now();
      const conv: SimConversation = {
        id: core.ids.uuid(),
        media: 'callback',
        startTime: now,
        originatingDirection: 'inbound',
        participants: [],
      };
      const common = {
        media: 'callback' as const,
        direction: 'inbound' as const,
        state: 'waiting' as const,
        now,
        callbackNumbers: numbers,
        ...(input.callbackUserName === undefined ? {} : { callbackUserName: input.callbackUserName }),
        ...(input.callbackScheduledTime === undefined ? {} : { callbackScheduledTime: input.callbackScheduledTime }),
      };
      const customer = newParticipant({
        ...common,
        id: core.ids.uuid(),
        sessionId: core.ids.uuid(),
        purpose: 'customer',
        address: telUri(numbers[0]!),
        ...(input.callbackUserName === undefined ? {} : { name: input.callbackUserName }),
      });
      const acd = newParticipant({
        ...common,
        id: core.ids.uuid(),
        sessionId: core.ids.uuid(),
        purpose: 'acd',
        queueId: queue.id,
        name: queue.name,
        address: sipAddress(queue.id),
        priority: input.priority ?? 0,
      });
      startSegment(customer, 'interact', now);
      startSegment(acd, 'interact', now);
      conv.participants.push(customer, acd);
      core.add(conv);
      core.joined(conv, customer);
      core.joined(conv, acd);
      return conv;
    });
  }

  /** Offer a queued conversation (call or callback) to an agent: the agent alerts (user.start with queueId). */
  routeToAgent(conversationId: string, userId: string): SimParticipant {
    const { core } = this;
    return core.tx(() => {
      const conv = core.require(conversationId);
      const acd = activeAcd(conv);
      if (!acd)
        throw stateError(
          `only a queued conversation can be offered to an agent; conversation ${conv.id} is not waiting in a queue`,
          { conversationId },
        );
      if (conv.participants.some((p) => p.purpose === 'agent' && p.state === 'alerting')) {
        throw stateError(
          `a queued conversation is offered to one agent at a time; conversation ${conv.id} is alerting an agent already`,
          { conversationId },
        );
      }
      const u = this.user(userId, 'userId');
      const now = core.clock.now();
      const agent = newParticipant({
        id: core.ids.uuid(),
        sessionId: core.ids.uuid(),
        purpose: 'agent',
        media: conv.media,
        // The agent calls a callback back; a queued call comes in to the agent.
        direction: conv.media === 'callback' ? 'outbound' : 'inbound',
        state: 'alerting',
        now,
        userId: u.id,
        name: u.name,
        address: sipAddress(u.id),
        wrapupRequired: true,
        ...(acd.queueId === undefined ? {} : { queueId: acd.queueId }),
        ...(acd.ani === undefined ? {} : { ani: acd.ani }),
        ...(acd.dnis === undefined ? {} : { dnis: acd.dnis }),
        ...(acd.callbackNumbers === undefined ? {} : { callbackNumbers: acd.callbackNumbers }),
        ...(acd.callbackUserName === undefined ? {} : { callbackUserName: acd.callbackUserName }),
        ...(acd.callbackScheduledTime === undefined ? {} : { callbackScheduledTime: acd.callbackScheduledTime }),
      });
      startSegment(agent, 'alert', now);
      conv.participants.push(agent);
      core.joined(conv, agent);
      core.schedule(`${conv.id}/${agent.id}/ring`, core.timing.ringTimeoutMs, () => {
        const c = core.find(conv.id);
        const a = c?.participants.find((p) => p.id === agent.id);
        if (!c || !a || a.state !== 'alerting') return;
        core.drop(c, a, 'NO_ANSWER_TRANSFER');
        core.settle(c);
      });
      return agent;
    });
  }

  /**
   * Offer a queued conversation to the next agent of its queue, as ACD does: a member of the queue
   * whose routing status is `IDLE` and who is on no other conversation, the one idle longest
   * first ([INFERRED] Genesys's default "longest idle" selection among equally skilled agents).
   * Refused, naming each member and why, when none is available.
   */
  routeToNextAgent(conversationId: string): SimParticipant {
    const { core } = this;
    const conv = core.require(conversationId);
    const acd = activeAcd(conv);
    if (!acd)
      throw stateError(
        `only a queued conversation can be offered to an agent; conversation ${conv.id} is not waiting in a queue`,
        { conversationId },
      );
    const queue = acd.queueId === undefined ? undefined : core.directory.queue(acd.queueId);
    const members = queue?.memberIds ?? [];
    const why = new Map<string, string>();
    const ready: { id: string; since: string }[] = [];
    const st = core.state;
    const busyUsers = new Set(
      st.order.flatMap(
        (id) =>
          st.conversations[id]?.participants
            .filter((p) => p.userId !== undefined && isActive(p))
            .map((p) => p.userId!) ?? [],
      ),
    );
    for (const id of members) {
      const status = core.directory.routingStatus?.(id) ?? { status: 'OFF_QUEUE', startTime: '' };
      if (!core.directory.user(id)) why.set(id, 'not a user of the org');
      else if (status.status !== 'IDLE') why.set(id, `routing status ${status.status}`);
      else if (busyUsers.has(id)) why.set(id, 'on another conversation');
      else ready.push({ id, since: status.startTime });
    }
    ready.sort((a, b) => a.since.localeCompare(b.since) || a.id.localeCompare(b.id));
    const next = ready[0];
    if (!next) {
      const list = members.map((id) => `${core.directory.user(id)?.name ?? id} (${why.get(id)})`).join(', ');
      throw stateError(
        `a queued conversation is offered to an available member of its queue; queue ${queue?.name ?? acd.queueId ?? '(none)'} has ${members.length === 0 ? 'no members' : `none available: ${list}`}`,
        { conversationId, queueId: acd.queueId },
      );
    }
    return this.routeToAgent(conversationId, next.id);
  }

  /** Offer a waiting callback to an agent who takes it at once. */
  connectCallback(conversationId: string, userId: string): SimConversation {
    return this.core.tx(() => {
      const conv = this.core.require(conversationId);
      if (conv.media !== 'callback')
        throw stateError(`connectCallback applies to callbacks; conversation ${conv.id} is a call`, { conversationId });
      const agent = this.routeToAgent(conversationId, userId);
      this.core.answer(conv, agent);
      return conv;
    });
  }

  /** The callback is cancelled before an agent took it: every participant disconnects. */
  cancelCallback(conversationId: string): SimConversation {
    const conv = this.core.require(conversationId);
    if (conv.media !== 'callback')
      throw stateError(`cancelCallback applies to callbacks; conversation ${conv.id} is a call`, { conversationId });
    return this.disconnectAll(conversationId, 'CLIENT');
  }

  /**
   * Set the routing priority of a conversation waiting in queue (PATCH /api/v2/routing/conversations).
   * Only an in-queue conversation has one (platform spec §4.2).
   */
  setPriority(conversationId: string, priority: number): number {
    return this.core.tx(() => {
      const conv = this.core.require(conversationId);
      checkPriority(priority);
      const acd = activeAcd(conv);
      if (!acd)
        throw stateError(
          `only an in-queue conversation has a routing priority; conversation ${conv.id} is not waiting in a queue`,
          { conversationId },
        );
      acd.priority = priority;
      return priority;
    });
  }

  /** Disconnect one participant through the API (`CLIENT`); the call ends if it cannot go on. */
  disconnectParticipant(
    conversationId: string,
    participantId: string,
    type: DisconnectType = 'CLIENT',
  ): SimConversation {
    return this.core.tx(() => {
      const conv = this.core.require(conversationId);
      const p = this.participantOf(conv, participantId);
      if (!isActive(p)) return conv;
      this.core.cancel(`${conv.id}/dial`);
      this.core.drop(conv, p, type);
      this.core.settle(conv);
      return conv;
    });
  }

  /**
   * Tear the whole conversation down. With `systemWrapup`, agents pending wrap-up get the system
   * code at once (what POST /api/v2/conversations/{id}/disconnect does, platform spec §4.1).
   */
  disconnectAll(conversationId: string, type: DisconnectType = 'SYSTEM', systemWrapup = false): SimConversation {
    return this.core.tx(() => {
      const conv = this.core.require(conversationId);
      for (const p of conv.participants) this.core.drop(conv, p, type);
      this.core.end(conv);
      if (systemWrapup)
        for (const p of conv.participants) if (inWrapup(p)) this.core.completeWrapup(conv, p, SYSTEM_WRAPUP_CODE);
      return conv;
    });
  }

  /** An agent in after-call work applies a wrap-up code (the `acw` and `wrapup` events fire). */
  wrapUp(conversationId: string, participantId: string, wrapup: { code: string; notes?: string }): SimConversation {
    return this.core.tx(() => {
      const conv = this.core.require(conversationId);
      const p = this.participantOf(conv, participantId);
      if (!inWrapup(p))
        throw stateError(
          `only an agent in after-call work can wrap up; participant ${p.id} of conversation ${conv.id} is ${p.state}`,
          { conversationId, participantId },
        );
      this.core.completeWrapup(conv, p, wrapup.code, wrapup.notes);
      return conv;
    });
  }

  /** Set the conversation's external tag (shown as `externalTag` by the conversations and analytics APIs). */
  setExternalTag(conversationId: string, externalTag: string): SimConversation {
    return this.core.tx(() => {
      const conv = this.core.require(conversationId);
      conv.externalTag = externalTag;
      return conv;
    });
  }

  /** Merge participant attributes (the `attributes` event fires unless the update is empty). */
  setAttributes(conversationId: string, participantId: string, attributes: Record<string, string>): SimConversation {
    return this.core.tx(() => {
      const conv = this.core.require(conversationId);
      const p = this.participantOf(conv, participantId);
      if (Object.keys(attributes).length === 0) return conv;
      Object.assign(p.attributes, attributes);
      this.core.emit(conv, attributesEvent(conv, p, this.core.clock.now()));
      return conv;
    });
  }
}
