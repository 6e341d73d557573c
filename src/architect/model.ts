/**
 * @module
 * The one flow model both importers (.i3WorkFlow and Archy YAML) produce and the interpreter runs.
 * Sequences are nested arrays: an action's branches hold their own sequences, and a sequence that
 * ends returns control to the parent's next action (blueprints.md §0.1). The model is plain JSON.
 */
import type { CallCommonModuleAction, CallDataAction, CallTaskAction } from './model-calls.ts';

/** The scalar types the expression language started with; the other types are in data-types.ts. */
type PrimitiveType = 'String' | 'Integer' | 'Decimal' | 'Boolean';

/** Every Architect data type a variable may have (each also as a collection). */
export type BaseType =
  | PrimitiveType
  | 'DateTime'
  | 'Date'
  | 'Time'
  | 'Duration'
  | 'JSON'
  | 'Currency'
  | 'User'
  | 'Queue'
  | 'Group'
  | 'Skill'
  | 'LanguageSkill'
  | 'WrapupCode'
  | 'ExternalContact'
  | 'ExternalOrganization'
  | 'Email'
  | 'PhoneNumber'
  | 'Workitem'
  | 'WorktypeStatus'
  | 'WorkitemEventData'
  | 'WorkitemEventRule';

/** A variable or expression type: a scalar type or a collection of it. */
export interface ArchType {
  readonly base: BaseType;
  readonly collection: boolean;
}

/**
 * A value of an object type (JSON, Currency, User, Queue…): `$type` names it; JSON keeps its
 * document in `value`, the others hold their properties (`id`, `name`…).
 */
export interface ArchObject {
  readonly $type: BaseType;
  readonly [property: string]: unknown;
}

/**
 * A runtime value. `null` is NOT_SET; collections are arrays (their items may be NOT_SET);
 * Integer, Decimal and Duration (milliseconds) are numbers; DateTime, Date, Time, Email and
 * PhoneNumber are normalized strings; JSON, Currency and the platform types are {@link ArchObject}s.
 */
export type ArchValue = string | number | boolean | null | ArchObject | ArchValue[];

/** A declared variable (`Flow.x`, `State.x` or `Task.x`). */
export interface VariableDecl {
  readonly name: string;
  readonly type: ArchType;
  readonly isInput: boolean;
  readonly isOutput: boolean;
  /** The initial value; `null` is NOT_SET (collections start empty). */
  readonly initial: ArchValue;
  /** The export's variable id (.i3WorkFlow only). */
  readonly id?: string;
}

/** Where a value comes from: an expression, a literal, or nothing (NOT_SET). */
export type ValueSource =
  | { readonly kind: 'expression'; readonly text: string }
  | { readonly kind: 'literal'; readonly value: ArchValue; readonly text: string }
  | { readonly kind: 'notSet' };

/** Fields every action carries. */
export interface ActionBase {
  /** Unique within the flow: the export's action id, or a structural path for YAML. */
  readonly id: string;
  readonly name: string;
}

/** Decision: a Boolean condition with Yes and No branches. */
interface DecisionAction extends ActionBase {
  readonly type: 'decision';
  readonly condition: ValueSource;
  readonly yes: readonly Action[];
  readonly no: readonly Action[];
}

/**
 * Switch: the first case whose condition is true runs, otherwise the default branch. With `match`
 * (Architect's "first match" evaluation) each case's `condition` is a value instead, and the first
 * case equal to `match`'s value runs.
 */
interface SwitchAction extends ActionBase {
  readonly type: 'switch';
  readonly cases: ReadonlyArray<{ readonly condition: ValueSource; readonly actions: readonly Action[] }>;
  readonly default: readonly Action[];
  /** The value compared with each case's value ("first match"), and its declared type. */
  readonly match?: { readonly value: ValueSource; readonly type: ArchType };
}

/** One assignment of an Update Data action. */
interface UpdateStatement {
  readonly variable: string;
  readonly value: ValueSource;
}

/** Update Data: assignments run in order. */
interface UpdateDataAction extends ActionBase {
  readonly type: 'updateData';
  readonly statements: readonly UpdateStatement[];
}

/** Loop: runs its body `loopCount` times, writing the index (0..n-1) to `indexVariable`. */
interface LoopAction extends ActionBase {
  readonly type: 'loop';
  readonly loopCount: ValueSource;
  readonly indexVariable?: string;
  readonly body: readonly Action[];
}

/** Exit Loop: leaves the innermost loop. */
interface ExitLoopAction extends ActionBase {
  readonly type: 'exitLoop';
}

/** Next Loop: ends this iteration of the innermost loop; the loop goes on with the next one. */
interface NextLoopAction extends ActionBase {
  readonly type: 'nextLoop';
}

