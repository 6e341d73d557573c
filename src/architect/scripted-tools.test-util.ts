// A scripted, in-memory FlowStepTools for unit tests of the interpreter: each data-action name maps
// to a list of results consumed in order (the last one repeats) or to a function of the input.
import { SwitchboardError } from '../core/index.ts';
import type { ActionCallResult, FlowStepTools } from './run-types.ts';

export type Script = Record<
  string,
  ActionCallResult[] | ((input: Record<string, unknown>, n: number) => ActionCallResult)
>;

export const ok = (outputs: Record<string, unknown> = {}): ActionCallResult => ({ status: 'success', outputs });
export const failed = (
  outputs: Record<string, unknown> = { status: 500, errorCode: 'internal.server.error' },
): ActionCallResult => ({ status: 'failure', outputs });
export const timedOut: ActionCallResult = { status: 'timeout', outputs: {} };

export interface CallRecord {
  stepId: string;
  action: string;
  input: Record<string, unknown>;
  timeoutMs: number | undefined;
}

export class ScriptedTools implements FlowStepTools {
  readonly calls: CallRecord[] = [];
  readonly sleeps: Array<{ stepId: string; ms: number }> = [];
  /** Every side effect in order: `call <name>` or `sleep <ms>`. */
  readonly log: string[] = [];
  clock = 0;
  private readonly counts = new Map<string, number>();

  constructor(private readonly script: Script = {}) {}

  async callAction(
    stepId: string,
    action: string,
    input: Record<string, unknown>,
    opts: { timeoutMs?: number },
  ): Promise<ActionCallResult> {
    this.calls.push({ stepId, action, input, timeoutMs: opts.timeoutMs });
    this.log.push(`call ${action}`);
    const entry = this.script[action];
    if (entry === undefined)
      throw new SwitchboardError('SB_ARCHITECT_ACTION_FAILED', `data action "${action}" does not exist`);
    const n = this.counts.get(action) ?? 0;
    this.counts.set(action, n + 1);
    if (typeof entry === 'function') return entry(input, n);
    return entry[Math.min(n, entry.length - 1)]!;
  }

  async sleep(stepId: string, ms: number): Promise<void> {
    this.sleeps.push({ stepId, ms });
    this.log.push(`sleep ${ms}`);
    this.clock += ms;
  }

  now(): number {
    return this.clock;
  }

  callsTo(action: string): CallRecord[] {
    return this.calls.filter((c) => c.action === action);
  }
}
