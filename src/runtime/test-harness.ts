/**
 * @module
 * The test harness of a user's project: a runtime on an embedded emulator that share a virtual
 * clock, so a workflow that waits for hours runs in milliseconds, and assertions on its runs.
 */
import { isDeepStrictEqual } from 'node:util';
import { VirtualClock, seededIds } from '../core/index.ts';
import type { Logger } from '../core/index.ts';
import { createEmulator } from '../emulator/index.ts';
import type { Emulator, SeedName } from '../emulator/index.ts';
import type { LoadedBundle } from '../blueprints/index.ts';
import type { RunStatus } from '../store/index.ts';
import type { Trigger } from '../triggers/index.ts';
import { parseDuration } from '../workflows/index.ts';
import type { Duration, RunDetail, RunSummary, WorkflowDefinition } from '../workflows/index.ts';
import { createRuntime } from './create-runtime.ts';
import { orgControl } from './org-control.ts';
import type { OrgControl } from './org-control.ts';
import type { CodeTrigger, RunQuery, Runtime } from './types.ts';

/** Options of {@link createTestHarness}. */
export interface TestHarnessOptions {
  /** Code-first workflows. */
  readonly workflows?: readonly WorkflowDefinition[];
  /** Triggers of the code-first workflows; a bare trigger starts the workflow its `target.id` names. */
  readonly triggers?: readonly (Trigger | CodeTrigger)[];
  /** Bundles (data actions, Architect workflows, trigger files). */
  readonly bundles?: readonly LoadedBundle[];
  /** The bundle whose data actions the code-first workflows call (see `RuntimeOptions.codeWorkflowActions`). */
  readonly codeWorkflowActions?: string;
  /** Where the virtual clock starts: epoch ms or an ISO date. Default 2026-01-05T09:00:00Z. */
  readonly start?: number | string;
  /** The emulator's initial org. Default `demo` (users, queues, presences). */
  readonly seed?: SeedName;
  /** A SQLite file for the store (`:memory:` allowed). Default: an in-memory store. */
  readonly dbPath?: string;
  readonly logger?: Logger;
}

/** What a run is expected to be; every field given is checked. */
export interface RunExpectation {
  readonly status?: RunStatus;
  readonly exitReason?: string;
  /** Compared deeply with the run's output. */
  readonly output?: unknown;
  /** The data actions the run called, in order (their names). */
  readonly actions?: readonly string[];
  /** How many durable sleeps the run took. */
  readonly sleeps?: number;
}

/** A started test harness. */
export interface TestHarness {
  /** The clock the emulator, the runtime and the workflows share. */
  readonly clock: VirtualClock;
  readonly emulator: Emulator;
  readonly runtime: Runtime;
  /** Drive the emulated org: `org.sim('/callbacks', …)` makes a callback, `org.api('GET', path)` calls the Platform API. */
  readonly org: OrgControl;
  /** Let time pass (`'5m'`, `{ minutes: 5 }` or ms): every timer due on the way fires and every run it wakes executes. */
  advance(duration: Duration): Promise<void>;
  /** Runs, newest first. */
  runs(filter?: RunQuery): Promise<RunSummary[]>;
  /**
   * Check a run: the only run of a workflow (by name) or a run by `{ id }`. Throws an
   * `AssertionError` naming every difference; resolves with the run otherwise.
   */
  expectRun(which: string | { readonly id: string }, expected: RunExpectation): Promise<RunDetail>;
  /** Stop the runtime and close the emulator. */
  stop(): Promise<void>;
}

/** Thrown by {@link assertRun} and {@link TestHarness.expectRun}. */
export class RunAssertionError extends Error {
  override readonly name = 'AssertionError';
}

/**
 * Check a run against an expectation; throws a {@link RunAssertionError} listing every difference.
 * @example
 * assertRun(await runtime.run(id), { status: 'completed', actions: ['Get Callback State'] });
 */
export function assertRun(run: RunDetail | undefined, expected: RunExpectation): void {
  if (!run) throw new RunAssertionError('expected a run; there is none');
  const problems: string[] = [];
  const check = (field: string, actual: unknown, wanted: unknown): void => {
    if (wanted !== undefined && !isDeepStrictEqual(actual, wanted))
      problems.push(`${field}: expected ${JSON.stringify(wanted)}, got ${JSON.stringify(actual)}`);
  };
  check('status', run.status, expected.status);
  check('exitReason', run.exitReason, expected.exitReason);
  check('output', run.output, expected.output);
  check(
    'actions',
    run.steps.filter((s) => s.kind === 'action').map((s) => s.name),
    expected.actions,
  );
  check('sleeps', run.steps.filter((s) => s.kind === 'sleep').length, expected.sleeps);
  if (problems.length > 0) {
    const error = run.error ? ` (run error ${run.error.code}: ${run.error.message})` : '';
    throw new RunAssertionError(`run ${run.id} of "${run.flow}"${error}:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Start a runtime on an embedded emulator with a virtual clock, in memory.
 * @example
 * const h = await createTestHarness({ workflows: [raise], triggers: [callbackQueued], bundles: [actions], codeWorkflowActions: 'callback-actions' });
 * const { id } = await h.org.sim('/callbacks', { queueId, callbackNumbers: ['+13175550100'] });
 * await h.advance('30m');
 * await h.expectRun('raise-callback-priority', { status: 'completed' });
 * await h.stop();
 */
export async function createTestHarness(options: TestHarnessOptions = {}): Promise<TestHarness> {
  const start = typeof options.start === 'string' ? Date.parse(options.start) : options.start;
  const clock = new VirtualClock(start);
  const emulator = createEmulator({
    clock,
    ids: seededIds(1),
    ...(options.seed ? { seed: options.seed } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  let runtime: Runtime;
  try {
    runtime = await createRuntime({
      target: { kind: 'emulator', emulator },
      clock,
      bundles: options.bundles ?? [],
      workflows: options.workflows ?? [],
      codeTriggers: (options.triggers ?? []).map((t) =>
        'workflow' in t && 'trigger' in t ? t : { trigger: t, workflow: t.target.id },
      ),
      ...(options.codeWorkflowActions === undefined ? {} : { codeWorkflowActions: options.codeWorkflowActions }),
      ...(options.dbPath === undefined ? {} : { dbPath: options.dbPath }),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    await runtime.start();
  } catch (e) {
    await emulator.close();
    throw e;
  }
  const rt = runtime;
  const harness: TestHarness = {
    clock,
    emulator,
    runtime: rt,
    org: orgControl(emulator),
    async advance(duration) {
      const target = clock.now() + parseDuration(duration);
      for (;;) {
        await rt.idle();
        const due = clock.nextDue();
        if (due === undefined || due > target) break;
        await clock.advanceTo(due);
      }
      await clock.advanceTo(target);
      await rt.idle();
    },
    runs: (filter) => rt.runs(filter),
    async expectRun(which, expected) {
      let run: RunDetail | undefined;
      if (typeof which === 'string') {
        const runs = await rt.runs({ flow: which });
        if (runs.length !== 1) throw new RunAssertionError(`expected one run of "${which}"; there are ${runs.length}`);
        run = await rt.run(runs[0]!.id);
      } else {
        run = await rt.run(which.id);
      }
      assertRun(run, expected);
      return run!;
    },
    async stop() {
      await rt.stop({ graceMs: 1_000 });
      await emulator.close();
    },
  };
  return harness;
}
