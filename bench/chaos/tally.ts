/**
 * @module
 * The verdict of a chaos run, from what the emulator applied (every mutating request the runtime
 * sent, as the counting proxy saw it), what the runtime recorded (its runs) and what each call
 * looks like at the end (tag, end). Pure.
 */

/** A mutating request the runtime sent, as the proxy saw its answer. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** The emulator answered a remembered Idempotency-Key: nothing was applied again. */
  readonly replayed: boolean;
}

/** A run as the store holds it. */
export interface SeenRun {
  readonly id: string;
  readonly status: string;
  readonly conversationId: string | undefined;
}

/** A call at the end. */
export interface SeenCall {
  readonly id: string;
  readonly tag: string | undefined;
  readonly ended: boolean;
}

/** The table a chaos run prints. */
export interface ChaosTally {
  readonly conversations: number;
  /** Conversations no run was started for. */
  readonly eventsLost: number;
  /** Conversations with more than one run (an event started twice). */
  readonly runsDuplicated: number;
  /** An effect (a request to a conversation route) applied more than once for one conversation. */
  readonly effectsRepeated: number;
  /** Conversations without the expected tag or still going at the end. */
  readonly effectsMissing: number;
  /** Runs not settled at the end. */
  readonly runsStuck: number;
  /** Requests the emulator answered from a remembered Idempotency-Key (re-sent after a crash or a retry). */
  readonly replays: number;
  readonly details: readonly string[];
}

const SETTLED = new Set(['completed', 'failed', 'cancelled']);

/** `/api/v2/conversations/{id}/tags` → `{id, route: 'PUT …/{id}/tags'}`. */
export function conversationRoute(r: SeenRequest): { id: string; route: string } | undefined {
  const m = /^\/api\/v2\/conversations\/([^/?]+)(\/[^?]*)?/.exec(r.path);
  if (!m) return undefined;
  return { id: m[1]!, route: `${r.method} /api/v2/conversations/{id}${m[2] ?? ''}` };
}

/**
 * Tally a run.
 * @example
 * tally(['c1'], [{ id: 'r1', status: 'completed', conversationId: 'c1' }], requests, calls, 'No Queue');
 */
export function tally(
  conversations: readonly string[],
  runs: readonly SeenRun[],
  requests: readonly SeenRequest[],
  calls: readonly SeenCall[],
  expectedTag: string,
): ChaosTally {
  const details: string[] = [];
  const runsOf = new Map<string, number>();
  for (const r of runs) if (r.conversationId) runsOf.set(r.conversationId, (runsOf.get(r.conversationId) ?? 0) + 1);
  const applied = new Map<string, number>();
  let replays = 0;
  for (const r of requests) {
    if (r.replayed) replays++;
    if (r.replayed || r.status < 200 || r.status > 299) continue;
    const c = conversationRoute(r);
    if (c) applied.set(`${c.id} ${c.route}`, (applied.get(`${c.id} ${c.route}`) ?? 0) + 1);
  }
  let eventsLost = 0;
  let runsDuplicated = 0;
  for (const id of conversations) {
    const n = runsOf.get(id) ?? 0;
    if (n === 0) {
      eventsLost++;
      details.push(`lost: conversation ${id} got no run`);
    } else if (n > 1) {
      runsDuplicated++;
      details.push(`duplicated: conversation ${id} got ${n} runs`);
    }
  }
  let effectsRepeated = 0;
  for (const [key, n] of applied) {
    if (n > 1) {
      effectsRepeated++;
      details.push(`repeated: ${key} applied ${n} times`);
    }
  }
  const byId = new Map(calls.map((c) => [c.id, c]));
  const statusOf = (id: string): string =>
    runs
      .filter((r) => r.conversationId === id)
      .map((r) => r.status)
      .join(', ') || 'no run';
  let effectsMissing = 0;
  for (const id of conversations) {
    const c = byId.get(id);
    if (!c || c.tag !== expectedTag || !c.ended) {
      effectsMissing++;
      details.push(
        `missing: conversation ${id} ${!c ? 'not found' : `tag ${JSON.stringify(c.tag ?? null)}, ${c.ended ? 'ended' : 'still going'}`} (run: ${statusOf(id)})`,
      );
    }
  }
  const stuck = runs.filter((r) => !SETTLED.has(r.status));
  for (const r of stuck) details.push(`stuck: run ${r.id} is ${r.status}`);
  return {
    conversations: conversations.length,
    eventsLost,
    runsDuplicated,
    effectsRepeated,
    effectsMissing,
    runsStuck: stuck.length,
    replays,
    details,
  };
}

/** Whether the run held: nothing lost, duplicated, repeated, missing or stuck. */
export function held(t: ChaosTally): boolean {
  return (
    t.eventsLost === 0 &&
    t.runsDuplicated === 0 &&
    t.effectsRepeated === 0 &&
    t.effectsMissing === 0 &&
    t.runsStuck === 0
  );
}
