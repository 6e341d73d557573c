// Golden tests: the real triggers of the seed solutions (blueprints.md §1.4, §2.3, §3.4, §4.3),
// loaded from their Terraform files and Postman collection, run on the detail events that the
// emulator's call simulator publishes.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock, seededIds } from '../src/core/index.ts';
import type { NotificationEvent } from '../src/core/index.ts';
import { Simulator, emptySimState } from '../src/emulator/simulator/index.ts';
import type { Directory } from '../src/emulator/simulator/index.ts';
import { TriggerIndex, loadTrigger, workflowInputs } from '../src/triggers/index.ts';
import type { Trigger, TopicTrace } from '../src/triggers/index.ts';
import { blueprintPath } from './support/shared.ts';

const AGENT = '11111111-1111-4111-8111-111111111111';
const PEER = '22222222-2222-4222-8222-222222222222';
const QUEUE = '44444444-4444-4444-8444-444444444444';
const ANSWERS = '+13175550100';

/**
 * The attributes of the `genesyscloud_processautomation_trigger` resource of a .tf file. Not an
 * HCL parser: enough for these files, whose `jsonencode([...])` bodies are JSON already.
 */
function tfTriggerAttributes(file: string): Record<string, unknown> {
  const text = readFileSync(file, 'utf8');
  const block = text.slice(text.indexOf('resource "genesyscloud_processautomation_trigger"'));
  const str = (key: string): string | undefined => new RegExp(`\\b${key}\\s*=\\s*"([^"]*)"`).exec(block)?.[1];
  const criteria = /match_criteria\s*=\s*jsonencode\((\[[\s\S]*?\])\s*\)/.exec(block)?.[1];
  const dataFormat = str('data_format');
  return {
    name: str('name'),
    topic_name: str('topic_name'),
    enabled: /\benabled\s*=\s*true/.test(block),
    match_criteria: JSON.stringify(JSON.parse(criteria!)),
    // The flow id is a Terraform reference (module.archy_flow.workflow_id): any id stands in.
    target: {
      id: 'flow-id',
      type: str('type'),
      ...(dataFormat ? { workflow_target_settings: { data_format: dataFormat } } : {}),
    },
  };
}

function loaded(input: unknown, id: string): Trigger {
  const r = loadTrigger(input);
  if (!r.ok) throw new Error(`${id}: ${JSON.stringify(r.violations)}`);
  return { ...r.trigger, id };
}

const terminateTf = tfTriggerAttributes(
  blueprintPath('terminate-voice-calls-with-no-queue/main/terraform-without-pbx/main.tf'),
);
const callbackTf = tfTriggerAttributes(blueprintPath('callback-prioritization/main/terraform/main.tf'));
const postman = JSON.parse(
  readFileSync(
    blueprintPath(
      "update-gc-presence-on-communicate-call-activity-blueprint/main/Genesys Cloud Event Orchestration Trigger API's.postman_collection.json",
    ),
    'utf8',
  ),
) as {
  item: Array<{ name: string; request: { method: string; body?: { raw?: string } } }>;
};
const postmanBody = JSON.parse(
  postman.item.find((i) => i.request.method === 'POST' && i.request.body?.raw?.includes('topicName'))!.request.body!
    .raw!,
) as unknown;
const QUEUE_EXISTS_FALSE = [{ jsonPath: 'queueId', operator: 'Exists', value: false }];

const TRIGGERS: Trigger[] = [
  loaded(terminateTf, 'terminate'),
  loaded(
    {
      ...terminateTf,
      match_criteria: JSON.stringify([
        ...QUEUE_EXISTS_FALSE,
        { jsonPath: 'dnis', operator: 'Contains', value: 'tel:+' },
      ]),
    },
    'terminate-pstn-only',
  ),
  loaded(callbackTf, 'callback-priority'),
  loaded(postmanBody, 'agent-joins'),
  // BP-PRES triggers (README on main: Admin UI), TopLevelPrimitives.
  loaded(
    {
      name: 'GC Communicate Call User Start',
      topicName: 'v2.detail.events.conversation.{id}.user.start',
      target: { id: 'busy', type: 'Workflow', workflowTargetSettings: { dataFormat: 'TopLevelPrimitives' } },
      matchCriteria: QUEUE_EXISTS_FALSE,
      enabled: true,
    },
    'presence-busy',
  ),
  loaded(
    {
      name: 'GC Communicate Call User End',
      topicName: 'v2.detail.events.conversation.{id}.user.end',
      target: { id: 'available', type: 'Workflow', workflowTargetSettings: { dataFormat: 'TopLevelPrimitives' } },
      matchCriteria: QUEUE_EXISTS_FALSE,
      enabled: true,
    },
    'presence-available',
  ),
];

describe('seed triggers as loaded from the blueprint files', () => {
  it('reads the Terraform and Postman definitions with their exact values', () => {
    expect(terminateTf).toMatchObject({
      name: 'Terminate Outbound Call Missing Queue',
      topic_name: 'v2.detail.events.conversation.{id}.user.start',
      enabled: true,
    });
    expect(TRIGGERS.find((t) => t.id === 'terminate')).toMatchObject({
      matchCriteria: QUEUE_EXISTS_FALSE,
      target: { type: 'Workflow' },
    });
    expect(TRIGGERS.find((t) => t.id === 'terminate')?.target.workflowTargetSettings).toBeUndefined();
    expect(TRIGGERS.find((t) => t.id === 'callback-priority')).toMatchObject({
      name: 'Callback Prioritization',
      topicName: 'v2.detail.events.conversation.{id}.acd.start',
      matchCriteria: [{ jsonPath: 'mediaType', operator: 'Equal', value: 'CALLBACK' }],
      target: { workflowTargetSettings: { dataFormat: 'TopLevelPrimitives' } },
    });
    expect(TRIGGERS.find((t) => t.id === 'agent-joins')).toMatchObject({
      name: 'Agent joins conversation',
      matchCriteria: [],
    });
  });
});

