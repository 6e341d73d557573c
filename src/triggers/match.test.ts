import { describe, expect, it } from 'vitest';
import { workflowInputs } from './delivery.ts';
import { matchTrigger } from './match-trigger.ts';
import { compileTrigger } from './model.ts';
import { renderTriggerTrace } from './render.ts';
import { toTestModeEventResults, toTestModeResults } from './test-mode.ts';
import { TriggerIndex } from './trigger-index.ts';
import type { Trigger } from './types.ts';
import { validateEventBody } from './topics.ts';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const conv = (s: string): string => `v2.detail.events.conversation.{id}.${s}`;
const CONV_ID = '2f7bf00a-0fc2-4d6a-9b56-92238191433e';

function trigger(over: Partial<Trigger> & { id: string }): Trigger {
  return {
    name: over.id,
    version: 1,
    enabled: true,
    topicName: conv('customer.end'),
    target: { type: 'Workflow', id: 'wf' },
    ...over,
  };
}

const blogTrigger = trigger({
  id: 'blog',
  matchCriteria: [
    { jsonPath: 'mediaType', operator: 'Equal', value: 'CHAT' },
    { jsonPath: 'disconnectType', operator: 'In', values: ['ERROR', 'TRANSFER'] },
  ],
  eventTTLSeconds: 120,
});
// BLOG-PA's schema-valid customer.end test body (platform.md §2.3).
const blogBody = {
  eventTime: 10000,
  conversationId: 'conversationId',
  participantId: 'participantId',
  sessionId: 'sessionId',
  disconnectType: 'ERROR',
  mediaType: 'CHAT',
  externalOrganizationId: 'externalOrganizationId',
  externalContactId: 'externalContactId',
  provider: 'provider',
  direction: 'INBOUND',
  ani: 'ani',
  dnis: 'dnis',
  addressTo: 'addressTo',
  addressFrom: 'addressFrom',
  callbackUserName: 'callbackUserName',
  callbackNumbers: ['8675309', '5882300'],
  callbackScheduledTime: 20000,
  subject: 'subject',
  messageType: 'SMS',
  interactingDurationMs: 500,
};

