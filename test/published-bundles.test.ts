// The seed solutions: the published artifacts (as exported folders and as published bundles) show
// every defect blueprints.md lists; the corrected bundles check clean, load, and behave as the
// corrections say, running their real data actions against a small fake of the Genesys API.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../core/index.ts';
import { executeAction } from '../../actions/index.ts';
import { runFlow } from '../../architect/index.ts';
import type { ActionCallResult, FlowStepTools } from '../../architect/index.ts';
import { BLUEPRINTS_DIR, blueprintPath } from '../../../test/support/shared.ts';
import type { Finding } from '../check/finding.ts';
import { checkPath } from '../check/runner.ts';
import type { LoadedBundle } from '../load-bundle.ts';
import { SEED_SOLUTIONS, loadSeed, seedBundleDir } from './index.ts';

const opts = { blueprintsDir: BLUEPRINTS_DIR };
const check = (dir: string) => checkPath(dir, opts).findings;
const pick = (fs: readonly Finding[], rule: string, file?: string) => fs.filter((f) => f.rule === rule && (file === undefined || f.file === file));
const messages = (fs: readonly Finding[]) => fs.map((f) => f.message);

describe('the published folders show every defect blueprints.md lists', () => {
  it('terminate (§1): the toString(collection) test, the unescaped tag, the PTSN name, two flows with one name, unused inputs', () => {
    const f = check(blueprintPath('terminate-voice-calls-with-no-queue/main'));
    expect(pick(f, 'flow/collection-tostring-compare').map((x) => x.file).sort()).toEqual([
      'exports/Terminate Outbound Call Missing Queue with PSTN Call Leg Check.i3WorkFlow',
      'terraform-with-pbx/modules/flow/terminate-outbound-call-missing-queue-with-pstn-call-leg-check.yaml',
    ]);
    expect(pick(f, 'action/unescaped-input-in-json', 'exports/Put-Conversation-Tag.custom.json')[0]!.message).toContain('${input.externalTagName}');
    expect(messages(pick(f, 'terraform/action-name-mismatch'))).toEqual([
      'Terraform creates data action "Check Conversation for PTSN Leg", but the export is named "Check Conversation For PSTN Leg"; flows exported from one setup do not bind to the other\'s action',
    ]);
    expect(pick(f, 'flow/duplicate-name').map((x) => x.severity)).toEqual(['warning']);
    const unused = pick(f, 'flow/unused-variable', 'terraform-without-pbx/modules/flow/terminate-outbound-call-missing-queue.yaml').map((x) => x.location);
    expect(unused).toEqual(['variable Flow.addressTo', 'variable Flow.ani', 'variable Flow.dnis', 'variable Flow.id', 'variable Flow.provider']);
    // The Terraform setups grant what their actions need (tfvars "Permissions:" comments).
    expect(pick(f, 'integration/missing-permission').filter((x) => x.severity !== 'info')).toEqual([]);
    expect(f.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('presence tag (§2): both "Not Found" defaults, the unescaped tag, the Postman trigger without criteria, the unused State.systemPresence2', () => {
    const f = check(blueprintPath('terminate-voice-calls-with-no-queue/update-external-tag'));
    expect(pick(f, 'action/invalid-default-json').map((x) => [x.file, x.location])).toEqual([
      ['GetGenesysCloudPresenceDefinitionLabel.custom.json', '/config/response/translationMapDefaults/systemPresence'],
      ['GetGenesysCloudUserPresenceDefinition.custom.json', '/config/response/translationMapDefaults/systemPresence'],
    ]);
    expect(pick(f, 'action/unescaped-input-in-json').map((x) => x.file)).toEqual(['PutConversationTag.custom.json']);
    expect(messages(pick(f, 'trigger/no-criteria'))).toEqual(['trigger "Agent joins conversation" has no match criteria, so it fires on every v2.detail.events.conversation.{id}.user.start event']);
    expect(pick(f, 'flow/unused-variable').map((x) => x.location)).toEqual(['variable State.systemPresence2']);
  });

  it('presence busy (§3): the "(ConversationDirect)" names, the "Not Found" default, four toString(collection) tests, the unescaped presence id', () => {
    const f = check(blueprintPath('update-gc-presence-on-communicate-call-activity-blueprint/main'));
    const missing = pick(f, 'flow/missing-data-action', 'Set GC User to Busy.i3WorkFlow');
    expect(new Set(missing.map((x) => x.message.match(/calls data action "([^"]+)"/)![1]))).toEqual(
      new Set(['GetInboundConversationDetailsForPickUp (Includes Group Check) (ConversationDirect)', 'GetOutboundConversationDetailsForPickUp (ConversationDirect)']),
    );
    expect(missing).toHaveLength(3);
    expect(missing.every((x) => x.hint.startsWith('Re-bind the call to "GetInboundConversationDetailsForPickUp (Includes Group Check)"') || x.hint.startsWith('Re-bind the call to "GetOutboundConversationDetailsForPickUp"'))).toBe(true);
    expect(pick(f, 'flow/missing-data-action', 'Set GC User to Busy.yaml')).toHaveLength(3);
    expect(pick(f, 'action/invalid-default-json').map((x) => x.file)).toEqual(['Get-Genesys-Cloud-User-Presence.custom.json']);
    expect(pick(f, 'flow/collection-tostring-compare', 'Set GC User to Busy.i3WorkFlow')).toHaveLength(4);
    expect(pick(f, 'action/unescaped-input-in-json').map((x) => x.file)).toEqual(['GC-User-Presence-Update.custom.json']);
    for (const branch of ['nov-23-update__support-group-calls', 'initial-blueprint-creation']) {
      const older = check(blueprintPath('update-gc-presence-on-communicate-call-activity-blueprint', branch));
      expect(pick(older, 'action/invalid-default-json').map((x) => x.file)).toEqual(['Get-Genesys-Cloud-User-Presence.custom.json']);
      expect(pick(older, 'flow/missing-data-action')).toEqual([]);
    }
  });

  it('callback (§4): State.callbackConversationId never assigned, Flow.phone never sent, the "disconnected" default, Flow.delay unused, no role', () => {
    const f = check(blueprintPath('callback-prioritization/main'));
    expect(pick(f, 'flow/unassigned-variable').map((x) => x.file).sort()).toEqual(['exports/Callback-Prioritization.i3WorkFlow', 'terraform/Callback-Prioritization-Workflow.yaml']);
    expect(pick(f, 'flow/unassigned-variable')[0]!.message).toContain('reads State.callbackConversationId (in `IsSet(State.callbackConversationId)`) but nothing assigns it');
    // The Terraform trigger pairs with the YAML flow through genesyscloud_flow.workflow.
    expect(pick(f, 'trigger/input-never-sent').map((x) => [x.severity, x.file, x.location])).toEqual([['error', 'terraform/Callback-Prioritization-Workflow.yaml', '"Terminate if no phone number" (1)']]);
    expect(pick(f, 'action/invalid-default-json').map((x) => [x.file, x.message])).toEqual([
      ['exports/Get-Interaction-State.custom.json', 'data action "Get Interaction State": the default of state is "disconnected", which is not JSON; the success template gets invalid JSON whenever the default applies'],
    ]);
    expect(pick(f, 'flow/unused-variable', 'exports/Callback-Prioritization.i3WorkFlow').map((x) => x.location)).toEqual(
      expect.arrayContaining(['variable Flow.delay', 'variable Flow.name', 'variable State.ConversationID', 'variable State.state']),
    );
    expect(pick(f, 'integration/missing-permission').map((x) => [x.severity, x.file])).toContainEqual(['warning', 'terraform/main.tf']);
  });
});

describe('the seed bundles', () => {
  const variants = SEED_SOLUTIONS.flatMap((s) => s.variants.map((v) => ({ solution: s.id, ...v })));

  it.each(variants.filter((v) => v.kind !== 'published').map((v) => [`${v.solution}/${v.id}`, v.dir]))('%s checks without errors or warnings', (_name, dir) => {
    const f = check(dir);
    expect(f.filter((x) => x.severity !== 'info')).toEqual([]);
  });

  it('the published bundles report the defects of their artifacts', () => {
    const errors = (solution: string) => check(seedBundleDir(solution, 'published')).filter((x) => x.severity === 'error').map((x) => x.rule);
    expect(errors('callback-prioritization').sort()).toEqual(['action/invalid-default-json', 'flow/unassigned-variable', 'trigger/input-never-sent']);
    expect(errors('presence-busy').sort()).toEqual(['action/invalid-default-json', 'flow/missing-data-action', 'flow/missing-data-action', 'flow/missing-data-action']);
    expect(errors('presence-tag')).toEqual(['action/invalid-default-json', 'action/invalid-default-json']);
    expect(check(seedBundleDir('callback-prioritization', 'published')).find((x) => x.rule === 'integration/missing-permission')?.severity).toBe('warning');
    const pstn = check(seedBundleDir('terminate-no-queue', 'published-pstn-check'));
    expect(pstn.map((x) => x.rule)).toEqual(expect.arrayContaining(['flow/collection-tostring-compare', 'action/unescaped-input-in-json']));
  });

  it('every corrected and stub bundle loads; the published Busy flow does not until re-bound', () => {
    for (const v of variants.filter((x) => x.kind !== 'published')) expect(loadSeed(v.solution, v.id, opts).name).toBeTruthy();
    expect(() => loadSeed('presence-busy', 'published', opts)).toThrow(/\[flow\/missing-data-action\].*"GetInboundConversationDetailsForPickUp \(Includes Group Check\) \(ConversationDirect\)" is not available/);
    expect(() => loadSeed('presence-busy', 'published', opts)).toThrow(/@blueprints\/update-gc-presence-on-communicate-call-activity-blueprint\/main\/Set GC User to Busy\.i3WorkFlow/);
    const published = loadSeed('callback-prioritization', 'published', opts);
    expect(published.triggers.map((t) => [t.name, t.workflow, t.trigger.topicName])).toEqual([['Callback Prioritization', 'Callback Prioritization', 'v2.detail.events.conversation.{id}.acd.start']]);
    expect(loadSeed('outbound-on-behalf', 'stub', opts).integrations).toEqual([{ name: 'Outbound calls on behalf of agents', role: 'Outbound on behalf', permissions: ['conversation:call:add', 'directory:user:view', 'conversation:communication:view', 'analytics:conversationDetail:view'], actions: [] }]);
  });

  it('configuration points reach the corrected artifacts and are refused where the published artifact hard-codes them', () => {
    const b = loadSeed('callback-prioritization', 'corrected', { ...opts, config: { maxIncrements: 3 } });
    expect(b.config).toEqual({ maxIncrements: 3, intervalMinutes: 5, priorityIncrement: 1 });
    expect(() => loadSeed('callback-prioritization', 'published', { ...opts, config: { maxIncrements: 3 } })).toThrow(
      'a configuration value must fit a declared configuration point; bundle "callback-prioritization", "maxIncrements": the published artifacts hard-code it, so it cannot be changed here',
    );
    expect(() => loadSeed('callback-prioritization', 'corrected', { ...opts, config: { maxIncrement: 3 } })).toThrow(/no such point/);
    expect(() => loadSeed('callback-prioritization', 'corrected', { ...opts, config: { maxIncrements: 'three' } })).toThrow(/must be an integer/);
    expect(() => seedBundleDir('callback-prioritization', 'fixed')).toThrow(/has no variant "fixed" \(known: published, corrected\)/);
  });
});

/** A tiny fake of the Genesys API: handlers by `METHOD /path`, every request recorded. */
function fakeGenesys(routes: Record<string, (body: unknown, n: number) => unknown>) {
  const requests: Array<{ key: string; body: string }> = [];
  const counts = new Map<string, number>();
  const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const req = input instanceof Request ? input : new Request(input, init);
    const key = `${req.method} ${new URL(req.url).pathname}`;
    const body = await req.text();
    requests.push({ key, body });
    const handler = routes[key];
    if (!handler) return new Response(JSON.stringify({ status: 404, code: 'not.found', message: key }), { status: 404, headers: { 'content-type': 'application/json' } });
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    return new Response(JSON.stringify(handler(body === '' ? undefined : JSON.parse(body), n)), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, requests };
}

/** FlowStepTools running the bundle's own compiled data actions against `fetch`. */
function bundleTools(bundle: LoadedBundle, fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>): FlowStepTools & { sleeps: number[] } {
  const clock = new VirtualClock(0);
  const sleeps: number[] = [];
  return {
    sleeps,
    async callAction(_id, name, input): Promise<ActionCallResult> {
      const a = bundle.actions.find((x) => x.name === name)!;
      const r = await executeAction(a.action, input, { fetch, clock, baseUrl: 'https://api.test' });
      return { status: r.status, outputs: r.outputs };
    },
    async sleep(_id, ms) {
      sleeps.push(ms);
    },
    now: () => 0,
  };
}

describe('the corrections at work', () => {
  const callbackApi = (states: string[]) => {
    let priority = 7;
    return fakeGenesys({
      'GET /api/v2/conversations/c1': (_b, n) => ({ participants: [{ callbacks: [{ state: states[Math.min(n, states.length - 1)] }] }] }),
      'GET /api/v2/conversations/callbacks/c1': () => ({ participants: [{ purpose: 'customer' }, { purpose: 'acd', conversationRoutingData: { priority } }] }),
      'PATCH /api/v2/routing/conversations/c1': (body) => {
        priority = (body as { priority: number }).priority;
        return { priority };
      },
    });
  };
  const inputs = { conversationId: 'c1', mediaType: 'CALLBACK', eventTime: 1 };

  it('callback: the published flow ends NoPhoneNumber; the corrected one raises the priority every interval until the callback is answered', async () => {
    const published = loadSeed('callback-prioritization', 'published', opts);
    const api0 = callbackApi(['waiting']);
    expect((await runFlow(published.workflows[0]!.flow, inputs, bundleTools(published, api0.fetch))).exitReason).toBe('NoPhoneNumber');
    expect(api0.requests).toEqual([]);

    const corrected = loadSeed('callback-prioritization', 'corrected', opts);
    const api = callbackApi(['waiting', 'waiting', 'connected', 'disconnected']);
    const tools = bundleTools(corrected, api.fetch);
    const result = await runFlow(corrected.workflows[0]!.flow, inputs, tools);
    expect(result.exitReason).toBe('CallbackCanceled');
    expect(api.requests.filter((r) => r.key.startsWith('PATCH')).map((r) => JSON.parse(r.body))).toEqual([{ priority: 8 }, { priority: 9 }, { priority: 10 }]);
    expect(tools.sleeps).toEqual([300_000, 300_000, 300_000, 300_000]);
  });

  it('callback: the configured count, interval and increment drive the loop; at most that many raises', async () => {
    const corrected = loadSeed('callback-prioritization', 'corrected', { ...opts, config: { maxIncrements: 2, intervalMinutes: 1, priorityIncrement: 3 } });
    const api = callbackApi(['waiting']);
    const tools = bundleTools(corrected, api.fetch);
    expect((await runFlow(corrected.workflows[0]!.flow, inputs, tools)).exitReason).toBe('Loop Complete');
    expect(api.requests.filter((r) => r.key.startsWith('PATCH')).map((r) => JSON.parse(r.body))).toEqual([{ priority: 10 }, { priority: 13 }]);
    expect(tools.sleeps).toEqual([60_000, 60_000]);
  });

  it('Get Interaction State: without a callback state the published default fails the action; the corrected default yields "disconnected"', async () => {
    const api = fakeGenesys({ 'GET /api/v2/conversations/c1': () => ({ participants: [] }) });
    const run = async (variant: string) => {
      const b = loadSeed('callback-prioritization', variant, variant === 'published' ? opts : opts);
      return bundleTools(b, api.fetch).callAction('s', 'Get Interaction State', { conversationId: 'c1' }, {});
    };
    expect((await run('published')).status).toBe('failure');
    expect(await run('corrected')).toEqual({ status: 'success', outputs: { state: 'disconnected' } });
  });

  it('terminate: the corrected tag action escapes a configured tag text with quotes; the published one sends broken JSON', async () => {
    const tag = 'Blocked "no queue"';
    const api = fakeGenesys({ 'PUT /api/v2/conversations/c1/tags': () => ({}), 'POST /api/v2/conversations/c1/disconnect': () => ({}) });
    const corrected = loadSeed('terminate-no-queue', 'corrected', { ...opts, config: { tagText: tag } });
    const result = await runFlow(corrected.workflows[0]!.flow, { conversationId: 'c1' }, bundleTools(corrected, api.fetch));
    expect(result.status).toBe('completed');
    expect(api.requests.map((r) => r.key)).toEqual(['POST /api/v2/conversations/c1/disconnect', 'PUT /api/v2/conversations/c1/tags']);
    expect(JSON.parse(api.requests[1]!.body)).toEqual({ externalTag: tag });
    const published = loadSeed('terminate-no-queue', 'published', opts);
    await bundleTools(published, api.fetch).callAction('s', 'Put Conversation Tag', { conversationId: 'c1', externalTagName: tag }, {});
    expect(() => JSON.parse(api.requests[2]!.body)).toThrow();
  });

  it('terminate PSTN check: the corrected flow disconnects when two outbound external sessions exist (Contains), and leaves a PBX call alone', async () => {
    const b = loadSeed('terminate-no-queue', 'corrected-pstn-check', opts);
    const run = async (sessions: number) => {
      const api = fakeGenesys({
        'GET /api/v2/analytics/conversations/c1/details': () => ({ participants: [{ purpose: 'external', sessions: Array.from({ length: sessions }, () => ({ direction: 'outbound' })) }] }),
        'POST /api/v2/conversations/c1/disconnect': () => ({}),
        'PUT /api/v2/conversations/c1/tags': () => ({}),
      });
      await runFlow(b.workflows[0]!.flow, { conversationId: 'c1' }, bundleTools(b, api.fetch));
      return api.requests.map((r) => r.key.split(' ')[0]);
    };
    expect(await run(2)).toEqual(['GET', 'POST', 'PUT']);
    expect(await run(0)).toEqual(['GET']);
  });

  it('presence busy: the corrected flow finds the user among two connected users of a group call and sets the configured Busy id', async () => {
    const busyId = '11111111-2222-4333-8444-555555555555';
    const b = loadSeed('presence-busy', 'corrected', { ...opts, config: { busyPresenceId: busyId, pickupWaitSeconds: 2 } });
    const api = fakeGenesys({
      'GET /api/v2/users/u1/presences/purecloud': () => ({ presenceDefinition: { id: 'x', systemPresence: 'Available' } }),
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
    const busy = b.workflows.find((w) => w.name === 'Set GC User to Busy')!;
    await runFlow(busy.flow, { userId: 'u1', conversationId: 'c1', direction: 'INBOUND' }, tools);
    const patches = api.requests.filter((r) => r.key.startsWith('PATCH'));
    expect(patches.map((r) => JSON.parse(r.body))).toEqual([{ presenceDefinition: { id: busyId }, primary: true }]);
    expect(tools.sleeps).toEqual([2000, 2000]);
  });
});
