/**
 * @module
 * The pure heart of replay: given a run's journal and timers, decide for each step the workflow
 * calls whether it is replayed (its journaled result is returned), executed (it is new), or — for
 * a sleep — passed, scheduled or still waiting. No I/O here; `step-tools.ts` does the I/O.
 * See ARCHITECTURE.md for the rules.
 */
import { SwitchboardError } from '../core/index.ts';
import type { StepKind, StepRecord, TimerRecord } from '../store/index.ts';
import { WorkflowErrors } from './errors.ts';

/** The id of the n-th (1-based) call of a step name: `name`, then `name#2`, `name#3`… */
export function stepIdFor(name: string, occurrence: number): string {
  return occurrence <= 1 ? name : `${name}#${occurrence}`;
}

/** The journal id of try `attempt` of a retried step: `<step id>@<attempt>`. */
export function attemptId(stepId: string, attempt: number): string {
  return `${stepId}@${attempt}`;
}

/** The step and try of an attempt's journal id (the last `@<n>`), if it is one. */
function attemptOf(id: string): { readonly stepId: string; readonly attempt: number } | undefined {
  const m = /^(.*)@(\d+)$/s.exec(id);
  return m ? { stepId: m[1]!, attempt: Number(m[2]) } : undefined;
}

/** A step the workflow is calling, as the engine sees it. */
export interface StepSlot {
  readonly stepId: string;
  /** Call order within the run (0-based), replays included. */
  readonly seq: number;
  /** The journaled result, when the step already completed. */
  readonly recorded?: StepRecord;
}

const describe = (kind: StepKind, name: string): string =>
  kind === 'action' ? `step.action("${name}")` : `step.${kind}("${name}")`;

function determinism(runId: string, message: string, details: Record<string, unknown>): SwitchboardError {
  return new SwitchboardError(
    WorkflowErrors.SB_WORKFLOW_DETERMINISM,
    `replay must call the journaled steps in the journaled order; run ${runId}: ${message}`,
    {
      details: { runId, ...details },
    },
  );
}

/**
 * Replay state of one execution of a run: allocates step ids and call positions, checks them
 * against the journal, and keeps the run's deterministic clock.
 * @example
 * const replay = new ReplayState('run-1', journal, timers, run.startedAt);
 * const slot = replay.next('action', 'lookup', 'Lookup Contact'); // slot.recorded → replay
 */
export class ReplayState {
  readonly #runId: string;
  readonly #byId = new Map<string, StepRecord>();
  readonly #bySeq = new Map<number, StepRecord>();
  readonly #timers = new Map<string, TimerRecord>();
  /** Journaled tries of retried data actions, by the step id they belong to, in try order. */
  readonly #attempts = new Map<string, StepRecord[]>();
  readonly #occurrences = new Map<string, number>();
  #calls = 0;
  #now: number;

  constructor(runId: string, journal: readonly StepRecord[], timers: readonly TimerRecord[], startedAt: number) {
    this.#runId = runId;
    for (const s of journal) {
      // A retried try shares its step's call position; it is read apart from the steps called.
      if (s.kind === 'attempt') this.addAttempt(s);
      else {
        this.#byId.set(s.stepId, s);
        this.#bySeq.set(s.seq, s);
      }
    }
    for (const t of timers) this.#timers.set(t.stepId, t);
    this.#now = startedAt;
  }

  /** How many steps the workflow has called so far in this execution (replayed ones included). */
  get calls(): number {
    return this.#calls;
  }

  /** How many journaled steps exist. */
  get journaled(): number {
    return this.#byId.size;
  }

