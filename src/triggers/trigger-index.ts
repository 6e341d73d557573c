/**
 * @module
 * The registry of triggers, indexed by topic template, so an event only meets the triggers of its
 * own topic. Within a topic, each distinct JSONPath is read once per event and each distinct
 * criterion (path, operator, value) is decided once, however many triggers share it. The full
 * per-trigger trace is built from the same event when first read.
 */
import type { CompiledJsonPath } from './json-path.ts';
import { decide, eventOrigin } from './match.ts';
import { compileTrigger } from './model.ts';
import type { CompiledTrigger } from './model.ts';
import { MISSING, applyOperator } from './operators.ts';
import { ID_SEGMENT, validateEventBody } from './topics.ts';
import { TopicTraceView, TriggerTraceView, traceTrigger } from './trace-views.ts';
import type { Operator, TopicTrace, Trigger, TriggerTrace } from './types.ts';

interface Predicate {
  /** Index of its path in the bucket's path list. */
  slot: number;
  operator: Operator;
  right: unknown;
  /** `Exists` on an indefinite path: an empty list counts as missing. */
  existsOnList: boolean;
}

interface Entry {
  compiled: CompiledTrigger;
  /** For each criterion, its index in the bucket's predicate list. */
  preds: number[];
}

interface Bucket {
  template: string;
  entries: Entry[];
  paths: CompiledJsonPath[];
  predicates: Predicate[];
  /** Scratch space reused by every (synchronous) evaluation: path values, predicate results. */
  lefts: unknown[];
  results: boolean[];
}

interface TrieNode {
  literal: Map<string, TrieNode>;
  wildcard: TrieNode | undefined;
  bucket: Bucket | undefined;
}

/** Counters of what the index decided, for observability. */
export interface TriggerIndexStats {
  events: number;
  /** Events whose topic had no trigger. */
  unrouted: number;
  started: number;
  delayed: number;
  droppedTtl: number;
}

/** Options of {@link TriggerIndex.evaluate}. */
export interface EvaluateOptions {
  /** When the event was received (epoch ms): the TTL origin of events without `eventTime`. */
  receivedAt?: number;
}

const newNode = (): TrieNode => ({ literal: new Map(), wildcard: undefined, bucket: undefined });

/**
 * Triggers by topic. Add, update (add again with the same id) and remove triggers; evaluate an
 * event published on a concrete topic against that topic's triggers only.
 * @example
 * const index = new TriggerIndex();
 * index.add(trigger);
 * const trace = index.evaluate('v2.detail.events.conversation.c1.user.start', body, clock.now());
 * for (const t of trace.fired) schedule(t.triggerId, t.decision);
 */
export class TriggerIndex {
  readonly #byId = new Map<string, CompiledTrigger>();
  readonly #buckets = new Map<string, Bucket>();
  readonly #root: TrieNode = newNode();
  readonly #stats: TriggerIndexStats = { events: 0, unrouted: 0, started: 0, delayed: 0, droppedTtl: 0 };

  /** Number of triggers. */
  get size(): number {
    return this.#byId.size;
  }

