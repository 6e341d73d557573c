/**
 * @module
 * The Genesys test-mode responses built from a match trace: `TestModeResults` for
 * `POST /triggers/{id}/test` and `TestModeEventResults` for `POST /triggers/topics/{topic}/test`
 * (platform.md §1.4, BLOG-PA example).
 */
import type { SchemaResult, TopicTrace, TriggerTrace } from './types.ts';

/** One numbered validation step. */
interface TestModeStep {
  name: string;
  step: number;
  matches: boolean;
  details?: string[];
}

/** A criterion as test mode reports it. */
interface MatchCriteriaTestResult {
  jsonPath: string;
  operator: string;
  value?: unknown;
  values?: unknown[];
  generatedJsonPathCondition: string;
  match: boolean;
  jsonPathExtraction: Array<{ value: unknown; path: string }>;
}

/** `TestModeResults`. */
export interface TestModeResults {
  schemaValidation: TestModeStep;
  targetValidation: TestModeStep;
  jsonPathValidation: Omit<TestModeStep, 'details'> & { details: MatchCriteriaTestResult[] };
  triggerMatches: boolean;
}

/** `TestModeTrigger`. */
interface TestModeTrigger {
  id: string;
  name: string;
  enabled: boolean;
  selfUri: string;
}

/** `TestModeEventResults`. */
export interface TestModeEventResults {
  schemaValidation: TestModeStep;
  triggerMatchValidation: {
    name: string;
    step: number;
    matchedTriggers: TestModeTrigger[];
    unmatchedTriggers: TestModeTrigger[];
  };
}

/** Whether the target is usable (a workflow that exists and is active), with reasons when not. */
export interface TargetCheck {
  matches: boolean;
  details?: string[];
}

const TRIGGERS_URI = '/api/v2/processautomation/triggers';

function schemaStep(schema: SchemaResult): TestModeStep {
  return {
    name: 'Validate test event body against topic schema',
    step: 1,
    matches: schema.matches,
    ...(schema.details.length > 0 ? { details: schema.details } : {}),
  };
}

/**
 * `TestModeResults` for one trigger.
 * @example
 * toTestModeResults(matchTrigger(compiled, body, now), schema, { matches: true }).triggerMatches
 */
export function toTestModeResults(trace: TriggerTrace, schema: SchemaResult, target: TargetCheck): TestModeResults {
  const details = trace.criteria.map((c): MatchCriteriaTestResult => ({
    jsonPath: c.jsonPath,
    operator: c.operator,
    ...(c.values !== undefined ? { values: c.values } : { value: c.value }),
    generatedJsonPathCondition: c.jsonPath,
    match: c.match,
    jsonPathExtraction: c.extracted.map((e) => ({ value: e.value, path: e.path })),
  }));
  const jsonPathMatches = trace.criteria.every((c) => c.match);
  return {
    schemaValidation: schemaStep(schema),
    targetValidation: {
      name: 'Verify that trigger target is configured correctly',
      step: 2,
      matches: target.matches,
      ...(target.details && target.details.length > 0 ? { details: target.details } : {}),
    },
    jsonPathValidation: { name: 'Check jsonPath match criteria', step: 3, matches: jsonPathMatches, details },
    triggerMatches: schema.matches && target.matches && jsonPathMatches,
  };
}

/**
 * `TestModeEventResults` for a topic: every trigger of the topic, disabled ones included (their
 * `enabled` flag says so), split into matched and unmatched.
 * @example
 * toTestModeEventResults(index.evaluate(topic, body, now)).triggerMatchValidation.matchedTriggers
 */
export function toTestModeEventResults(trace: TopicTrace): TestModeEventResults {
  const ref = (t: TriggerTrace): TestModeTrigger => ({
    id: t.triggerId,
    name: t.name,
    enabled: t.enabled,
    selfUri: `${TRIGGERS_URI}/${t.triggerId}`,
  });
  return {
    schemaValidation: schemaStep(trace.schema),
    triggerMatchValidation: {
      name: 'Check triggers of the topic for a match',
      step: 2,
      matchedTriggers: trace.triggers.filter((t) => t.matches).map(ref),
      unmatchedTriggers: trace.triggers.filter((t) => !t.matches).map(ref),
    },
  };
}
