// A run resumes with the flow version it started on (Genesys runs an execution on the version it
// started with): a run waiting in a 5-minute Wait while the flow is republished finishes on the
// old version, from a SQLite file, in a second worker that has only the new version registered.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importArchyYaml } from '../architect/index.ts';
import type { Flow } from '../architect/index.ts';
import { VirtualClock } from '../core/index.ts';
import { openSqliteStore } from '../store/index.ts';
import { architectWorkflow } from './architect-workflow.ts';
import { runUntilIdle } from './testing.ts';
import type { ActionInvoker } from './types.ts';
import { createWorker } from './worker.ts';

const dir = mkdtempSync(join(tmpdir(), 'sb-versions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const flow = (after: string): Flow =>
  importArchyYaml(`workflow:
  name: Follow Up
  division: Home
  startUpRef: "/workflow/states/state[S]"
  defaultLanguage: en-us
  variables:
    - stringVariable:
        name: Flow.conversationId
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
  settingsErrorHandling:
    errorHandling:
      endWorkflow:
        none: true
  states:
    - state:
        name: Main
        refId: S
        actions:
          - callData:
              name: Before
              category:
                Cat:
                  dataAction:
                    Note:
                      inputs:
                        text:
                          lit: "before"
          - wait:
              name: Five minutes
              duration:
                lit:
                  minutes: 5
          - callData:
              name: After
              category:
                Cat:
                  dataAction:
                    Note:
                      inputs:
                        text:
                          lit: "${after}"
          - endWorkflow:
              name: Done
              exitReason:
                lit: "${after}"
`);

describe('flow versions', () => {
  it('a run waiting across a republish resumes on the version it started with; a new run starts on the new one', async () => {
    const clock = new VirtualClock();
    const path = join(dir, 'runs.sqlite');
    const notes: string[] = [];
    const invoker: ActionInvoker = async (_name, input) => (
      notes.push(String(input.text)),
      { status: 'success', outputs: {} }
    );
    const v1 = architectWorkflow(flow('after v1'));
    const v2 = architectWorkflow(flow('after v2'));
    expect(v1.version).toMatch(/^[0-9a-f]{16}$/);
    expect(v2.version).not.toBe(v1.version);
    expect(architectWorkflow(flow('after v1')).version).toBe(v1.version);

    const store1 = openSqliteStore({ path });
    const first = createWorker({ store: store1, workflows: [v1], invoker, clock });
    const waiting = await first.enqueue('Follow Up', { conversationId: 'c-1' });
    expect(waiting.flowVersion).toBe(v1.version);
    await first.idle();
    expect((await store1.getRun(waiting.id))?.status).toBe('waiting');
    await first.stop();
    await store1.close();

    // Republished: the new process knows only v2, and rebuilds v1 from what the store kept.
    const store2 = openSqliteStore({ path });
    const restored: string[] = [];
    const second = createWorker({
      store: store2,
      workflows: [v2],
      invoker,
      clock,
      restoreVersion: (saved) => (
        restored.push(saved.version),
        architectWorkflow((saved.source as { flow: Flow }).flow)
      ),
    });
    const fresh = await second.enqueue('Follow Up', { conversationId: 'c-2' });
    await runUntilIdle(clock, second);
    const old = await store2.getRun(waiting.id);
    const created = await store2.getRun(fresh.id);
    expect([old?.status, old?.exitReason, old?.flowVersion]).toEqual(['completed', 'after v1', v1.version]);
    expect([created?.status, created?.exitReason, created?.flowVersion]).toEqual(['completed', 'after v2', v2.version]);
    expect(restored).toEqual([v1.version]);
    expect(notes.sort()).toEqual(['after v1', 'after v2', 'before', 'before']);
    await second.stop();
    await store2.close();
  });

  it('without the kept version (or a way to rebuild it) the run goes on with the registered version', async () => {
    const clock = new VirtualClock();
    const path = join(dir, 'lost.sqlite');
    const invoker: ActionInvoker = async () => ({ status: 'success', outputs: {} });
    const store1 = openSqliteStore({ path });
    const first = createWorker({ store: store1, workflows: [architectWorkflow(flow('after v1'))], invoker, clock });
    const run = await first.enqueue('Follow Up', {});
    await first.idle();
    await first.stop();
    await store1.close();
    const store2 = openSqliteStore({ path });
    const second = createWorker({ store: store2, workflows: [architectWorkflow(flow('after v2'))], invoker, clock });
    await runUntilIdle(clock, second);
    expect((await store2.getRun(run.id))?.exitReason).toBe('after v2');
    await second.stop();
    await store2.close();
  });
});
