// A trigger's delayBySeconds is durable: the engine decides `delay` at arrival, and the delayed
// start is persisted as a pending run whose readyAt is the decision's time (the store's model of a
// delayed start). Closing and reopening the SQLite file loses nothing; it is not claimable early.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/index.ts';
import { TriggerIndex, workflowInputs } from '../src/triggers/index.ts';
import type { Trigger } from '../src/triggers/index.ts';

const NOW = Date.UTC(2026, 0, 5, 9);
const CONV = '2f7bf00a-0fc2-4d6a-9b56-92238191433e';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const followUp: Trigger = {
  id: 'sms-follow-up',
  version: 1,
  name: 'SMS after a missed callback',
  enabled: true,
  topicName: 'v2.detail.events.conversation.{id}.acw',
  target: { type: 'Workflow', id: 'sms-flow' },
  matchCriteria: [{ jsonPath: 'mediaType', operator: 'Equal', value: 'CALLBACK' }],
  delayBySeconds: 90,
};

describe('delayed start across a restart', () => {
  it('persists the delayed start with the event as it was, and releases it only when due', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-delay-'));
    dirs.push(dir);
    const path = join(dir, 'switchboard.sqlite');
    const index = new TriggerIndex();
    index.add(followUp);
    const body = {
      eventTime: NOW,
      conversationId: CONV,
      mediaType: 'CALLBACK',
      wrapupCode: 'w1',
      callbackNumbers: ['+13175551234'],
    };

    const trace = index.evaluate(`v2.detail.events.conversation.${CONV}.acw`, body, NOW);
    expect(trace.fired.map((t) => t.decision)).toEqual([{ action: 'delay', at: NOW + 90_000, delayMs: 90_000 }]);
    const decision = trace.fired[0]!.decision;
    if (decision.action !== 'delay') throw new Error('expected a delay');

    const first = openSqliteStore({ path });
    await first.createRun({
      id: 'run-1',
      flow: followUp.target.id,
      input: workflowInputs(followUp, body),
      triggerId: followUp.id,
      idempotencyKey: `${followUp.id}:${CONV}:acw`,
      createdAt: NOW,
      readyAt: decision.at,
    });
    await first.close();

    const reopened = openSqliteStore({ path, fileMustExist: true });
    try {
      expect(await reopened.claimRunnable('w', NOW + 89_999, 30_000, 10)).toEqual([]);
      expect(await reopened.nextWakeAt()).toBe(NOW + 90_000);
      const [run] = await reopened.claimRunnable('w', NOW + 90_000, 30_000, 10);
      expect(run).toMatchObject({
        id: 'run-1',
        flow: 'sms-flow',
        triggerId: 'sms-follow-up',
        readyAt: NOW + 90_000,
        status: 'running',
      });
      expect(run!.input).toEqual({ eventTime: NOW, conversationId: CONV, mediaType: 'CALLBACK', wrapupCode: 'w1' });
      // The same event delivered twice does not schedule a second start.
      const again = await reopened.createRun({
        id: 'run-2',
        flow: 'sms-flow',
        input: {},
        idempotencyKey: `${followUp.id}:${CONV}:acw`,
        createdAt: NOW,
        readyAt: decision.at,
      });
      expect(again).toMatchObject({ created: false, run: { id: 'run-1' } });
    } finally {
      await reopened.close();
    }
  });
});
