import { describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../../core/index.ts';
import { AGENT, AGENT2, QUEUE, makeSim } from './fixtures.test-support.ts';
import { SYSTEM_WRAPUP_CODE } from './conversation-engine.ts';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isSwitchboardError(e) ? e.code : 'not a SwitchboardError';
  }
  return undefined;
}

describe('inbound ACD calls', () => {
  it('waits in queue, is answered by an agent, and the agent wraps up (acw)', async () => {
    const { sim, clock, events, kinds } = makeSim();
    const conv = sim.inboundAcdCall({ ani: '+1 (317) 555-7777', queueId: QUEUE });
    expect(kinds()).toEqual(['customer.start', 'acd.start']);
    expect(events[1]!.eventBody).toMatchObject({
      queueId: QUEUE,
      routingPriority: 0,
      direction: 'INBOUND',
      ani: 'tel:+13175557777',
      dnis: 'tel:+13175550000',
    });
    await clock.advance(20_000);
    const agent = sim.routeToAgent(conv.id, AGENT);
    expect(events[2]!.eventBody).toMatchObject({ userId: AGENT, queueId: QUEUE, direction: 'INBOUND' });
    await clock.advance(4_000);
    sim.answer(conv.id, agent.id);
    expect(kinds().slice(3)).toEqual(['acd.end']);
    expect(events[3]!.eventBody).toMatchObject({
      acdOutcome: 'ANSWERED',
      answeredUserId: AGENT,
      disconnectType: 'TRANSFER',
      connectedDurationMs: 24_000,
    });
    await clock.advance(60_000);
    sim.hangUp(conv.id, 'customer');
    expect(agent.state).toBe('disconnected');
    expect(events.at(-1)!.eventBody).toMatchObject({
      userId: AGENT,
      disconnectType: 'PEER',
      alertingDurationMs: 4_000,
      interactingDurationMs: 60_000,
    });
    await clock.advance(5_000);
    sim.wrapUp(conv.id, agent.id, { code: 'resolved', notes: 'all good' });
    expect(kinds().slice(-2)).toEqual(['acw', 'wrapup']);
    expect(events.at(-2)!.eventBody).toMatchObject({
      wrapupCode: 'resolved',
      wrapupNotes: 'all good',
      wrapupDurationMs: 5_000,
      queueId: QUEUE,
      userId: AGENT,
      mediaType: 'VOICE',
    });
    // WrapupEvent has the acw fields but no userId (platform.md §2.2).
    const wrapup = events.at(-1)!.eventBody;
    expect(wrapup).toMatchObject({
      conversationId: conv.id,
      participantId: agent.id,
      wrapupCode: 'resolved',
      wrapupNotes: 'all good',
      wrapupDurationMs: 5_000,
      queueId: QUEUE,
      mediaType: 'VOICE',
      direction: 'INBOUND',
    });
    expect(wrapup).not.toHaveProperty('userId');
    expect(agent.state).toBe('terminated');
    expect(codeOf(() => sim.wrapUp(conv.id, agent.id, { code: 'again' }))).toBe('SB_EMULATOR_SIM_STATE');
  });

  it('an agent who does not answer the offer drops as NO_ANSWER_TRANSFER and the call stays queued', async () => {
    const { sim, clock } = makeSim({ ringTimeoutMs: 8_000 });
    const conv = sim.inboundAcdCall({ ani: '+13175557777', queueId: QUEUE });
    const agent = sim.routeToAgent(conv.id, AGENT);
    await clock.advance(8_000);
    expect(agent.disconnectType).toBe('NO_ANSWER_TRANSFER');
    expect(agent.segments.map((s) => s.type)).toEqual(['alert']);
    expect(conv.endTime).toBeUndefined();
    const next = sim.routeToAgent(conv.id, AGENT2);
    expect(next.state).toBe('alerting');
    expect(codeOf(() => sim.routeToAgent(conv.id, AGENT))).toBe('SB_EMULATOR_SIM_STATE');
  });

  it('a customer who hangs up in queue abandons (acd.end ABANDON)', () => {
    const { sim, events } = makeSim();
    const conv = sim.inboundAcdCall({ ani: '+13175557777', queueId: QUEUE });
    sim.hangUp(conv.id, 'caller');
    const acdEnd = events.find((e) => e.topicName.endsWith('acd.end'))!.eventBody;
    expect(acdEnd).toMatchObject({ acdOutcome: 'ABANDON', disconnectType: 'PEER' });
    expect('answeredUserId' in acdEnd).toBe(false);
    expect(conv.endTime).toBe(T0);
  });
});

