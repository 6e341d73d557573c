import { afterEach, describe, expect, it } from 'vitest';
import { defineTrigger } from '../triggers/index.ts';
import { defineWorkflow } from '../workflows/index.ts';
import { RunAssertionError, assertRun, createTestHarness } from './test-harness.ts';
import type { TestHarness } from './test-harness.ts';

const ticker = defineWorkflow({ name: 'ticker' }, async ({ step, now }) => {
  const start = now();
  await step.sleep('2h');
  const r = await step.action('Missing Action', { a: 1 });
  return { waitedMs: now() - start, path: r.status };
});

describe('createTestHarness', () => {
  let h: TestHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('runs a started workflow through hours of waits on the virtual clock', async () => {
    h = await createTestHarness({ workflows: [ticker], start: '2026-03-02T08:00:00Z' });
    expect(new Date(h.clock.now()).toISOString()).toBe('2026-03-02T08:00:00.000Z');
    const run = await h.runtime.startWorkflow('ticker', {});
    await h.advance({ hours: 1 });
    expect((await h.runs())[0]?.status).toBe('waiting');
    await h.advance('1h');
    // No bundle lends its actions to code-first workflows here: the unknown action takes the failure path.
    const detail = await h.expectRun(
      { id: run.id },
      { status: 'completed', output: { waitedMs: 7_200_000, path: 'failure' }, actions: ['Missing Action'], sleeps: 1 },
    );
    expect(detail.flow).toBe('ticker');
  });

  it('starts the workflow a bare trigger targets', async () => {
    const trigger = defineTrigger({
      name: 'Any call start',
      enabled: true,
      topicName: 'v2.detail.events.conversation.{id}.user.start',
      target: { id: 'ticker', type: 'Workflow' },
    });
    h = await createTestHarness({ workflows: [ticker], triggers: [trigger] });
    expect(h.runtime.triggers().map((t) => t.workflow)).toEqual(['ticker']);
  });

  it('refuses a codeWorkflowActions that names no loaded bundle, and closes its emulator', async () => {
    await expect(createTestHarness({ workflows: [ticker], codeWorkflowActions: 'nope' })).rejects.toMatchObject({
      code: 'SB_RUNTIME_CONFIG',
    });
  });

  it('expectRun wants exactly one run of a workflow', async () => {
    h = await createTestHarness({ workflows: [ticker] });
    await expect(h.expectRun('ticker', { status: 'completed' })).rejects.toThrow(
      'expected one run of "ticker"; there are 0',
    );
  });
});

describe('assertRun', () => {
  const run = {
    id: 'r1',
    flow: 'f',
    kind: 'code',
    status: 'failed' as const,
    createdAt: 0,
    attempts: 1,
    input: {},
    output: undefined,
    error: { code: 'SB_WORKFLOW_FAILED', message: 'boom' },
    steps: [],
  };

  it('lists every difference and the run error', () => {
    expect(() => assertRun(run, { status: 'completed', actions: ['A'] })).toThrow(RunAssertionError);
    expect(() => assertRun(run, { status: 'completed', actions: ['A'] })).toThrow(
      'run r1 of "f" (run error SB_WORKFLOW_FAILED: boom):\n  status: expected "completed", got "failed"\n  actions: expected ["A"], got []',
    );
    expect(() => assertRun(run, { status: 'failed', sleeps: 0 })).not.toThrow();
    expect(() => assertRun(undefined, {})).toThrow('expected a run; there is none');
  });
});
