/**
 * @module
 * `switchboard demo [--json] [--speed N|max]`: run the scripted contact-center day and print, per
 * solution, what was expected and what the emulator observed. Progress goes to stderr (one
 * rewritten line on a TTY, plain lines otherwise). Exit 0 only if every expectation held.
 */
import type { Command } from 'commander';
import { renderDemoReport, runDemo } from '../../demo/index.ts';
import type { DemoProgress } from '../../demo/index.ts';
import { parseSpeed } from './start.ts';

function progressWriter(): { update(p: DemoProgress): void; done(): void } {
  const tty = process.stderr.isTTY === true;
  let lastAct = 0;
  return {
    update(p) {
      const clock = new Date(p.now).toISOString().slice(11, 19);
      const stats = p.stats
        ? ` · events ${p.stats.eventsReceived} · runs ${p.stats.runsStarted} started, ${p.stats.runsCompleted} completed`
        : '';
      const line = `[${p.act}/${p.acts}] ${p.solution} · ${clock}${stats} · ${p.passed} held, ${p.failed} not`;
      if (tty) process.stderr.write(`\r\x1b[2K${line}`);
      else if (p.act !== lastAct) process.stderr.write(`${line}\n`);
      lastAct = p.act;
    },
    done() {
      if (tty) process.stderr.write('\r\x1b[2K');
    },
  };
}

/** Register `switchboard demo`. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'Run a scripted contact-center day through every seed solution and check each expectation against the emulator',
    )
    .option('--json', 'print the report as JSON')
    .option('--speed <n>', 'simulated seconds per real second, or "max" (jump from timer to timer)', '600')
    .action(async (o: { json?: boolean; speed: string }) => {
      const speed = parseSpeed(o.speed, true);
      const progress = progressWriter();
      const report = await runDemo({ speed, onProgress: (p) => progress.update(p) });
      progress.done();
      process.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : renderDemoReport(report));
      process.exitCode = report.ok ? 0 : 1;
    });
}
