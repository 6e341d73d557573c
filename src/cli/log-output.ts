/**
 * @module
 * How the long-running commands log: pino, written synchronously to stderr, as JSON lines for a
 * machine (stderr is not a terminal, or `--log-format json`) or as human lines formatted by
 * pino-pretty (a terminal, or `--log-format pretty`). The level comes from `--log-level`, else
 * `SWITCHBOARD_LOG_LEVEL`, else `info`.
 */
import pino from 'pino';
import { prettyFactory } from 'pino-pretty';
import { SwitchboardError } from '../core/index.ts';
import type { Logger } from '../core/index.ts';

/** The values of `--log-format`. */
const LOG_FORMATS = ['auto', 'pretty', 'json'] as const;

/** What `--log-format` asks for: `auto` is pretty on a terminal and JSON otherwise. */
export type LogFormat = (typeof LOG_FORMATS)[number];

/** The values of `--log-level`, quietest last. */
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** A pino level name. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The level when neither `--log-level` nor `SWITCHBOARD_LOG_LEVEL` names one. */
const DEFAULT_LOG_LEVEL: LogLevel = 'info';

/** The logging options of a long-running command, as commander hands them over. */
export interface LogOptions {
  readonly logFormat?: string | undefined;
  readonly logLevel?: string | undefined;
}

/** Help text of `--log-format`. */
export const LOG_FORMAT_HELP =
  'log lines on stderr: auto (human lines on a terminal, JSON lines otherwise), pretty or json';

/** Help text of `--log-level`. */
export const LOG_LEVEL_HELP = `least severe level logged: ${LOG_LEVELS.join(', ')} (default: SWITCHBOARD_LOG_LEVEL or ${DEFAULT_LOG_LEVEL})`;

function invalid(option: string, message: string): SwitchboardError {
  return new SwitchboardError('SB_INPUT_INVALID', message, { details: { option } });
}

/**
 * Parse `--log-format`; throws `SB_INPUT_INVALID` naming the option.
 * @example
 * parseLogFormat('json') // → 'json'
 */
export function parseLogFormat(raw: string | undefined): LogFormat {
  if (raw === undefined) return 'auto';
  const v = raw.trim().toLowerCase();
  if (!(LOG_FORMATS as readonly string[]).includes(v))
    throw invalid('--log-format', `--log-format must be one of ${LOG_FORMATS.join(', ')}; got "${raw}"`);
  return v as LogFormat;
}

/**
 * The level from `--log-level`, else the environment's `SWITCHBOARD_LOG_LEVEL`, else `info`;
 * throws `SB_INPUT_INVALID` naming whichever of the two is not a level.
 * @example
 * parseLogLevel(undefined, { SWITCHBOARD_LOG_LEVEL: 'warn' }) // → 'warn'
 */
export function parseLogLevel(
  raw: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): LogLevel {
  const [value, from] =
    raw !== undefined
      ? [raw, '--log-level']
      : env.SWITCHBOARD_LOG_LEVEL
        ? [env.SWITCHBOARD_LOG_LEVEL, 'SWITCHBOARD_LOG_LEVEL']
        : [DEFAULT_LOG_LEVEL, '--log-level'];
  const v = value.trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(v))
    throw invalid(from, `${from} must be one of ${LOG_LEVELS.join(', ')}; got "${value}"`);
  return v as LogLevel;
}

/**
 * Whether log lines are human (`pretty`) or JSON: `auto` follows whether stderr is a terminal.
 * @example
 * resolveLogFormat('auto', false) // → 'json'
 */
export function resolveLogFormat(format: LogFormat, stderrIsTty: boolean): 'pretty' | 'json' {
  if (format === 'auto') return stderrIsTty ? 'pretty' : 'json';
  return format;
}

/** What {@link createCliLogger} takes. */
export interface CliLoggerOptions {
  readonly format: 'pretty' | 'json';
  readonly level: LogLevel;
  /** Colour the human lines (default: stderr is a terminal and `NO_COLOR` is unset). */
  readonly colorize?: boolean;
  /** Where lines go (default: file descriptor 2, written synchronously). */
  readonly write?: (text: string) => void;
  /** Text never written (a database password…): replaced by `***` in every line. */
  readonly secrets?: readonly string[];
}

/** `text` with every secret (as given, and as escaped inside a JSON string) replaced by `***`. */
function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length < 3) continue;
    for (const form of new Set([s, JSON.stringify(s).slice(1, -1)])) out = out.split(form).join('***');
  }
  return out;
}

/**
 * Human log lines: `[12:00:01.234] WARN: notification socket error {"channelId":"…"}`; a child
 * logger's `component` leads the message instead of trailing in the object.
 * @example
 * const format = prettyLines(false); format('{"level":40,"time":0,"msg":"x"}')
 */
export function prettyLines(colorize: boolean): (jsonLine: string) => string {
  return prettyFactory({
    colorize,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,component',
    messageFormat: '{if component}{component}: {end}{msg}',
  });
}

/**
 * A pino logger for a CLI process. Both formats write each line synchronously as it is logged
 * (pino-pretty formats in-process, no worker thread), so lines keep their order with what the
 * command prints and none is lost when the process exits.
 * @example
 * const logger = createCliLogger({ format: 'pretty', level: 'info' });
 */
export function createCliLogger(options: CliLoggerOptions): Logger {
  const base = options.write ? { write: options.write } : pino.destination({ dest: 2, sync: true });
  const secrets = options.secrets ?? [];
  const sink = secrets.length === 0 ? base : { write: (text: string) => void base.write(scrubSecrets(text, secrets)) };
  if (options.format === 'json') return pino({ level: options.level }, sink);
  const colorize = options.colorize ?? (process.stderr.isTTY === true && process.env.NO_COLOR === undefined);
  const format = prettyLines(colorize);
  return pino({ level: options.level }, { write: (line: string) => void sink.write(format(line)) });
}

/**
 * The logger of a long-running command from its `--log-format` / `--log-level` options.
 * @example
 * const logger = loggerFromOptions({ logFormat: 'json', logLevel: 'debug' });
 */
export function loggerFromOptions(
  o: LogOptions,
  env: Readonly<Record<string, string | undefined>> = process.env,
  secrets: readonly string[] = [],
): Logger {
  const format = resolveLogFormat(parseLogFormat(o.logFormat), process.stderr.isTTY === true);
  return createCliLogger({ format, level: parseLogLevel(o.logLevel, env), secrets });
}
