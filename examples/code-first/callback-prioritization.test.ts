import { afterEach, describe, expect, it } from 'vitest';
import { DEMO, createTestHarness } from '../../src/testing.ts';
import type { TestHarness } from '../../src/testing.ts';
import { ACTIONS_BUNDLE, WORKFLOW, callbackActions, callbackQueued, raiseCallbackPriority } from './callback-prioritization.ts';

const PSTN = '+13175550100';
const ROUND = ['Get Callback State', 'Get Callback Routing Priority', 'Set Conversation Routing Priority'];

describe('code-first callback prioritization', () => {
  let h: TestHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  const start = async (): Promise<TestHarness> =>
    (h = await createTestHarness({ workflows: [raiseCallbackPriority], triggers: [callbackQueued], bundles: [callbackActions()], codeWorkflowActions: ACTIONS_BUNDLE }));
  const callback = async (harness: TestHarness, name: string): Promise<string> =>
    (await harness.org.sim('/callbacks', { queueId: DEMO.queues.sales, callbackNumbers: [PSTN], callbackUserName: name, priority: 0 })).id as string;

  it('raises a waiting callback every 5 minutes, 5 times at most, and stops once a callback is over', async () => {
    const harness = await start();
    const waiting = await callback(harness, 'Waits');
    const cancelled = await callback(harness, 'Cancels');
    const answered = await callback(harness, 'Is answered');
    await harness.advance('7m');
    await harness.org.sim(`/conversations/${cancelled}/cancel-callback`);
    await harness.advance('5m');
    await harness.org.sim(`/conversations/${answered}/connect-callback`, { userId: DEMO.users.carol });
    await harness.advance('1m');
    await harness.org.sim(`/conversations/${answered}/disconnect`);
    await harness.advance('18m');

    expect(await harness.org.callbackPriority(waiting)).toBe(5);
    expect(await harness.org.callbackPriority(cancelled)).toBe(1);
    expect(await harness.org.callbackPriority(answered)).toBe(2);

    const runs = await harness.runs({ flow: WORKFLOW });
    expect(runs.map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);
    const byConversation = new Map<string, string>();
    for (const r of runs) byConversation.set(((await harness.runtime.run(r.id))?.input as { conversationId: string }).conversationId, r.id);
    await harness.expectRun({ id: byConversation.get(waiting)! }, {
      status: 'completed', output: { exitReason: 'Loop Complete', raises: 5 }, sleeps: 5, actions: Array.from({ length: 5 }, () => ROUND).flat(),
    });
    await harness.expectRun({ id: byConversation.get(cancelled)! }, { status: 'completed', output: { exitReason: 'CallbackCanceled', raises: 1 }, sleeps: 2 });
    await harness.expectRun({ id: byConversation.get(answered)! }, { status: 'completed', output: { exitReason: 'CallbackCanceled', raises: 2 }, sleeps: 3 });
  });

  it('starts nothing for a call that is not a callback, and says what differs about a run', async () => {
    const harness = await start();
    await harness.org.sim('/calls', { fromUserId: DEMO.users.alice, to: { phoneNumber: PSTN }, queueId: DEMO.queues.support });
    await harness.advance('1m');
    expect(await harness.runs({ flow: WORKFLOW })).toEqual([]);
    const id = await callback(harness, 'Waits');
    await harness.advance('30m');
    await expect(harness.expectRun(WORKFLOW, { output: { exitReason: 'Loop Complete', raises: 4 } })).rejects.toThrow(/output: expected .*"raises":4.*got .*"raises":5/);
    expect(await harness.org.callbackPriority(id)).toBe(5);
  });
});
