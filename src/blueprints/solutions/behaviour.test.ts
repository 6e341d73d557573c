// The shipped solutions behave as blueprints.md describes: each flow runs with its bundle's own
// data actions (compiled from the .custom.json files) against a small fake of the Genesys API, and
// the requests that reach it are the proof.
import { describe, expect, it } from 'vitest';
import { runFlow } from '../../architect/index.ts';
import { bundleTools, fakeGenesys, workflowOf } from './fake-genesys.test-util.ts';
import { loadSolution } from './index.ts';

const ok = (): unknown => ({});
const bodies = (requests: ReadonlyArray<{ key: string; body: string }>, method: string): unknown[] => requests.filter((r) => r.key.startsWith(method)).map((r) => JSON.parse(r.body));

describe('terminate-no-queue (§1)', () => {
  it('main: disconnects, then tags with the configured text, escaped into the JSON body', async () => {
    const tag = 'Blocked "no queue" \\ for now';
    const b = loadSolution('terminate-no-queue', 'main', { config: { tagText: tag } });
    const api = fakeGenesys({ 'POST /api/v2/conversations/c1/disconnect': ok, 'PUT /api/v2/conversations/c1/tags': ok });
    const result = await runFlow(workflowOf(b), { conversationId: 'c1' }, bundleTools(b, api.fetch));
    expect(result).toMatchObject({ status: 'completed', exitReason: 'Terminated' });
    expect(api.requests.map((r) => r.key)).toEqual(['POST /api/v2/conversations/c1/disconnect', 'PUT /api/v2/conversations/c1/tags']);
    expect(JSON.parse(api.requests[1]!.body)).toEqual({ externalTag: tag });
  });

  it('main: the trigger wants no queue and a tel: DNIS; the tag is written even when the disconnect fails', async () => {
    const b = loadSolution('terminate-no-queue');
    expect(b.triggers.map((t) => [t.trigger.topicName, t.trigger.matchCriteria])).toEqual([
      ['v2.detail.events.conversation.{id}.user.start', [{ jsonPath: 'queueId', operator: 'Exists', value: false }, { jsonPath: 'dnis', operator: 'Contains', value: 'tel:+' }]],
    ]);
    const api = fakeGenesys({ 'PUT /api/v2/conversations/c1/tags': ok });
    await runFlow(workflowOf(b), { conversationId: 'c1' }, bundleTools(b, api.fetch));
    expect(bodies(api.requests, 'PUT')).toEqual([{ externalTag: 'No Queue' }]);
  });

  it('pstn-leg-check: any number of outbound external sessions terminates the call; none, or an unreadable record, leaves it alone', async () => {
    const b = loadSolution('terminate-no-queue', 'pstn-leg-check');
    expect(b.triggers[0]!.trigger.matchCriteria).toEqual([{ jsonPath: 'queueId', operator: 'Exists', value: false }]);
    const run = async (sessions: number | 'unreadable') => {
      const api = fakeGenesys({
        ...(sessions === 'unreadable' ? {} : { 'GET /api/v2/analytics/conversations/c1/details': () => ({ participants: [{ purpose: 'user', sessions: [{ direction: 'outbound' }] }, { purpose: 'external', sessions: Array.from({ length: sessions }, () => ({ direction: 'outbound' })) }] }) }),
        'POST /api/v2/conversations/c1/disconnect': ok,
        'PUT /api/v2/conversations/c1/tags': ok,
      });
      const tools = bundleTools(b, api.fetch);
      const result = await runFlow(workflowOf(b), { conversationId: 'c1' }, tools);
      return { exit: result.exitReason, methods: api.requests.map((r) => r.key.split(' ')[0]), sleeps: tools.sleeps };
    };
    expect(await run(1)).toEqual({ exit: 'Terminated', methods: ['GET', 'POST', 'PUT'], sleeps: [1000] });
    expect(await run(2)).toEqual({ exit: 'Terminated', methods: ['GET', 'POST', 'PUT'], sleeps: [1000] });
    expect(await run(0)).toEqual({ exit: 'NoPstnLeg', methods: ['GET'], sleeps: [1000] });
    expect(await run('unreadable')).toEqual({ exit: 'PstnCheckFailed', methods: ['GET'], sleeps: [1000] });
  });
});

