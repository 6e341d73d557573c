/**
 * @module
 * The trigger engine: Genesys Process Automation triggers validated and matched with Jayway
 * semantics, with a trace of every decision. Pure: no I/O, time passed in.
 */
export type {
  Operator,
  DataFormat,
  MatchCriterion,
  TriggerTarget,
  TriggerSpec,
  Trigger,
  Violation,
  CriterionTrace,
  Decision,
  SchemaResult,
  TriggerTrace,
  TopicTrace,
} from './types.ts';
export { validateTrigger } from './validate.ts';
export { defineTrigger } from './define.ts';
export type { TriggerDeclaration } from './define.ts';
export { loadTrigger } from './load.ts';
export { TOPIC_CATALOGUE, topicEntry } from './topic-catalogue.ts';
export type { FieldType } from './topic-catalogue.ts';
export { topicMatches, concreteTopic, validateEventBody } from './topics.ts';
export { MISSING, applyOperator } from './operators.ts';
export { compileTrigger } from './model.ts';
export { eventOrigin } from './match.ts';
export { matchTrigger } from './match-trigger.ts';
export { TriggerIndex } from './trigger-index.ts';
export { workflowInputs, dataFormatOf } from './delivery.ts';
export { toTestModeResults, toTestModeEventResults } from './test-mode.ts';
export type { TargetCheck } from './test-mode.ts';
export { renderTriggerTrace } from './render.ts';
