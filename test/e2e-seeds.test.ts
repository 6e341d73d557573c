// Each shipped solution end to end (solutions/, plus one published bundle as a test fixture): the
// emulator on a real port, the runtime reading detail events from the Notifications websocket
// (emulator `{id}` wildcard subscription), runs on a VirtualClock, and every expectation read back
// from the emulator's own state (analytics details, presence, routing priority), never from the
// runtime's bookkeeping.
import { afterEach, describe, expect, it } from 'vitest';
import { loadSolution } from '../src/blueprints/index.ts';
import { SYSTEM_PRESENCE_IDS } from '../src/emulator/index.ts';
import { DEMO, startE2E } from './support/e2e-harness.ts';
import type { Body, E2E } from './support/e2e-harness.ts';
import { loadPublishedBundle } from './support/published-bundles.ts';

const PSTN_ANSWERS = '+13175550100';
const PSTN_NEVER_ANSWERS = '+13175550102';

let h: E2E | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function call(e: E2E, fromUserId: string, to: Record<string, string>, queueId?: string): Promise<string> {
  const conv = await e.sim('/calls', { fromUserId, to, ...(queueId ? { queueId } : {}) });
  await e.settle();
  return conv.id as string;
}

const ended = (d: Body): boolean => typeof d.conversationEnd === 'string';

describe('solution 1: terminate calls with no queue (blueprints.md §1)', () => {
  it('disconnects a no-queue PSTN call and tags it "No Queue"; a queue call and a user-to-user call are untouched and start no run', async () => {
    h = await startE2E([loadSolution('terminate-no-queue')]);
    const noQueue = await call(h, DEMO.users.bob, { phoneNumber: PSTN_ANSWERS });
    const withQueue = await call(h, DEMO.users.alice, { phoneNumber: PSTN_ANSWERS }, DEMO.queues.support);
    await h.pass(5_000);

    const d = await h.details(noQueue);
    expect(d.externalTag).toBe('No Queue');
    expect(ended(d)).toBe(true);
    const q = await h.details(withQueue);
    expect(q.externalTag).toBeUndefined();
    expect(ended(q)).toBe(false);

    const [run] = await h.runtime.runs();
    const detail = await h.runtime.run(run!.id);
    expect(detail?.steps.map((s) => [s.name, s.path])).toEqual([
      ['Disconnect Conversation', 'success'],
      ['Set Conversation External Tag', 'success'],
    ]);
    expect(run).toMatchObject({ status: 'completed', exitReason: 'Terminated' });
    expect((await h.runtime.runs()).length).toBe(1);

    // The dnis Contains "tel:+" condition keeps calls between users out of the trigger.
    const internal = await call(h, DEMO.users.bob, { userId: DEMO.users.carol });
    await h.pass(3_000);
    expect((await h.details(internal)).externalTag).toBeUndefined();
    expect((await h.runtime.runs()).length).toBe(1);
    const events = await h.runtime.events({ topic: `v2.detail.events.conversation.${internal}.user.start` });
    expect(events.length).toBe(2);
    expect(events.every((e) => e.decisions.length === 0)).toBe(true);
  });

  it('PSTN-leg-check bundle: waits 1 s, terminates a PSTN call, leaves a user-to-user call alone', async () => {
    h = await startE2E([loadSolution('terminate-no-queue', 'pstn-leg-check')]);
    const pstn = await call(h, DEMO.users.bob, { phoneNumber: PSTN_ANSWERS });
    const internal = await call(h, DEMO.users.bob, { userId: DEMO.users.carol });
    await h.pass(500);
    expect(ended(await h.details(pstn))).toBe(false);
    await h.pass(4_500);

    const p = await h.details(pstn);
    expect([p.externalTag, ended(p)]).toEqual(['No Queue', true]);
    const u = await h.details(internal);
    expect(u.externalTag).toBeUndefined();
    expect(ended(u)).toBe(false);
    // Both parties of the internal call started a run (two user.start events); none disconnected it.
    const runs = await h.runtime.runs({ status: 'completed' });
    expect(runs.map((r) => r.exitReason).sort()).toEqual(['NoPstnLeg', 'NoPstnLeg', 'Terminated']);
  });

  it('a call placed through placeCall without a queue is terminated and tagged (solution 5 meets solution 1)', async () => {
    h = await startE2E([loadSolution('terminate-no-queue')]);
    const placed = await h.runtime.placeCall({ from: DEMO.users.bob, to: '+1 (317) 555-0100' });
    await h.pass(3_000);
    const d = await h.details(placed.conversationId);
    expect(d.externalTag).toBe('No Queue');
    expect(ended(d)).toBe(true);
  });
});

