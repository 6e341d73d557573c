import { describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../../core/index.ts';
import { AGENT, AGENT2, AGENT3, GROUP, QUEUE, makeSim } from './fixtures.test-support.ts';
import { testNumbers } from './test-numbers.ts';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const ANSWERS = '+13175550100';
const BUSY = '+13175550101';
const NO_ANSWER = '+13175550102';
const FAILS = '+13175550103';
const HANGS_UP = '+13175550104';
const MANUAL = '+13175551234';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isSwitchboardError(e) ? e.code : 'not a SwitchboardError';
  }
  return undefined;
}

describe('outbound calls', () => {
  it('a call without a queue emits user.start with no queueId key, Genesys fields and enums', () => {
    const { sim, events } = makeSim();
    const conv = sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: '+1 317 555 0100' } });
    const userStart = events.find((e) => e.topicName.endsWith('.user.start'))!;
    expect(userStart.topicName).toBe(`v2.detail.events.conversation.${conv.id}.user.start`);
    expect(userStart.version).toBe('2');
    expect(userStart.metadata.CorrelationId).toMatch(/^[0-9a-f-]{36}$/);
    expect('queueId' in userStart.eventBody).toBe(false);
    const caller = conv.participants[0]!;
    expect(userStart.eventBody).toEqual({
      eventTime: T0,
      conversationId: conv.id,
      participantId: caller.id,
      sessionId: caller.sessionId,
      mediaType: 'VOICE',
      provider: 'Edge',
      direction: 'OUTBOUND',
      ani: 'tel:+13175550000',
      addressFrom: 'tel:+13175550000',
      dnis: 'tel:+13175550100',
      addressTo: 'tel:+13175550100',
      userId: AGENT,
    });
    expect(caller.purpose).toBe('user');
    expect(events.map((e) => e.topicName.split('.').at(-1))).toEqual(['start', 'start']);
    expect(events[1]!.topicName.endsWith('.customer.start')).toBe(true);
  });

  it('a call on behalf of a queue makes the caller an agent and user.start carries queueId', () => {
    const { sim, events } = makeSim();
    const conv = sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: ANSWERS }, queueId: QUEUE });
    expect(conv.participants[0]!.purpose).toBe('agent');
    expect(events[0]!.eventBody.queueId).toBe(QUEUE);
  });

  it('the answering test number connects after dialing + answerAfterMs; hang-up durations add up', async () => {
    const { sim, clock, events, kinds } = makeSim();
    const conv = sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: ANSWERS } });
    await clock.advance(1_000);
    expect(conv.participants.map((p) => p.state)).toEqual(['contacting', 'alerting']);
    await clock.advance(2_000);
    expect(conv.participants.map((p) => p.state)).toEqual(['connected', 'connected']);
    await clock.advance(45_000);
    sim.hangUp(conv.id, 'caller');
    expect(kinds()).toEqual(['user.start', 'customer.start', 'user.end', 'customer.end']);
    const userEnd = events[2]!.eventBody;
    expect(userEnd).toMatchObject({
      disconnectType: 'CLIENT',
      dialingDurationMs: 1_000,
      contactingDurationMs: 2_000,
      interactingDurationMs: 45_000,
      eventTime: T0 + 48_000,
    });
    expect('heldDurationMs' in userEnd).toBe(false);
    expect(events[3]!.eventBody).toMatchObject({ disconnectType: 'PEER', interactingDurationMs: 45_000 });
    expect(conv.endTime).toBe(T0 + 48_000);
    expect(conv.participants[0]!.segments.map((s) => [s.type, s.start - T0, s.end! - T0])).toEqual([
      ['dialing', 0, 1_000],
      ['contacting', 1_000, 3_000],
      ['interact', 3_000, 48_000],
    ]);
  });

  it.each([
    [BUSY, 'ENDPOINT', 486],
    [FAILS, 'ERROR', 503],
  ])('test number %s ends the call when it starts ringing (%s, SIP %i)', async (number, type, sip) => {
    const { sim, clock, events, kinds } = makeSim();
    const conv = sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: number } });
    await clock.advance(999);
    expect(conv.endTime).toBeUndefined();
    await clock.advance(1);
    expect(conv.endTime).toBe(T0 + 1_000);
    expect(kinds()).toEqual(['user.start', 'customer.start', 'customer.end', 'user.end']);
    expect(events[2]!.eventBody.disconnectType).toBe(type);
    expect(events[3]!.eventBody.disconnectType).toBe('PEER');
    expect(conv.participants[1]!.segments.at(-1)!.sipResponseCodes).toEqual([sip]);
  });

  it('the no-answer test number rings until the ring timeout', async () => {
    const { sim, clock, events } = makeSim({ ringTimeoutMs: 20_000 });
    const conv = sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: NO_ANSWER } });
    await clock.advance(20_999);
    expect(conv.participants[1]!.state).toBe('alerting');
    await clock.advance(1);
    expect(conv.participants.map((p) => [p.state, p.disconnectType])).toEqual([
      ['disconnected', 'PEER'],
      ['disconnected', 'TIMEOUT'],
    ]);
    expect(events.find((e) => e.topicName.endsWith('user.end'))!.eventBody).toMatchObject({
      contactingDurationMs: 20_000,
      dialingDurationMs: 1_000,
    });
  });

  it('the hang-up test number answers, talks talkMs, then hangs up (ENDPOINT)', async () => {
    const { sim, clock } = makeSim({ talkMs: 5_000 });
    const conv = sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: HANGS_UP } });
    await clock.advance(3_000);
    expect(conv.participants[1]!.state).toBe('connected');
    await clock.advance(5_000);
    expect(conv.participants.map((p) => p.disconnectType)).toEqual(['PEER', 'ENDPOINT']);
  });

  it('any other number waits for commands; answer during dialing starts the ringing first', () => {
    const { sim } = makeSim();
    const conv = sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: MANUAL } });
    sim.answer(conv.id);
    expect(conv.participants.map((p) => p.state)).toEqual(['connected', 'connected']);
    expect(conv.participants[0]!.segments.map((s) => s.type)).toEqual(['dialing', 'contacting', 'interact']);
  });

  it('busy and noAnswer commands end a ringing call; they refuse a connected one', () => {
    const { sim } = makeSim();
    const a = sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: MANUAL } });
    sim.busy(a.id);
    expect(a.participants[1]!.disconnectType).toBe('ENDPOINT');
    const b = sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: MANUAL } });
    sim.answer(b.id);
    expect(codeOf(() => sim.noAnswer(b.id))).toBe('SB_EMULATOR_SIM_STATE');
  });

  it('busy or fail sent while a busy or failing test number is still dialing succeed with the ended call', () => {
    const { sim, clock } = makeSim();
    for (const [number, command, type] of [
      [BUSY, 'busy', 'ENDPOINT'],
      [FAILS, 'fail', 'ERROR'],
      [BUSY, 'fail', 'ENDPOINT'],
      [FAILS, 'noAnswer', 'ERROR'],
    ] as const) {
      const conv = sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: number } });
      expect(conv.participants[0]!.state).toBe('dialing');
      // The test number's own outcome ends the call as it starts ringing; the command is not an error.
      expect(sim[command](conv.id)).toBe(conv);
      expect(conv.endTime).toBe(clock.now());
      expect(conv.participants[1]!.disconnectType).toBe(type);
      // Once ended, the same command is refused: nothing rings any more.
      expect(codeOf(() => sim[command](conv.id))).toBe('SB_EMULATOR_SIM_STATE');
    }
    expect(clock.pending).toBe(0);
  });

  it('hold and resume split interact with a hold segment and report heldDurationMs', async () => {
    const { sim, clock, events } = makeSim();
    const conv = sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: MANUAL } });
    sim.answer(conv.id);
    await clock.advance(10_000);
    sim.hold(conv.id);
    expect(conv.participants[0]!.held).toBe(true);
    await clock.advance(7_000);
    sim.resume(conv.id);
    await clock.advance(3_000);
    sim.hangUp(conv.id, 'customer');
    const end = events.find((e) => e.topicName.endsWith('user.end'))!.eventBody;
    expect(end).toMatchObject({ heldDurationMs: 7_000, interactingDurationMs: 13_000, disconnectType: 'PEER' });
    expect(conv.participants[1]!.disconnectType).toBe('ENDPOINT');
    expect(codeOf(() => sim.hold(conv.id))).toBe('SB_EMULATOR_SIM_STATE');
  });

  it('a user-to-user call rings the callee (inbound, sip dnis) and either side can hang up', async () => {
    const { sim, clock, events, kinds } = makeSim();
    const conv = sim.placeCall({ fromUserId: AGENT, to: { userId: AGENT2 } });
    await clock.advance(1_000);
    const callee = conv.participants[1]!;
    expect(callee).toMatchObject({ purpose: 'user', direction: 'inbound', state: 'alerting', userId: AGENT2 });
    expect(events[1]!.eventBody).toMatchObject({
      direction: 'INBOUND',
      userId: AGENT2,
      dnis: `sip:${AGENT2}@localhost`,
      ani: `sip:${AGENT}@localhost`,
    });
    sim.answer(conv.id);
    sim.hangUp(conv.id, 'callee');
    expect(kinds()).toEqual(['user.start', 'user.start', 'user.end', 'user.end']);
    expect(conv.participants.map((p) => p.disconnectType)).toEqual(['PEER', 'CLIENT']);
  });

  it('a group call rings every member; the first to answer takes it, the others drop', async () => {
    const { sim, clock } = makeSim();
    const conv = sim.placeCall({ fromUserId: AGENT, to: { groupId: GROUP } });
    await clock.advance(1_000);
    expect(conv.participants.map((p) => [p.purpose, p.state])).toEqual([
      ['user', 'contacting'],
      ['group', 'alerting'],
      ['user', 'alerting'],
      ['user', 'alerting'],
    ]);
    const bo = conv.participants.find((p) => p.userId === AGENT2)!;
    sim.answer(conv.id, conv.participants.find((p) => p.userId === AGENT3)!.id);
    expect(bo.disconnectType).toBe('OTHER');
    expect(conv.participants[1]!.disconnectType).toBe('TRANSFER');
    expect(conv.participants[0]!.state).toBe('connected');
    expect(conv.endTime).toBeUndefined();
  });

  it('refuses bad input with the simulator codes, naming the field', () => {
    const { sim } = makeSim();
    expect(codeOf(() => sim.placeCall({ fromUserId: 'nobody', to: { phoneNumber: ANSWERS } }))).toBe(
      'SB_EMULATOR_SIM_NOT_FOUND',
    );
    expect(codeOf(() => sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: '12' } }))).toBe(
      'SB_EMULATOR_SIM_INVALID',
    );
    expect(codeOf(() => sim.placeCall({ fromUserId: AGENT, to: {} as never }))).toBe('SB_EMULATOR_SIM_INVALID');
    expect(codeOf(() => sim.placeCall({ fromUserId: AGENT, to: { userId: AGENT } }))).toBe('SB_EMULATOR_SIM_INVALID');
    expect(codeOf(() => sim.answer('missing'))).toBe('SB_EMULATOR_SIM_NOT_FOUND');
    expect(sim.list()).toEqual([]);
  });

  it('publishes after the state change, so a subscriber reading back sees the new participant', () => {
    const seen: string[] = [];
    const { sim } = makeSim({}, (e) => {
      seen.push(
        sim
          .get(String(e.eventBody.conversationId))
          ?.participants.map((p) => p.purpose)
          .join(',') ?? 'missing',
      );
    });
    sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: ANSWERS } });
    expect(seen).toEqual(['user,external', 'user,external']);
  });

  it('documents its test numbers', () => {
    expect(testNumbers().map((t) => [t.number, t.outcome])).toEqual([
      [ANSWERS, 'answer'],
      [BUSY, 'busy'],
      [NO_ANSWER, 'no-answer'],
      [FAILS, 'failure'],
      [HANGS_UP, 'answer-then-hang-up'],
    ]);
  });
});