  /** Counters since creation. */
  get stats(): Readonly<TriggerIndexStats> {
    return { ...this.#stats };
  }

  /** Add or replace a trigger (by id). Throws `SB_TRIGGER_INVALID` if it breaks a rule; the index is then unchanged. */
  add(trigger: Trigger): CompiledTrigger {
    const compiled = compileTrigger(trigger);
    this.remove(trigger.id);
    this.#byId.set(compiled.id, compiled);
    const bucket = this.#bucket(compiled.topicName);
    bucket.entries.push({ compiled, preds: [] });
    this.#reslot(bucket);
    return compiled;
  }

  /** Remove a trigger; whether it was there. */
  remove(id: string): boolean {
    const prior = this.#byId.get(id);
    if (!prior) return false;
    this.#byId.delete(id);
    const bucket = this.#buckets.get(prior.topicName)!;
    bucket.entries = bucket.entries.filter((e) => e.compiled.id !== id);
    this.#reslot(bucket);
    return true;
  }

  /** A trigger by id. */
  get(id: string): CompiledTrigger | undefined {
    return this.#byId.get(id);
  }

  /** Every trigger, in insertion order. */
  all(): CompiledTrigger[] {
    return [...this.#byId.values()];
  }

  /** The triggers of a topic template. */
  triggersOf(template: string): CompiledTrigger[] {
    return this.#buckets.get(template)?.entries.map((e) => e.compiled) ?? [];
  }

  /**
   * Evaluate an event against the triggers of its topic (a concrete topic, or a template as in
   * test mode). Never throws; the body may be anything.
   */
  evaluate(topic: string, body: unknown, now: number, options: EvaluateOptions = {}): TopicTrace {
    this.#stats.events++;
    const buckets = this.#lookup(topic);
    const first = buckets[0];
    if (!first) {
      this.#stats.unrouted++;
      return {
        topic,
        template: undefined,
        schema: validateEventBody(topic, body),
        triggers: [],
        fired: [],
        droppedTtl: 0,
      };
    }
    const schema = validateEventBody(first.template, body);
    const origin = eventOrigin(body, options.receivedAt ?? now);
    const fired: TriggerTrace[] = [];
    let droppedTtl = 0;
    for (const bucket of buckets) {
      const { paths, predicates, entries, lefts, results } = bucket;
      for (let i = 0; i < paths.length; i++) lefts[i] = paths[i]!.read(body);
      for (let i = 0; i < predicates.length; i++) {
        const p = predicates[i]!;
        let left = lefts[p.slot];
        if (p.existsOnList && (left as unknown[]).length === 0) left = MISSING;
        results[i] = applyOperator(p.operator, left, p.right);
      }
      lefts.fill(undefined);
      for (let e = 0; e < entries.length; e++) {
        const entry = entries[e]!;
        let matches = schema.matches;
        const preds = entry.preds;
        for (let i = 0; matches && i < preds.length; i++) if (!results[preds[i]!]) matches = false;
        if (!matches) continue;
        const decision = decide(entry.compiled, true, origin, now);
        const action = decision.action;
        if (action === 'start' || action === 'delay')
          fired.push(new TriggerTraceView(entry.compiled, body, true, decision));
        if (action === 'start') this.#stats.started++;
        else if (action === 'delay') this.#stats.delayed++;
        else if (action === 'drop-ttl') droppedTtl++;
      }
    }
    this.#stats.droppedTtl += droppedTtl;
    return new TopicTraceView(topic, first.template, schema, fired, droppedTtl, () =>
      buckets.flatMap((b) => b.entries.map((e) => traceTrigger(e.compiled, body, schema, origin, now))),
    );
  }

  #bucket(template: string): Bucket {
    let bucket = this.#buckets.get(template);
    if (bucket) return bucket;
    bucket = { template, entries: [], paths: [], predicates: [], lefts: [], results: [] };
    this.#buckets.set(template, bucket);
    let node = this.#root;
    for (const seg of template.split('.')) {
      if (seg === ID_SEGMENT) node = node.wildcard ??= newNode();
      else {
        let next = node.literal.get(seg);
        if (!next) node.literal.set(seg, (next = newNode()));
        node = next;
      }
    }
    node.bucket = bucket;
    return bucket;
  }

  #reslot(bucket: Bucket): void {
    const pathSlots = new Map<string, number>();
    const predSlots = new Map<string, number>();
    bucket.paths = [];
    bucket.predicates = [];
    for (const entry of bucket.entries) {
      entry.preds = entry.compiled.criteria.map((c) => {
        let slot = pathSlots.get(c.path.normalized);
        if (slot === undefined) {
          slot = bucket.paths.length;
          pathSlots.set(c.path.normalized, slot);
          bucket.paths.push(c.path);
        }
        const key = `${slot}\u0000${c.operator}\u0000${JSON.stringify(c.right) ?? ''}`;
        let pred = predSlots.get(key);
        if (pred === undefined) {
          pred = bucket.predicates.length;
          predSlots.set(key, pred);
          bucket.predicates.push({
            slot,
            operator: c.operator,
            right: c.right,
            existsOnList: c.operator === 'Exists' && !c.path.definite,
          });
        }
        return pred;
      });
    }
    bucket.lefts = new Array<unknown>(bucket.paths.length).fill(undefined);
    bucket.results = new Array<boolean>(bucket.predicates.length).fill(false);
  }

  #lookup(topic: string): Bucket[] {
    const direct = this.#buckets.get(topic);
    if (direct) return direct.entries.length > 0 ? [direct] : [];
    const out: Bucket[] = [];
    walk(this.#root, topic, 0, out);
    return out;
  }
}

/** Walk the topic trie segment by segment (no split: this runs for every event). */
function walk(node: TrieNode, topic: string, start: number, out: Bucket[]): void {
  if (start > topic.length) {
    if (node.bucket && node.bucket.entries.length > 0) out.push(node.bucket);
    return;
  }
  let end = topic.indexOf('.', start);
  if (end < 0) end = topic.length;
  const lit = node.literal.get(topic.slice(start, end));
  if (lit) walk(lit, topic, end + 1, out);
  if (node.wildcard && end > start) walk(node.wildcard, topic, end + 1, out);
}
