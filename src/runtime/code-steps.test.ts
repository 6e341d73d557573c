// Code-first step tools on the runtime: step.api through the runtime's client for code-first
// workflows, and step.waitForEvent resumed by an event of the emulated org as the runtime logs it.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../emulator/index.ts';
import { defineWorkflow } from '../workflows/index.ts';
import { createTestHarness } from './test-harness.ts';
import type { TestHarness } from './test-harness.ts';

const followCall = defineWorkflow({ name: 'follow-call' }, async ({ input, step }) => {
  const { conversationId } = input as { conversationId: string };
  const read = await step.api('read', { method: 'GET', path: `/api/v2/conversations/${conversationId}` });
  const ended = await step.waitForEvent('call ended', {
    topic: 'v2.detail.events.conversation.{id}.user.end',
    match: { conversationId },
    timeout: '1h',
  });
  return { read: read.status, endedBy: ended ? ended.topic : null };
});

let h: TestHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('code-first step tools on the runtime', () => {
  it('reads the call through step.api and resumes the moment the org reports its end', async () => {
    h = await createTestHarness({ workflows: [followCall] });
    const call = (await h.org.sim('/calls', { fromUserId: DEMO.users.bob, to: { phoneNumber: '+13175550100' } })) as {
      id: string;
    };
    const started = await h.runtime.startWorkflow('follow-call', { conversationId: call.id });
    await h.advance('5m');
    expect((await h.runtime.run(started.id))!.status).toBe('waiting');
    const endAt = h.clock.now();
    await h.org.api('POST', `/api/v2/conversations/${call.id}/disconnect`);
    await h.advance('1s');
    const run = await h.expectRun(
      { id: started.id },
      { status: 'completed', output: { read: 200, endedBy: `v2.detail.events.conversation.${call.id}.user.end` } },
    );
    // Woken by the event as the runtime logged it, not by a later check of the event log.
    expect(run.completedAt! - endAt).toBeLessThan(1000);
    expect(run.steps.map((s) => [s.kind, s.stepId])).toEqual([
      ['api', 'read'],
      ['event', 'call ended'],
    ]);
  });
});
