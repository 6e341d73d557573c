import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importArchyYaml } from '../architect/index.ts';
import { VirtualClock } from '../core/index.ts';
import { createMemoryStore, openSqliteStore } from '../store/index.ts';
import type { Store } from '../store/index.ts';
import { architectWorkflow } from './architect-workflow.ts';
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
    expect(done).toMatchObject({
      status: 'completed',
      kind: 'architect',
      exitReason: 'bumped to 15',
      completedAt: start + 25 * 60_000,
    });
    expect((done?.output as { outputs: unknown }).outputs).toEqual({ 'Flow.n': 15 });
    expect(calls).toHaveLength(5);
    expect(new Set(calls).size).toBe(5);
    const journal = await store.loadJournal(run.id);
    expect(journal.map((s) => s.kind)).toEqual([
      'action',
      'sleep',
      'action',
      'sleep',
      'action',
      'sleep',
      'action',
      'sleep',
      'action',
      'sleep',
    ]);
    expect(journal.filter((s) => s.kind === 'action').map((s) => s.input)).toEqual([
      { n: 10 },
      { n: 11 },
      { n: 12 },
      { n: 13 },
      { n: 14 },
    ]);
    const path = (done?.output as { path: { type: string; outcome?: string }[] }).path;
    expect(path.filter((p) => p.type === 'callData').map((p) => p.outcome)).toEqual([
      'success',
      'success',
      'success',
      'success',
      'success',
    ]);
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
    expect(done?.error).toMatchObject({
      code: expect.stringMatching(/^SB_ARCHITECT_/),
      message: expect.stringContaining('flow "Bump Loop", action "C"'),
    });
    expect((done?.error?.details as { path: { outcome?: string }[] }).path.at(-1)?.outcome).toBe('error');
    await expect(worker.enqueue('Bump Loop', 'not an object')).rejects.toMatchObject({
      code: 'SB_WORKFLOW_INPUT_INVALID',
    });
    await worker.stop();
    await store.close();
  });
  it('continues past a trimmed Wait when the run was re-executed after a store failure (the outage does not lengthen the wait)', async () => {
    // Call, then a 100-hour Wait that may trim, under a 10-minute maximum running time: the Wait
    // must end 1 s before the deadline (HELP-WAIT "Trim Lengthy Duration"), even though the first
    // attempt to persist its timer fails and the run is re-executed 1 s later.
    const yaml = `workflow:
  name: Trim
  startUpRef: "/workflow/states/state[S]"
  variables: []
  states:
    - state:
        name: Main
        refId: S
        actions:
          - callData:
              name: C
              category:
                Cat:
                  dataAction:
                    Ping:
                      inputs: {}
          - wait:
              name: W
              duration:
                lit:
                  hours: 100
              trimDurationNearMaxRunningTime:
                lit: true
          - endWorkflow:
              name: Done
              exitReason:
                lit: trimmed
`;
    const inner = createMemoryStore();
    let failures = 1;
    const store: Store = {
      ...inner,
      scheduleTimer: async (t) => {
        if (failures-- > 0) throw new Error('disk I/O error');
        return inner.scheduleTimer(t);
      },
    };
    const clock = new VirtualClock();
    const start = clock.now();
    const flow = architectWorkflow(importArchyYaml(yaml), { limits: { maxRunningTimeMs: 600_000 } });
    const worker = createWorker({
      store,
      workflows: [flow],
      invoker: async () => ({ status: 'success', outputs: {} }),
      clock,
    });
    const run = await worker.enqueue('Trim', {});
    await runUntilIdle(clock, worker);
    const done = await inner.getRun(run.id);
    expect(failures).toBe(-1);
    expect(done).toMatchObject({ status: 'completed', exitReason: 'trimmed', completedAt: start + 600_000 - 1000 });
    expect(await inner.listTimers(run.id)).toMatchObject([{ dueAt: start + 600_000 - 1000 }]);
    await worker.stop();
  });

  it("trims a Wait against the worker's maximum running time when the flow sets none", async () => {
    const yaml = `workflow:
  name: Worker Limit
  startUpRef: "/workflow/states/state[S]"
  variables: []
  states:
    - state:
        name: Main
        refId: S
        actions:
          - wait:
              name: W
              duration:
                lit:
                  hours: 1
              trimDurationNearMaxRunningTime:
                lit: true
          - endWorkflow:
              name: Done
              exitReason:
                lit: trimmed
`;
    const store = createMemoryStore();
    const clock = new VirtualClock();
    const start = clock.now();
    const worker = createWorker({
      store,
      workflows: [architectWorkflow(importArchyYaml(yaml))],
      invoker: async () => ({ status: 'success', outputs: {} }),
      clock,
      limits: { maxRunningTimeMs: 600_000 },
    });
    const run = await worker.enqueue('Worker Limit', {});
    await runUntilIdle(clock, worker);
    // A 1-hour Wait under the worker's 10-minute limit ends 1 s before that deadline, not at 72 h.
    expect(await store.getRun(run.id)).toMatchObject({
      status: 'completed',
      exitReason: 'trimmed',
      completedAt: start + 600_000 - 1000,
    });
    await worker.stop();
  });
});