describe('matchTrigger and test mode', () => {
  it('reproduces the BLOG-PA TestModeResults for its trigger and body', () => {
    const c = compileTrigger(blogTrigger);
    const trace = matchTrigger(c, blogBody, 15_000);
    expect(toTestModeResults(trace, validateEventBody(c.topicName, blogBody), { matches: true })).toEqual({
      schemaValidation: { name: 'Validate test event body against topic schema', step: 1, matches: true },
      targetValidation: { name: 'Verify that trigger target is configured correctly', step: 2, matches: true },
      jsonPathValidation: {
        name: 'Check jsonPath match criteria',
        step: 3,
        matches: true,
        details: [
          {
            jsonPath: 'mediaType',
            operator: 'Equal',
            value: 'CHAT',
            generatedJsonPathCondition: 'mediaType',
            match: true,
            jsonPathExtraction: [{ value: 'CHAT', path: "$['mediaType']" }],
          },
          {
            jsonPath: 'disconnectType',
            operator: 'In',
            values: ['ERROR', 'TRANSFER'],
            generatedJsonPathCondition: 'disconnectType',
            match: true,
            jsonPathExtraction: [{ value: 'ERROR', path: "$['disconnectType']" }],
          },
        ],
      },
      triggerMatches: true,
    });
  });

  it('does not match a body that breaks the topic schema, and says why; never throws on non-objects', () => {
    const c = compileTrigger(blogTrigger);
    const bad = { ...blogBody, mediaType: 'FAX', eventTime: 'yesterday' };
    const schema = validateEventBody(c.topicName, bad);
    expect(schema.details).toEqual([
      'eventTime: expected an integer; got "yesterday"',
      expect.stringMatching(/^mediaType: expected one of UNKNOWN, VOICE, .*; got "FAX"$/),
    ]);
    expect(matchTrigger(c, bad, NOW).matches).toBe(false);
    for (const body of [null, 42, 'text', [blogBody]]) {
      const t = matchTrigger(c, body, NOW);
      expect(t.matches).toBe(false);
      expect(
        toTestModeResults(t, validateEventBody(c.topicName, body), { matches: true }).schemaValidation.details?.[0],
      ).toMatch(/must be a JSON object/);
    }
  });

  it('drops an event older than the TTL, using eventTime, else the time it was received', () => {
    const c = compileTrigger(blogTrigger);
    expect(matchTrigger(c, { ...blogBody, eventTime: NOW - 120_000 }, NOW).decision).toEqual({
      action: 'start',
      at: NOW,
    });
    expect(matchTrigger(c, { ...blogBody, eventTime: NOW - 120_001 }, NOW).decision).toEqual({
      action: 'drop-ttl',
      ageMs: 120_001,
      ttlMs: 120_000,
    });
    const { eventTime: _drop, ...noTime } = blogBody;
    expect(matchTrigger(c, noTime, NOW, { receivedAt: NOW - 200_000 }).decision.action).toBe('drop-ttl');
    expect(matchTrigger(c, noTime, NOW).decision.action).toBe('start');
  });

  it('delays a start by delayBySeconds; a disabled trigger matches but never fires', () => {
    const delayed = compileTrigger(trigger({ id: 'd', delayBySeconds: 90 }));
    expect(matchTrigger(delayed, blogBody, NOW).decision).toEqual({
      action: 'delay',
      at: NOW + 90_000,
      delayMs: 90_000,
    });
    const off = compileTrigger({ ...blogTrigger, enabled: false });
    const t = matchTrigger(off, { ...blogBody, eventTime: NOW }, NOW);
    expect(t.matches).toBe(true);
    expect(t.decision).toEqual({ action: 'skip-disabled' });
  });

  it('traces indefinite paths as lists: Contains over callbackNumbers[*], Exists on a filter', () => {
    const c = compileTrigger(
      trigger({
        id: 'i',
        matchCriteria: [
          { jsonPath: 'callbackNumbers[*]', operator: 'Contains', value: '5882300' },
          { jsonPath: "callbackNumbers[?(@ == '1')]", operator: 'Exists', value: false },
          { jsonPath: 'callbackNumbers', operator: 'Size', value: 2 },
        ],
      }),
    );
    const t = matchTrigger(c, blogBody, NOW);
    expect(t.criteria.map((x) => [x.definite, x.match])).toEqual([
      [false, true],
      [false, true],
      [true, true],
    ]);
    expect(t.criteria[0]!.extracted).toEqual([
      { value: '8675309', path: "$['callbackNumbers'][0]" },
      { value: '5882300', path: "$['callbackNumbers'][1]" },
    ]);
  });

  it('renders a readable table naming the failing criterion and the extracted value', () => {
    const c = compileTrigger(blogTrigger);
    const body = { ...blogBody, disconnectType: 'CLIENT', eventTime: NOW };
    const out = renderTriggerTrace(matchTrigger(c, body, NOW), validateEventBody(c.topicName, body));
    expect(out).toMatch(/disconnectType\s+In\s+\["ERROR","TRANSFER"\]\s+\$\['disconnectType'\] = "CLIENT"\s+NO MATCH/);
    expect(out).toMatch(/mediaType\s+Equal\s+"CHAT"\s+\$\['mediaType'\] = "CHAT"\s+match/);
    expect(out).toContain('Result    NO MATCH');
  });
});

