// Every published workflow — each .i3WorkFlow under the blueprints and its Archy YAML twin (with the
// Terraform substitutions where it has {{…}}) — runs unchanged on the durable engine
// (architectWorkflow, a worker, a SQLite store, a VirtualClock) with the real data actions of its
// folder against the emulator (demo org). Each scenario is prepared with the call simulator so
// that what blueprints.md §1–§4 describes happens, the run starts with the inputs a
// TopLevelPrimitives trigger gives for the event the emulator published, and the outcome is read
// back from the emulator's own state (tags, disconnects, presences, priorities) plus the run's
// exit reason and path.
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_PRESENCE_IDS } from '../src/emulator/index.ts';
import { DEMO, flowHarness } from './support/flow-harness.ts';
import type { Body, FlowHarness } from './support/flow-harness.ts';
import { PUBLISHED_FLOWS, actionsIn, discoverWorkflowFiles, loadPublishedFlow } from './support/published-flows.ts';
import type { Logic, PublishedFlow } from './support/published-flows.ts';

const PSTN_ANSWERS = '+13175550100';
const PSTN_NEVER_ANSWERS = '+13175550102';
const BUSY_ID = SYSTEM_PRESENCE_IDS.BUSY;

let h: FlowHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harness(p: PublishedFlow): Promise<FlowHarness> {
  const actions = actionsIn(p.actionsDir);
  h = await flowHarness(loadPublishedFlow(p, actions), actions);
  return h;
}

const flowsOf = (logic: Logic): [string, PublishedFlow][] =>
  PUBLISHED_FLOWS.filter((p) => p.logic === logic).map((p) => [p.file, p]);
const ended = (conv: Body): boolean => (conv.participants as Body[]).every((p) => p.state === 'disconnected');
const presenceUpdates = (path: readonly string[]): number =>
  path.filter((s) => s.startsWith('GC User Presence Update')).length;

describe('the published workflow files', () => {
  it('are the 12 .i3WorkFlow exports and their 7 Archy YAML twins, each listed once', () => {
    const found = discoverWorkflowFiles();
    expect(found.filter((f) => f.endsWith('.i3WorkFlow')).length).toBe(12);
    expect(found.filter((f) => f.endsWith('.yaml')).length).toBe(7);
    expect(PUBLISHED_FLOWS.map((p) => p.file).sort()).toEqual(found);
  });

  it.each(PUBLISHED_FLOWS.map((p) => [p.file, p] as const))(
    '%s imports and calls only data actions of its folder',
    (_f, p) => {
      const actions = actionsIn(p.actionsDir);
      const flow = loadPublishedFlow(p, actions);
      expect(flow.name).not.toMatch(/\{\{|\}\}/);
      if (p.rebind) {
        // Without the re-binding Architect asks for on import, the flow names actions its folder lacks.
        expect(() => loadPublishedFlow({ ...p, rebind: {} }, actions)).toThrow(/unavailable-data-action/);
      }
    },
  );
});

describe('Terminate Outbound Call Missing Queue (blueprints.md §1.2)', () => {
  it.each(flowsOf('terminate'))('%s: a no-queue PSTN call is disconnected, then tagged "No Queue"', async (_f, p) => {
    const e = await harness(p);
    const call = e.sim.placeCall({ fromUserId: DEMO.users.bob, to: { phoneNumber: PSTN_ANSWERS } });
    const inputs = e.inputsOf(call.id, 'user.start', DEMO.users.bob);
    expect(inputs).toMatchObject({ conversationId: call.id, userId: DEMO.users.bob });
    expect(inputs.queueId).toBeUndefined();
    const run = await e.run(await e.start(inputs));

    const conv = await e.conversation(call.id);
    expect(ended(conv)).toBe(true);
    expect(conv.participants.find((p: Body) => p.purpose === 'user').disconnectType).toBeDefined();
    expect((await e.api('GET', `/api/v2/conversations/${call.id}`)).body.externalTag).toBe('No Queue');
    expect(run.record.status).toBe('completed');
    expect(run.output?.exitReason).toBeUndefined();
    expect(run.path).toEqual(['Disconnect Voice Call→success', 'Put Conversation Tag→success', 'endWorkflow→end']);
  });

  it.each(flowsOf('terminate'))(
    '%s: without the PSTN check a user-to-user call is terminated too (why §1.3 exists)',
    async (_f, p) => {
      const e = await harness(p);
      const call = e.sim.placeCall({ fromUserId: DEMO.users.bob, to: { userId: DEMO.users.carol } });
      e.sim.answer(call.id);
      await e.start(e.inputsOf(call.id, 'user.start', DEMO.users.bob));
      expect(ended(await e.conversation(call.id))).toBe(true);
      expect((await e.api('GET', `/api/v2/conversations/${call.id}`)).body.externalTag).toBe('No Queue');
    },
  );
});

