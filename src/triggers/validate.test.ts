import { describe, expect, it } from 'vitest';
import { fromTerraform, loadTrigger } from './load.ts';
import { validateTrigger } from './validate.ts';

const USER_START = 'v2.detail.events.conversation.{id}.user.start';
const valid = {
  name: 'No queue',
  topicName: USER_START,
  target: { type: 'Workflow', id: 'wf-1' },
  enabled: true,
  matchCriteria: [{ jsonPath: 'queueId', operator: 'Exists', value: false }],
};

function fields(body: unknown, mode?: 'create' | 'update'): string[] {
  const r = validateTrigger(body, mode ? { mode } : {});
  return r.ok ? [] : r.violations.map((v) => v.field);
}

describe('validateTrigger (platform.md §1.2)', () => {
  it('accepts the BLOG-PA body, coercing the string eventTTLSeconds "120" to a number', () => {
    const r = validateTrigger({
      topicName: 'v2.detail.events.conversation.{id}.customer.end',
      name: 'Send SMS message after chats with odd disconnects',
      target: { id: 'b008976c-e085-43b7-b27d-9c0efd5fbfb5', type: 'Workflow' },
      matchCriteria: [
        { jsonPath: 'mediaType', operator: 'Equal', value: 'CHAT' },
        { jsonPath: 'disconnectType', operator: 'In', values: ['ERROR', 'TRANSFER'] },
      ],
      eventTTLSeconds: '120',
      enabled: true,
    });
    expect(r.ok && r.spec.eventTTLSeconds).toBe(120);
  });

  it('accepts an empty matchCriteria list (fires on every event) and canonicalizes enum case', () => {
    const r = validateTrigger({
      ...valid,
      matchCriteria: [{ jsonPath: 'mediaType', operator: 'equal', value: 'VOICE' }],
      target: { type: 'workflow', id: 'w', workflowTargetSettings: { dataFormat: 'json' } },
    });
    expect(r.ok && r.spec.matchCriteria?.[0]?.operator).toBe('Equal');
    expect(r.ok && r.spec.target).toEqual({
      type: 'Workflow',
      id: 'w',
      workflowTargetSettings: { dataFormat: 'Json' },
    });
    expect(validateTrigger({ ...valid, matchCriteria: [] }).ok).toBe(true);
  });

  it('reports every broken rule at once, each with its field', () => {
    const r = validateTrigger({
      name: '',
      topicName: 'v2.nope',
      description: 'x'.repeat(513),
      target: { type: 'Flow' },
      enabled: 'yes',
      eventTTLSeconds: 5,
      delayBySeconds: 1000,
      matchCriteria: [
        { jsonPath: 'a..', operator: 'Equal', value: 1 },
        { jsonPath: 'b', operator: 'Like', value: 1 },
        { jsonPath: 'c', operator: 'In', value: 'x' },
        { jsonPath: 'd', operator: 'Equal', value: 1, values: [1] },
        { jsonPath: 'e', operator: 'Exists', value: 'maybe' },
        { jsonPath: 'f', operator: 'Equal' },
        'not a criterion',
      ],
    });
    expect(r.ok).toBe(false);
    const byField = Object.fromEntries(r.ok ? [] : r.violations.map((v) => [v.field, v.message]));
    expect(byField).toMatchObject({
      name: 'name must be between 1 and 256 characters; got 0',
      topicName: 'topicName must be one of the topics of /api/v2/processautomation/triggers/topics; got "v2.nope"',
      description: 'description must be at most 512 characters; got 513',
      'target.type': 'target.type must be Workflow; got "Flow"',
      'target.id': 'target.id must be a workflow id; got nothing',
      enabled: 'enabled is required and must be true or false; got "yes"',
      eventTTLSeconds: 'eventTTLSeconds must be an integer of at least 10; got 5',
      delayBySeconds: 'only one of eventTTLSeconds or delayBySeconds can be set',
      'matchCriteria[0].jsonPath': expect.stringMatching(/^matchCriteria\[0\]\.jsonPath "a\.\.": .*position 3/),
      'matchCriteria[1].operator': expect.stringContaining('must be one of GreaterThanOrEqual, LessThanOrEqual, Equal'),
      'matchCriteria[2].values': 'matchCriteria[2].values must be a list for operator In; got "x"',
      'matchCriteria[3].values': 'matchCriteria[3]: only one of value and values can be included',
      'matchCriteria[4].value': 'matchCriteria[4].value must be true or false for operator Exists; got "maybe"',
      'matchCriteria[5].value': 'matchCriteria[5].value is required for operator Equal',
      'matchCriteria[6]': expect.stringContaining('must be an object'),
    });
    expect(r.ok ? [] : r.violations.filter((v) => v.field === 'delayBySeconds').map((v) => v.message)).toContain(
      'delayBySeconds must be an integer between 60 and 900; got 1000',
    );
  });

  it('enforces the bounds exactly: name/topicName 256, description 512, TTL >= 10, delay 60..900', () => {
    expect(fields({ ...valid, name: 'x'.repeat(256) })).toEqual([]);
    expect(fields({ ...valid, name: 'x'.repeat(257) })).toEqual(['name']);
    expect(fields({ ...valid, description: 'x'.repeat(512) })).toEqual([]);
    expect(fields({ ...valid, eventTTLSeconds: 10 })).toEqual([]);
    expect(fields({ ...valid, eventTTLSeconds: 9 })).toEqual(['eventTTLSeconds']);
    expect(fields({ ...valid, eventTTLSeconds: 10.5 })).toEqual(['eventTTLSeconds']);
    expect(fields({ ...valid, delayBySeconds: 60 })).toEqual([]);
    expect(fields({ ...valid, delayBySeconds: '900' })).toEqual([]);
    expect(fields({ ...valid, delayBySeconds: 59 })).toEqual(['delayBySeconds']);
    expect(fields({ ...valid, delayBySeconds: 901 })).toEqual(['delayBySeconds']);
  });

  it('asks for the {id} wildcard when given a concrete topic', () => {
    const r = validateTrigger({
      ...valid,
      topicName: 'v2.detail.events.conversation.2f7bf00a-0fc2-4d6a-9b56-92238191433e.user.start',
    });
    expect(r.ok ? '' : r.violations[0]!.message).toContain(`use "${USER_START}"`);
  });

  it('takes a list in value for In/NotIn/All and stores it as values (older BP-AUTOCB form)', () => {
    const r = validateTrigger({
      ...valid,
      matchCriteria: [{ jsonPath: 'disconnectType', operator: 'In', value: ['ERROR'] }],
    });
    expect(r.ok && r.spec.matchCriteria).toEqual([{ jsonPath: 'disconnectType', operator: 'In', values: ['ERROR'] }]);
  });

  it('requires a version on update, and rejects a non-object', () => {
    expect(fields(valid, 'update')).toEqual(['version']);
    expect(fields({ ...valid, version: '3' }, 'update')).toEqual([]);
    expect(fields([1, 2])).toEqual(['']);
    expect(fields(null)).toEqual(['']);
  });
});

