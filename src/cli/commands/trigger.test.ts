import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unwrapEvent } from './trigger.ts';

const BIN = resolve(import.meta.dirname, '../../../bin/switchboard.mjs');
const dir = mkdtempSync(join(tmpdir(), 'sb-trigger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, value: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
}

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, 'trigger', 'test', ...args], { timeout: 20_000 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

const CONV = '2f7bf00a-0fc2-4d6a-9b56-92238191433e';
// The BP-TERM trigger as API JSON with the README's optional dnis condition.
const noQueue = file('no-queue.json', {
  name: 'Terminate Outbound Call Missing Queue',
  topicName: 'v2.detail.events.conversation.{id}.user.start',
  enabled: true,
  target: { id: 'wf-1', type: 'Workflow' },
  matchCriteria: [
    { jsonPath: 'queueId', operator: 'Exists', value: false },
    { jsonPath: 'dnis', operator: 'Contains', value: 'tel:+' },
  ],
});
const outbound = {
  eventTime: 1767603600000,
  conversationId: CONV,
  mediaType: 'VOICE',
  direction: 'OUTBOUND',
  dnis: 'tel:+13175551234',
  userId: 'u1',
  callbackNumbers: [],
};

describe('switchboard trigger test', () => {
  it('exits 0 on a match and prints the table, the decision and the workflow inputs', async () => {
    const r = await run(noQueue, '--event', file('ev1.json', outbound), '--now', '2026-01-05T09:00:00Z');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/queueId\s+Exists\s+false\s+\(missing\)\s+match/);
    expect(r.stdout).toMatch(/dnis\s+Contains\s+"tel:\+"\s+\$\['dnis'\] = "tel:\+13175551234"\s+match/);
    expect(r.stdout).toContain('MATCH: the workflow starts now (2026-01-05T09:00:00.000Z)');
    expect(r.stdout).toContain(`Flow.conversationId = "${CONV}"`);
    expect(r.stdout).not.toContain('Flow.callbackNumbers');
  });

  it('exits 1 when it does not match, and --json gives the machine form; envelopes are unwrapped', async () => {
    const envelope = {
      version: '0',
      id: 'e1',
      'detail-type': 'v2.detail.events.conversation.{id}.user.start',
      source: 'aws.partner/genesys.com/cloud/o/s',
      account: '1',
      time: '2026-01-05T09:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: {
        topicName: `v2.detail.events.conversation.${CONV}.user.start`,
        version: '2',
        eventBody: { ...outbound, queueId: 'q1' },
        metadata: { CorrelationId: 'c' },
        timestamp: '2026-01-05T09:00:00Z',
      },
    };
    const r = await run(noQueue, '--event', file('ev2.json', envelope), '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      event: unknown;
      trace: { matches: boolean; criteria: Array<{ match: boolean; extracted: unknown[] }> };
    };
    expect(out.event).toEqual({ envelope: 'eventbridge', topic: `v2.detail.events.conversation.${CONV}.user.start` });
    expect(out.trace.matches).toBe(false);
    expect(out.trace.criteria[0]).toMatchObject({ match: false, extracted: [{ value: 'q1', path: "$['queueId']" }] });
  });

  it('exits 1 for an event of another topic, naming both topics', async () => {
    const r = await run(
      noQueue,
      '--event',
      file('ev3.json', { topicName: `v2.detail.events.conversation.${CONV}.user.end`, eventBody: outbound }),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `the event was published on v2.detail.events.conversation.${CONV}.user.end, which is not the trigger's topic v2.detail.events.conversation.{id}.user.start`,
    );
  });

  it('exits 2 for an invalid trigger, listing every broken rule with its field', async () => {
    const bad = file('bad.json', {
      name: 'x',
      topic_name: 'v2.detail.events.conversation.{id}.user.start',
      enabled: true,
      target: { id: 'w', type: 'Workflow' },
      event_ttl_seconds: 60,
      delay_by_seconds: 30,
      match_criteria: '[{"jsonPath":"queueId","operator":"Exist","value":false}]',
    });
    const r = await run(bad, '--event', file('ev4.json', outbound));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('breaks 3 rule(s)');
    expect(r.stderr).toContain('matchCriteria[0].operator: matchCriteria[0].operator must be one of');
    expect(r.stderr).toContain('delayBySeconds: delayBySeconds must be an integer between 60 and 900; got 30');
    expect(r.stderr).toContain('delayBySeconds: only one of eventTTLSeconds or delayBySeconds can be set');
  });

  it('exits 2 (invalid input, not "no match") for an event that is null, an array, a string, or a notification without an object body', async () => {
    const cases: [string, unknown, string][] = [
      ['null.json', null, 'holds null'],
      ['array.json', [outbound], 'holds an array'],
      ['string.json', 'user.start', 'holds a string'],
      [
        'notification.json',
        { topicName: `v2.detail.events.conversation.${CONV}.user.start`, eventBody: null },
        'its eventBody is null',
      ],
    ];
    for (const [name, value, why] of cases) {
      const p = file(name, JSON.stringify(value));
      const r = await run(noQueue, '--event', p);
      expect(r.code, name).toBe(2);
      expect(r.stderr).toContain(`error SB_TRIGGER_EVENT_INVALID: an event must be a JSON object; ${p} ${why}`);
      const json = await run(noQueue, '--event', p, '--json');
      expect(json.code).toBe(2);
      expect(JSON.parse(json.stdout)).toMatchObject({
        error: { code: 'SB_TRIGGER_EVENT_INVALID', details: { file: p } },
      });
    }
  });

  it('exits 2 for an event file that is not JSON or a missing file', async () => {
    const r = await run(noQueue, '--event', file('ev5.json', '{ not json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the event file must be JSON');
    expect((await run(join(dir, 'absent.json'), '--event', file('ev6.json', outbound))).code).toBe(2);
  });
});

describe('unwrapEvent', () => {
  it('takes a bare body as is and a notification by its eventBody', () => {
    expect(unwrapEvent({ a: 1 })).toEqual({ body: { a: 1 }, topic: undefined, envelope: 'body' });
    expect(unwrapEvent({ topicName: 't', eventBody: { a: 1 } })).toEqual({
      body: { a: 1 },
      topic: 't',
      envelope: 'notification',
    });
    expect(unwrapEvent([1])).toEqual({ body: [1], topic: undefined, envelope: 'body' });
  });
});