describe('Terminate … with PSTN Call Leg Check (blueprints.md §1.3)', () => {
  it.each(flowsOf('pstn-check'))('%s: waits 1 s, then disconnects and tags a PSTN call', async (_f, p) => {
    const e = await harness(p);
    const call = e.sim.placeCall({ fromUserId: DEMO.users.bob, to: { phoneNumber: PSTN_ANSWERS } });
    const id = await e.start(e.inputsOf(call.id, 'user.start', DEMO.users.bob));
    expect((await e.run(id)).record.status).toBe('waiting');
    expect(ended(await e.conversation(call.id))).toBe(false);
    await e.pass(1_000);

    const run = await e.run(id);
    expect(ended(await e.conversation(call.id))).toBe(true);
    expect((await e.api('GET', `/api/v2/conversations/${call.id}`)).body.externalTag).toBe('No Queue');
    expect(run.record.status).toBe('completed');
    expect(run.output?.exitReason).toBeUndefined();
    expect(run.path).toEqual([
      'wait',
      'Check Conversation For PSTN Leg→success',
      'decision→yes',
      'Disconnect Voice Call→success',
      'Put Conversation Tag→success',
      'endWorkflow→end',
    ]);
    expect(run.journal.filter((s) => s.kind === 'sleep').length).toBe(1);
  });

  it.each(flowsOf('pstn-check'))('%s: leaves a user-to-user (PBX) call untouched', async (_f, p) => {
    const e = await harness(p);
    const call = e.sim.placeCall({ fromUserId: DEMO.users.bob, to: { userId: DEMO.users.carol } });
    e.sim.answer(call.id);
    const id = await e.start(e.inputsOf(call.id, 'user.start', DEMO.users.bob));
    await e.pass(2_000);

    const run = await e.run(id);
    const conv = await e.conversation(call.id);
    expect(conv.participants.map((x: Body) => x.state)).toEqual(['connected', 'connected']);
    expect((await e.api('GET', `/api/v2/conversations/${call.id}`)).body.externalTag).toBeUndefined();
    expect(run.record.status).toBe('completed');
    expect(run.path).toEqual(['wait', 'Check Conversation For PSTN Leg→success', 'decision→no', 'endWorkflow→end']);
  });
});

