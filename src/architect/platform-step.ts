/**
 * @module
 * One entry for the actions that call Genesys Cloud and take a path by what it answered: Find /
 * Get lookups, Evaluate Schedule (Group), Data Table Lookup and Get / Set Participant
 * (Conversation) Data. The interpreter records the outcome and goes down the path returned.
 */
import { runDataTableLookup } from './data-table.ts';
import type { Action } from './model.ts';
import { runGetParticipantData, runSetParticipantData } from './participant-data-run.ts';
import { runLookup } from './platform-run.ts';
import type { PlatformRunContext } from './platform-run.ts';
import { runEvaluateSchedule, runEvaluateScheduleGroup } from './schedule-run.ts';

/** An action {@link runPlatformStep} runs. */
export type PlatformStepAction = Extract<
  Action,
  {
    type:
      | 'lookup'
      | 'evaluateSchedule'
      | 'evaluateScheduleGroup'
      | 'dataTableLookup'
      | 'getParticipantData'
      | 'setParticipantData';
  }
>;

/** What a platform step did: the outcome recorded (none for an action without paths) and the path to take. */
export interface PlatformStep {
  readonly outcome: string | undefined;
  readonly detail: Record<string, unknown>;
  /** The actions of the path taken; `undefined` goes on after the action. */
  readonly path: readonly Action[] | undefined;
}

/**
 * Run a platform action.
 * @example
 * const { outcome, detail, path } = await runPlatformStep(ctx, action, stepId);
 */
export async function runPlatformStep(
  ctx: PlatformRunContext,
  action: PlatformStepAction,
  stepId: string,
): Promise<PlatformStep> {
  switch (action.type) {
    case 'lookup': {
      const { outcome, detail } = await runLookup(ctx, action, stepId);
      return { outcome, detail: { lookup: action.lookup, ...detail }, path: action[outcome] };
    }
    case 'evaluateSchedule': {
      const { outcome, detail } = await runEvaluateSchedule(ctx, action, stepId);
      return { outcome, detail, path: action[outcome] };
    }
    case 'evaluateScheduleGroup': {
      const { outcome, detail } = await runEvaluateScheduleGroup(ctx, action, stepId);
      return { outcome, detail, path: action[outcome] };
    }
    case 'dataTableLookup': {
      const { outcome, detail } = await runDataTableLookup(ctx, action, stepId);
      return { outcome, detail, path: action[outcome] };
    }
    case 'getParticipantData': {
      const { outcome, detail } = await runGetParticipantData(ctx, action, stepId);
      return action.paths
        ? { outcome, detail, path: action.paths[outcome] }
        : { outcome: undefined, detail, path: undefined };
    }
    case 'setParticipantData': {
      const { outcome, detail } = await runSetParticipantData(ctx, action, stepId);
      return action.paths
        ? { outcome, detail, path: action.paths[outcome] }
        : { outcome: undefined, detail, path: undefined };
    }
  }
}
