/**
 * @module
 * Process plumbing shared by the long-running commands (`start`, `up`): a stderr logger and
 * waiting for SIGINT / SIGTERM.
 */
import pino from 'pino';
import type { Logger } from '../../core/index.ts';

/** A pino logger on stderr, level from `SWITCHBOARD_LOG_LEVEL` (default `warn`). */
export function stderrLogger(): Logger {
  return pino({ level: process.env.SWITCHBOARD_LOG_LEVEL ?? 'warn' }, pino.destination(2));
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
