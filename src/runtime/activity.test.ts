// Activity over time through the runtime's HTTP API: runs per bucket of the runtime's clock (virtual
// here), by status, and the journal's wall-clock times beside the run clock.
import { afterEach, describe, expect, it } from 'vitest';
import { defineWorkflow } from '../workflows/index.ts';
import { runtimeApi } from './http-api.ts';
import { createTestHarness } from './test-harness.ts';
import type { TestHarness } from './test-harness.ts';

const nap = defineWorkflow({ name: 'nap' }, async ({ step }) => {
  await step.sleep({ minutes: 5 });
  return step.run('wake', () => 'awake');
});

let h: TestHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function get(
  app: ReturnType<typeof runtimeApi>,
  path: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await app.fetch(new Request(`http://runtime.local${path}`));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('/api/activity', () => {
  it('counts runs per minute of the runtime clock, by status, and refuses a window of too many buckets', async () => {
    h = await createTestHarness({ workflows: [nap] });
    const app = runtimeApi(h.runtime);
    const first = await h.runtime.startWorkflow('nap', {});
    await h.advance('2m');
    await h.runtime.startWorkflow('nap', {});
    await h.advance('4m');
    const res = await get(app, '/api/activity?minutes=10&bucketSeconds=60');
    expect(res.status).toBe(200);
    const { from, to, bucketMs, buckets } = res.body as {
      from: number;
      to: number;
      bucketMs: number;
      buckets: Array<{ at: number; runs: Record<string, number> }>;
    };
    expect(bucketMs).toBe(60_000);
    expect(buckets).toHaveLength(10);
    expect(to - from).toBe(600_000);
    expect(buckets.flatMap((b) => Object.entries(b.runs))).toEqual([
      ['completed', 1],
      ['waiting', 1],
    ]);
    const total = buckets.reduce((n, b) => n + Object.values(b.runs).reduce((a, c) => a + c, 0), 0);
    expect(total).toBe(2);
    expect(await get(app, '/api/activity?minutes=1440&bucketSeconds=1')).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('86400 buckets; at most 1000') },
    });
    expect((await get(app, '/api/activity?minutes=abc')).status).toBe(400);

    // The 5-minute sleep took 5 minutes of run time and far less wall time.
    const sleep = (await h.runtime.run(first.id))!.steps.find((s) => s.kind === 'sleep')!;
    expect(sleep.durationMs).toBe(300_000);
    expect(sleep.wallDurationMs).toBeGreaterThanOrEqual(0);
    expect(sleep.wallDurationMs).toBeLessThan(60_000);
  });
});