describe('TriggerIndex', () => {
  it('routes a concrete topic only to the triggers of its template', () => {
    const index = new TriggerIndex();
    index.add(
      trigger({
        id: 'a',
        topicName: conv('user.start'),
        matchCriteria: [{ jsonPath: 'queueId', operator: 'Exists', value: false }],
      }),
    );
    index.add(
      trigger({
        id: 'b',
        topicName: conv('user.end'),
        matchCriteria: [{ jsonPath: 'queueId', operator: 'Exists', value: false }],
      }),
    );
    index.add(trigger({ id: 'c', topicName: 'v2.users.{id}.activity' }));
    const trace = index.evaluate(
      `v2.detail.events.conversation.${CONV_ID}.user.start`,
      { eventTime: NOW, direction: 'OUTBOUND' },
      NOW,
    );
    expect(trace.template).toBe(conv('user.start'));
    expect(trace.triggers.map((t) => t.triggerId)).toEqual(['a']);
    expect(trace.fired.map((t) => t.triggerId)).toEqual(['a']);
    expect(index.evaluate('v2.users.u1.activity', {}, NOW).fired.map((t) => t.triggerId)).toEqual(['c']);
    expect(index.evaluate('v2.users.u1.presence', {}, NOW)).toMatchObject({ template: undefined, triggers: [] });
    expect(index.evaluate(conv('user.start'), { queueId: 'q' }, NOW).fired).toEqual([]);
  });

  it('reports the triggers that dropped the event for its age in the trace itself', () => {
    const index = new TriggerIndex();
    index.add(blogTrigger);
    index.add({ ...blogTrigger, id: 'no-ttl', eventTTLSeconds: undefined });
    const old = index.evaluate(blogTrigger.topicName, { ...blogBody, eventTime: NOW - 600_000 }, NOW);
    expect(old.droppedTtl).toBe(1);
    expect(old.fired.map((t) => t.triggerId)).toEqual(['no-ttl']);
    expect(JSON.parse(JSON.stringify(old))).toMatchObject({ droppedTtl: 1 });
    expect(index.evaluate(blogTrigger.topicName, { ...blogBody, eventTime: NOW }, NOW).droppedTtl).toBe(0);
  });

  it('shares one resolution per path but traces each trigger with its own criteria', () => {
    const index = new TriggerIndex();
    index.add(trigger({ id: 'voice', matchCriteria: [{ jsonPath: 'mediaType', operator: 'Equal', value: 'VOICE' }] }));
    index.add(trigger({ id: 'chat', matchCriteria: [{ jsonPath: '$.mediaType', operator: 'Equal', value: 'CHAT' }] }));
    index.add(
      trigger({
        id: 'old',
        eventTTLSeconds: 10,
        matchCriteria: [{ jsonPath: 'mediaType', operator: 'NotEqual', value: 'VOICE' }],
      }),
    );
    const trace = index.evaluate(
      `v2.detail.events.conversation.${CONV_ID}.customer.end`,
      { mediaType: 'CHAT', eventTime: NOW - 60_000 },
      NOW,
    );
    expect(trace.triggers.map((t) => [t.triggerId, t.matches, t.decision.action])).toEqual([
      ['voice', false, 'none'],
      ['chat', true, 'start'],
      ['old', true, 'drop-ttl'],
    ]);
    expect(index.stats).toMatchObject({ events: 1, started: 1, droppedTtl: 1 });
    expect(toTestModeEventResults(trace).triggerMatchValidation).toMatchObject({
      matchedTriggers: [
        { id: 'chat', enabled: true, selfUri: '/api/v2/processautomation/triggers/chat' },
        { id: 'old' },
      ],
      unmatchedTriggers: [{ id: 'voice' }],
    });
  });

  it('updates and removes triggers, and rejects an invalid one without changing the index', () => {
    const index = new TriggerIndex();
    index.add(trigger({ id: 'x', matchCriteria: [{ jsonPath: 'mediaType', operator: 'Equal', value: 'VOICE' }] }));
    index.add(
      trigger({
        id: 'x',
        topicName: conv('acd.start'),
        matchCriteria: [{ jsonPath: 'mediaType', operator: 'Equal', value: 'CALLBACK' }],
      }),
    );
    expect(index.size).toBe(1);
    expect(index.triggersOf(conv('customer.end'))).toEqual([]);
    expect(
      index.evaluate(`v2.detail.events.conversation.${CONV_ID}.acd.start`, { mediaType: 'CALLBACK' }, NOW).fired,
    ).toHaveLength(1);
    expect(() => index.add(trigger({ id: 'x', delayBySeconds: 5 }))).toThrow(
      /delayBySeconds must be an integer between 60 and 900/,
    );
    expect(index.get('x')?.topicName).toBe(conv('acd.start'));
    expect(index.remove('x')).toBe(true);
    expect(
      index.evaluate(`v2.detail.events.conversation.${CONV_ID}.acd.start`, { mediaType: 'CALLBACK' }, NOW).triggers,
    ).toEqual([]);
  });
});

