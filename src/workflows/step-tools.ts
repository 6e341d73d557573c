/**
 * @module
 * The step tools of one execution: `step.run`, `step.action`, `step.sleep`. Each call asks the
 * replay state (engine.ts) whether the step already happened; a new step is executed and
 * journaled BEFORE its promise resolves, so the workflow never moves past an unjournaled step.
 * Suspension (a sleep not yet due), a broken limit or a lost lease "halts" the execution: the
 * pending step never resolves, and the runner settles the run instead.
 */
import { SwitchboardError, isSwitchboardError } from '../core/index.ts';
import { redactValue } from '../actions/index.ts';
import type { Clock, Logger, TimerHandle } from '../core/index.ts';
import type { RunError, RunRecord, StepKind, StepRecord, Store } from '../store/index.ts';
import { parseDuration } from './duration.ts';
import type { Duration } from './duration.ts';
import { checkLimits, decideSleep } from './engine.ts';
import type { ReplayState, StepSlot } from './engine.ts';
import { WorkflowErrors } from './errors.ts';
import type { ActionInvoker, ActionResult, ActionStepOptions, StepTools } from './types.ts';

/** What an execution needs from the worker. */
export interface ExecutionDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly invoker?: ActionInvoker;
  readonly logger: Logger;
  readonly workerId: string;
  /** Default `step.action` timeout. */
  readonly actionTimeoutMs: number;
}

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

/** Returned by tracked step work that halted the execution: the step's promise then never settles. */
const HALTED: unique symbol = Symbol('halted');

/** A run error record from anything thrown. */
export function toRunError(e: unknown, stepId?: string): RunError {
  const base = isSwitchboardError(e)
    ? { code: e.code, message: e.message, ...(Object.keys(e.details).length ? { details: e.details } : {}) }
    : { code: WorkflowErrors.SB_WORKFLOW_FAILED, message: e instanceof Error ? e.message : String(e), details: { name: e instanceof Error ? e.name : typeof e } };
  return stepId === undefined ? base : { ...base, stepId };
}

