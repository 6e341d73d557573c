/**
 * @module
 * The registry of triggers, indexed by topic template, so an event only meets the triggers of its
 * own topic. Within a topic, each distinct JSONPath is resolved once per event however many
 * triggers use it.
 */
import type { CompiledJsonPath, Resolved } from './jsonpath/compile.ts';
import { assembleTrace, eventOrigin, traceCriterion } from './match.ts';
import { compileTrigger } from './model.ts';
import type { CompiledTrigger } from './model.ts';
import { ID_SEGMENT, validateEventBody } from './topics.ts';
import type { TopicTrace, Trigger, TriggerTrace } from './types.ts';

interface Entry {
  compiled: CompiledTrigger;
  /** For each criterion, its slot in the bucket's path list. */
  slots: number[];
}

interface Bucket {
  template: string;
  entries: Entry[];
  paths: CompiledJsonPath[];
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
    bucket.entries.push({ compiled, slots: [] });
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
      return { topic, template: undefined, schema: validateEventBody(topic, body), triggers: [], fired: [] };
    }
    const schema = validateEventBody(first.template, body);
    const origin = eventOrigin(body, options.receivedAt ?? now);
    const triggers: TriggerTrace[] = [];
    const fired: TriggerTrace[] = [];
    for (const bucket of buckets) {
      const resolved: Resolved[] = new Array<Resolved>(bucket.paths.length);
      for (let i = 0; i < bucket.paths.length; i++) resolved[i] = bucket.paths[i]!.resolve(body);
      for (const { compiled, slots } of bucket.entries) {
        const criteria = compiled.criteria.map((c, i) => traceCriterion(c, resolved[slots[i]!]!));
        const trace = assembleTrace(compiled, criteria, schema, origin, now);
        triggers.push(trace);
        const action = trace.decision.action;
        if (action === 'start' || action === 'delay') fired.push(trace);
        if (action === 'start') this.#stats.started++;
        else if (action === 'delay') this.#stats.delayed++;
        else if (action === 'drop-ttl') this.#stats.droppedTtl++;
      }
    }
    return { topic, template: first.template, schema, triggers, fired };
  }

  #bucket(template: string): Bucket {
    let bucket = this.#buckets.get(template);
    if (bucket) return bucket;
    bucket = { template, entries: [], paths: [] };
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
    const byPath = new Map<string, number>();
    bucket.paths = [];
    for (const entry of bucket.entries) {
      entry.slots = entry.compiled.criteria.map((c) => {
        let slot = byPath.get(c.path.normalized);
        if (slot === undefined) {
          slot = bucket.paths.length;
          byPath.set(c.path.normalized, slot);
          bucket.paths.push(c.path);
        }
        return slot;
      });
    }
  }

  #lookup(topic: string): Bucket[] {
    const direct = this.#buckets.get(topic);
    if (direct) return direct.entries.length > 0 ? [direct] : [];
    const segs = topic.split('.');
    const out: Bucket[] = [];
    const walk = (node: TrieNode, i: number): void => {
      if (i === segs.length) {
        if (node.bucket && node.bucket.entries.length > 0) out.push(node.bucket);
        return;
      }
      const seg = segs[i]!;
      const lit = node.literal.get(seg);
      if (lit) walk(lit, i + 1);
      if (node.wildcard && seg !== '') walk(node.wildcard, i + 1);
    };
    walk(this.#root, 0);
    return out;
  }
}
