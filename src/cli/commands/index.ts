/**
 * @module
 * Every CLI command, by name, with a loader for the one file that registers it. Loading is lazy:
 * a command's file (and the contexts it imports) is read only when that command runs, so
 * `switchboard --version` or `trigger test` does not pay for the emulator, the runtime or the console.
 */
import type { Command } from 'commander';

/** Registers one top-level command (and its subcommands) on the program. */
type RegisterCommand = (program: Command) => void;

/** The loaders of every top-level command, in the order `--help` lists them. */
const COMMAND_LOADERS: Readonly<Record<string, () => Promise<RegisterCommand>>> = {
  start: async () => (await import('./start.ts')).registerStart,
  demo: async () => (await import('./demo.ts')).registerDemo,
  emulator: async () => (await import('./emulator.ts')).registerEmulator,
  up: async () => (await import('./up.ts')).registerUp,
  trigger: async () => (await import('./trigger.ts')).registerTrigger,
  action: async () => (await import('./action.ts')).registerAction,
  flow: async () => (await import('./flow.ts')).registerFlow,
  check: async () => (await import('./check.ts')).registerCheck,
  runs: async () => (await import('./runs.ts')).registerRuns,
  call: async () => (await import('./call.ts')).registerCall,
  deploy: async () => (await import('./deploy.ts')).registerDeploy,
  export: async () => (await import('./deploy.ts')).registerExport,
};

/**
 * The top-level command an argument vector names: the first argument after the script that is not
 * an option, when it is a known command (else `undefined`: help, version or a typo).
 * @example
 * commandNamed(['node', 'switchboard', 'trigger', 'test', 't.json']) // 'trigger'
 * commandNamed(['node', 'switchboard', '--version']) // undefined
 */
function commandNamed(argv: readonly string[]): string | undefined {
  const first = argv.slice(2).find((a) => !a.startsWith('-'));
  return first !== undefined && Object.hasOwn(COMMAND_LOADERS, first) ? first : undefined;
}

/**
 * Register the commands an argument vector needs: only the named command when there is one, every
 * command otherwise (so `--help` and a mistyped command still list them all). `--version` alone
 * needs none.
 */
export async function registerCommands(program: Command, argv?: readonly string[]): Promise<void> {
  const named = argv ? commandNamed(argv) : undefined;
  if (named) {
    (await COMMAND_LOADERS[named]!())(program);
    return;
  }
  const rest = argv?.slice(2) ?? [];
  if (rest.length > 0 && rest.every((a) => a === '--version' || a === '-V')) return;
  const registers = await Promise.all(Object.values(COMMAND_LOADERS).map((load) => load()));
  for (const register of registers) register(program);
}
