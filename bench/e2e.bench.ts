/**
 * @module
 * End-to-end latency, real time: from the emulator emitting `user.start` for a call without a
 * queue to the emulator receiving that call's disconnect request from the runtime (event bus →
 * event log → trigger index → durable run → Disconnect Conversation data action → Genesys client →
 * emulator), while the call simulator is offered 500 calls/s of mixed traffic, paced call by call
 * (`pace.ts`). Durable journaling: a SQLite file. Peers, measured in the same run and in
 * alternating order: the same path on the in-memory store, and a bare bus subscriber sending the
 * disconnect itself. Each is measured in several fresh rigs; the median is the value, the range is
 * in the note. Then the highest sustained rate whose p99 stays under 50 ms, searched within a time
 * budget. Everything shares one Node process (emulator, runtime, generator).
 */
import type { BenchRow } from './types.ts';
import { measure } from './e2e-rig.ts';
import type { RigKind, Sample } from './e2e-rig.ts';

const RATE = 500;
const ROUNDS = 3;
const WINDOW_MS = 3_000;
const SEARCH_WINDOW_MS = 2_500;
const SEARCH_BUDGET_MS = 75_000;
const BOUND_MS = 50;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const ms = (v: number): string => (v >= 10 ? v.toFixed(0) : v.toFixed(1));
const range = (xs: readonly number[]): string =>
  `${ms(Math.min(...xs))}–${ms(Math.max(...xs))} ms over ${xs.length} runs`;

/** Median of each figure over the rounds of one rig kind. */
interface Summary {
  readonly samples: readonly Sample[];
  readonly p50: number;
  readonly p99: number;
  readonly achieved: number;
  readonly lagP99: number;
  readonly measured: number;
  readonly lost: number;
}

function summarize(samples: readonly Sample[]): Summary {
  return {
    samples,
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    achieved: median(samples.map((s) => s.achieved)),
    lagP99: median(samples.map((s) => s.lagP99)),
    measured: samples.reduce((n, s) => n + s.measured, 0),
    lost: samples.reduce((n, s) => n + s.lost, 0),
  };
}

const load = (s: { achieved: number; lagP99: number; measured: number; lost: number }, offered: number): string =>
  `offered ${offered} calls/s, achieved ${Math.round(s.achieved)}, generator lag p99 ${ms(s.lagP99)} ms, ${s.measured} measured${s.lost > 0 ? `, ${s.lost} unanswered` : ''}`;

/**
 * Sustained: the process kept up with the offered schedule (≥ 95 % placed, generator lag p99 under
 * the bound: a late generator places calls in bursts and hides the queueing), every measured call
 * was answered, and the p99 latency is under the bound.
 */
const sustained = (s: Sample): boolean =>
  s.achieved >= s.rate * 0.95 && s.lagP99 < BOUND_MS && s.lost === 0 && s.p99 < BOUND_MS;

/** Which conditions of {@link sustained} a sample broke. */
const whyNot = (s: Sample): string =>
  [
    s.achieved < s.rate * 0.95 ? 'rate not kept' : '',
    s.lagP99 >= BOUND_MS ? `generator lag p99 ≥ ${BOUND_MS} ms` : '',
    s.lost > 0 ? 'calls unanswered' : '',
    s.p99 >= BOUND_MS ? `p99 ≥ ${BOUND_MS} ms` : '',
  ]
    .filter(Boolean)
    .join(', ');

/**
 * The highest sustained rate: coarse steps up to the first failure, then halving the gap between
 * the best and the first failing rate, while the time budget lasts.
 */
