/**
 * @module
 * Trigger matching throughput: 1,000 enabled triggers over 20 topics with a realistic mix of
 * criteria, events through `TriggerIndex.evaluate` (full trace included), beside a naive peer that
 * evaluates every trigger's criteria with jsonpath-plus on every event, regardless of topic.
 * Both must pick the same triggers for the same events, or the bench fails.
 */
import { JSONPath } from 'jsonpath-plus';
import { seededIds, seededRandom } from '../src/core/index.ts';
import { MISSING, TOPIC_CATALOGUE, TriggerIndex, applyOperator, concreteTopic } from '../src/triggers/index.ts';
import type { MatchCriterion, Trigger } from '../src/triggers/index.ts';
import type { BenchRow } from './types.ts';

const TRIGGER_COUNT = 1000;
// The 18 topics with a body schema, then topics without one, up to 20.
const TOPICS = [
  ...TOPIC_CATALOGUE.filter((t) => t.schema !== undefined),
  ...TOPIC_CATALOGUE.filter((t) => t.schema === undefined),
]
  .map((t) => t.name)
  .slice(0, 20);

const MEDIA = ['VOICE', 'CALLBACK', 'CHAT', 'EMAIL', 'MESSAGE'];
const DISCONNECTS = ['ENDPOINT', 'CLIENT', 'SYSTEM', 'ERROR', 'TRANSFER', 'TIMEOUT'];
const QUEUES = ['q-support', 'q-sales', 'q-billing', 'q-vip'];

/** The criteria pool: what the seed solutions and the Genesys docs use, plus a few indefinite paths. */
function criterion(r: () => number): MatchCriterion {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  switch (Math.floor(r() * 10)) {
    case 0:
      return { jsonPath: 'queueId', operator: 'Exists', value: r() < 0.7 ? false : true };
    case 1:
      return { jsonPath: 'mediaType', operator: 'Equal', value: pick(MEDIA) };
    case 2:
      return {
        jsonPath: 'disconnectType',
        operator: 'In',
        values: [pick(DISCONNECTS), pick(DISCONNECTS), pick(DISCONNECTS)],
      };
    case 3:
      return { jsonPath: 'dnis', operator: 'Contains', value: 'tel:+' };
    case 4:
      return { jsonPath: 'queueId', operator: 'Equal', value: pick(QUEUES) };
    case 5:
      return { jsonPath: 'direction', operator: 'NotEqual', value: 'INBOUND' };
    case 6:
      return { jsonPath: 'interactingDurationMs', operator: 'GreaterThan', value: Math.floor(r() * 60_000) };
    case 7:
      return { jsonPath: 'mediaType', operator: 'NotIn', values: [pick(MEDIA), pick(MEDIA)] };
    case 8:
      return { jsonPath: 'callbackNumbers', operator: 'Size', value: 1 };
    default:
      return { jsonPath: 'callbackNumbers[*]', operator: 'Contains', value: '+13175551234' };
  }
}

function makeTriggers(): Trigger[] {
  const r = seededRandom(42);
  return Array.from({ length: TRIGGER_COUNT }, (_, i): Trigger => {
    const n = 1 + Math.floor(r() * 3);
    return {
      id: `t${i}`,
      version: 1,
      name: `trigger ${i}`,
      enabled: true,
      topicName: TOPICS[i % TOPICS.length]!,
      target: { type: 'Workflow', id: `wf${i % 37}` },
      matchCriteria: Array.from({ length: n }, () => criterion(r)),
      ...(i % 10 === 0 ? { eventTTLSeconds: 60 } : i % 10 === 1 ? { delayBySeconds: 60 } : {}),
    };
  });
}