describe("solution 2: tag a call with the user's presence (blueprints.md §2)", () => {
  it('tags "Busy: Busy" and "Away: Lunch"', async () => {
    h = await startE2E([loadSolution('presence-tag')]);
    await h.setPresence(DEMO.users.bob, SYSTEM_PRESENCE_IDS.BUSY);
    await h.setPresence(DEMO.users.carol, DEMO.presences.lunch);
    const busy = await call(h, DEMO.users.bob, { phoneNumber: PSTN_ANSWERS });
    await h.pass(3_000);
    expect((await h.details(busy)).externalTag).toBe('Busy: Busy');
    const lunch = await call(h, DEMO.users.carol, { phoneNumber: PSTN_ANSWERS });
    await h.pass(3_000);
    expect((await h.details(lunch)).externalTag).toBe('Away: Lunch');
  });

  it('tags the system presence alone when the label lookup fails', async () => {
    h = await startE2E([loadSolution('presence-tag')]);
    await h.setPresence(DEMO.users.bob, SYSTEM_PRESENCE_IDS.BUSY);
    h.emulator.faults.add({ method: 'GET', path: '/api/v2/presence/definitions/*', errorRate: 1, errorStatus: 500 });
    const id = await call(h, DEMO.users.bob, { phoneNumber: PSTN_ANSWERS });
    await h.pass(3_000);
    expect((await h.details(id)).externalTag).toBe('Busy');
  });
});

describe('solution 3: Busy while on a Communicate call, Available after (blueprints.md §3)', () => {
  it('direct call: both users Busy once connected, Available when it ends; an On Queue user is untouched', async () => {
    h = await startE2E([loadSolution('presence-busy')]);
    const id = await call(h, DEMO.users.bob, { userId: DEMO.users.carol });
    await h.pass(2_000);
    await h.sim(`/conversations/${id}/answer`);
    await h.pass(6_000);
    expect([await h.presence(DEMO.users.bob), await h.presence(DEMO.users.carol)]).toEqual(['Busy', 'Busy']);
    await h.sim(`/conversations/${id}/hang-up`, { side: 'caller' });
    await h.pass(1_000);
    expect([await h.presence(DEMO.users.bob), await h.presence(DEMO.users.carol)]).toEqual(['Available', 'Available']);

    const queued = await call(h, DEMO.users.alice, { phoneNumber: PSTN_ANSWERS });
    await h.pass(10_000);
    expect(await h.presence(DEMO.users.alice)).toBe('On Queue');
    await h.sim(`/conversations/${queued}/hang-up`, { side: 'caller' });
    await h.pass(1_000);
    expect(await h.presence(DEMO.users.alice)).toBe('On Queue');
  });

  it('group call: the member who picks up is Busy; outbound PSTN call: the caller is Busy', async () => {
    h = await startE2E([loadSolution('presence-busy')]);
    const group = await call(h, DEMO.users.carol, { groupId: DEMO.groups.pickup });
    await h.pass(1_000);
    const legs = (await h.api('GET', `/api/v2/conversations/calls/${group}`)).body.participants as Body[];
    const bobLeg = legs.find((p) => p.user?.id === DEMO.users.bob && p.purpose === 'user');
    await h.sim(`/conversations/${group}/answer`, { participantId: bobLeg.id });
    await h.pass(6_000);
    // Bob picked up: Busy. Carol (the caller, outbound) is Busy too; Alice, a ringing member who
    // did not pick up, is On Queue and stays so.
    expect([
      await h.presence(DEMO.users.bob),
      await h.presence(DEMO.users.carol),
      await h.presence(DEMO.users.alice),
    ]).toEqual(['Busy', 'Busy', 'On Queue']);

    await h.setPresence(DEMO.users.dave, SYSTEM_PRESENCE_IDS.AVAILABLE);
    await call(h, DEMO.users.dave, { phoneNumber: PSTN_ANSWERS });
    await h.pass(8_000);
    expect(await h.presence(DEMO.users.dave)).toBe('Busy');
  });

  it('gives up after 5 checks 5 s apart when the call is never answered', async () => {
    h = await startE2E([loadSolution('presence-busy')]);
    await call(h, DEMO.users.bob, { phoneNumber: PSTN_NEVER_ANSWERS });
    await h.pass(26_000);
    expect(await h.presence(DEMO.users.bob)).toBe('Available');
    const [run] = await h.runtime.runs({ flow: 'Set User Busy On Communicate Call' });
    expect(run).toMatchObject({ status: 'completed', exitReason: 'NotPickedUp' });
    const detail = await h.runtime.run(run!.id);
    const sleeps = detail!.steps.filter((s) => s.kind === 'sleep');
    expect(sleeps.length).toBe(5);
    expect(detail!.steps.some((s) => s.name === 'Set User Presence')).toBe(false);
  });
});

