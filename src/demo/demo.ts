/**
 * @module
 * `runDemo`: the finite scripted day. An embedded emulator with the demo org and a VirtualClock
 * (driven at `speed`× real time, or `max`: from timer to timer as soon as everything settled); per
 * act, a runtime with that shipped solution's bundle; a report of every expectation, expected vs
 * observed.
 */
import { VirtualClock, silentLogger } from '../core/index.ts';
import type { Logger } from '../core/index.ts';
import { SOLUTIONS, loadSolution } from '../blueprints/index.ts';
import { createEmulator } from '../emulator/index.ts';
import { createRuntime, driveVirtualClock, orgControl } from '../runtime/index.ts';
import type { Runtime, RuntimeStats } from '../runtime/index.ts';
import { ACTS } from './acts.ts';
import type { Expectation } from './acts.ts';

/** One solution's part of the report. */
interface DemoSolutionReport {
  readonly solution: string;
  readonly title: string;
  /** The solution bundle the act started first. */
  readonly bundle: string;
  readonly ok: boolean;
  readonly expectations: readonly Expectation[];
  readonly runs: number;
  readonly error?: string;
}

/** The demo's result. */
export interface DemoReport {
  readonly ok: boolean;
  /** Simulated start and end (ISO). */
  readonly from: string;
  readonly to: string;
  readonly realMs: number;
  readonly solutions: readonly DemoSolutionReport[];
}

/** Progress, for a display. */
export interface DemoProgress {
  readonly act: number;
  readonly acts: number;
  readonly solution: string;
  /** Simulated time (epoch ms). */
  readonly now: number;
  readonly stats: RuntimeStats | undefined;
  readonly passed: number;
  readonly failed: number;
}

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Simulated ms per real ms, or `max`. Default `max`. */
  readonly speed?: number | 'max';
  readonly onProgress?: (p: DemoProgress) => void;
  readonly logger?: Logger;
}

/**
 * Run the scripted day.
 * @example
 * const report = await runDemo({ speed: 600, onProgress: (p) => draw(p) });
 * process.exitCode = report.ok ? 0 : 1;
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoReport> {
  const logger = options.logger ?? silentLogger;
  const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const from = clock.now();
  const started = performance.now();
  const emulator = createEmulator({ clock, rateLimitPerMinute: 0, logger });
  const org = orgControl(emulator);
  const speed = options.speed ?? 'max';
  const driver = speed === 'max' ? undefined : driveVirtualClock(clock, { speed });
  const solutions: DemoSolutionReport[] = [];
  let current: Runtime | undefined;
  let passed = 0;
  let failed = 0;

  const progress = (act: number, solution: string): void =>
    options.onProgress?.({
      act,
      acts: ACTS.length,
      solution,
      now: clock.now(),
      stats: current?.stats(),
      passed,
      failed,
    });

  try {
    for (const [i, act] of ACTS.entries()) {
      const expectations: Expectation[] = [];
      const title = SOLUTIONS.find((s) => s.id === act.solution)?.title ?? act.solution;
      let runs = 0;
      let error: string | undefined;
      const stopCurrent = async (): Promise<void> => {
        if (!current) return;
        runs += (await current.runs({ limit: 1000 })).length;
        await current.stop({ graceMs: 2_000 });
        current = undefined;
      };
      const wait = async (ms: number): Promise<void> => {
        const target = clock.now() + ms;
        if (driver) {
          await clock.sleep(ms);
        } else {
          for (;;) {
            await current?.idle();
            const due = clock.nextDue();
            if (due === undefined || due > target) break;
            await clock.advanceTo(due);
          }
          await clock.advanceTo(target);
        }
        await current?.idle();
        progress(i + 1, act.solution);
      };
      progress(i + 1, act.solution);
      try {
        await act.script({
          org,
          wait,
          runtime: async (bundle = 'main') => {
            await stopCurrent();
            current = await createRuntime({
              target: { kind: 'emulator', emulator },
              bundles: [loadSolution(act.solution, bundle)],
              clock,
              logger,
            });
            await current.start();
            return current;
          },
          expect: (what, expected, observed) => {
            const ok = expected === observed;
            if (ok) passed++;
            else failed++;
            expectations.push({ what, expected, observed, ok });
          },
        });
      } catch (e) {
        error = (e as Error).message;
        failed++;
      }
      await stopCurrent();
      solutions.push({
        solution: act.solution,
        title,
        bundle: act.bundle,
        ok: error === undefined && expectations.every((x) => x.ok),
        expectations,
        runs,
        ...(error === undefined ? {} : { error }),
      });
    }
  } finally {
    driver?.stop();
    await current?.stop({ graceMs: 1_000 });
    await emulator.close();
  }
  return {
    ok: solutions.every((s) => s.ok),
    from: new Date(from).toISOString(),
    to: new Date(clock.now()).toISOString(),
    realMs: Math.round(performance.now() - started),
    solutions,
  };
}

/**
 * The report as a plain-text table, one block per solution.
 * @example
 * process.stdout.write(renderDemoReport(report));
 */
export function renderDemoReport(report: DemoReport): string {
  const lines: string[] = [];
  for (const s of report.solutions) {
    lines.push(
      `${s.ok ? 'PASS' : 'FAIL'}  ${s.title} (${s.solution}, bundle ${s.bundle}) · ${s.runs} run${s.runs === 1 ? '' : 's'}`,
    );
    const w = Math.max(4, ...s.expectations.map((x) => x.what.length));
    const e = Math.max(8, ...s.expectations.map((x) => x.expected.length));
    for (const x of s.expectations)
      lines.push(`  ${x.ok ? '✓' : '✗'} ${x.what.padEnd(w)}  expected ${x.expected.padEnd(e)}  observed ${x.observed}`);
    if (s.error) lines.push(`  ✗ the act failed: ${s.error}`);
    lines.push('');
  }
  const total = report.solutions.flatMap((s) => s.expectations);
  lines.push(
    `${report.ok ? 'Every expectation held' : 'Some expectations did not hold'}: ${total.filter((x) => x.ok).length}/${total.length} · simulated ${report.from.slice(11, 19)}–${report.to.slice(11, 19)} in ${(report.realMs / 1000).toFixed(1)} s`,
  );
  return `${lines.join('\n')}\n`;
}