describe('UpdateExternalTagOnConversation (blueprints.md §2.2)', () => {
  const [[, p]] = flowsOf('external-tag') as [[string, PublishedFlow]];

  it('tags "Busy: Busy" for a Busy user and "Away: Lunch" for a user on the custom Lunch presence', async () => {
    const e = await harness(p);
    await e.setPresence(DEMO.users.bob, BUSY_ID);
    await e.setPresence(DEMO.users.carol, DEMO.presences.lunch);
    const busy = e.sim.placeCall({ fromUserId: DEMO.users.bob, to: { phoneNumber: PSTN_ANSWERS } });
    const lunch = e.sim.placeCall({ fromUserId: DEMO.users.carol, to: { phoneNumber: PSTN_ANSWERS } });
    const r1 = await e.run(await e.start(e.inputsOf(busy.id, 'user.start', DEMO.users.bob)));
    const r2 = await e.run(await e.start(e.inputsOf(lunch.id, 'user.start', DEMO.users.carol)));

    expect((await e.api('GET', `/api/v2/conversations/${busy.id}`)).body.externalTag).toBe('Busy: Busy');
    expect((await e.api('GET', `/api/v2/conversations/${lunch.id}`)).body.externalTag).toBe('Away: Lunch');
    for (const r of [r1, r2]) {
      expect(r.record.status).toBe('completed');
      expect(r.path).toEqual([
        'GetGenesysCloudUserPresenceDefinition→success',
        'GetGenesysCloudPresenceDefinitionLabel→success',
        'PutConversationTag→success',
        'endWorkflow→end',
      ]);
    }
    // The tag is all the flow changes: the calls go on.
    expect(ended(await e.conversation(busy.id))).toBe(false);
  });

  it('tags the system presence alone when the label lookup fails', async () => {
    const e = await harness(p);
    await e.setPresence(DEMO.users.bob, BUSY_ID);
    e.emulator.faults.add({ method: 'GET', path: '/api/v2/presence/definitions/*', errorRate: 1, errorStatus: 500 });
    const call = e.sim.placeCall({ fromUserId: DEMO.users.bob, to: { phoneNumber: PSTN_ANSWERS } });
    const run = await e.run(await e.start(e.inputsOf(call.id, 'user.start', DEMO.users.bob)));

    expect((await e.api('GET', `/api/v2/conversations/${call.id}`)).body.externalTag).toBe('Busy');
    expect(run.path).toEqual([
      'GetGenesysCloudUserPresenceDefinition→success',
      'GetGenesysCloudPresenceDefinitionLabel→failure',
      'PutConversationTag→success',
      'endWorkflow→end',
    ]);
  });

  it('a label with a double quote breaks the published PutConversationTag body (unescaped input): the call stays untagged', async () => {
    const e = await harness(p);
    // An org presence whose English label holds a quote, added to the emulator's state.
    const quoted = '0c0c0000-0000-4000-8000-0000000000aa';
    const state = e.emulator.snapshot() as Body;
    state.orgs[DEMO.orgId].presence.definitions[quoted] = {
      id: quoted,
      systemPresence: 'AWAY',
      languageLabels: { en_US: 'Out "back soon"' },
      primary: false,
      deactivated: false,
      divisionId: '*',
      createdDate: '2026-01-05T08:00:00.000Z',
    };
    e.emulator.restore(state);
    await e.setPresence(DEMO.users.carol, quoted);
    const call = e.sim.placeCall({ fromUserId: DEMO.users.carol, to: { phoneNumber: PSTN_ANSWERS } });
    const run = await e.run(await e.start(e.inputsOf(call.id, 'user.start', DEMO.users.carol)));

    expect(run.path).toEqual([
      'GetGenesysCloudUserPresenceDefinition→success',
      'GetGenesysCloudPresenceDefinitionLabel→success',
      'PutConversationTag→failure',
      'endWorkflow→end',
    ]);
    const put = run.journal.find((s) => s.name === 'PutConversationTag')!.trace as Body;
    expect(put.request.body).toBe('{\n  "externalTag": "Away: Out "back soon""\n}');
    expect((await e.api('GET', `/api/v2/conversations/${call.id}`)).body.externalTag).toBeUndefined();
    expect(run.record.status).toBe('completed');
  });

  it("tags nothing when the user's presence cannot be read", async () => {
    const e = await harness(p);
    e.emulator.faults.add({
      method: 'GET',
      path: '/api/v2/users/*/presences/purecloud',
      errorRate: 1,
      errorStatus: 503,
    });
    const call = e.sim.placeCall({ fromUserId: DEMO.users.bob, to: { phoneNumber: PSTN_ANSWERS } });
    const run = await e.run(await e.start(e.inputsOf(call.id, 'user.start', DEMO.users.bob)));
    expect((await e.api('GET', `/api/v2/conversations/${call.id}`)).body.externalTag).toBeUndefined();
    expect(run.path).toEqual(['GetGenesysCloudUserPresenceDefinition→failure', 'endWorkflow→end']);
  });
});

