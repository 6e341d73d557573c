/**
 * @module
 * Process plumbing shared by the long-running commands (`start`, `up`, `emulator`): a stderr logger, waiting
 * for SIGINT / SIGTERM, and closing what was started in reverse order.
 */
import type { Logger } from '../../core/index.ts';
import { loggerFromOptions } from '../log-output.ts';
import type { LogOptions } from '../log-output.ts';

/**
 * The stderr logger of a long-running command: human lines on a terminal, JSON lines otherwise
 * (`--log-format`), level from `--log-level`, else `SWITCHBOARD_LOG_LEVEL`, else `info`; `secrets`
 * (a database password) never appear in a line.
 * Throws `SB_INPUT_INVALID` for an unknown format or level.
 */
export function stderrLogger(options: LogOptions = {}, secrets: readonly string[] = []): Logger {
  return loggerFromOptions(options, process.env, secrets);
}

/** Resolve with the signal name on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

/** Something to close on shutdown. */
export type Closer = () => Promise<void> | void;

/**
 * Run `start`, which registers what it opens with `closeLater`; if it fails, close what it opened
 * and rethrow. Otherwise serve until SIGINT / SIGTERM, then close everything in reverse order.
 */
export async function serveUntilSignal(start: (closeLater: (closer: Closer) => void) => Promise<void>): Promise<void> {
  const closers: Closer[] = [];
  const shutdown = async (): Promise<void> => {
    for (const c of closers.reverse()) await c();
  };
  // Listen before `start` prints its banner: a SIGTERM sent on reading it must shut down cleanly.
  const stopped = untilSignal();
  try {
    await start((c) => closers.push(c));
  } catch (e) {
    await shutdown();
    throw e;
  }
  const signal = await stopped;
  await shutdown();
  process.stdout.write(`switchboard stopped (${signal})\n`);
}
