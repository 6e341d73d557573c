/**
 * @module
 * The scripted day of `switchboard demo`: one act per shipped solution, each a script of calls,
 * answers, hang-ups, callbacks and presence changes, and the expectations it checks. Observed
 * values are read from the emulator's own state (analytics details, presence, routing priority),
 * never from the runtime's bookkeeping.
 */
import { DEMO, SYSTEM_PRESENCE_IDS } from '../emulator/index.ts';
import type { OrgControl, Runtime } from '../runtime/index.ts';

/** One expectation, as the final table shows it. */
export interface Expectation {
  readonly what: string;
  readonly expected: string;
  readonly observed: string;
  readonly ok: boolean;
}

/** What an act's script can do. */
interface ActContext {
  readonly org: OrgControl;
  /** Start a runtime with one of this solution's bundles, `main` by default (stopping the act's previous one). */
  readonly runtime: (bundle?: string) => Promise<Runtime>;
  /** Let simulated time pass (runs settle on the way). */
  readonly wait: (ms: number) => Promise<void>;
  readonly expect: (what: string, expected: string, observed: string) => void;
}

/** One act: a shipped solution and its script. */
export interface Act {
  readonly solution: string;
  /** The bundle started first (the one reported). */
  readonly bundle: string;
  readonly script: (ctx: ActContext) => Promise<void>;
}

const PSTN = '+13175550100';
const name = (id: string): string => Object.entries(DEMO.users).find(([, v]) => v === id)?.[0] ?? id;

async function call(
  org: OrgControl,
  fromUserId: string,
  to: Record<string, string>,
  queueId?: string,
): Promise<string> {
  return (await org.sim('/calls', { fromUserId, to, ...(queueId ? { queueId } : {}) })).id as string;
}

/** How a call ended up, from its analytics details. */
async function fate(org: OrgControl, id: string): Promise<string> {
  const d = await org.details(id);
  if (!d) return 'not found';
  const tag = typeof d.externalTag === 'string' ? `tagged "${d.externalTag}"` : 'no tag';
  return `${tag}, ${typeof d.conversationEnd === 'string' ? 'ended' : 'still up'}`;
}

async function hangUp(org: OrgControl, id: string): Promise<void> {
  await org.sim(`/conversations/${id}/hang-up`, { side: 'caller' }).catch(() => undefined);
}

const TERMINATED = 'tagged "No Queue", ended';
const UNTOUCHED = 'no tag, still up';

