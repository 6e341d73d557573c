// The websocket event source logs every event it is delivered: on an emulator on a real port, the
// runtime's channel takes the conversation detail topics and the user topics beside the trigger
// topics, so a call's customer.start (no trigger listens) is logged with no decision, while its
// user.start is evaluated and starts the seed's run; the log reads back newest first.
import { afterEach, describe, expect, it } from 'vitest';
import { loadSolution } from '../src/blueprints/index.ts';
import { SYSTEM_PRESENCE_IDS } from '../src/emulator/index.ts';
import { DEMO, startE2E } from './support/e2e-harness.ts';
import type { E2E } from './support/e2e-harness.ts';

let h: E2E | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('event log over the Notifications websocket', () => {
  it('logs the events of topics without triggers (customer.start, presence) beside the evaluated user.start, newest first', async () => {
    h = await startE2E([loadSolution('terminate-no-queue')]);
    await h.setPresence(DEMO.users.bob, SYSTEM_PRESENCE_IDS.BUSY);
    const conv = await h.sim('/calls', { fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } });
    await h.pass(3_000);
    expect((await h.details(conv.id)).externalTag).toBe('No Queue');

    const log = await h.runtime.events({ order: 'desc', conversationId: conv.id, limit: 100 });
    const seqs = log.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const customer = log.find((e) => e.topic === `v2.detail.events.conversation.${conv.id}.customer.start`);
    expect(customer).toMatchObject({
      source: 'websocket',
      listened: false,
      note: 'no trigger listens to this topic',
      decisions: [],
    });
    const user = log.find((e) => e.topic === `v2.detail.events.conversation.${conv.id}.user.start`);
    expect(user).toMatchObject({
      source: 'websocket',
      listened: true,
      decisions: [{ matches: true, decision: { action: 'start' } }],
    });
    // The call was disconnected by the run: its end events arrived after its start events.
    const end = log.find((e) => e.topic.endsWith('.customer.end') || e.topic.endsWith('.user.end'));
    expect(end).toBeDefined();
    expect(end!.seq).toBeGreaterThan(user!.seq);

    const presence = await h.runtime.events({ order: 'desc', topic: `v2.users.${DEMO.users.bob}.presence`, limit: 10 });
    expect(presence.length).toBeGreaterThan(0);
    expect(presence[0]).toMatchObject({ listened: false, decisions: [] });
    expect(h.runtime.stats().runsStarted).toBe(1);
  });
});
