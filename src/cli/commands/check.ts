/**
 * @module
 * `switchboard check <dir> [--json]`: static analysis of a bundle (a folder with
 * `switchboard.json` / `bundle.json`) or a plain folder of Genesys artifacts. The report lists
 * what was loaded and every file skipped with why; a folder where nothing loads is an error.
 * Exit codes: 0 no error findings, 1 at least one error finding, 2 the folder cannot be read.
 */
import type { Command } from 'commander';
import { checkPath, renderReport, reportJson } from '../../blueprints/index.ts';

/** Register `switchboard check`. */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(
      'Check a folder of Genesys artifacts (triggers, flows, data actions, Terraform) or a bundle for defects: missing data actions, unassigned variables, inputs the trigger never sends, invalid defaults, unescaped inputs, missing permissions, unknown fields. Exit 0 without errors, 1 with errors, 2 when the folder cannot be read.',
    )
    .argument(
      '<dir>',
      'a bundle folder (with switchboard.json) or any folder of *.custom.json, *.i3WorkFlow, *.yaml, trigger *.json, *.tf files',
    )
    .option('--json', 'print the report as JSON: what was loaded, what was skipped and why, the findings')
    .option(
      '--blueprints-dir <dir>',
      'root of @blueprints/ paths in a bundle manifest (default: SWITCHBOARD_BLUEPRINTS_DIR, else SWITCHBOARD_SHARED_DIR/blueprints; no default root otherwise)',
    )
    .action((dir: string, opts: { json?: boolean; blueprintsDir?: string }) => {
      const report = checkPath(dir, opts.blueprintsDir ? { blueprintsDir: opts.blueprintsDir } : {});
      process.stdout.write(opts.json ? reportJson(report) : renderReport(report));
      process.exitCode = report.counts.error > 0 ? 1 : 0;
    });
}
