/**
 * @module
 * The step tools of one execution: `step.run`, `step.action`, `step.sleep`, `step.api`,
 * `step.waitForEvent`, `step.child`, each built from its spec by one factory ({@link Execution}).
 * Each call asks the replay state (replay-state.ts) whether the step already happened; a new step is
 * executed and journaled BEFORE its promise resolves, so the workflow never moves past an
 * unjournaled step. Suspension (a wait not yet over), a broken limit or a lost lease "halts" the
 * execution: the pending step never resolves, and the runner settles the run instead.
 */
import { SwitchboardError } from '../core/index.ts';
import type { RunRecord, StepKind, StepRecord } from '../store/index.ts';
import { checkLimits } from './replay-state.ts';
import type { ReplayState, StepSlot } from './replay-state.ts';
import { actionTool } from './step-action.ts';
import { apiTool, childTool, runTool } from './step-calls.ts';
import { HALTED, isFailedStep, stepError } from './step-tool.ts';
import type { ExecutionDeps, Halted, StepToolSpec, ToolContext } from './step-tool.ts';
import { sleepTool, waitForEventTool } from './step-waits.ts';
import type { StepTools } from './types.ts';

export type { ExecutionDeps } from './step-tool.ts';
export { toRunError } from './step-tool.ts';

/** Why an execution stopped before the workflow body returned. */
export type Halt =
  /** Waiting on a timer: release the run until `wakeAt`. */
  | { readonly type: 'suspend'; readonly wakeAt: number }
  /** A limit or determinism violation: the run fails, whatever the body would catch. */
  | { readonly type: 'fail'; readonly error: SwitchboardError }
  /** Another worker owns the run now (its journal already has our step): drop this execution. */
  | { readonly type: 'lost' }
  /** The store failed: leave the run to be retried later. */
  | { readonly type: 'retry'; readonly error: unknown };

const never = <T>(): Promise<T> => new Promise<T>(() => {});

/** The durable step tools of one execution of one run. */
export class Execution {
  readonly tools: StepTools;
  /** Resolves when the execution halts (after in-flight steps are journaled). */
  readonly halted: Promise<Halt>;
  readonly #run: RunRecord;
  readonly #replay: ReplayState;
  readonly #limits: { readonly maxActions: number; readonly deadline: number };
  readonly #deps: ExecutionDeps;
  readonly #inflight = new Set<Promise<unknown>>();
  readonly #abort = new AbortController();
  readonly #failed = new Set<string>();
  #halt: Halt | undefined;
  #abandoned = false;
  #resolveHalt!: (h: Halt) => void;