describe('presence-tag (§2)', () => {
  const presenceApi = (label: 'ok' | 'fails' | 'missing', presence: { id: string; systemPresence: string } | 'fails' = { id: 'p1', systemPresence: 'Away' }) =>
    fakeGenesys({
      ...(presence === 'fails' ? {} : { 'GET /api/v2/users/u1/presences/purecloud': () => ({ presenceDefinition: presence }) }),
      ...(label === 'fails' ? {} : { 'GET /api/v2/presence/definitions/p1': () => ({ id: 'p1', systemPresence: 'Away', languageLabels: label === 'ok' ? { en: 'Lunch "long"' } : {} }) }),
      'PUT /api/v2/conversations/c1/tags': ok,
    });
  const tagOf = async (api: ReturnType<typeof presenceApi>) => {
    const b = loadSolution('presence-tag');
    const result = await runFlow(workflowOf(b), { conversationId: 'c1', userId: 'u1' }, bundleTools(b, api.fetch));
    return { exit: result.exitReason, tags: bodies(api.requests, 'PUT') };
  };

  it('tags "<system presence>: <label>", the label escaped into the JSON body', async () => {
    expect(await tagOf(presenceApi('ok'))).toEqual({ exit: 'Tagged', tags: [{ externalTag: 'Away: Lunch "long"' }] });
  });

  it('tags the system presence alone when the label lookup fails or the definition has no English label', async () => {
    expect(await tagOf(presenceApi('fails'))).toEqual({ exit: 'Tagged', tags: [{ externalTag: 'Away' }] });
    expect(await tagOf(presenceApi('missing'))).toEqual({ exit: 'Tagged', tags: [{ externalTag: 'Away' }] });
  });

  it('tags nothing when the presence cannot be read', async () => {
    expect(await tagOf(presenceApi('ok', 'fails'))).toEqual({ exit: 'PresenceUnavailable', tags: [] });
  });
});