describe('callbacks', () => {
  it('waits in queue with a priority, which can change until an agent connects', () => {
    const { sim, events, kinds } = makeSim();
    const conv = sim.createCallback({
      queueId: QUEUE,
      callbackNumbers: ['+13175558888'],
      callbackUserName: 'Pat',
      priority: 5,
    });
    expect(kinds()).toEqual(['customer.start', 'acd.start']);
    expect(events[1]!.eventBody).toMatchObject({
      mediaType: 'CALLBACK',
      queueId: QUEUE,
      routingPriority: 5,
      callbackNumbers: ['+13175558888'],
      callbackUserName: 'Pat',
    });
    expect(conv.participants.map((p) => [p.purpose, p.state])).toEqual([
      ['customer', 'waiting'],
      ['acd', 'waiting'],
    ]);
    expect(sim.setPriority(conv.id, 6)).toBe(6);
    expect(conv.participants[1]!.priority).toBe(6);
    expect(codeOf(() => sim.setPriority(conv.id, 1.5))).toBe('SB_EMULATOR_SIM_INVALID');
    sim.connectCallback(conv.id, AGENT);
    expect(conv.participants.map((p) => [p.purpose, p.state])).toEqual([
      ['customer', 'connected'],
      ['acd', 'disconnected'],
      ['agent', 'connected'],
    ]);
    expect(events.find((e) => e.topicName.endsWith('acd.end'))!.eventBody).toMatchObject({
      acdOutcome: 'ANSWERED',
      answeredUserId: AGENT,
      routingPriority: 6,
    });
    expect(codeOf(() => sim.setPriority(conv.id, 7))).toBe('SB_EMULATOR_SIM_STATE');
  });

  it('a scheduled callback offered to an agent: user.start and acw carry callbackScheduledTime like acd.start', () => {
    const { sim, events } = makeSim();
    const at = T0 + 3_600_000;
    const conv = sim.createCallback({ queueId: QUEUE, callbackNumbers: ['+13175558888'], callbackScheduledTime: at });
    expect(events[1]!.eventBody.callbackScheduledTime).toBe(at);
    sim.connectCallback(conv.id, AGENT);
    const userStart = events.find((e) => e.topicName.endsWith('.user.start'))!;
    expect(userStart.eventBody).toMatchObject({
      mediaType: 'CALLBACK',
      callbackNumbers: ['+13175558888'],
      callbackScheduledTime: at,
    });
    sim.disconnectAll(conv.id, 'SYSTEM', true);
    expect(events.at(-2)!.topicName.endsWith('.acw')).toBe(true);
    expect(events.at(-2)!.eventBody.callbackScheduledTime).toBe(at);
  });

  it('after the agent hangs up, wrap-up times out with the system code and acw carries CALLBACK + queueId', async () => {
    const { sim, clock, events } = makeSim({ wrapupTimeoutMs: 15_000 });
    const conv = sim.createCallback({ queueId: QUEUE, callbackNumbers: ['+13175558888'] });
    sim.connectCallback(conv.id, AGENT);
    sim.hangUp(conv.id, 'agent');
    expect(conv.participants[0]!.state).toBe('disconnected');
    await clock.advance(15_000);
    const [acw, wrapup] = events.slice(-2);
    expect(acw!.topicName.endsWith('.acw')).toBe(true);
    expect(acw!.eventBody).toMatchObject({
      mediaType: 'CALLBACK',
      queueId: QUEUE,
      wrapupCode: SYSTEM_WRAPUP_CODE,
      wrapupDurationMs: 15_000,
    });
    // The system's timeout code is applied like an agent's: wrapup follows acw.
    expect(wrapup!.topicName).toBe(`v2.detail.events.conversation.${conv.id}.wrapup`);
    expect(wrapup!.eventBody).toMatchObject({
      mediaType: 'CALLBACK',
      queueId: QUEUE,
      wrapupCode: SYSTEM_WRAPUP_CODE,
      wrapupDurationMs: 15_000,
    });
  });

  it('a cancelled callback ends every participant and abandons the queue', () => {
    const { sim, events } = makeSim();
    const conv = sim.createCallback({ queueId: QUEUE, callbackNumbers: ['+13175558888'] });
    sim.cancelCallback(conv.id);
    expect(conv.participants.every((p) => p.state === 'disconnected')).toBe(true);
    expect(events.find((e) => e.topicName.endsWith('acd.end'))!.eventBody.acdOutcome).toBe('ABANDON');
    expect(codeOf(() => sim.createCallback({ queueId: QUEUE, callbackNumbers: [] }))).toBe('SB_EMULATOR_SIM_INVALID');
    expect(codeOf(() => sim.createCallback({ queueId: 'nope', callbackNumbers: ['+13175558888'] }))).toBe(
      'SB_EMULATOR_SIM_NOT_FOUND',
    );
  });
});