describe('Set GC User to Available (blueprints.md §3.2)', () => {
  it.each(flowsOf('available'))(
    '%s: a Busy user is Available after the call; an On Queue user is not touched',
    async (_f, p) => {
      const e = await harness(p);
      await e.setPresence(DEMO.users.bob, BUSY_ID);
      const direct = e.sim.placeCall({ fromUserId: DEMO.users.bob, to: { userId: DEMO.users.carol } });
      e.sim.answer(direct.id);
      e.sim.hangUp(direct.id, 'caller');
      const bob = await e.run(await e.start(e.inputsOf(direct.id, 'user.end', DEMO.users.bob)));
      expect(await e.presence(DEMO.users.bob)).toBe('Available');
      expect(bob.path).toEqual([
        'Get Genesys Cloud User Presence→success',
        'decision→no',
        'GC User Presence Update→success',
        'endWorkflow→end',
      ]);

      const queued = e.sim.placeCall({ fromUserId: DEMO.users.alice, to: { phoneNumber: PSTN_ANSWERS } });
      await e.pass(4_000);
      e.sim.hangUp(queued.id, 'caller');
      const alice = await e.run(await e.start(e.inputsOf(queued.id, 'user.end', DEMO.users.alice)));
      expect(await e.presence(DEMO.users.alice)).toBe('On Queue');
      expect(alice.record.status).toBe('completed');
      expect(alice.path).toEqual(['Get Genesys Cloud User Presence→success', 'decision→yes', 'endWorkflow→end']);
    },
  );
});

const BUSY_FLOWS = [...flowsOf('busy-main'), ...flowsOf('busy-nov23'), ...flowsOf('busy-initial')];

describe('Set GC User to Busy (blueprints.md §3.3; nov-23 and initial variants)', () => {
  it.each(BUSY_FLOWS)(
    '%s: inbound direct call — the callee is Busy once they answer, the caller too',
    async (_f, p) => {
      const e = await harness(p);
      const call = e.sim.placeCall({ fromUserId: DEMO.users.bob, to: { userId: DEMO.users.carol } });
      const bob = await e.start(e.inputsOf(call.id, 'user.start', DEMO.users.bob));
      // Carol's leg (and her user.start) appears once Bob's phone has dialled.
      await e.pass(1_500);
      const carolInputs = e.inputsOf(call.id, 'user.start', DEMO.users.carol);
      expect(carolInputs.direction).toBe('INBOUND');
      const carol = await e.start(carolInputs);
      await e.pass(6_500);
      // The first checks (5 s after each start) found the call still ringing: nobody is Busy yet.
      expect([await e.presence(DEMO.users.bob), await e.presence(DEMO.users.carol)]).toEqual([
        'Available',
        'Available',
      ]);
      e.sim.answer(call.id);
      await e.pass(5_000);

      expect([await e.presence(DEMO.users.bob), await e.presence(DEMO.users.carol)]).toEqual(['Busy', 'Busy']);
      for (const id of [carol, bob]) {
        const run = await e.run(id);
        expect(run.record.status).toBe('completed');
        expect(run.output?.exitReason).toBeUndefined();
        expect(run.journal.filter((s) => s.kind === 'sleep').length).toBe(2);
        expect(presenceUpdates(run.path)).toBe(1);
        expect(run.path.filter((s) => s === 'exitLoop→exit').length).toBe(1);
      }
    },
  );

  it.each(BUSY_FLOWS)(
    '%s: outbound PSTN call — the caller is Busy once the far end answers; an On Queue caller is untouched',
    async (_f, p) => {
      const e = await harness(p);
      const call = e.sim.placeCall({ fromUserId: DEMO.users.bob, to: { phoneNumber: PSTN_ANSWERS } });
      const queued = e.sim.placeCall({ fromUserId: DEMO.users.alice, to: { phoneNumber: PSTN_ANSWERS } });
      const bobInputs = e.inputsOf(call.id, 'user.start', DEMO.users.bob);
      expect(bobInputs.direction).toBe('OUTBOUND');
      const bob = await e.start(bobInputs);
      const alice = await e.start(e.inputsOf(queued.id, 'user.start', DEMO.users.alice));
      await e.pass(6_000);

      expect(await e.presence(DEMO.users.bob)).toBe('Busy');
      expect(await e.presence(DEMO.users.alice)).toBe('On Queue');
      const b = await e.run(bob);
      expect(b.path.filter((s) => s.startsWith('GetOutboundConversationDetailsForPickUp')).length).toBe(1);
      expect(b.path.slice(-3)).toEqual(['GC User Presence Update→success', 'exitLoop→exit', 'endWorkflow→end']);
      expect((await e.run(alice)).path).toEqual([
        'Get Genesys Cloud User Presence→success',
        'decision→yes',
        'endWorkflow→end',
      ]);
    },
  );

  it.each(BUSY_FLOWS)('%s: gives up after 5 checks 5 s apart when the call is never answered', async (_f, p) => {
    const e = await harness(p);
    const call = e.sim.placeCall({ fromUserId: DEMO.users.bob, to: { phoneNumber: PSTN_NEVER_ANSWERS } });
    const id = await e.start(e.inputsOf(call.id, 'user.start', DEMO.users.bob));
    await e.pass(24_000);
    expect((await e.run(id)).record.status).toBe('waiting');
    await e.pass(2_000);

    const run = await e.run(id);
    expect(await e.presence(DEMO.users.bob)).toBe('Available');
    expect(run.record.status).toBe('completed');
    expect(run.journal.filter((s) => s.kind === 'sleep').length).toBe(5);
    expect(run.path.filter((s) => s.startsWith('GetOutboundConversationDetailsForPickUp→success')).length).toBe(5);
    expect(presenceUpdates(run.path)).toBe(0);
    expect(run.record.completedAt! - run.record.startedAt!).toBe(25_000);
  });

  const GROUP_FLOWS = [...flowsOf('busy-main'), ...flowsOf('busy-nov23')];
  it.each(GROUP_FLOWS)(
    '%s: inbound group call — the member who picks up is Busy, an On Queue member is not touched',
    async (_f, p) => {
      const e = await harness(p);
      const call = e.sim.placeCall({ fromUserId: DEMO.users.carol, to: { groupId: DEMO.groups.pickup } });
      await e.pass(1_500);
      const bob = await e.start(e.inputsOf(call.id, 'user.start', DEMO.users.bob));
      const alice = await e.start(e.inputsOf(call.id, 'user.start', DEMO.users.alice));
      await e.pass(1_000);
      const bobLeg = e.sim.get(call.id)!.participants.find((x) => x.userId === DEMO.users.bob && x.purpose === 'user')!;
      e.sim.answer(call.id, bobLeg.id);
      await e.pass(4_000);

      expect([await e.presence(DEMO.users.bob), await e.presence(DEMO.users.alice)]).toEqual(['Busy', 'On Queue']);
      const b = await e.run(bob);
      expect(b.path.slice(0, 4)).toEqual([
        'Get Genesys Cloud User Presence→success',
        'decision→no',
        'decision→yes',
        expect.stringMatching(/^GetInboundConversationDetailsForPickUp \(Includes Group Check\)→success$/),
      ]);
      expect(b.path).toContain('GetInboundConversationCallsCheckForUserPickUp→success');
      expect(presenceUpdates(b.path)).toBe(1);
      expect((await e.run(alice)).path).toEqual([
        'Get Genesys Cloud User Presence→success',
        'decision→yes',
        'endWorkflow→end',
      ]);
    },
  );
});

