// Operator actions on runs: cancel a run that waits (it never resumes) and run one again with the
// same input, through the runtime and its HTTP API.
import { afterEach, describe, expect, it } from 'vitest';
import { defineWorkflow } from '../workflows/index.ts';
import { runtimeApi } from './http-api.ts';
import { createTestHarness } from './test-harness.ts';
import type { TestHarness } from './test-harness.ts';

const reminder = defineWorkflow({ name: 'reminder' }, async ({ input, step }) => {
  await step.sleep({ minutes: 10 });
  const note = await step.run('note', () => `reminded ${(input as { who: string }).who}`);
  return { note };
});

let h: TestHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function post(
  app: ReturnType<typeof runtimeApi>,
  path: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await app.fetch(new Request(`http://runtime.local${path}`, { method: 'POST' }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('run actions', () => {
  it('a cancelled waiting run never resumes; a second cancel and a cancel of a settled run answer 409', async () => {
    h = await createTestHarness({ workflows: [reminder] });
    const app = runtimeApi(h.runtime);
    const started = await h.runtime.startWorkflow('reminder', { who: 'bob' });
    await h.advance('1m');
    expect((await h.runtime.run(started.id))!.status).toBe('waiting');
    const cancelled = await post(app, `/api/runs/${started.id}/cancel`);
    expect(cancelled).toMatchObject({ status: 200, body: { id: started.id, status: 'cancelled' } });
    await h.advance('30m');
    const after = (await h.runtime.run(started.id))!;
    expect(after.status).toBe('cancelled');
    expect(after.steps.map((s) => s.stepId)).not.toContain('note');
    expect(await post(app, `/api/runs/${started.id}/cancel`)).toMatchObject({
      status: 409,
      body: { code: 'SB_RUNTIME_RUN_STATE', message: expect.stringContaining('is cancelled') },
    });
    expect(await post(app, '/api/runs/no-such-run/cancel')).toMatchObject({
      status: 404,
      body: { code: 'SB_RUNTIME_NOT_FOUND' },
    });
  });

  it('rerun starts a new run of the same workflow with the same input, whatever the first became', async () => {
    h = await createTestHarness({ workflows: [reminder] });
    const app = runtimeApi(h.runtime);
    const first = await h.runtime.startWorkflow('reminder', { who: 'carol' });
    await h.advance('11m');
    await h.expectRun({ id: first.id }, { status: 'completed', output: { note: 'reminded carol' } });
    const again = await post(app, `/api/runs/${first.id}/rerun`);
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first.id);
    await h.advance('11m');
    await h.expectRun({ id: String(again.body.id) }, { status: 'completed', output: { note: 'reminded carol' } });
    expect(await post(app, '/api/runs/no-such-run/rerun')).toMatchObject({ status: 404 });
  });
});