describe('loadTrigger', () => {
  it('loads Terraform attributes (match_criteria as a JSON string, nested workflow_target_settings)', () => {
    const r = loadTrigger({
      name: 'T',
      topic_name: 'v2.detail.events.conversation.{id}.customer.end',
      enabled: true,
      event_ttl_seconds: 60,
      match_criteria: JSON.stringify([{ jsonPath: 'mediaType', operator: 'Equal', value: 'VOICE' }]),
      target: [{ id: 'wf', type: 'Workflow', workflow_target_settings: [{ data_format: 'Json' }] }],
    });
    expect(r).toMatchObject({
      ok: true,
      format: 'terraform',
      trigger: {
        id: 'local',
        version: 1,
        eventTTLSeconds: 60,
        target: { workflowTargetSettings: { dataFormat: 'Json' } },
      },
    });
  });

  it('reports a match_criteria that is not JSON together with the other violations', () => {
    const r = loadTrigger({
      name: 'T',
      topic_name: USER_START,
      enabled: true,
      match_criteria: '[{"jsonPath":',
      target: { id: 'w', type: 'Workflow' },
      delay_by_seconds: 30,
    });
    expect(r.ok ? [] : r.violations.map((v) => v.field)).toEqual(['match_criteria', 'delayBySeconds']);
    expect(r.format).toBe('terraform');
  });

  it('keeps the id and version of a stored API trigger', () => {
    expect(loadTrigger({ ...valid, id: 'abc', version: 4 })).toMatchObject({
      ok: true,
      format: 'api',
      trigger: { id: 'abc', version: 4 },
    });
    expect(fromTerraform({ delay_by_seconds: 90 }).body).toEqual({ delayBySeconds: 90 });
  });
});