describe('seed triggers on simulator events', () => {
  let clock: VirtualClock;
  let sim: Simulator;
  let index: TriggerIndex;
  let traces: TopicTrace[];
  let published: NotificationEvent[];

  beforeEach(() => {
    clock = new VirtualClock(Date.UTC(2026, 0, 5, 9));
    index = new TriggerIndex();
    for (const t of TRIGGERS) index.add(t);
    traces = [];
    published = [];
    const names: Record<string, string> = { [AGENT]: 'Ada Agent', [PEER]: 'Bo Buddy' };
    const directory: Directory = {
      user: (id) => (names[id] ? { id, name: names[id] } : undefined),
      queue: (id) => (id === QUEUE ? { id, name: 'Support' } : undefined),
      group: () => undefined,
    };
    const state = emptySimState();
    sim = new Simulator({
      clock,
      ids: seededIds(11),
      directory,
      state: () => state,
      publish: (e: NotificationEvent) => {
        published.push(e);
        traces.push(index.evaluate(e.topicName, e.eventBody, clock.now()));
      },
    });
  });

  const fired = (suffix: string): string[][] =>
    traces.filter((t) => t.topic.endsWith(`.${suffix}`)).map((t) => t.fired.map((f) => f.triggerId));

  it('a no-queue outbound PSTN call starts the terminate and presence workflows; its end sets Available', async () => {
    const conv = sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: ANSWERS } });
    await clock.advance(5_000);
    sim.hangUp(conv.id, 'caller');
    await clock.runAll();
    expect(fired('user.start')).toEqual([['terminate', 'terminate-pstn-only', 'agent-joins', 'presence-busy']]);
    expect(fired('user.end')).toEqual([['presence-available']]);
    const start = traces.find((t) => t.topic.endsWith('.user.start'))!;
    expect(start.schema).toEqual({ matches: true, details: [] });
    const terminate = start.triggers.find((t) => t.triggerId === 'terminate')!;
    expect(terminate.criteria[0]).toMatchObject({
      jsonPath: 'queueId',
      operator: 'Exists',
      extracted: [],
      match: true,
    });
  });

  it('the workflow of a no-queue call receives the top-level primitives it declares (Flow.conversationId…)', async () => {
    const conv = sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: ANSWERS } });
    await clock.advance(5_000);
    const event = published.find((e) => e.topicName === `v2.detail.events.conversation.${conv.id}.user.start`)!;
    const inputs = workflowInputs(TRIGGERS[0]!, event.eventBody);
    // BP-TERM's workflow declares Flow.conversationId, ani, dnis, addressTo, provider (platform.md §1.5).
    expect(inputs).toMatchObject({
      conversationId: conv.id,
      userId: AGENT,
      direction: 'OUTBOUND',
      mediaType: 'VOICE',
      dnis: `tel:${ANSWERS}`,
    });
    expect(Object.values(inputs).every((v) => ['string', 'number', 'boolean'].includes(typeof v))).toBe(true);
    expect(inputs.queueId).toBeUndefined();
  });

  it('a call placed on behalf of a queue starts nothing but the no-criteria trigger', async () => {
    const conv = sim.placeCall({ fromUserId: AGENT, to: { phoneNumber: ANSWERS }, queueId: QUEUE });
    await clock.advance(5_000);
    sim.hangUp(conv.id, 'caller');
    await clock.runAll();
    expect(fired('user.start')).toEqual([['agent-joins']]);
    expect(fired('user.end')).toEqual([[]]);
    const terminate = traces
      .find((t) => t.topic.endsWith('.user.start'))!
      .triggers.find((t) => t.triggerId === 'terminate')!;
    expect(terminate.criteria[0]!.extracted).toEqual([{ value: QUEUE, path: "$['queueId']" }]);
  });

  it('an internal user-to-user call has no queue but no tel: dnis, so the PSTN-only variant spares it', async () => {
    const conv = sim.placeCall({ fromUserId: AGENT, to: { userId: PEER } });
    await clock.advance(2_000);
    sim.answer(conv.id);
    await clock.advance(1_000);
    const starts = fired('user.start');
    expect(starts.length).toBeGreaterThanOrEqual(1);
    for (const ids of starts) {
      expect(ids).toContain('terminate');
      expect(ids).not.toContain('terminate-pstn-only');
    }
  });

  it('a callback waiting in queue starts Callback Prioritization; an inbound voice call does not', async () => {
    sim.createCallback({ queueId: QUEUE, callbackNumbers: ['+13175551234'], callbackUserName: 'Pat' });
    sim.inboundAcdCall({ ani: '+13175559999', queueId: QUEUE });
    await clock.advance(1_000);
    const acd = traces.filter((t) => t.topic.endsWith('.acd.start'));
    expect(acd.map((t) => [t.triggers[0]!.criteria[0]!.extracted[0]?.value, t.fired.map((f) => f.triggerId)])).toEqual([
      ['CALLBACK', ['callback-priority']],
      ['VOICE', []],
    ]);
  });
});
