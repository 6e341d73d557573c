/**
 * @module
 * Lazy trace objects for the hot path. The index decides matches from shared predicate results;
 * these views carry the decision and compute the per-criterion detail (values extracted, paths)
 * from the same event when first read. They satisfy {@link TriggerTrace} / {@link TopicTrace} and
 * serialize to the same JSON as eager traces. The event body must not be mutated meanwhile.
 */
import { decide, traceCriterion } from './match.ts';
import type { CompiledTrigger } from './model.ts';
import type { CriterionTrace, Decision, SchemaResult, TopicTrace, TriggerTrace } from './types.ts';

/** A {@link TriggerTrace} whose criteria are traced on first read. */
export class TriggerTraceView implements TriggerTrace {
  readonly triggerId: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly topicName: string;
  readonly matches: boolean;
  readonly decision: Decision;
  readonly #compiled: CompiledTrigger;
  readonly #body: unknown;
  #criteria: CriterionTrace[] | undefined;

  constructor(compiled: CompiledTrigger, body: unknown, matches: boolean, decision: Decision) {
    this.triggerId = compiled.id;
    this.name = compiled.name;
    this.enabled = compiled.enabled;
    this.topicName = compiled.topicName;
    this.matches = matches;
    this.decision = decision;
    this.#compiled = compiled;
    this.#body = body;
  }

  /** Each criterion with the value extracted, the operator and the result. */
  get criteria(): CriterionTrace[] {
    return (this.#criteria ??= this.#compiled.criteria.map((c) => traceCriterion(c, c.path.resolve(this.#body))));
  }

  /** The plain trace. */
  toJSON(): TriggerTrace {
    const { triggerId, name, enabled, topicName, matches, criteria, decision } = this;
    return { triggerId, name, enabled, topicName, matches, criteria, decision };
  }
}

/** A {@link TopicTrace} whose per-trigger list is built on first read. */
export class TopicTraceView implements TopicTrace {
  readonly topic: string;
  readonly template: string | undefined;
  readonly schema: SchemaResult;
  readonly fired: TriggerTrace[];
  readonly droppedTtl: number;
  readonly #build: () => TriggerTrace[];
  #triggers: TriggerTrace[] | undefined;

  constructor(
    topic: string,
    template: string | undefined,
    schema: SchemaResult,
    fired: TriggerTrace[],
    droppedTtl: number,
    build: () => TriggerTrace[],
  ) {
    this.topic = topic;
    this.template = template;
    this.schema = schema;
    this.fired = fired;
    this.droppedTtl = droppedTtl;
    this.#build = build;
  }

  /** One trace per trigger of the topic, disabled ones included. */
  get triggers(): TriggerTrace[] {
    return (this.#triggers ??= this.#build());
  }

  /** The plain trace. */
  toJSON(): TopicTrace {
    return {
      topic: this.topic,
      template: this.template,
      schema: this.schema,
      triggers: this.triggers.map((t) => (t instanceof TriggerTraceView ? t.toJSON() : t)),
      fired: this.fired.map((t) => (t instanceof TriggerTraceView ? t.toJSON() : t)),
      droppedTtl: this.droppedTtl,
    };
  }
}

/**
 * One trigger's trace of an event: matched when the body fits the topic's schema and every
 * criterion holds (AND, platform.md §1.4), with its decision (start, delay, TTL drop, disabled).
 * The trigger index and `matchTrigger` (test mode) both trace through here.
 */
export function traceTrigger(
  compiled: CompiledTrigger,
  body: unknown,
  schema: SchemaResult,
  origin: number,
  now: number,
): TriggerTraceView {
  const view = new TriggerTraceView(compiled, body, false, NONE);
  const matches = schema.matches && view.criteria.every((c) => c.match);
  return matches ? new TriggerTraceView(compiled, body, true, decide(compiled, true, origin, now)) : view;
}

const NONE: Decision = Object.freeze({ action: 'none' });
