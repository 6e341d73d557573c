/**
 * @module
 * How every command reports an error: the human text on stderr and, with `--json`, one JSON object
 * `{ "error": { code, message, retry, hint, details? } }` on stdout, so a script reading stdout
 * always gets something to parse, whatever the outcome.
 */
import { CommanderError } from 'commander';
import { SwitchboardError, escapeInvisible, isSwitchboardError } from '../core/index.ts';

/**
 * The human form of an error, for stderr: `error <code>: <message>` and the hint. A character
 * nobody can see (a byte order mark, a zero-width space quoted from a file) is written as an escape.
 */
export function errorText(e: SwitchboardError): string {
  return escapeInvisible(`error ${e.code}: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}`);
}

/** The machine form of an error, for stdout under `--json`: `{ "error": {...} }`, pretty-printed, one line feed, invisible characters escaped. */
export function errorJson(e: SwitchboardError): string {
  return `${escapeInvisible(JSON.stringify({ error: e.toJSON() }, null, 2))}\n`;
}

/** Whether the command line asks for JSON output: a `--json` flag before any `--` terminator. */
export function jsonRequested(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/**
 * Any thrown value as a {@link SwitchboardError}: a commander parse error is invalid input
 * (`SB_INPUT_INVALID`), anything else unexpected is `SB_INTERNAL`.
 */
export function asSwitchboardError(e: unknown): SwitchboardError {
  if (isSwitchboardError(e)) return e;
  if (e instanceof CommanderError)
    return new SwitchboardError('SB_INPUT_INVALID', e.message.replace(/^error: /, ''), {
      details: { commanderCode: e.code },
    });
  return new SwitchboardError('SB_INTERNAL', e instanceof Error ? e.message : String(e), { cause: e });
}