function jsonCopy(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function checkActionResult(actionName: string, r: unknown): ActionResult {
  const ok = typeof r === 'object' && r !== null && ['success', 'failure', 'timeout'].includes((r as ActionResult).status);
  if (!ok || typeof (r as ActionResult).outputs !== 'object' || (r as ActionResult).outputs === null) {
    throw new SwitchboardError(WorkflowErrors.SB_WORKFLOW_ACTION_RESULT_INVALID, `an action invoker must resolve to { status, outputs }; for "${actionName}" it returned ${JSON.stringify(r)?.slice(0, 200)}`);
  }
  return r as ActionResult;
}

/** A secure action's trace comes redacted by its invoker; one that is not marked so keeps only its keys. */
function journaledTrace(r: ActionResult): unknown {
  const trace = jsonCopy(r.trace);
  if (r.secure !== true || trace === undefined) return trace;
  return typeof trace === 'object' && trace !== null && (trace as { secure?: unknown }).secure === true ? trace : redactValue(trace);
}

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
  #halt: Halt | undefined;
  #abandoned = false;
  #resolveHalt!: (h: Halt) => void;

  constructor(run: RunRecord, replay: ReplayState, limits: { maxActions: number; deadline: number }, deps: ExecutionDeps) {
    this.#run = run;
    this.#replay = replay;
    this.#limits = limits;
    this.#deps = deps;
    this.halted = new Promise((resolve) => (this.#resolveHalt = resolve));
    const sleep = (a: string | Duration, b?: Duration): Promise<void> => (b === undefined ? this.#sleep('sleep', a) : this.#sleep(a as string, b));
    this.tools = {
      run: (name, fn) => this.#stepRun(name, fn),
      action: (name, input, options) => this.#action(name, input ?? {}, options ?? {}),
      sleep: sleep,
    };
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

  /** Abandon the execution (worker shutdown): abort in-flight actions and journal nothing more. */
  abort(reason: string): void {
    this.#abandoned = true;
    this.halt({ type: 'lost' });
    this.#abort.abort(new Error(reason));
  }

  #begin(kind: StepKind, baseId: string, name: string): StepSlot | undefined {
    if (this.#halt) return undefined;
    const breach = checkLimits(this.#replay.calls, this.#deps.clock.now(), this.#limits);
    if (breach) {
      this.halt({ type: 'fail', error: new SwitchboardError(breach.code, `${breach.message} (run ${this.#run.id}, at ${kind} "${baseId}")`) });
      return undefined;
    }
    try {
      return this.#replay.next(kind, baseId, name);
    } catch (e) {
      this.halt({ type: 'fail', error: e as SwitchboardError });
      return undefined;
    }
  }

  #track<T>(work: () => Promise<T | typeof HALTED>): Promise<T> {
    const p = work();
    this.#inflight.add(p);
    const done = (): void => void this.#inflight.delete(p);
    p.then(done, done);
    return p.then((v) => (v === HALTED ? never<T>() : v));
  }

  /** Journal a completed step. False means the execution halted (lost lease or store failure). */
  async #journal(record: StepRecord): Promise<boolean> {
    if (this.#abandoned) return false;
    try {
      if (await this.#deps.store.appendStep(record)) {
        this.#replay.observe(record.completedAt);
        this.#deps.logger.debug({ runId: record.runId, stepId: record.stepId, kind: record.kind, ms: record.completedAt - record.startedAt }, 'step journaled');
        return true;
      }
      this.halt({ type: 'lost' });
    } catch (e) {
      this.halt({ type: 'retry', error: e });
    }
    return false;
  }

  #replayed(recorded: StepRecord): unknown {
    this.#replay.observe(recorded.completedAt);
    if (recorded.status === 'error') throw this.#stepError(recorded.stepId, recorded.error);
    return recorded.output;
  }

  #stepError(stepId: string, err: RunError | undefined): SwitchboardError {
    return new SwitchboardError(WorkflowErrors.SB_WORKFLOW_STEP_FAILED, `step "${stepId}" threw: ${err?.message ?? 'unknown error'}`, {
      details: { stepId, cause: err },
    });
  }

  #record(slot: StepSlot, kind: StepKind, name: string, startedAt: number, rest: Partial<StepRecord>): StepRecord {
    return { runId: this.#run.id, stepId: slot.stepId, seq: slot.seq, kind, name, status: 'ok', startedAt, completedAt: this.#deps.clock.now(), ...rest };
  }

  async #stepRun<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    const slot = this.#begin('run', name, name);
    if (!slot) return never();
    if (slot.recorded) return this.#replayed(slot.recorded) as T;
    return this.#track(async () => {
      const startedAt = this.#deps.clock.now();
      let rest: Partial<StepRecord>;
      try {
        rest = { output: jsonCopy(await fn()) };
      } catch (e) {
        rest = { status: 'error', error: toRunError(e) };
      }
      const record = this.#record(slot, 'run', name, startedAt, rest);
      if (!(await this.#journal(record))) return HALTED;
      if (record.status === 'error') throw this.#stepError(slot.stepId, record.error);
      return record.output as T;
    });
  }

  async #invoke(actionName: string, input: Readonly<Record<string, unknown>>, slot: StepSlot, timeoutMs: number): Promise<ActionResult> {
    const invoker = this.#deps.invoker;
    if (!invoker) throw new SwitchboardError(WorkflowErrors.SB_WORKFLOW_NO_INVOKER, `step.action needs an action invoker; the worker has none (action "${actionName}")`);
    const call = new AbortController();
    const onAbort = (): void => call.abort(this.#abort.signal.reason);
    this.#abort.signal.addEventListener('abort', onAbort, { once: true });
    let timer: TimerHandle | undefined;
    const timeout = new Promise<ActionResult>((resolve) => {
      timer = this.#deps.clock.setTimer(() => resolve({ status: 'timeout', outputs: {}, error: { code: 'timeout', message: `no result within ${timeoutMs} ms` } }), timeoutMs);
    });
    const ctx = { runId: this.#run.id, flow: this.#run.flow, stepId: slot.stepId, idempotencyKey: `${this.#run.id}:${slot.stepId}`, timeoutMs, signal: call.signal };
    try {
      const result = await Promise.race([invoker(actionName, input, ctx).then((r) => checkActionResult(actionName, r)), timeout]);
      if (result.status === 'timeout') call.abort(new Error('timeout'));
      return result;
    } catch (e) {
      const error = isSwitchboardError(e) ? { code: e.code, message: e.message } : { code: WorkflowErrors.SB_WORKFLOW_ACTION_FAILED, message: `the invoker threw: ${e instanceof Error ? e.message : String(e)}` };
      return { status: 'failure', outputs: {}, error };
    } finally {
      timer?.cancel();
      this.#abort.signal.removeEventListener('abort', onAbort);
    }
  }

  async #action(actionName: string, input: Readonly<Record<string, unknown>>, options: ActionStepOptions): Promise<ActionResult> {
    const slot = this.#begin('action', options.id ?? actionName, actionName);
    if (!slot) return never();
    if (slot.recorded) return this.#replayed(slot.recorded) as ActionResult;
    return this.#track(async () => {
      const startedAt = this.#deps.clock.now();
      let attempt: number | undefined;
      try {
        // Written before the request: a later execution that finds it begun knows it was in flight at a crash.
        attempt = await this.#deps.store.beginAttempt?.(this.#run.id, slot.stepId);
      } catch (e) {
        this.halt({ type: 'retry', error: e });
        return HALTED;
      }
      const r = await this.#invoke(actionName, input, slot, options.timeoutMs ?? this.#deps.actionTimeoutMs);
      const secure = r.secure === true ? { secure: true } : {};
      const output = jsonCopy({ status: r.status, outputs: r.outputs, ...(r.error ? { error: r.error } : {}), ...secure }) as ActionResult;
      // A secure action's outputs stay in the journal so a replay returns them; history views redact them.
      const journaledInput = r.secure === true ? redactValue(input) : jsonCopy(input);
      const resent = attempt !== undefined && attempt > 1 ? { attempt } : {};
      const record = this.#record(slot, 'action', actionName, startedAt, { input: journaledInput, output, path: r.status, trace: journaledTrace(r), ...resent });
      if (!(await this.#journal(record))) return HALTED;
      return output;
    });
  }

  async #sleep(name: string, duration: Duration): Promise<void> {
    const ms = parseDuration(duration);
    const slot = this.#begin('sleep', name, name);
    if (!slot) return never();
    if (slot.recorded) return void this.#replayed(slot.recorded);
    const { store, clock } = this.#deps;
    return this.#track(async (): Promise<void | typeof HALTED> => {
      let decision = decideSleep(this.#replay.timer(slot.stepId), clock.now(), ms, this.#replay.now());
      if (decision.type === 'schedule') {
        try {
          const timer = await store.scheduleTimer({ runId: this.#run.id, stepId: slot.stepId, dueAt: decision.dueAt });
          this.#replay.addTimer(timer);
          decision = decideSleep(timer, clock.now(), ms);
        } catch (e) {
          this.halt({ type: 'retry', error: e });
          return HALTED;
        }
      }
      if (decision.type !== 'pass') {
        this.halt({ type: 'suspend', wakeAt: decision.dueAt });
        return HALTED;
      }
      const record = this.#record(slot, 'sleep', name, decision.dueAt - ms, { input: { ms }, output: { dueAt: decision.dueAt } });
      if (!(await this.#journal(record))) return HALTED;
      await store.fireTimer(this.#run.id, slot.stepId, record.completedAt).catch(() => undefined);
      return undefined;
    });
  }
}