/** The acts, in order. */
export const ACTS: readonly Act[] = [
  {
    solution: 'terminate-no-queue',
    bundle: 'main',
    async script({ org, runtime, wait, expect }) {
      await runtime();
      const noQueue = await call(org, DEMO.users.bob, { phoneNumber: PSTN });
      const queued = await call(org, DEMO.users.alice, { phoneNumber: PSTN }, DEMO.queues.support);
      await wait(5_000);
      expect('Bob calls a PSTN number without a queue', TERMINATED, await fate(org, noQueue));
      expect('Alice calls on behalf of the Support queue', UNTOUCHED, await fate(org, queued));
      await hangUp(org, queued);
      const userToUser = await call(org, DEMO.users.bob, { userId: DEMO.users.carol });
      await wait(5_000);
      expect('Bob calls Carol (user to user, no tel: DNIS)', UNTOUCHED, await fate(org, userToUser));
      await hangUp(org, userToUser);
      await runtime('pstn-leg-check');
      const internal = await call(org, DEMO.users.bob, { userId: DEMO.users.carol });
      const pstn = await call(org, DEMO.users.carol, { phoneNumber: PSTN });
      await wait(5_000);
      expect('PSTN-leg-check bundle: Bob calls Carol (user to user)', UNTOUCHED, await fate(org, internal));
      expect('PSTN-leg-check bundle: Carol calls a PSTN number', TERMINATED, await fate(org, pstn));
      await hangUp(org, internal);
      await wait(1_000);
    },
  },
  {
    solution: 'presence-tag',
    bundle: 'main',
    async script({ org, runtime, wait, expect }) {
      await runtime();
      await org.setPresence(DEMO.users.bob, SYSTEM_PRESENCE_IDS.BUSY);
      await org.setPresence(DEMO.users.carol, DEMO.presences.lunch);
      const busy = await call(org, DEMO.users.bob, { phoneNumber: PSTN });
      const lunch = await call(org, DEMO.users.carol, { phoneNumber: PSTN });
      await wait(5_000);
      expect('Bob (Busy) calls out: tag', 'tagged "Busy: Busy", still up', await fate(org, busy));
      expect('Carol (Away, Lunch) calls out: tag', 'tagged "Away: Lunch", still up', await fate(org, lunch));
      await hangUp(org, busy);
      await hangUp(org, lunch);
      await org.setPresence(DEMO.users.bob, SYSTEM_PRESENCE_IDS.AVAILABLE);
      await org.setPresence(DEMO.users.carol, SYSTEM_PRESENCE_IDS.AVAILABLE);
      await wait(1_000);
    },
  },
  {
    solution: 'presence-busy',
    bundle: 'main',
    async script({ org, runtime, wait, expect }) {
      await runtime();
      const direct = await call(org, DEMO.users.bob, { userId: DEMO.users.carol });
      await wait(2_000);
      await org.sim(`/conversations/${direct}/answer`);
      await wait(6_000);
      expect(
        'Bob calls Carol, Carol answers: Bob / Carol',
        'Busy / Busy',
        `${await org.presence(DEMO.users.bob)} / ${await org.presence(DEMO.users.carol)}`,
      );
      await hangUp(org, direct);
      await wait(2_000);
      expect(
        'The call ends: Bob / Carol',
        'Available / Available',
        `${await org.presence(DEMO.users.bob)} / ${await org.presence(DEMO.users.carol)}`,
      );
      const queued = await call(org, DEMO.users.alice, { phoneNumber: PSTN });
      await wait(8_000);
      expect('Alice (On Queue) calls out and is connected', 'On Queue', await org.presence(DEMO.users.alice));
      await hangUp(org, queued);
      await wait(2_000);
      expect("Alice's call ends", 'On Queue', await org.presence(DEMO.users.alice));
    },
  },
  {
    solution: 'callback-prioritization',
    bundle: 'main',
    async script({ org, runtime, wait, expect }) {
      await runtime();
      const waiting = (
        await org.sim('/callbacks', {
          queueId: DEMO.queues.sales,
          callbackNumbers: [PSTN],
          callbackUserName: 'Waits',
          priority: 0,
        })
      ).id as string;
      const cancelled = (
        await org.sim('/callbacks', {
          queueId: DEMO.queues.sales,
          callbackNumbers: [PSTN],
          callbackUserName: 'Cancels',
          priority: 0,
        })
      ).id as string;
      const answered = (
        await org.sim('/callbacks', {
          queueId: DEMO.queues.sales,
          callbackNumbers: [PSTN],
          callbackUserName: 'Is answered',
          priority: 0,
        })
      ).id as string;
      await wait(7 * 60_000);
      await org.sim(`/conversations/${cancelled}/cancel-callback`);
      await wait(5 * 60_000);
      await org.sim(`/conversations/${answered}/connect-callback`, { userId: DEMO.users.carol });
      await wait(60_000);
      await org.sim(`/conversations/${answered}/disconnect`);
      await wait(18 * 60_000);
      expect(
        'A callback waits 31 min: priority (+1 every 5 min, at most 5)',
        '5',
        String(await org.callbackPriority(waiting)),
      );
      expect('A callback cancelled after 7 min: priority', '1', String(await org.callbackPriority(cancelled)));
      expect('A callback answered after 12 min: priority', '2', String(await org.callbackPriority(answered)));
    },
  },
  {
    solution: 'outbound-on-behalf',
    bundle: 'main',
    async script({ org, runtime, wait, expect }) {
      const rt = await runtime();
      const a = await rt.placeCall({ from: 'bob@example.com', to: '+1 317 555 0100' });
      const b = await rt.placeCall({ from: DEMO.users.carol, to: '+1 (317) 555-0104' });
      await wait(20_000);
      for (const [placed, who, number] of [
        [a, DEMO.users.bob, '+13175550100'],
        [b, DEMO.users.carol, '+13175550104'],
      ] as const) {
        const d = await org.details(placed.conversationId);
        const user = (d?.participants as { purpose: string; userId?: string }[] | undefined)?.find(
          (p) => p.purpose === 'user' || p.purpose === 'agent',
        );
        const ext = (d?.participants as { purpose: string; sessions?: { dnis?: string }[] }[] | undefined)?.find(
          (p) => p.purpose === 'external',
        );
        expect(
          `A call placed for ${name(who)}`,
          `${name(who)} → tel:${number}, outbound`,
          d
            ? `${name(user?.userId ?? '?')} → ${ext?.sessions?.[0]?.dnis ?? '?'}, ${d.originatingDirection}`
            : 'not found',
        );
      }
      await hangUp(org, a.conversationId);
    },
  },
];
