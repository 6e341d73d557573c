// ACD's choice of agent: a queued call is offered to an available member of its queue (routing
// status IDLE, on no other conversation), the one idle longest first; none available is refused
// with each member and why.
import { describe, expect, it } from 'vitest';
import { VirtualClock, seededIds } from '../../core/index.ts';
import { emptySimState } from './conversation-engine.ts';
import { AGENT, AGENT2, AGENT3, QUEUE, directory } from './fixtures.test-support.ts';
import { Simulator } from './simulator.ts';

function sim(
  status: Record<string, { status: string; startTime: string }>,
  memberIds = [AGENT, AGENT2, AGENT3],
): Simulator {
  const state = emptySimState();
  return new Simulator({
    clock: new VirtualClock(Date.UTC(2026, 0, 5, 9, 0, 0)),
    ids: seededIds(11),
    directory: {
      ...directory,
      queue: (id) => (id === QUEUE ? { id, name: 'Support', memberIds } : undefined),
      routingStatus: (id) => status[id] ?? { status: 'OFF_QUEUE', startTime: '' },
    },
    state: () => state,
    publish: () => undefined,
  });
}

describe('routeToNextAgent', () => {
  it('offers each queued call to the member idle longest, skipping the busy and the off-queue', () => {
    const s = sim({
      [AGENT]: { status: 'IDLE', startTime: '2026-01-05T08:30:00.000Z' },
      [AGENT2]: { status: 'IDLE', startTime: '2026-01-05T08:10:00.000Z' },
      [AGENT3]: { status: 'OFF_QUEUE', startTime: '2026-01-05T07:00:00.000Z' },
    });
    const first = s.inboundAcdCall({ ani: '+13175550111', queueId: QUEUE });
    expect(s.routeToNextAgent(first.id)).toMatchObject({
      purpose: 'agent',
      userId: AGENT2,
      state: 'alerting',
      queueId: QUEUE,
    });
    const second = s.inboundAcdCall({ ani: '+13175550112', queueId: QUEUE });
    expect(s.routeToNextAgent(second.id).userId).toBe(AGENT);
    const third = s.inboundAcdCall({ ani: '+13175550113', queueId: QUEUE });
    expect(() => s.routeToNextAgent(third.id)).toThrow(
      'queue Support has none available: Ada Agent (on another conversation), Bo Buddy (on another conversation), Cy Colleague (routing status OFF_QUEUE)',
    );
  });

  it('refuses a queue without members, and a conversation that is not queued', () => {
    const s = sim({}, []);
    const call = s.inboundAcdCall({ ani: '+13175550111', queueId: QUEUE });
    expect(() => s.routeToNextAgent(call.id)).toThrow(/queue Support has no members/);
    expect(() => s.routeToNextAgent('nope')).toThrow();
  });
});