describe('presence-busy (§3)', () => {
  const BUSY = '31fe3bac-dea6-44b7-bed7-47f91660a1a0';
  const AVAILABLE = '6a3af858-942f-489d-9700-5f9bcdcdae9b';
  const presence = (systemPresence: string) => () => ({ presenceDefinition: { id: 'x', systemPresence } });

  it('group call: finds the user among two connected members (Contains) and sets the configured Busy id', async () => {
    const busyId = '11111111-2222-4333-8444-555555555555';
    const b = loadSolution('presence-busy', 'main', { config: { busyPresenceId: busyId, pickupWaitSeconds: 2 } });
    const api = fakeGenesys({
      'GET /api/v2/users/u1/presences/purecloud': presence('Available'),
      'GET /api/v2/conversations/c1': () => ({ participants: [{ purpose: 'group' }, { purpose: 'user', calls: [] }] }),
      'GET /api/v2/conversations/calls/c1': (_b, n) => ({
        participants: n === 0 ? [] : [
          { purpose: 'user', state: 'connected', direction: 'inbound', user: { id: 'u2' } },
          { purpose: 'user', state: 'connected', direction: 'inbound', user: { id: 'u1' } },
        ],
      }),
      'PATCH /api/v2/users/u1/presences/purecloud': (body) => body,
    });
    const tools = bundleTools(b, api.fetch);
    const result = await runFlow(workflowOf(b, 'Set User Busy On Communicate Call'), { userId: 'u1', conversationId: 'c1', direction: 'INBOUND' }, tools);
    expect(result.exitReason).toBe('Busy');
    expect(bodies(api.requests, 'PATCH')).toEqual([{ presenceDefinition: { id: busyId }, primary: true }]);
    expect(tools.sleeps).toEqual([2000, 2000]);
  });

  it('direct inbound and outbound calls: Busy once the user\'s call has an Interact segment', async () => {
    const b = loadSolution('presence-busy');
    for (const direction of ['inbound', 'outbound'] as const) {
      const api = fakeGenesys({
        'GET /api/v2/users/u1/presences/purecloud': presence('Available'),
        'GET /api/v2/conversations/c1': (_b, n) => ({
          participants: [{ purpose: 'user', calls: [{ direction, segments: [{ type: 'Alert' }, ...(n >= 2 ? [{ type: 'Interact' }] : [])] }] }],
        }),
        'PATCH /api/v2/users/u1/presences/purecloud': (body) => body,
      });
      const tools = bundleTools(b, api.fetch);
      const result = await runFlow(workflowOf(b, 'Set User Busy On Communicate Call'), { userId: 'u1', conversationId: 'c1', direction: direction.toUpperCase() }, tools);
      expect([direction, result.exitReason, bodies(api.requests, 'PATCH')]).toEqual([direction, 'Busy', [{ presenceDefinition: { id: BUSY }, primary: true }]]);
      // Inbound reads the call once up front to see whether it rang a group.
      expect(tools.sleeps).toEqual(direction === 'inbound' ? [5000, 5000] : [5000, 5000, 5000]);
    }
  });

  it('gives up after the configured number of checks when nobody answers, and never touches an On Queue user', async () => {
    const b = loadSolution('presence-busy', 'main', { config: { pickupChecks: 3 } });
    const unanswered = fakeGenesys({
      'GET /api/v2/users/u1/presences/purecloud': presence('Available'),
      'GET /api/v2/conversations/c1': () => ({ participants: [{ purpose: 'user', calls: [{ direction: 'outbound', segments: [{ type: 'Alert' }] }] }] }),
    });
    const tools = bundleTools(b, unanswered.fetch);
    expect((await runFlow(workflowOf(b, 'Set User Busy On Communicate Call'), { userId: 'u1', conversationId: 'c1', direction: 'OUTBOUND' }, tools)).exitReason).toBe('NotPickedUp');
    expect(tools.sleeps).toEqual([5000, 5000, 5000]);
    expect(bodies(unanswered.requests, 'PATCH')).toEqual([]);

    for (const flow of ['Set User Busy On Communicate Call', 'Set User Available After Communicate Call']) {
      const onQueue = fakeGenesys({ 'GET /api/v2/users/u1/presences/purecloud': presence('On Queue') });
      const result = await runFlow(workflowOf(b, flow), { userId: 'u1', conversationId: 'c1', direction: 'OUTBOUND' }, bundleTools(b, onQueue.fetch));
      expect([flow, result.exitReason, onQueue.requests.map((r) => r.key)]).toEqual([flow, 'OnQueue', ['GET /api/v2/users/u1/presences/purecloud']]);
    }
  });

  it('sets the configured Available id when the user leaves the call', async () => {
    const b = loadSolution('presence-busy');
    const api = fakeGenesys({ 'GET /api/v2/users/u1/presences/purecloud': presence('Busy'), 'PATCH /api/v2/users/u1/presences/purecloud': (body) => body });
    const result = await runFlow(workflowOf(b, 'Set User Available After Communicate Call'), { userId: 'u1', conversationId: 'c1' }, bundleTools(b, api.fetch));
    expect(result.exitReason).toBe('Available');
    expect(bodies(api.requests, 'PATCH')).toEqual([{ presenceDefinition: { id: AVAILABLE }, primary: true }]);
  });
});

