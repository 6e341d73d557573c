// The retry policy of a bundle (switchboard.json `retry`) on the runtime, against the embedded
// emulator's fault injection: the shipped example flow tags a call with a PUT that the emulator
// answers 429, 503 or never; the flow's Success or Failure path is taken after the retries.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadBundle } from '../blueprints/index.ts';
import { DEMO } from '../emulator/index.ts';
import { statusText } from '../workflows/index.ts';
import type { RunDetail } from '../workflows/index.ts';
import { createTestHarness } from './test-harness.ts';
import type { TestHarness } from './test-harness.ts';
import { REPO_ROOT } from '../../test/support/shared.ts';

const FLOW = 'Tag Calls Without Queue';
const TAGS = '/api/v2/conversations/*/tags';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The example bundle (its action and flow, no trigger) with a `retry` in its manifest. */
function bundleWith(retry: unknown): ReturnType<typeof loadBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-retry-bundle-'));
  dirs.push(dir);
  cpSync(join(REPO_ROOT, 'examples/bundle'), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'switchboard.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(
    join(dir, 'switchboard.json'),
    JSON.stringify({ ...manifest, triggers: [], ...(retry === undefined ? {} : { retry }) }),
  );
  return loadBundle(dir);
}

let h: TestHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function tagOneCall(
  retry: unknown,
  fault: Parameters<TestHarness['emulator']['faults']['add']>[0],
): Promise<{ run: RunDetail; conversationId: string }> {
  h = await createTestHarness({ bundles: [bundleWith(retry)] });
  const conversation = h.emulator.simulator.inboundAcdCall({ queueId: DEMO.queues.support, ani: '+13175550100' });
  h.emulator.faults.add(fault);
  const started = await h.runtime.startWorkflow(FLOW, { conversationId: conversation.id });
  await h.advance('5m');
  return { run: (await h.runtime.run(started.id))!, conversationId: conversation.id };
}

const keyOf = (step: RunDetail['steps'][number]): string | undefined =>
  (step.trace as { request?: { headers?: Record<string, string> } }).request?.headers?.['Idempotency-Key'];
const tryView = (s: RunDetail['steps'][number]) => [
  s.kind,
  s.path,
  (s.output as { retriedOn?: unknown }).retriedOn,
  (s.output as { waitMs?: unknown }).waitMs,
];

