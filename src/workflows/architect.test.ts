import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importArchyYaml } from '../architect/index.ts';
import { VirtualClock } from '../core/index.ts';
import { openSqliteStore } from '../store/index.ts';
import { architectWorkflow } from './architect.ts';
import { runUntilIdle } from './testing.ts';
import type { ActionInvoker } from './types.ts';
import { createWorker } from './worker.ts';

const dir = mkdtempSync(join(tmpdir(), 'sb-arch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Five times: bump a counter through a data action, then wait 5 minutes; end with a reason.
const YAML = `workflow:
  name: Bump Loop
  startUpRef: "/workflow/states/state[S]"
  variables:
    - integerVariable:
        name: Flow.n
        initialValue:
          lit: 0
        isInput: true
        isOutput: true
    - integerVariable:
        name: Flow.i
        initialValue:
          noValue: true
        isInput: false
        isOutput: false
  states:
    - state:
        name: Main
        refId: S
        actions:
          - loop:
              name: L
              currentIndex:
                var: Flow.i
              loopCount:
                lit: 5
              outputs:
                loop:
                  actions:
                    - callData:
                        name: C
                        category:
                          Cat:
                            dataAction:
                              Bump:
                                inputs:
                                  n:
                                    exp: Flow.n
                                successOutputs:
                                  n:
                                    var: Flow.n
                    - wait:
                        name: W
                        duration:
                          lit:
                            minutes: 5
          - endWorkflow:
              name: Done
              exitReason:
                exp: Append("bumped to ", ToString(Flow.n))
`;

describe('Architect flows on the durable engine', () => {
  it('runs a 25-minute Architect loop, journaling each data action and wait once', async () => {
    const store = openSqliteStore({ path: join(dir, 'a.sqlite') });
    const clock = new VirtualClock();
    const start = clock.now();
    const calls: string[] = [];
    const invoker: ActionInvoker = async (name, input, ctx) => {
      calls.push(ctx.stepId);
      return { status: 'success', outputs: { n: (input.n as number) + 1 } };
    };
    const flow = architectWorkflow(importArchyYaml(YAML));
    const worker = createWorker({ store, workflows: [flow], invoker, clock });
    const run = await worker.enqueue('Bump Loop', { n: 10 });
    await runUntilIdle(clock, worker);
    const done = await store.getRun(run.id);
    expect(done).toMatchObject({ status: 'completed', kind: 'architect', exitReason: 'bumped to 15', completedAt: start + 25 * 60_000 });
    expect((done?.output as { outputs: unknown }).outputs).toEqual({ 'Flow.n': 15 });
    expect(calls).toHaveLength(5);
    expect(new Set(calls).size).toBe(5);
    const journal = await store.loadJournal(run.id);
    expect(journal.map((s) => s.kind)).toEqual(['action', 'sleep', 'action', 'sleep', 'action', 'sleep', 'action', 'sleep', 'action', 'sleep']);
    expect(journal.filter((s) => s.kind === 'action').map((s) => s.input)).toEqual([{ n: 10 }, { n: 11 }, { n: 12 }, { n: 13 }, { n: 14 }]);
    const path = (done?.output as { path: { type: string; outcome?: string }[] }).path;
    expect(path.filter((p) => p.type === 'callData').map((p) => p.outcome)).toEqual(['success', 'success', 'success', 'success', 'success']);
    expect(path.at(-1)).toMatchObject({ type: 'endWorkflow', outcome: 'end' });
    await worker.stop();
    await store.close();
  });

  it('fails the run with the flow error and the path taken when the flow ends in error handling', async () => {
    const store = openSqliteStore({ path: join(dir, 'b.sqlite') });
    const clock = new VirtualClock();
    const invoker: ActionInvoker = async () => ({ status: 'success', outputs: { n: 'not a number' } });
    const worker = createWorker({ store, workflows: [architectWorkflow(importArchyYaml(YAML))], invoker, clock });
    const run = await worker.enqueue('Bump Loop', {});
    await runUntilIdle(clock, worker);
    const done = await store.getRun(run.id);
    expect(done?.status).toBe('failed');
    expect(done?.error).toMatchObject({ code: expect.stringMatching(/^SB_ARCHITECT_/), message: expect.stringContaining('flow "Bump Loop", action "C"') });
    expect((done?.error?.details as { path: { outcome?: string }[] }).path.at(-1)?.outcome).toBe('error');
    await expect(worker.enqueue('Bump Loop', 'not an object')).rejects.toMatchObject({ code: 'SB_WORKFLOW_INPUT_INVALID' });
    await worker.stop();
    await store.close();
  });
});
