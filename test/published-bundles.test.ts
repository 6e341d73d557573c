// The published Genesys exports as test data: the exported folders and the published bundles (test
// fixtures loading the exports unchanged through @blueprints/ paths) show every defect
// blueprints.md lists, and `check` reports them; the solutions Switchboard ships have none of them,
// and where a defect changes behaviour, the published artifact and the shipped one run side by side
// with their own data actions against a small fake of the Genesys API.
import { describe, expect, it } from 'vitest';
import { runFlow } from '../src/architect/index.ts';
import { checkPath, loadSolution, solutionBundleDir } from '../src/blueprints/index.ts';
import type { Finding } from '../src/blueprints/index.ts';
import { bundleTools, fakeGenesys, workflowOf } from '../src/blueprints/solutions/fake-genesys.test-util.ts';
import { PUBLISHED_BUNDLES, loadPublishedBundle, publishedBundleDir } from './support/published-bundles.ts';
import type { PublishedBundle } from './support/published-bundles.ts';
import { BLUEPRINTS_DIR, blueprintPath } from './support/shared.ts';

const check = (dir: string) => checkPath(dir, { blueprintsDir: BLUEPRINTS_DIR }).findings;
const pick = (fs: readonly Finding[], rule: string, file?: string) =>
  fs.filter((f) => f.rule === rule && (file === undefined || f.file === file));
const messages = (fs: readonly Finding[]) => fs.map((f) => f.message);