describe('API teardown, tags and attributes', () => {
  it('disconnectAll with system wrap-up ends a queue call and applies the system code at once', () => {
    const { sim, kinds, events } = makeSim();
    const conv = sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: '+13175551234' }, queueId: QUEUE });
    sim.answer(conv.id);
    sim.disconnectAll(conv.id, 'SYSTEM', true);
    expect(kinds()).toEqual(['user.start', 'customer.start', 'user.end', 'customer.end', 'acw', 'wrapup']);
    expect(events[2]!.eventBody.disconnectType).toBe('SYSTEM');
    expect(events[4]!.eventBody.wrapupCode).toBe(SYSTEM_WRAPUP_CODE);
    expect(conv.endTime).toBe(T0);
  });

  it('disconnecting one party through the API ends a two-party call; tags and attributes are stored', () => {
    const { sim } = makeSim();
    const conv = sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: '+13175551234' } });
    sim.setExternalTag(conv.id, 'No Queue');
    sim.setAttributes(conv.id, conv.participants[0]!.id, { reason: 'test' });
    sim.disconnectParticipant(conv.id, conv.participants[1]!.id);
    expect(conv.participants.map((p) => p.disconnectType)).toEqual(['PEER', 'CLIENT']);
    expect(conv.externalTag).toBe('No Queue');
    expect(conv.participants[0]!.attributes).toEqual({ reason: 'test' });
    expect(sim.activeCallsOf(AGENT)).toEqual([]);
  });

  it("updating attributes publishes an attributes event with the participant's whole map after the change", async () => {
    const { sim, clock, events } = makeSim();
    const conv = sim.createCallback({ queueId: QUEUE, callbackNumbers: ['+13175558888'] });
    const customer = conv.participants[0]!;
    sim.setAttributes(conv.id, customer.id, { reason: 'billing', tier: 'gold' });
    await clock.advance(1_000);
    sim.setAttributes(conv.id, customer.id, { tier: 'platinum' });
    const updates = events.filter((e) => e.topicName === `v2.detail.events.conversation.${conv.id}.attributes`);
    expect(updates.map((e) => e.eventBody)).toEqual([
      {
        eventTime: T0,
        conversationId: conv.id,
        participantId: customer.id,
        attributes: { reason: 'billing', tier: 'gold' },
        communications: [{ id: customer.sessionId, mediaType: 'CALLBACK' }],
      },
      {
        eventTime: T0 + 1_000,
        conversationId: conv.id,
        participantId: customer.id,
        attributes: { reason: 'billing', tier: 'platinum' },
        communications: [{ id: customer.sessionId, mediaType: 'CALLBACK' }],
      },
    ]);
    const count = events.length;
    sim.setAttributes(conv.id, customer.id, {});
    expect(events.length).toBe(count);
    expect(codeOf(() => sim.setAttributes(conv.id, 'nobody', { a: 'b' }))).toBe('SB_EMULATOR_SIM_NOT_FOUND');
    expect(events.length).toBe(count);
  });
});