async function routingPriority(e: E2E, id: string): Promise<number> {
  const r = await e.api('GET', `/api/v2/conversations/callbacks/${id}`);
  return r.body.participants.find((p: Body) => p.purpose === 'acd').conversationRoutingData.priority as number;
}

describe('solution 4: callback prioritization (blueprints.md §4)', () => {
  it('+1 every 5 minutes, at most 5 times', async () => {
    h = await startE2E([loadSolution('callback-prioritization')]);
    const cb = await h.sim('/callbacks', {
      queueId: DEMO.queues.sales,
      callbackNumbers: ['+13175550100'],
      priority: 2,
    });
    await h.settle();
    const seen: number[] = [];
    for (let i = 0; i < 7; i++) {
      await h.pass(5 * 60_000);
      seen.push(await routingPriority(h, cb.id));
    }
    expect(seen).toEqual([3, 4, 5, 6, 7, 7, 7]);
    const [run] = await h.runtime.runs();
    expect(run).toMatchObject({ status: 'completed', exitReason: 'Loop Complete' });
  });

  it('stops raising once the callback is cancelled', async () => {
    h = await startE2E([loadSolution('callback-prioritization')]);
    const cb = await h.sim('/callbacks', { queueId: DEMO.queues.sales, callbackNumbers: ['+13175550100'] });
    await h.pass(5 * 60_000);
    expect(await routingPriority(h, cb.id)).toBe(1);
    await h.sim(`/conversations/${cb.id}/cancel-callback`);
    await h.pass(15 * 60_000);
    const [run] = await h.runtime.runs();
    expect(run).toMatchObject({ status: 'completed', exitReason: 'CallbackCanceled' });
    const updates = (await h.runtime.run(run!.id))!.steps.filter((s) => s.name === 'Set Conversation Routing Priority');
    expect(updates.length).toBe(1);
  });

  it('stops raising once the callback was answered and ended', async () => {
    h = await startE2E([loadSolution('callback-prioritization')]);
    const cb = await h.sim('/callbacks', { queueId: DEMO.queues.sales, callbackNumbers: ['+13175550100'] });
    await h.pass(5 * 60_000);
    await h.sim(`/conversations/${cb.id}/connect-callback`, { userId: DEMO.users.carol });
    await h.sim(`/conversations/${cb.id}/disconnect`);
    await h.pass(15 * 60_000);
    const [run] = await h.runtime.runs();
    expect(run).toMatchObject({ status: 'completed', exitReason: 'CallbackCanceled' });
    expect(
      (await h.runtime.run(run!.id))!.steps.filter((s) => s.name === 'Set Conversation Routing Priority').length,
    ).toBe(1);
  });

  it('the published exports, unchanged: end NoPhoneNumber without touching the callback', async () => {
    h = await startE2E([loadPublishedBundle('callback-prioritization')]);
    const cb = await h.sim('/callbacks', { queueId: DEMO.queues.sales, callbackNumbers: ['+13175550100'] });
    await h.pass(6 * 60_000);
    expect(await routingPriority(h, cb.id)).toBe(0);
    const [run] = await h.runtime.runs();
    expect(run).toMatchObject({ status: 'completed', exitReason: 'NoPhoneNumber' });
  });
});
