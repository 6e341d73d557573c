/**
 * @module
 * Test fixtures of the simulator: a small directory, a virtual clock, seeded ids and a recorder
 * of published events.
 */
import { VirtualClock, seededIds } from '../../core/index.ts';
import type { NotificationEvent } from '../../core/index.ts';
import { emptySimState } from './conversation-engine.ts';
import { Simulator } from './simulator.ts';
import type { Directory, SimState, SimTiming } from './types.ts';

/** Fixed directory ids. */
export const AGENT = '11111111-1111-4111-8111-111111111111';
export const AGENT2 = '22222222-2222-4222-8222-222222222222';
export const AGENT3 = '33333333-3333-4333-8333-333333333333';
export const QUEUE = '44444444-4444-4444-8444-444444444444';
export const GROUP = '55555555-5555-4555-8555-555555555555';

const USERS: Record<string, string> = { [AGENT]: 'Ada Agent', [AGENT2]: 'Bo Buddy', [AGENT3]: 'Cy Colleague' };

/** A directory with three users, one queue and one group of AGENT2 + AGENT3. */
export const directory: Directory = {
  user: (id) => (USERS[id] === undefined ? undefined : { id, name: USERS[id] }),
  queue: (id) => (id === QUEUE ? { id, name: 'Support' } : undefined),
  group: (id) => (id === GROUP ? { id, name: 'Front Desk', memberIds: [AGENT2, AGENT3] } : undefined),
};

/** A simulator on a virtual clock that records every published event. */
export function makeSim(
  timing: Partial<SimTiming> = {},
  onPublish?: (e: NotificationEvent) => void,
): {
  sim: Simulator;
  clock: VirtualClock;
  events: NotificationEvent[];
  state: SimState;
  kinds: () => string[];
} {
  const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const state = emptySimState();
  const events: NotificationEvent[] = [];
  const sim = new Simulator({
    clock,
    ids: seededIds(7),
    directory,
    state: () => state,
    publish: (e) => {
      events.push(e);
      onPublish?.(e);
    },
    timing,
  });
  const kinds = (): string[] => events.map((e) => e.topicName.split('.').slice(5).join('.'));
  return { sim, clock, events, state, kinds };
}