describe('Callback Prioritization as published (blueprints.md §4.2 caveats)', () => {
  it.each(flowsOf('callback'))(
    '%s: the acd.start event has no phone, so it ends NoPhoneNumber; with one, NoConversationID; priority untouched',
    async (_f, p) => {
      const e = await harness(p);
      const cb = e.sim.createCallback({ queueId: DEMO.queues.sales, callbackNumbers: [PSTN_ANSWERS], priority: 2 });
      const inputs = e.inputsOf(cb.id, 'acd.start');
      expect(inputs).toMatchObject({ conversationId: cb.id, mediaType: 'CALLBACK' });
      expect(inputs.phone).toBeUndefined();
      const first = await e.run(await e.start(inputs));
      // A phone input (were the trigger to supply one) gets past the first check only.
      const second = await e.run(await e.start({ ...inputs, phone: PSTN_ANSWERS }));
      await e.pass(6 * 60_000);

      expect(first.record.status).toBe('completed');
      expect(first.output?.exitReason).toBe('NoPhoneNumber');
      expect(first.path).toEqual(['updateData', 'decision→no', 'endWorkflow→end']);
      expect(second.output?.exitReason).toBe('NoConversationID');
      expect(second.path).toEqual(['updateData', 'decision→yes', 'decision→no', 'endWorkflow→end']);
      const acd = (await e.conversation(cb.id, 'callbacks')).participants.find((x: Body) => x.purpose === 'acd');
      expect(acd.conversationRoutingData.priority).toBe(2);
      expect([...first.journal, ...second.journal]).toEqual([]);
    },
  );
});