async function search(): Promise<{ best?: Sample; failed?: Sample; tried: number; timedOut: boolean }> {
  const deadline = performance.now() + SEARCH_BUDGET_MS;
  let best: Sample | undefined;
  let failed: Sample | undefined;
  let tried = 0;
  const attempt = async (rate: number): Promise<boolean> => {
    const s = await measure('sqlite', rate, SEARCH_WINDOW_MS);
    tried++;
    if (sustained(s)) best = s;
    else failed = s;
    return sustained(s);
  };
  for (const rate of [100, 250, 500, 750, 1_000, 1_500, 2_000, 3_000, 4_000]) {
    if (performance.now() > deadline) return { best, failed, tried, timedOut: true };
    if (!(await attempt(rate))) break;
  }
  while (failed && performance.now() < deadline) {
    const low = best?.rate ?? 0;
    const high = failed.rate;
    if (high - low <= Math.max(50, high * 0.1)) break;
    await attempt(Math.round((low + high) / 2 / 10) * 10);
  }
  return { best, failed, tried, timedOut: performance.now() > deadline };
}

/** The e2e bench rows. */
export async function run(): Promise<BenchRow[]> {
  const kinds: RigKind[] = ['sqlite', 'memory', 'bare'];
  const samples = new Map<RigKind, Sample[]>(kinds.map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of round % 2 === 0 ? kinds : [...kinds].reverse())
      samples.get(kind)!.push(await measure(kind, RATE, WINDOW_MS));
  }
  const durable = summarize(samples.get('sqlite')!);
  const memory = summarize(samples.get('memory')!);
  const bare = summarize(samples.get('bare')!);
  const rows: BenchRow[] = [
    {
      suite: 'e2e',
      name: `user.start → disconnect received, p50, ${RATE} calls/s mixed, SQLite journal`,
      value: durable.p50,
      unit: 'ms',
      peer: 'in-memory store',
      peerValue: memory.p50,
      note: `${range(durable.samples.map((s) => s.p50))}; ${load(durable, RATE)}`,
    },
    {
      suite: 'e2e',
      name: `user.start → disconnect received, p99, ${RATE} calls/s mixed, SQLite journal`,
      value: durable.p99,
      unit: 'ms',
      peer: 'in-memory store',
      peerValue: memory.p99,
      note: `target ≤ 10 ms; ${range(durable.samples.map((s) => s.p99))}; in-memory ${range(memory.samples.map((s) => s.p99))}`,
    },
    {
      suite: 'e2e',
      name: `user.start → disconnect received, p99, ${RATE} calls/s, runtime (SQLite)`,
      value: durable.p99,
      unit: 'ms',
      peer: 'bare bus subscriber',
      peerValue: bare.p99,
      note: `bare p50 ${bare.p50.toFixed(3)} ms; ${load(bare, RATE)}`,
    },
    {
      suite: 'e2e',
      name: `calls placed per second, ${RATE} offered (SQLite rig)`,
      value: durable.achieved,
      unit: 'calls/s',
      peer: 'in-memory store',
      peerValue: memory.achieved,
      note: load(durable, RATE),
    },
  ];
  const found = await search();
  if (found.failed) {
    const f = found.failed;
    rows.push({
      suite: 'e2e',
      name: `p99 at the lowest rate tried that was not sustained (SQLite)`,
      value: f.p99,
      unit: 'ms',
      note: `${whyNot(f)}; p50 ${ms(f.p50)} ms; ${load(f, f.rate)}`,
    });
  }
  const best = found.best;
  rows.push({
    suite: 'e2e',
    name: `highest sustained call rate with p99 < ${BOUND_MS} ms (SQLite)`,
    value: best ? best.rate : 0,
    unit: 'calls/s',
    note: [
      best
        ? `p99 ${ms(best.p99)} ms, p50 ${ms(best.p50)} ms, achieved ${Math.round(best.achieved)}`
        : 'no rate tried stayed under the bound',
      `${found.tried} rates tried in ${SEARCH_WINDOW_MS / 1000} s windows${found.timedOut ? `, stopped by the ${SEARCH_BUDGET_MS / 1000} s budget` : ''}`,
      found.failed ? '' : 'no rate tried failed',
    ]
      .filter(Boolean)
      .join('; '),
  });
  return rows;
}