  constructor(
    run: RunRecord,
    replay: ReplayState,
    limits: { maxActions: number; deadline: number },
    deps: ExecutionDeps,
  ) {
    this.#run = run;
    this.#replay = replay;
    this.#limits = limits;
    this.#deps = deps;
    this.halted = new Promise((resolve) => (this.#resolveHalt = resolve));
    this.tools = {
      run: this.#tool(runTool) as StepTools['run'],
      action: this.#tool(actionTool),
      sleep: this.#tool(sleepTool),
      api: this.#tool(apiTool),
      waitForEvent: this.#tool(waitForEventTool),
      child: this.#tool(childTool) as StepTools['child'],
    };
  }

  /** The steps that failed while the run went on, in call order (replayed ones included). */
  get failedSteps(): string[] {
    return [...this.#failed];
  }

  /** Stop the execution: halt with `h` once the steps in flight are journaled. The first halt wins. */
  halt(h: Halt): void {
    if (h.type === 'lost') this.#abandoned = true;
    if (this.#halt) {
      if (this.#halt.type === 'suspend' && h.type === 'suspend' && h.wakeAt < this.#halt.wakeAt) this.#halt = h;
      return;
    }
    this.#halt = h;
    if (h.type === 'lost') this.#abort.abort(new Error('lease lost'));
    void Promise.allSettled([...this.#inflight]).then(() => this.#resolveHalt(this.#halt!));
  }

  /** Abandon the execution (worker shutdown): abort in-flight work and journal nothing more. */
  abort(reason: string): void {
    this.#abandoned = true;
    this.halt({ type: 'lost' });
    this.#abort.abort(new Error(reason));
  }

  /** The factory: one callable step tool from its spec. */
  #tool<A extends readonly unknown[], T>(spec: StepToolSpec<A, T>): (...args: A) => Promise<T> {
    return async (...args: A): Promise<T> => {
      const { id, name } = spec.slot(...args);
      const slot = this.#begin(spec.kind, id, name);
      if (!slot) return never();
      const recorded = slot.recorded;
      if (recorded) {
        this.#replay.observe(recorded.completedAt);
        this.#note(recorded);
        if (spec.replayed) return spec.replayed(recorded, ...args);
        if (recorded.status === 'error') throw stepError(recorded.stepId, recorded.error);
        return recorded.output as T;
      }
      return this.#track(() => spec.execute(this.#context(slot), ...args));
    };
  }

  #context(slot: StepSlot): ToolContext {
    const wallStartedAt = this.#deps.wallClock.now();
    return {
      run: this.#run,
      slot,
      deps: this.#deps,
      replay: this.#replay,
      signal: this.#abort.signal,
      deadline: this.#limits.deadline,
      record: (kind, name, startedAt, rest) => this.#record(slot, kind, name, startedAt, wallStartedAt, rest),
      journal: (record) => this.#journal(record),
      suspend: (wakeAt) => this.#stop({ type: 'suspend', wakeAt }),
      storeFailed: (error) => this.#stop({ type: 'retry', error }),
      fail: (error) => this.#stop({ type: 'fail', error }),
    };
  }

  #stop(h: Halt): Halted {
    this.halt(h);
    return HALTED;
  }

  #note(record: StepRecord): void {
    if (isFailedStep(record)) this.#failed.add(record.stepId);
  }

  #begin(kind: StepKind, baseId: string, name: string): StepSlot | undefined {
    if (this.#halt) return undefined;
    const breach = checkLimits(this.#replay.calls, this.#deps.clock.now(), this.#limits);
    if (breach) {
      this.halt({
        type: 'fail',
        error: new SwitchboardError(breach.code, `${breach.message} (run ${this.#run.id}, at ${kind} "${baseId}")`),
      });
      return undefined;
    }
    try {
      return this.#replay.next(kind, baseId, name);
    } catch (e) {
      this.halt({ type: 'fail', error: e as SwitchboardError });
      return undefined;
    }
  }

  #track<T>(work: () => Promise<T | Halted>): Promise<T> {
    const p = work();
    this.#inflight.add(p);
    const done = (): void => void this.#inflight.delete(p);
    p.then(done, done);
    return p.then((v) => (v === HALTED ? never<T>() : v));
  }

  /** Journal a step (or a retried attempt). False means the execution halted (lost lease or store failure). */
  async #journal(record: StepRecord): Promise<boolean> {
    if (this.#abandoned) return false;
    try {
      if (await this.#deps.store.appendStep(record)) {
        this.#replay.observe(record.completedAt);
        if (record.kind === 'attempt') this.#replay.addAttempt(record);
        else this.#note(record);
        this.#deps.logger.debug(
          { runId: record.runId, stepId: record.stepId, kind: record.kind, ms: record.completedAt - record.startedAt },
          'step journaled',
        );
        return true;
      }
      this.halt({ type: 'lost' });
    } catch (e) {
      this.halt({ type: 'retry', error: e });
    }
    return false;
  }

  #record(
    slot: StepSlot,
    kind: StepKind,
    name: string,
    startedAt: number,
    wallStartedAt: number,
    rest: Partial<StepRecord>,
  ): StepRecord {
    // Wall-clock times sit beside the run clock: under a virtual clock the two tell different stories.
    return {
      runId: this.#run.id,
      stepId: slot.stepId,
      seq: slot.seq,
      kind,
      name,
      status: 'ok',
      startedAt,
      completedAt: this.#deps.clock.now(),
      wallStartedAt,
      wallCompletedAt: this.#deps.wallClock.now(),
      ...rest,
    };
  }
}
