/**
 * @module
 * The `switchboard` command line: parses arguments and hands off to the commands.
 */
import { Command, CommanderError } from 'commander';
import { isSwitchboardError, switchboardPackage } from '../core/index.ts';
import { registerCommands } from './commands/index.ts';
import { asSwitchboardError, errorJson, errorText, jsonRequested } from './error-output.ts';

/**
 * Build the command tree (exported for tests): every command, or, given the argument vector, only
 * the command it names (see `registerCommands`).
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command();
  program
    .name('switchboard')
    .description(
      'Run Genesys Cloud triggers, Architect workflows and data actions locally, against an embedded emulator or a real org.',
    )
    .version(switchboardPackage(import.meta.dirname).version)
    .showHelpAfterError()
    .exitOverride();
  await registerCommands(program, argv);
  return program;
}

/**
 * Run the CLI and return the process exit code.
 * Exit codes: 0 success, 1 a negative result (no match, failure), 2 invalid input.
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const program = await buildProgram(argv);
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    const json = jsonRequested(argv);
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
        return 0;
      // Commander has already written its message to stderr.
      if (json) process.stdout.write(errorJson(asSwitchboardError(e)));
      return 2;
    }
    if (isSwitchboardError(e)) {
      process.stderr.write(errorText(e));
      if (json) process.stdout.write(errorJson(e));
      return e.retry === 'never' ? 2 : 1;
    }
    process.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    if (json) process.stdout.write(errorJson(asSwitchboardError(e)));
    return 1;
  }
}