describe('a bundle retry policy against the emulator', () => {
  it('a 429 with Retry-After: waits what it asks, sends the same Idempotency-Key again, takes the Success path', async () => {
    const { run, conversationId } = await tagOneCall(
      { attempts: 3 },
      { method: 'PUT', path: TAGS, burst429: 1, retryAfterSeconds: 2 },
    );
    expect(run).toMatchObject({ status: 'completed', exitReason: 'tagged', failedSteps: 0 });
    expect(run.steps.map(tryView)).toEqual([
      ['attempt', 'failure', 429, 2000],
      ['action', 'success', undefined, undefined],
    ]);
    const [first, last] = run.steps;
    expect(first!.output).toMatchObject({ attempt: 1, httpStatus: 429, retryAfterMs: 2000 });
    expect(last!.startedAt - first!.completedAt).toBe(2000);
    expect(last!.output).toMatchObject({ status: 'success', attempts: 2 });
    expect(keyOf(first!)).toBe(`${run.id}:${last!.stepId}`);
    expect(keyOf(last!)).toBe(keyOf(first!));
    const conversation = await h!.org.api('GET', `/api/v2/conversations/${conversationId}`);
    expect((conversation.body as { externalTag?: string }).externalTag).toBe('No queue');
    expect(h!.runtime.stats()).toMatchObject({ actionRetries: 1, runsWithFailedSteps: 0 });
  });

  it('503 twice: backs off as the policy says and succeeds on the third try', async () => {
    const { run } = await tagOneCall(
      { attempts: 3, backoff: { initialMs: 500, factor: 2 } },
      { method: 'PUT', path: TAGS, errorRate: 1, errorStatus: 503, times: 2 },
    );
    expect(run).toMatchObject({ status: 'completed', exitReason: 'tagged', failedSteps: 0 });
    expect(run.steps.map(tryView)).toEqual([
      ['attempt', 'failure', '5xx', 500],
      ['attempt', 'failure', '5xx', 1000],
      ['action', 'success', undefined, undefined],
    ]);
    expect(run.steps.map((s) => (s.output as { httpStatus?: number }).httpStatus)).toEqual([503, 503, undefined]);
  });

  it('a request that never answers: the try times out at the flow timeout and the next one goes through', async () => {
    h = await createTestHarness({ bundles: [bundleWith({ attempts: 2, backoff: { initialMs: 1000 } })] });
    const conversation = h.emulator.simulator.inboundAcdCall({ queueId: DEMO.queues.support, ani: '+13175550100' });
    const hang = h.emulator.faults.add({ method: 'PUT', path: TAGS, hang: true });
    const before = h.clock.pending;
    const started = await h.runtime.startWorkflow(FLOW, { conversationId: conversation.id });
    // The PUT is in flight once its timeouts are on the clock (the run's lease renewal is another timer).
    for (let i = 0; i < 1000 && h.clock.pending < before + 3; i++) await new Promise((r) => setImmediate(r));
    await h.clock.advance(30_000);
    h.emulator.faults.remove(hang);
    await h.advance('1m');
    const run = (await h.runtime.run(started.id))!;
    expect(run).toMatchObject({ status: 'completed', exitReason: 'tagged', failedSteps: 0 });
    expect(run.steps.map(tryView)).toEqual([
      ['attempt', 'timeout', 'timeout', 1000],
      ['action', 'success', undefined, undefined],
    ]);
    expect(run.steps[0]!.completedAt - run.steps[0]!.startedAt).toBe(30_000);
  });

  it('attempts exhausted: the flow takes its Failure path and the run is marked with a failed step everywhere', async () => {
    const { run } = await tagOneCall(
      { attempts: 3, backoff: { initialMs: 100 } },
      { method: 'PUT', path: TAGS, errorRate: 1, errorStatus: 503 },
    );
    expect(run).toMatchObject({
      status: 'completed',
      exitReason: 'the conversation could not be tagged',
      failedSteps: 1,
    });
    const step = run.steps.at(-1)!;
    expect(run.failedStepIds).toEqual([step.stepId]);
    expect(step).toMatchObject({ kind: 'action', path: 'failure', output: { status: 'failure', attempts: 3 } });
    expect(run.steps.filter((s) => s.kind === 'attempt')).toHaveLength(2);
    expect(statusText(run)).toBe('completed, 1 failed step');
    expect((await h!.runtime.runs({ withFailedSteps: true })).map((r) => r.id)).toEqual([run.id]);
    expect(h!.runtime.stats()).toMatchObject({
      runsCompleted: 1,
      runsWithFailedSteps: 1,
      failedSteps: 1,
      actionRetries: 2,
    });
  });

  it('without a policy nothing changes: a 429 takes the Failure path at once, after one request', async () => {
    const { run } = await tagOneCall(undefined, { method: 'PUT', path: TAGS, burst429: 1, retryAfterSeconds: 2 });
    expect(run).toMatchObject({
      status: 'completed',
      exitReason: 'the conversation could not be tagged',
      failedSteps: 1,
    });
    expect(run.steps.map(tryView)).toEqual([['action', 'failure', undefined, undefined]]);
    expect(run.steps[0]!.output).not.toHaveProperty('attempts');
    expect(h!.runtime.stats()).toMatchObject({ actionRetries: 0, runsWithFailedSteps: 1 });
  });

  it('a per-action override turns the bundle policy off for that action', async () => {
    const { run } = await tagOneCall(
      { attempts: 3, actions: { 'Set External Tag': false } },
      { method: 'PUT', path: TAGS, burst429: 1 },
    );
    expect(run.steps.map(tryView)).toEqual([['action', 'failure', undefined, undefined]]);
  });

  it('a broken retry in switchboard.json is refused naming the file and field', () => {
    expect(() => bundleWith({ attempts: 3, on: ['4xx'] })).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/switchboard\.json.*\/retry\/on\/0/) }),
    );
  });
});