function makeEvents(count: number, now: number): Array<{ topic: string; body: Record<string, unknown> }> {
  const r = seededRandom(7);
  const ids = seededIds(9);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: count }, () => {
    const conversationId = ids.uuid();
    const media = pick(MEDIA);
    const body: Record<string, unknown> = {
      eventTime: now - Math.floor(r() * 120_000),
      conversationId,
      participantId: ids.uuid(),
      sessionId: ids.uuid(),
      mediaType: media,
      provider: 'Edge',
      direction: r() < 0.5 ? 'INBOUND' : 'OUTBOUND',
      ani: 'tel:+13175559876',
      dnis: r() < 0.7 ? 'tel:+13175550100' : 'sip:agent@example.org',
    };
    if (r() < 0.6) body.queueId = pick(QUEUES);
    if (r() < 0.5) body.userId = ids.uuid();
    if (r() < 0.4) body.disconnectType = pick(DISCONNECTS);
    if (r() < 0.4) body.interactingDurationMs = Math.floor(r() * 120_000);
    if (media === 'CALLBACK') body.callbackNumbers = r() < 0.5 ? ['+13175551234'] : ['+13175550000', '+13175551234'];
    return { topic: concreteTopic(pick(TOPICS), conversationId), body };
  });
}

/** The naive peer: every criterion of every trigger through jsonpath-plus, on every event. */
function naiveMatches(triggers: readonly Trigger[], topicOf: (t: Trigger) => boolean, body: unknown): string[] {
  const out: string[] = [];
  for (const t of triggers) {
    let ok = true;
    for (const c of t.matchCriteria ?? []) {
      const path = `$.${c.jsonPath}`;
      const found = JSONPath<unknown[]>({ path, json: body as object, wrap: true });
      const definite = !/[*[]/.test(c.jsonPath);
      const left = definite
        ? found.length === 0
          ? MISSING
          : found[0]
        : found.length === 0 && c.operator === 'Exists'
          ? MISSING
          : found;
      if (!applyOperator(c.operator, left, c.values ?? c.value)) ok = false;
    }
    if (ok && topicOf(t)) out.push(t.id);
  }
  return out;
}

function timeLoop(durationMs: number, step: (i: number) => void): number {
  for (let i = 0; i < 2000; i++) step(i);
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (let k = 0; k < 64; k++) step(count++);
    elapsed = performance.now() - start;
  }
  return (count / elapsed) * 1000;
}

/** Run the bench. */
export async function run(): Promise<BenchRow[]> {
  const now = Date.UTC(2026, 0, 5, 9);
  const triggers = makeTriggers();
  const index = new TriggerIndex();
  for (const t of triggers) index.add(t);
  const events = makeEvents(4096, now);

  // Same answer first: the index's fired set equals the naive peer's, on a sample.
  let fired = 0;
  for (const e of events.slice(0, 300)) {
    const trace = index.evaluate(e.topic, e.body, now);
    const ours = trace.triggers
      .filter((t) => t.matches)
      .map((t) => t.triggerId)
      .sort();
    const peer = naiveMatches(triggers, (t) => t.topicName === trace.template, e.body).sort();
    if (ours.join() !== peer.join())
      throw new Error(`index and naive peer disagree on ${e.topic}: ${ours.join()} vs ${peer.join()}`);
    fired += trace.fired.length;
  }

  const mask = events.length - 1;
  const ours = timeLoop(2000, (i) => {
    const e = events[i & mask]!;
    index.evaluate(e.topic, e.body, now);
  });
  const peer = timeLoop(1500, (i) => {
    const e = events[i & mask]!;
    naiveMatches(triggers, () => true, e.body);
  });
  return [
    {
      suite: 'triggers',
      name: `events matched, ${TRIGGER_COUNT.toLocaleString('en-US')} enabled triggers over ${TOPICS.length} topics`,
      value: ours,
      unit: 'events/s',
      peer: 'naive: jsonpath-plus on every trigger',
      peerValue: peer,
      note: `target >= 200,000 events/s and >= 20x; ${(fired / 300).toFixed(1)} fire per event; trace detail built on read`,
    },
  ];
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  for (const row of await run()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