describe('callback-prioritization (§4)', () => {
  const callbackApi = (states: readonly (string | undefined)[], acd = true) => {
    let priority = 7;
    return fakeGenesys({
      'GET /api/v2/conversations/c1': (_b, n) => {
        const state = states[Math.min(n, states.length - 1)];
        return { participants: state === undefined ? [] : [{ callbacks: [{ state }] }] };
      },
      'GET /api/v2/conversations/callbacks/c1': () => ({ participants: [{ purpose: 'customer' }, ...(acd ? [{ purpose: 'acd', conversationRoutingData: { priority } }] : [])] }),
      'PATCH /api/v2/routing/conversations/c1': (body) => {
        priority = (body as { priority: number }).priority;
        return { priority };
      },
    });
  };
  const inputs = { conversationId: 'c1', mediaType: 'CALLBACK', eventTime: 1 };

  it('raises the priority every interval while the callback waits or is connected, and stops once it is neither', async () => {
    const b = loadSolution('callback-prioritization');
    const api = callbackApi(['waiting', 'waiting', 'connected', 'disconnected']);
    const tools = bundleTools(b, api.fetch);
    expect((await runFlow(workflowOf(b), inputs, tools)).exitReason).toBe('CallbackCanceled');
    expect(bodies(api.requests, 'PATCH')).toEqual([{ priority: 8 }, { priority: 9 }, { priority: 10 }]);
    expect(tools.sleeps).toEqual([300_000, 300_000, 300_000, 300_000]);
  });

  it('the configured count, interval and increment drive the loop: at most that many raises', async () => {
    const b = loadSolution('callback-prioritization', 'main', { config: { maxIncrements: 2, intervalMinutes: 1, priorityIncrement: 3 } });
    const api = callbackApi(['waiting']);
    const tools = bundleTools(b, api.fetch);
    expect((await runFlow(workflowOf(b), inputs, tools)).exitReason).toBe('Loop Complete');
    expect(bodies(api.requests, 'PATCH')).toEqual([{ priority: 10 }, { priority: 13 }]);
    expect(tools.sleeps).toEqual([60_000, 60_000]);
  });

  it('a callback without a state reads as "disconnected"; one without an ACD participant skips the raise', async () => {
    const b = loadSolution('callback-prioritization');
    const gone = callbackApi([undefined]);
    expect(await bundleTools(b, gone.fetch).callAction('s', 'Get Callback State', { conversationId: 'c1' }, {})).toEqual({ status: 'success', outputs: { state: 'disconnected' } });
    expect((await runFlow(workflowOf(b), inputs, bundleTools(b, gone.fetch))).exitReason).toBe('CallbackCanceled');
    const unrouted = callbackApi(['waiting'], false);
    expect((await bundleTools(b, unrouted.fetch).callAction('s', 'Get Callback Routing Priority', { conversationId: 'c1' }, {})).status).toBe('failure');
    expect((await runFlow(workflowOf(b), inputs, bundleTools(b, unrouted.fetch))).exitReason).toBe('Loop Complete');
    expect(bodies(unrouted.requests, 'PATCH')).toEqual([]);
  });

  it('refuses a configuration point the bundle does not declare, or a value of the wrong type', () => {
    expect(loadSolution('callback-prioritization', 'main', { config: { maxIncrements: 3 } }).config).toEqual({ maxIncrements: 3, intervalMinutes: 5, priorityIncrement: 1 });
    expect(() => loadSolution('callback-prioritization', 'main', { config: { maxIncrement: 3 } })).toThrow(/no such point/);
    expect(() => loadSolution('callback-prioritization', 'main', { config: { maxIncrements: 'three' } })).toThrow(/must be an integer/);
  });
});

describe('outbound-on-behalf', () => {
  it('is a bundle without flows: only the permissions of the client the outbound API runs as', () => {
    const b = loadSolution('outbound-on-behalf');
    expect([b.workflows, b.triggers, b.actions]).toEqual([[], [], []]);
    expect(b.integrations).toEqual([{ name: 'Outbound calls on behalf of agents', role: 'Outbound on behalf', permissions: ['conversation:call:add', 'directory:user:view', 'conversation:communication:view', 'analytics:conversationDetail:view'], actions: [] }]);
  });
});
