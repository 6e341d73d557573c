/**
 * @module
 * Every CLI command, registered on the program. One file per command group.
 */
import type { Command } from 'commander';
import { registerAction } from './action.ts';
import { registerCall } from './call.ts';
import { registerCheck } from './check.ts';
import { registerDemo } from './demo.ts';
import { registerEmulator } from './emulator.ts';
import { registerFlow } from './flow.ts';
import { registerRuns } from './runs.ts';
import { registerStart } from './start.ts';
import { registerTrigger } from './trigger.ts';
import { registerUp } from './up.ts';

/** Register all commands on `program`. */
export function registerCommands(program: Command): void {
  void program;
  registerAction(program);
  registerCall(program);
  registerCheck(program);
  registerDemo(program);
  registerEmulator(program);
  registerFlow(program);
  registerRuns(program);
  registerStart(program);
  registerTrigger(program);
  registerUp(program);
}
