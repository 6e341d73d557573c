/**
 * @module
 * A simulated contact-center day that never ends (the main job's traffic): on the shared clock,
 * agents place calls with and without a queue, to PSTN numbers and to each other, through the
 * pickup group; customers call the support queue; callbacks wait and are answered or cancelled;
 * presences change; now and then a call is placed through the outbound context. Every call ends
 * on its own. Randomness is seeded, so a day replays the same way.
 */
import { seededRandom } from '../core/index.ts';
import type { Clock, Logger, TimerHandle } from '../core/index.ts';
import { DEMO, SYSTEM_PRESENCE_IDS } from '../emulator/index.ts';
import type { OrgControl } from '../runtime/index.ts';

/** What the scenario drives. */
export interface ScenarioOptions {
  readonly org: OrgControl;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Place a call through the outbound context (the runtime's `placeCall`). */
  readonly placeCall?: (from: string, to: string) => Promise<unknown>;
  /** Mean simulated ms between two activities. Default 20 s. */
  readonly meanGapMs?: number;
  readonly seed?: number;
}

/** A running scenario. */
export interface Scenario {
  /** Activities started so far, by kind. */
  readonly counts: Readonly<Record<string, number>>;
  stop(): void;
}

const AGENTS = [DEMO.users.bob, DEMO.users.carol, DEMO.users.dave] as const;
const PSTN = ['+13175550100', '+13175550104', '+13175550102', '+13175550101'] as const;
const PRESENCES = [
  SYSTEM_PRESENCE_IDS.AVAILABLE,
  SYSTEM_PRESENCE_IDS.BUSY,
  DEMO.presences.lunch,
  SYSTEM_PRESENCE_IDS.AVAILABLE,
] as const;

/**
 * Start the day. Failed commands (a call that already ended, a presence the org refuses) are
 * logged at debug level and never stop the day.
 * @example
 * const day = startScenario({ org: orgControl(emulator), clock, logger, placeCall: (from, to) => runtime.placeCall({ from, to }) });
 */
export function startScenario(options: ScenarioOptions): Scenario {
  const { org, clock, logger } = options;
  const rnd = seededRandom(options.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const gap = options.meanGapMs ?? 20_000;
  const counts: Record<string, number> = {};
  const timers = new Set<TimerHandle>();
  let stopped = false;

  const later = (ms: number, fn: () => Promise<unknown>): void => {
    // Whole milliseconds: event times are integer epoch ms (a fraction fails the topic schema).
    const handle = clock.setTimer(() => {
      timers.delete(handle);
      if (!stopped) fn().catch((e: unknown) => logger.debug({ err: (e as Error).message }, 'scenario step skipped'));
    }, Math.round(ms));
    timers.add(handle);
  };
  const hangUpLater = (id: string, ms: number): void =>
    later(ms, () => org.sim(`/conversations/${id}/hang-up`, { side: 'caller' }));

  const activities: Record<string, () => Promise<void>> = {
    'pstn call, no queue': async () => {
      const c = await org.sim('/calls', { fromUserId: pick(AGENTS), to: { phoneNumber: pick(PSTN) } });
      hangUpLater(c.id, 30_000 + rnd() * 60_000);
    },
    'pstn call, queue': async () => {
      const c = await org.sim('/calls', {
        fromUserId: DEMO.users.alice,
        to: { phoneNumber: '+13175550100' },
        queueId: DEMO.queues.support,
      });
      hangUpLater(c.id, 30_000 + rnd() * 90_000);
    },
    'user-to-user call': async () => {
      const from = pick(AGENTS);
      const to = pick(AGENTS.filter((a) => a !== from));
      const c = await org.sim('/calls', { fromUserId: from, to: { userId: to } });
      later(2_000 + rnd() * 4_000, () => org.sim(`/conversations/${c.id}/answer`));
      hangUpLater(c.id, 20_000 + rnd() * 60_000);
    },
    'group call': async () => {
      const c = await org.sim('/calls', { fromUserId: DEMO.users.carol, to: { groupId: DEMO.groups.pickup } });
      later(3_000, () => org.sim(`/conversations/${c.id}/answer`));
      hangUpLater(c.id, 30_000 + rnd() * 30_000);
    },
    'inbound acd call': async () => {
      const c = await org.sim('/inbound-calls', { ani: '+13175550188', queueId: DEMO.queues.support });
      later(5_000, () => org.sim(`/conversations/${c.id}/route`, { userId: DEMO.users.alice }));
      later(7_000, () => org.sim(`/conversations/${c.id}/answer`));
      later(60_000 + rnd() * 60_000, () => org.sim(`/conversations/${c.id}/hang-up`, { side: 'customer' }));
    },
    callback: async () => {
      const c = await org.sim('/callbacks', {
        queueId: DEMO.queues.sales,
        callbackNumbers: ['+13175550100'],
        callbackUserName: 'Pat Doe',
      });
      if (rnd() < 0.5) later(6 * 60_000 + rnd() * 10 * 60_000, () => org.sim(`/conversations/${c.id}/cancel-callback`));
      else {
        later(8 * 60_000 + rnd() * 10 * 60_000, () =>
          org.sim(`/conversations/${c.id}/connect-callback`, { userId: DEMO.users.carol }),
        );
        later(20 * 60_000 + rnd() * 5 * 60_000, () => org.sim(`/conversations/${c.id}/disconnect`));
      }
    },
    'presence change': async () => {
      await org.setPresence(pick(AGENTS), pick(PRESENCES));
    },
    'outbound call (placeCall)': async () => {
      if (!options.placeCall) return;
      await options.placeCall(pick(AGENTS), '+1 317 555 0104');
    },
  };
  const weights: [string, number][] = [
    ['pstn call, no queue', 3],
    ['pstn call, queue', 2],
    ['user-to-user call', 3],
    ['group call', 1],
    ['inbound acd call', 2],
    ['callback', 1],
    ['presence change', 2],
    ['outbound call (placeCall)', 1],
  ];
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const next = (): void => {
    later(-Math.log(1 - rnd()) * gap, async () => {
      let r = rnd() * total;
      const kind = weights.find(([, w]) => (r -= w) < 0)?.[0] ?? 'presence change';
      counts[kind] = (counts[kind] ?? 0) + 1;
      next();
      await activities[kind]!();
    });
  };
  next();
  return {
    counts,
    stop() {
      stopped = true;
      for (const t of timers) t.cancel();
      timers.clear();
    },
  };
}