describe('the published folders show every defect blueprints.md lists', () => {
  it('terminate (§1): the toString(collection) test, the unescaped tag, the PTSN name, two flows with one name, unused inputs', () => {
    const f = check(blueprintPath('terminate-voice-calls-with-no-queue/main'));
    expect(
      pick(f, 'flow/collection-tostring-compare')
        .map((x) => x.file)
        .sort(),
    ).toEqual([
      'exports/Terminate Outbound Call Missing Queue with PSTN Call Leg Check.i3WorkFlow',
      'terraform-with-pbx/modules/flow/terminate-outbound-call-missing-queue-with-pstn-call-leg-check.yaml',
    ]);
    expect(pick(f, 'action/unescaped-input-in-json', 'exports/Put-Conversation-Tag.custom.json')[0]!.message).toContain(
      '${input.externalTagName}',
    );
    expect(messages(pick(f, 'terraform/action-name-mismatch'))).toEqual([
      'Terraform creates data action "Check Conversation for PTSN Leg", but the export is named "Check Conversation For PSTN Leg"; flows exported from one setup do not bind to the other\'s action',
    ]);
    expect(pick(f, 'flow/duplicate-name').map((x) => x.severity)).toEqual(['warning']);
    const unused = pick(
      f,
      'flow/unused-variable',
      'terraform-without-pbx/modules/flow/terminate-outbound-call-missing-queue.yaml',
    ).map((x) => x.location);
    expect(unused).toEqual([
      'variable Flow.addressTo',
      'variable Flow.ani',
      'variable Flow.dnis',
      'variable Flow.id',
      'variable Flow.provider',
    ]);
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
    expect(messages(pick(f, 'trigger/no-criteria'))).toEqual([
      'trigger "Agent joins conversation" has no match criteria, so it fires on every v2.detail.events.conversation.{id}.user.start event',
    ]);
    expect(pick(f, 'flow/unused-variable').map((x) => x.location)).toEqual(['variable State.systemPresence2']);
  });

  it('presence busy (§3): the "(ConversationDirect)" names, the "Not Found" default, four toString(collection) tests, the unescaped presence id', () => {
    const f = check(blueprintPath('update-gc-presence-on-communicate-call-activity-blueprint/main'));
    const missing = pick(f, 'flow/missing-data-action', 'Set GC User to Busy.i3WorkFlow');
    expect(new Set(missing.map((x) => x.message.match(/calls data action "([^"]+)"/)![1]))).toEqual(
      new Set([
        'GetInboundConversationDetailsForPickUp (Includes Group Check) (ConversationDirect)',
        'GetOutboundConversationDetailsForPickUp (ConversationDirect)',
      ]),
    );
    expect(missing).toHaveLength(3);
    expect(
      missing.every(
        (x) =>
          x.hint.startsWith('Re-bind the call to "GetInboundConversationDetailsForPickUp (Includes Group Check)"') ||
          x.hint.startsWith('Re-bind the call to "GetOutboundConversationDetailsForPickUp"'),
      ),
    ).toBe(true);
    expect(pick(f, 'flow/missing-data-action', 'Set GC User to Busy.yaml')).toHaveLength(3);
    expect(pick(f, 'action/invalid-default-json').map((x) => x.file)).toEqual([
      'Get-Genesys-Cloud-User-Presence.custom.json',
    ]);
    expect(pick(f, 'flow/collection-tostring-compare', 'Set GC User to Busy.i3WorkFlow')).toHaveLength(4);
    expect(pick(f, 'action/unescaped-input-in-json').map((x) => x.file)).toEqual([
      'GC-User-Presence-Update.custom.json',
    ]);
    for (const branch of ['nov-23-update__support-group-calls', 'initial-blueprint-creation']) {
      const older = check(blueprintPath('update-gc-presence-on-communicate-call-activity-blueprint', branch));
      expect(pick(older, 'action/invalid-default-json').map((x) => x.file)).toEqual([
        'Get-Genesys-Cloud-User-Presence.custom.json',
      ]);
      expect(pick(older, 'flow/missing-data-action')).toEqual([]);
    }
  });

  it('callback (§4): State.callbackConversationId never assigned, Flow.phone never sent, the "disconnected" default, Flow.delay unused, no role', () => {
    const f = check(blueprintPath('callback-prioritization/main'));
    expect(
      pick(f, 'flow/unassigned-variable')
        .map((x) => x.file)
        .sort(),
    ).toEqual(['exports/Callback-Prioritization.i3WorkFlow', 'terraform/Callback-Prioritization-Workflow.yaml']);
    expect(pick(f, 'flow/unassigned-variable')[0]!.message).toContain(
      'reads State.callbackConversationId (in `IsSet(State.callbackConversationId)`) but nothing assigns it',
    );
    // The Terraform trigger pairs with the YAML flow through genesyscloud_flow.workflow.
    expect(pick(f, 'trigger/input-never-sent').map((x) => [x.severity, x.file, x.location])).toEqual([
      ['error', 'terraform/Callback-Prioritization-Workflow.yaml', '"Terminate if no phone number" (1)'],
    ]);
    // The export and the Terraform resource that creates the same action both have the defect.
    const disconnected =
      'data action "Get Interaction State": the default of state is "disconnected", which is not JSON; the success template gets invalid JSON whenever the default applies';
    expect(pick(f, 'action/invalid-default-json').map((x) => [x.file, x.location, x.message])).toEqual([
      ['exports/Get-Interaction-State.custom.json', '/config/response/translationMapDefaults/state', disconnected],
      [
        'terraform/main.tf',
        'resource genesyscloud_integration_action.action-2 (line 53)/config_response/translation_map_defaults/state',
        disconnected,
      ],
    ]);
    expect(
      pick(f, 'flow/unused-variable', 'exports/Callback-Prioritization.i3WorkFlow').map((x) => x.location),
    ).toEqual(
      expect.arrayContaining([
        'variable Flow.delay',
        'variable Flow.name',
        'variable State.ConversationID',
        'variable State.state',
      ]),
    );
    expect(pick(f, 'integration/missing-permission').map((x) => [x.severity, x.file])).toContainEqual([
      'warning',
      'terraform/main.tf',
    ]);
  });
});

describe('the published bundles', () => {
  const errors = (name: PublishedBundle) =>
    check(publishedBundleDir(name))
      .filter((x) => x.severity === 'error')
      .map((x) => x.rule)
      .sort();

  it('report the defects of the exports they load', () => {
    expect(errors('callback-prioritization')).toEqual([
      'action/invalid-default-json',
      'flow/unassigned-variable',
      'trigger/input-never-sent',
    ]);
    expect(errors('presence-busy')).toEqual([
      'action/invalid-default-json',
      'flow/missing-data-action',
      'flow/missing-data-action',
      'flow/missing-data-action',
    ]);
    expect(errors('presence-tag')).toEqual(['action/invalid-default-json', 'action/invalid-default-json']);
    expect(
      check(publishedBundleDir('callback-prioritization')).find((x) => x.rule === 'integration/missing-permission')
        ?.severity,
    ).toBe('warning');
    const pstn = check(publishedBundleDir('terminate-no-queue-pstn-check'));
    expect(pstn.map((x) => x.rule)).toEqual(
      expect.arrayContaining(['flow/collection-tostring-compare', 'action/unescaped-input-in-json']),
    );
    for (const name of ['terminate-no-queue', 'terminate-no-queue-dnis'] as const)
      expect(
        check(publishedBundleDir(name)).map((x) => x.rule),
        name,
      ).toContain('action/unescaped-input-in-json');
  });

  it('load unchanged, except the Busy flow, which names data actions its export lacks until re-bound', () => {
    for (const name of PUBLISHED_BUNDLES.filter((n) => n !== 'presence-busy'))
      expect(loadPublishedBundle(name).variant).toBe('published');
    expect(() => loadPublishedBundle('presence-busy')).toThrow(
      /\[flow\/missing-data-action\].*"GetInboundConversationDetailsForPickUp \(Includes Group Check\) \(ConversationDirect\)" is not available/,
    );
    expect(() => loadPublishedBundle('presence-busy')).toThrow(
      /@blueprints\/update-gc-presence-on-communicate-call-activity-blueprint\/main\/Set GC User to Busy\.i3WorkFlow/,
    );
    const published = loadPublishedBundle('callback-prioritization');
    expect(published.triggers.map((t) => [t.name, t.workflow, t.trigger.topicName])).toEqual([
      ['Callback Prioritization', 'Callback Prioritization', 'v2.detail.events.conversation.{id}.acd.start'],
    ]);
  });

  it('refuse a configuration value the published artifacts hard-code', () => {
    expect(() => loadPublishedBundle('callback-prioritization', { config: { maxIncrements: 3 } })).toThrow(
      'a configuration value must fit a declared configuration point; bundle "callback-prioritization", "maxIncrements": the published artifacts hard-code it, so it cannot be changed here',
    );
  });

  it('need the blueprints root: without one, loading names the manifest field and how to set the root', () => {
    const saved = { dir: process.env.SWITCHBOARD_BLUEPRINTS_DIR, shared: process.env.SWITCHBOARD_SHARED_DIR };
    delete process.env.SWITCHBOARD_BLUEPRINTS_DIR;
    delete process.env.SWITCHBOARD_SHARED_DIR;
    try {
      expect(() => checkPath(publishedBundleDir('presence-tag'))).toThrow(
        /an @blueprints\/ path needs the blueprints root, and none is set; bundle "presence-tag" \(.*switchboard\.json\) names one at \/integrations\/0\/actions\/0 \("@blueprints\/terminate-voice-calls-with-no-queue\/update-external-tag\/GetGenesysCloudUserPresenceDefinition\.custom\.json"\), \/integrations\/0\/actions\/1 .* and 1 more\. Set the root with the blueprintsDir option/,
      );
      // The shipped solutions need no root.
      expect(checkPath(solutionBundleDir('presence-tag')).counts).toMatchObject({ error: 0, warning: 0 });
    } finally {
      if (saved.dir !== undefined) process.env.SWITCHBOARD_BLUEPRINTS_DIR = saved.dir;
      if (saved.shared !== undefined) process.env.SWITCHBOARD_SHARED_DIR = saved.shared;
    }
  });
});

describe('the shipped solutions have none of the published defects', () => {
  const shipped: Array<[PublishedBundle, string, string]> = [
    ['terminate-no-queue-dnis', 'terminate-no-queue', 'main'],
    ['terminate-no-queue-pstn-check', 'terminate-no-queue', 'pstn-leg-check'],
    ['presence-tag', 'presence-tag', 'main'],
    ['presence-busy', 'presence-busy', 'main'],
    ['callback-prioritization', 'callback-prioritization', 'main'],
  ];
  it.each(shipped)('%s → solutions/%s (%s): no finding at all', (_published, solution, bundle) => {
    expect(check(solutionBundleDir(solution, bundle))).toEqual([]);
  });
});

describe('published and shipped side by side', () => {
  it('callback: the published flow ends NoPhoneNumber without calling Genesys; the shipped one raises the priority', async () => {
    const api = () =>
      fakeGenesys({
        'GET /api/v2/conversations/c1': () => ({ participants: [{ callbacks: [{ state: 'waiting' }] }] }),
        'GET /api/v2/conversations/callbacks/c1': () => ({
          participants: [{ purpose: 'acd', conversationRoutingData: { priority: 7 } }],
        }),
        'PATCH /api/v2/routing/conversations/c1': (body) => body,
      });
    const inputs = { conversationId: 'c1', mediaType: 'CALLBACK', eventTime: 1 };
    const published = loadPublishedBundle('callback-prioritization');
    const before = api();
    expect((await runFlow(workflowOf(published), inputs, bundleTools(published, before.fetch))).exitReason).toBe(
      'NoPhoneNumber',
    );
    expect(before.requests).toEqual([]);
    const ours = loadSolution('callback-prioritization', 'main', { config: { maxIncrements: 1 } });
    const after = api();
    expect((await runFlow(workflowOf(ours), inputs, bundleTools(ours, after.fetch))).exitReason).toBe('Loop Complete');
    expect(after.requests.filter((r) => r.key.startsWith('PATCH')).map((r) => JSON.parse(r.body))).toEqual([
      { priority: 8 },
    ]);
  });

  it('callback state: without a state the published default fails the action; the shipped one reports "disconnected"', async () => {
    const api = fakeGenesys({ 'GET /api/v2/conversations/c1': () => ({ participants: [] }) });
    expect(
      (
        await bundleTools(loadPublishedBundle('callback-prioritization'), api.fetch).callAction(
          's',
          'Get Interaction State',
          { conversationId: 'c1' },
          {},
        )
      ).status,
    ).toBe('failure');
    expect(
      await bundleTools(loadSolution('callback-prioritization'), api.fetch).callAction(
        's',
        'Get Callback State',
        { conversationId: 'c1' },
        {},
      ),
    ).toEqual({ status: 'success', outputs: { state: 'disconnected' } });
  });

  it('terminate: a tag with quotes breaks the published body; the shipped action escapes it', async () => {
    const tag = 'Blocked "no queue"';
    const api = fakeGenesys({ 'PUT /api/v2/conversations/c1/tags': () => ({}) });
    await bundleTools(loadPublishedBundle('terminate-no-queue'), api.fetch).callAction(
      's',
      'Put Conversation Tag',
      { conversationId: 'c1', externalTagName: tag },
      {},
    );
    expect(() => JSON.parse(api.requests[0]!.body)).toThrow();
    await bundleTools(loadSolution('terminate-no-queue'), api.fetch).callAction(
      's',
      'Set Conversation External Tag',
      { conversationId: 'c1', externalTag: tag },
      {},
    );
    expect(JSON.parse(api.requests[1]!.body)).toEqual({ externalTag: tag });
  });

  it('terminate PSTN check: with two outbound external sessions the published flow leaves the call up; the shipped one ends it', async () => {
    const run = async (bundle: ReturnType<typeof loadSolution>) => {
      const api = fakeGenesys({
        'GET /api/v2/analytics/conversations/c1/details': () => ({
          participants: [{ purpose: 'external', sessions: [{ direction: 'outbound' }, { direction: 'outbound' }] }],
        }),
        'POST /api/v2/conversations/c1/disconnect': () => ({}),
        'PUT /api/v2/conversations/c1/tags': () => ({}),
      });
      await runFlow(workflowOf(bundle), { conversationId: 'c1' }, bundleTools(bundle, api.fetch));
      return api.requests.map((r) => r.key.split(' ')[0]);
    };
    expect(await run(loadPublishedBundle('terminate-no-queue-pstn-check'))).toEqual(['GET']);
    expect(await run(loadSolution('terminate-no-queue', 'pstn-leg-check'))).toEqual(['GET', 'POST', 'PUT']);
  });

  it('presence: without a presence definition the published default fails the action; the shipped one reports "Not Found"', async () => {
    const api = fakeGenesys({ 'GET /api/v2/users/u1/presences/purecloud': () => ({}) });
    expect(
      (
        await bundleTools(loadPublishedBundle('presence-tag'), api.fetch).callAction(
          's',
          'GetGenesysCloudUserPresenceDefinition',
          { USER_ID: 'u1' },
          {},
        )
      ).status,
    ).toBe('failure');
    expect(
      await bundleTools(loadSolution('presence-busy'), api.fetch).callAction(
        's',
        'Get User System Presence',
        { userId: 'u1' },
        {},
      ),
    ).toEqual({ status: 'success', outputs: { systemPresence: 'Not Found' } });
  });
});
