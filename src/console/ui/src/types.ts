/**
 * @module
 * The JSON shapes the console reads from `/api/`. Run, trigger, trace and finding shapes are the
 * runtime's and engines' own types (type-only imports, erased at build time); the rest are the
 * console's.
 */
export type { Finding } from '../../../blueprints/index.ts';
export type { TriggerTrace, CriterionTrace, Decision } from '../../../triggers/index.ts';
export type { RunDetail, RunSummary, StepView } from '../../../workflows/index.ts';
export type {
  DecisionView,
  EventView,
  FlowGraph,
  FlowGraphEdge,
  FlowGraphNode,
  RuntimeUpdate,
  TriggerTestResult,
  TriggerView,
} from '../../../runtime/index.ts';

export type { ConsoleInfo } from '../../wire.ts';

/** A simulated conversation's participant (the simulator's own model). */
export interface SimParticipant {
  readonly id: string;
  readonly purpose: string;
  readonly name?: string;
  readonly userId?: string;
  readonly queueId?: string;
  readonly address?: string;
  readonly direction: string;
  readonly state: string;
  readonly held: boolean;
  readonly startTime: number;
  readonly endTime?: number;
  readonly disconnectType?: string;
  readonly wrapupRequired?: boolean;
  readonly wrapup?: { code: string };
}

/** A simulated conversation. */
export interface SimConversation {
  readonly id: string;
  readonly media: 'call' | 'callback';
  readonly startTime: number;
  readonly endTime?: number;
  readonly externalTag?: string;
  readonly originatingDirection: string;
  readonly participants: readonly SimParticipant[];
}

/** A worktype as the simulator lists it: its statuses and the workitem flow that runs for it. */
export interface SimWorktype {
  readonly id: string;
  readonly name: string;
  readonly statuses: readonly { readonly id: string; readonly name: string; readonly category: string }[];
  readonly flow?: { readonly id: string; readonly name?: string };
}

/** A workitem as the simulator lists it (the Platform API's `Workitem`, the fields the console reads). */
export interface SimWorkitem {
  readonly id: string;
  readonly name: string;
  readonly type: { readonly id: string };
  readonly status: { readonly id: string };
  readonly priority: number;
  readonly dateCreated: string;
}