/** Change State: leaves the current state and runs another state of the workflow from its start. */
interface ChangeStateAction extends ActionBase {
  readonly type: 'changeState';
  /** The target state's id (refId in Archy YAML). */
  readonly target: string;
}

/** End Task: leaves the reusable task; the workflow goes on after the Call Task that called it. */
interface EndTaskAction extends ActionBase {
  readonly type: 'endTask';
}

/** Wait: sleeps for a fixed duration. */
export interface WaitAction extends ActionBase {
  readonly type: 'wait';
  readonly durationMs: number;
  readonly trimDurationNearMaxRunningTime: boolean;
}

/** End Workflow, with an optional exit reason. */
interface EndWorkflowAction extends ActionBase {
  readonly type: 'endWorkflow';
  readonly exitReason: ValueSource;
}

/** The lookups of platform objects: Find User/Queue/Group (by name, email or id), Get External Contact/Organization. */
export type LookupKind =
  | 'findUser'
  | 'findUserById'
  | 'findQueue'
  | 'findQueueById'
  | 'findGroup'
  | 'findGroupById'
  | 'findSkill'
  | 'findLanguageSkill'
  | 'getExternalContact'
  | 'getExternalOrganization';

/** A lookup of a platform object through the Genesys Cloud API, with Found and Not Found branches. */
export interface LookupAction extends ActionBase {
  readonly type: 'lookup';
  readonly lookup: LookupKind;
  /** The id, email or name looked up. */
  readonly key: ValueSource;
  /** The variable the found object is written to. */
  readonly result?: string;
  readonly found: readonly Action[];
  readonly notFound: readonly Action[];
}

/** Data Table Lookup: the row of a data table whose key is the lookup value, its columns written to variables. */
export interface DataTableLookupAction extends ActionBase {
  readonly type: 'dataTableLookup';
  /** The data table's name. */
  readonly table: string;
  /** The lookup value: the row's key. */
  readonly key: ValueSource;
  /** Columns of the found row written to variables. */
  readonly outputs: ReadonlyArray<{ readonly column: string; readonly variable: string }>;
  /** Variables the Failure path's error type and message are written to. */
  readonly errorType?: string;
  readonly errorMessage?: string;
  readonly found: readonly Action[];
  readonly notFound: readonly Action[];
  readonly failure: readonly Action[];
}

/** Get Participant Data: participant attributes read into variables. */
export interface GetParticipantDataAction extends ActionBase {
  readonly type: 'getParticipantData';
  readonly conversationId: ValueSource;
  /** NOT_SET: the conversation's customer (or first external) participant. */
  readonly participantId: ValueSource;
  readonly attributes: ReadonlyArray<{ readonly name: ValueSource; readonly variable: string }>;
  /** The workflow toolbox's Get Conversation Data: its Found / Not Found paths (absent: no paths). */
  readonly paths?: { readonly found: readonly Action[]; readonly notFound: readonly Action[] };
}

/** Set Participant Data: participant attributes written from values. */
export interface SetParticipantDataAction extends ActionBase {
  readonly type: 'setParticipantData';
  readonly conversationId: ValueSource;
  readonly participantId: ValueSource;
  readonly attributes: ReadonlyArray<{ readonly name: ValueSource; readonly value: ValueSource }>;
  /** The workflow toolbox's Set Conversation Data: its Success / Failure paths (absent: no paths). */
  readonly paths?: { readonly success: readonly Action[]; readonly failure: readonly Action[] };
}

/** How an Evaluate Schedule (Group) action names its schedule: by name (the usual literal) or by id. */
export interface ScheduleRef {
  readonly by: 'name' | 'id';
  /** A String: the name or the id. */
  readonly value: ValueSource;
}

/**
 * Evaluate Schedule: whether a schedule (or, with `target: 'emergencyGroup'`, an emergency group)
 * is active, at the run's current time or a given DateTime, with Active and Inactive branches.
 */
export interface EvaluateScheduleAction extends ActionBase {
  readonly type: 'evaluateSchedule';
  readonly target: 'schedule' | 'emergencyGroup';
  readonly ref: ScheduleRef;
  /** The IANA time zone the schedule's local times are read in; NOT_SET reads them as UTC [INFERRED]. */
  readonly timeZone: ValueSource;
  /** The evaluation DateTime (UTC); `now` is the run's current time. */
  readonly at: ValueSource | 'now';
  readonly active: readonly Action[];
  readonly inactive: readonly Action[];
}

/** Evaluate Schedule Group: Emergency, Holiday, Closed or Open (in that order; Closed when nothing is active). */
export interface EvaluateScheduleGroupAction extends ActionBase {
  readonly type: 'evaluateScheduleGroup';
  readonly ref: ScheduleRef;
  readonly emergencyGroup?: ScheduleRef;
  readonly at: ValueSource | 'now';
  /** A String collection variable that receives the names of the active schedules. */
  readonly activeSchedules?: string;
  readonly open: readonly Action[];
  readonly closed: readonly Action[];
  readonly holiday: readonly Action[];
  readonly emergency: readonly Action[];
}