  /**
   * Allocate the next step call. Throws `SB_WORKFLOW_DETERMINISM` when the journal says a
   * different step happened at this position, or this step happened at another position.
   */
  next(kind: StepKind, baseId: string, name: string): StepSlot {
    const occurrence = (this.#occurrences.get(baseId) ?? 0) + 1;
    this.#occurrences.set(baseId, occurrence);
    const stepId = stepIdFor(baseId, occurrence);
    const seq = this.#calls++;
    const recorded = this.#byId.get(stepId);
    if (recorded) {
      if (recorded.kind !== kind || recorded.name !== name) {
        throw determinism(
          this.#runId,
          `step "${stepId}" was ${describe(recorded.kind, recorded.name)} in the journal, and is now ${describe(kind, name)}`,
          {
            stepId,
            journaled: { kind: recorded.kind, name: recorded.name },
            called: { kind, name },
          },
        );
      }
      if (recorded.seq !== seq) {
        throw determinism(
          this.#runId,
          `step "${stepId}" was call #${recorded.seq + 1} in the journal, and is now call #${seq + 1} (a step before it was added, removed or made conditional on something outside the steps)`,
          {
            stepId,
            journaledSeq: recorded.seq,
            seq,
          },
        );
      }
      return { stepId, seq, recorded };
    }
    const other = this.#bySeq.get(seq);
    if (other) {
      throw determinism(
        this.#runId,
        `call #${seq + 1} was ${describe(other.kind, other.name)} as step "${other.stepId}" in the journal, and is now ${describe(kind, name)} as step "${stepId}"`,
        {
          stepId,
          journaledStepId: other.stepId,
          seq,
        },
      );
    }
    return { stepId, seq };
  }

  /** The persisted timer of a sleep step, if one was scheduled. */
  timer(stepId: string): TimerRecord | undefined {
    return this.#timers.get(stepId);
  }

  /** Remember a journaled try of a retried step (its step id is `<step id>@<n>`). */
  addAttempt(record: StepRecord): void {
    const of = attemptOf(record.stepId);
    if (of === undefined) return;
    const list = this.#attempts.get(of.stepId) ?? [];
    list[of.attempt - 1] = record;
    this.#attempts.set(of.stepId, list);
  }

  /** The journaled tries of a step that a retry policy repeated, in order (the step itself not yet journaled). */
  attemptsOf(stepId: string): readonly StepRecord[] {
    return (this.#attempts.get(stepId) ?? []).filter((a) => a !== undefined);
  }

  /** Remember a timer scheduled during this execution. */
  addTimer(timer: TimerRecord): void {
    this.#timers.set(timer.stepId, timer);
  }

  /** Advance the deterministic clock to a step's completion time (it never moves back). */
  observe(completedAt: number): void {
    if (completedAt > this.#now) this.#now = completedAt;
  }

  /** The deterministic clock: the latest completion time observed. */
  now(): number {
    return this.#now;
  }
}

/** What to do at a sleep step that has no journal entry yet. */
export type SleepDecision =
  /** The timer is due: journal the sleep as passed and continue. */
  | { readonly type: 'pass'; readonly dueAt: number }
  /** Persist a new timer, then suspend until it is due. */
  | { readonly type: 'schedule'; readonly dueAt: number }
  /** The timer exists and is not due yet: suspend again. */
  | { readonly type: 'wait'; readonly dueAt: number };

/**
 * Decide a sleep step: a persisted timer's due time wins over a fresh computation, so the wait
 * ends at the same instant however often the run is replayed. A new timer counts from `from`, the
 * run's deterministic time (default `now`): a run re-executed after a crash or a store failure
 * does not add the outage to its wait, so the wait ends where the workflow computed it would
 * (e.g. an Architect Wait trimmed to end just before the maximum running time).
 */
export function decideSleep(
  timer: TimerRecord | undefined,
  now: number,
  durationMs: number,
  from: number = now,
): SleepDecision {
  if (timer) return timer.dueAt <= now ? { type: 'pass', dueAt: timer.dueAt } : { type: 'wait', dueAt: timer.dueAt };
  const dueAt = Math.min(from, now) + durationMs;
  return dueAt <= now ? { type: 'pass', dueAt } : { type: 'schedule', dueAt };
}

/** Why a limit stops a run before its next step, if one does. */
export type LimitBreach = {
  readonly code: 'SB_WORKFLOW_MAX_ACTIONS' | 'SB_WORKFLOW_MAX_RUNNING_TIME';
  readonly message: string;
};

/** Check the per-run limits before step number `calls + 1` at time `now`. */
export function checkLimits(
  calls: number,
  now: number,
  limits: { readonly maxActions: number; readonly deadline: number },
): LimitBreach | undefined {
  if (calls >= limits.maxActions) {
    return {
      code: 'SB_WORKFLOW_MAX_ACTIONS',
      message: `a run may execute at most ${limits.maxActions} steps; step ${calls + 1} was called`,
    };
  }
  if (now >= limits.deadline) {
    return {
      code: 'SB_WORKFLOW_MAX_RUNNING_TIME',
      message: `a run must finish within its maximum running time; it was still running ${now - limits.deadline} ms past the deadline ${new Date(limits.deadline).toISOString()}`,
    };
  }
  return undefined;
}
