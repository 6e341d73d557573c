/**
 * @module
 * The trigger model of Genesys Process Automation (platform.md §1.2) and the shapes of a match
 * trace. Field names are exactly Genesys's so a trigger round-trips through the API unchanged.
 */

/** The 12 match operators (Jayway `RelationalOperator`, platform.md §1.4). */
export const OPERATORS = [
  'GreaterThanOrEqual',
  'LessThanOrEqual',
  'Equal',
  'NotEqual',
  'LessThan',
  'GreaterThan',
  'NotIn',
  'In',
  'Contains',
  'All',
  'Exists',
  'Size',
] as const;

/** One of the 12 match operators. */
export type Operator = (typeof OPERATORS)[number];

/** Operators that take a list in `values`; the others take `value`. */
export const LIST_OPERATORS: ReadonlySet<Operator> = new Set<Operator>(['In', 'NotIn', 'All']);

/** How the event reaches the workflow (platform.md §1.5). */
export type DataFormat = 'TopLevelPrimitives' | 'Json';

/** `MatchCriteria`: a JSONPath, an operator and its right-hand value(s). */
export interface MatchCriterion {
  jsonPath: string;
  operator: Operator;
  value?: unknown;
  values?: unknown[];
}

/** `TriggerTarget`: the workflow a trigger starts. */
export interface TriggerTarget {
  type: 'Workflow';
  id: string;
  workflowTargetSettings?: { dataFormat?: DataFormat };
}

/** The validated body of a create (or update, with `version`) request. */
export interface TriggerSpec {
  name: string;
  topicName: string;
  target: TriggerTarget;
  enabled: boolean;
  matchCriteria?: MatchCriterion[];
  eventTTLSeconds?: number;
  delayBySeconds?: number;
  description?: string;
  /** Present on updates only. */
  version?: number;
}

/** A stored trigger, as `GET /api/v2/processautomation/triggers/{id}` returns it. */
export interface Trigger extends TriggerSpec {
  id: string;
  version: number;
  selfUri?: string;
}

/** One broken validation rule. `field` uses the API's JSON names (`matchCriteria[1].operator`). */
export interface Violation {
  field: string;
  message: string;
}

/** A node resolved by a JSONPath: its value and its Jayway path (`$['a']['b'][0]`). */
interface Extraction {
  value: unknown;
  path: string;
}

/** The trace of one criterion: what was extracted, the operator and the result. */
export interface CriterionTrace {
  index: number;
  jsonPath: string;
  operator: Operator;
  /** The right-hand side, as written (`value` or `values`). */
  value?: unknown;
  values?: unknown[];
  /** Whether the path is definite (one node) or indefinite (a list). */
  definite: boolean;
  /** Every node the path resolved to (empty when it resolved to nothing). */
  extracted: Extraction[];
  match: boolean;
}

/** What happens after a match (platform.md §8 steps 4 and 6). */
export type Decision =
  | { action: 'start'; at: number }
  | { action: 'delay'; at: number; delayMs: number }
  | { action: 'drop-ttl'; ageMs: number; ttlMs: number }
  | { action: 'skip-disabled' }
  | { action: 'none' };

/** The outcome of validating an event body against its topic's schema. */
export interface SchemaResult {
  matches: boolean;
  /** Why it does not fit (empty when it does). */
  details: string[];
}

/** The trace of one trigger against one event. */
export interface TriggerTrace {
  triggerId: string;
  name: string;
  enabled: boolean;
  topicName: string;
  /** Every criterion matched (AND) and the event fits the topic schema. */
  matches: boolean;
  criteria: CriterionTrace[];
  decision: Decision;
}

/** The trace of one event against every trigger of its topic. */
export interface TopicTrace {
  /** The concrete topic the event was published on. */
  topic: string;
  /** The topic template (`{id}` segments) it maps to, if any trigger topic fits it. */
  template: string | undefined;
  schema: SchemaResult;
  /** One trace per trigger of the topic (disabled ones included). */
  triggers: TriggerTrace[];
  /** The triggers that fire now or later: enabled, matched, not dropped by the TTL. */
  fired: TriggerTrace[];
  /** How many enabled triggers matched but dropped the event as older than their TTL. */
  droppedTtl: number;
}
