/**
 * @module
 * Every CLI command, registered on the program. One file per command group.
 */
import type { Command } from 'commander';
import { registerAction } from './action.ts';
import { registerCall } from './call.ts';
import { registerCheck } from './check.ts';
import { registerEmulator } from './emulator.ts';
import { registerRuns } from './runs.ts';
import { registerStart } from './start.ts';
import { registerTrigger } from './trigger.ts';

/** Register all commands on `program`. */
export function registerCommands(program: Command): void {
  void program;
  registerAction(program);
  registerCall(program);
  registerCheck(program);
  registerEmulator(program);
  registerRuns(program);
  registerStart(program);
  registerTrigger(program);
}