describe('delivery', () => {
  it('TopLevelPrimitives passes strings, numbers and booleans and drops arrays, objects and nulls', () => {
    const t = trigger({ id: 'p' });
    expect(
      workflowInputs(t, { ...blogBody, skillExpressionApplied: true, journeyContext: { a: 1 }, queueId: null }),
    ).toEqual({
      eventTime: 10000,
      conversationId: 'conversationId',
      participantId: 'participantId',
      sessionId: 'sessionId',
      disconnectType: 'ERROR',
      mediaType: 'CHAT',
      externalOrganizationId: 'externalOrganizationId',
      externalContactId: 'externalContactId',
      provider: 'provider',
      direction: 'INBOUND',
      ani: 'ani',
      dnis: 'dnis',
      addressTo: 'addressTo',
      addressFrom: 'addressFrom',
      callbackUserName: 'callbackUserName',
      callbackScheduledTime: 20000,
      subject: 'subject',
      messageType: 'SMS',
      interactingDurationMs: 500,
      skillExpressionApplied: true,
    });
  });

  it('Json passes the whole event as jsonData', () => {
    const t = trigger({
      id: 'j',
      target: { type: 'Workflow', id: 'wf', workflowTargetSettings: { dataFormat: 'Json' } },
    });
    expect(workflowInputs(t, blogBody)).toEqual({ jsonData: blogBody });
  });
});

describe('TriggerIndex traces against matchTrigger', () => {
  it('gives, for every trigger, the same trace (and JSON) as matching it alone', () => {
    const triggers = [
      blogTrigger,
      trigger({
        id: 'd',
        delayBySeconds: 60,
        matchCriteria: [{ jsonPath: 'callbackNumbers[*]', operator: 'Contains', value: '8675309' }],
      }),
      trigger({
        id: 'e',
        matchCriteria: [{ jsonPath: "callbackNumbers[?(@ == 'none')]", operator: 'Exists', value: true }],
      }),
      trigger({
        id: 'off',
        enabled: false,
        matchCriteria: [{ jsonPath: 'mediaType', operator: 'Equal', value: 'CHAT' }],
      }),
      trigger({
        id: 'same',
        matchCriteria: [
          { jsonPath: '$.mediaType', operator: 'Equal', value: 'CHAT' },
          { jsonPath: 'interactingDurationMs', operator: 'LessThan', value: 600 },
        ],
      }),
    ];
    const index = new TriggerIndex();
    for (const t of triggers) index.add(t);
    for (const body of [
      blogBody,
      { ...blogBody, eventTime: NOW },
      { ...blogBody, mediaType: 'VOICE', eventTime: NOW },
      { ...blogBody, mediaType: 7 },
      'x',
    ]) {
      const trace = index.evaluate(`v2.detail.events.conversation.${CONV_ID}.customer.end`, body, NOW);
      const eager = triggers.map((t) => matchTrigger(compileTrigger(t), body, NOW));
      expect(JSON.parse(JSON.stringify(trace.triggers))).toEqual(JSON.parse(JSON.stringify(eager)));
      expect(trace.fired.map((t) => [t.triggerId, t.decision])).toEqual(
        eager
          .filter((t) => t.decision.action === 'start' || t.decision.action === 'delay')
          .map((t) => [t.triggerId, t.decision]),
      );
      expect(JSON.parse(JSON.stringify(trace)).fired).toEqual(
        JSON.parse(JSON.stringify(trace.fired.map((t) => ({ ...t, criteria: t.criteria })))),
      );
    }
  });
});
