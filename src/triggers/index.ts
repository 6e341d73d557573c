/**
 * @module
 * The trigger engine: Genesys Process Automation triggers validated and matched with Jayway
 * semantics, with a trace of every decision. Pure: no I/O, time passed in.
 */
export { OPERATORS, LIST_OPERATORS } from './types.ts';
export type {
  Operator,
  DataFormat,
  MatchCriterion,
  TriggerTarget,
  TriggerSpec,
  Trigger,
  Violation,
  Extraction,
  CriterionTrace,
  Decision,
  SchemaResult,
  TriggerTrace,
  TopicTrace,
} from './types.ts';
export { TriggerErrors } from './errors.ts';
export { validateTrigger } from './validate.ts';
export { defineTrigger } from './define.ts';
export type { TriggerDeclaration } from './define.ts';
export type { ValidationResult, ValidateOptions } from './validate.ts';
export { loadTrigger, fromTerraform, isTerraformTrigger } from './load.ts';
export type { LoadResult, TriggerFormat } from './load.ts';
export { TOPIC_CATALOGUE, topicEntry } from './topic-catalogue.ts';
export type { FieldType, TopicSchema, TopicEntry } from './topic-catalogue.ts';
export { ID_SEGMENT, topicMatches, concreteTopic, validateEventBody } from './topics.ts';
export { compileJsonPath } from './json-path.ts';
export type { CompiledJsonPath, Resolved } from './json-path.ts';
export { MISSING, applyOperator, jsonEquals } from './operators.ts';
export { compileTrigger } from './model.ts';
export type { CompiledTrigger, CompiledCriterion } from './model.ts';
export { decide, eventOrigin } from './match.ts';
export { matchTrigger } from './match-trigger.ts';
export type { MatchOptions } from './match-trigger.ts';
export { TriggerIndex } from './trigger-index.ts';
export type { TriggerIndexStats, EvaluateOptions } from './trigger-index.ts';
export { workflowInputs, dataFormatOf } from './delivery.ts';
export { toTestModeResults, toTestModeEventResults } from './test-mode.ts';
export type {
  TestModeStep,
  TestModeResults,
  TestModeEventResults,
  TestModeTrigger,
  MatchCriteriaTestResult,
  TargetCheck,
} from './test-mode.ts';
export { renderTriggerTrace, renderTopicTrace, describeDecision } from './render.ts';