/**
 * A workitem flow's action on the workitem it runs for: Disconnect Workitem, Terminate Workitem,
 * Transfer to ACD, Transfer to User or Update Workitem, with Success and Failure paths (the error
 * type and message written on Failure).
 */
export interface WorkitemAction extends ActionBase {
  readonly type: 'workitem';
  readonly operation: 'disconnect' | 'terminate' | 'transferToAcd' | 'transferToUser' | 'update';
  /** Update Workitem: the workitem's attributes (`Workitem.Workitem.priority`…) and their new values. */
  readonly statements?: ReadonlyArray<{ readonly variable: string; readonly value: ValueSource }>;
  /** Terminate: the Closed status (a WorktypeStatus or its name); NOT_SET lets the service choose. */
  readonly status?: ValueSource;
  /** Transfer to ACD: the queue (a Queue, or its name), the priority, language skill, skills and preferred agents. */
  readonly queue?: ValueSource;
  readonly priority?: ValueSource;
  readonly languageSkill?: ValueSource;
  readonly skills?: readonly ValueSource[];
  readonly preferredAgents?: ValueSource;
  /** Transfer to User: the user the workitem is assigned to (a User, its id, its email or its name). */
  readonly user?: ValueSource;
  readonly errorType?: string;
  readonly errorMessage?: string;
  readonly success: readonly Action[];
  readonly failure: readonly Action[];
}

/** Exit Workitem Flow: ends the workitem flow. */
interface ExitWorkitemFlowAction extends ActionBase {
  readonly type: 'exitWorkitemFlow';
}

/** Every action the interpreter supports. */
export type Action =
  | CallDataAction
  | LookupAction
  | EvaluateScheduleAction
  | EvaluateScheduleGroupAction
  | DataTableLookupAction
  | GetParticipantDataAction
  | SetParticipantDataAction
  | DecisionAction
  | SwitchAction
  | UpdateDataAction
  | LoopAction
  | ExitLoopAction
  | NextLoopAction
  | ChangeStateAction
  | CallTaskAction
  | CallCommonModuleAction
  | EndTaskAction
  | WaitAction
  | EndWorkflowAction
  | WorkitemAction
  | ExitWorkitemFlowAction;

/** The type tag of an {@link Action}. */
export type ActionType = Action['type'];

/** A State: its own variables and a sequence of actions. */
export interface FlowState {
  readonly id: string;
  readonly name: string;
  readonly variables: readonly VariableDecl[];
  readonly actions: readonly Action[];
}

/**
 * An imported workflow, a workitem flow (a workflow run for a workitem of its worktype, with the
 * `Workitem.` built-ins), or a common module (its variables are `Common.x`; its one state is the
 * module's startup task).
 */
export interface Flow {
  readonly name: string;
  readonly type: 'workflow' | 'workitem' | 'commonModule';
  /** A workitem flow's worktype, by name. */
  readonly worktype?: string;
  readonly source: 'i3WorkFlow' | 'yaml';
  /** Unhandled errors end the workflow (the only handling type the seeds use). */
  readonly errorHandling: 'EndWorkflow';
  readonly variables: readonly VariableDecl[];
  readonly states: readonly FlowState[];
  readonly startState: string;
  /** The reusable tasks (Call Task's targets): like states, their own `Task.` variables and actions. */
  readonly tasks?: readonly FlowState[];
  /**
   * The common modules the flow calls, by name, as Architect snapshots them into the calling flow
   * when it publishes (so a run replays with the module it started with).
   */
  readonly commonModules?: Readonly<Record<string, Flow>>;
  /** A common module's compatible flow types (lower case, as Architect lists them), when it says. */
  readonly compatibleFlowTypes?: readonly string[];
}

/** The prefix of a flow's own variables: `Flow.` in a workflow, `Common.` in a common module. */
export function flowScope(flow: Pick<Flow, 'type'>): 'Flow.' | 'Common.' {
  return flow.type === 'commonModule' ? 'Common.' : 'Flow.';
}

/** Every sequence of a flow with its own variables: the states, then the reusable tasks. */
export function scopesOf(flow: Flow): readonly FlowState[] {
  return flow.tasks && flow.tasks.length > 0 ? [...flow.states, ...flow.tasks] : flow.states;
}

/** Render a type the way Architect names it, e.g. `String` or `Integer collection`. */
export function typeName(t: ArchType): string {
  return t.collection ? `${t.base} collection` : t.base;
}

export { childSequences, walkActions } from './action-tree.ts';
export { FAILURE_OUTPUTS, failureOutputType } from './model-calls.ts';
export type { CallCommonModuleAction, CallDataAction, CallTaskAction } from './model-calls.ts';
