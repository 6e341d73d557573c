/**
 * @module
 * `switchboard call --from <user> --to <number> [--queue <id>] [--wait] [--json]`: place a call
 * on behalf of a user and (with `--wait`) follow it to its end.
 *
 * Target: `--target <base-url>` or `--region <region>` with `--client-id/--client-secret` (or
 * `GENESYSCLOUD_OAUTHCLIENT_ID/_SECRET`); else a real org from the `GENESYSCLOUD_*` environment
 * when `GENESYSCLOUD_OAUTHCLIENT_ID` is set; else an in-process emulator with the demo org (whose
 * test numbers +1 317 555 0100…0104 answer, are busy, never answer, fail, or answer then hang up;
 * `call --help` lists them).
 *
 * With `--wait` each state change is printed as it is seen (one line each; a JSON line each under
 * `--json`), until the call is over or `--timeout` (default 60 s) passes.
 *
 * Exit codes: 0 placed (with `--wait`: and answered); 1 not answered (busy, no answer, failed) or
 * refused by the org (presence, station, permission, rate limit); 2 invalid input (bad number,
 * unknown user, malformed option).
 */
import type { Command } from 'commander';
import { SwitchboardError, SystemClock, isSwitchboardError } from '../../core/index.ts';
import type { Clock } from '../../core/index.ts';
import { DEFAULT_TIMING, createEmulator, testNumbers } from '../../emulator/index.ts';
import type { Emulator, TestNumber } from '../../emulator/index.ts';
import { createGenesysClient, genesysConfigFromEnv } from '../../genesys/index.ts';
import type { GenesysClient } from '../../genesys/index.ts';
import {
  OutboundErrors,
  isKnownRegion,
  memoryIdempotencyStore,
  placeCall,
  placedCallJson,
} from '../../outbound/index.ts';
import type { CallProgress, OutboundDeps, PlacedCall } from '../../outbound/index.ts';
import { errorText } from '../error-output.ts';

/** Options of {@link runCall}. */
export interface CallOptions {
  readonly from?: string;
  readonly to?: string;
  readonly queue?: string;
  readonly wait?: boolean;
  readonly json?: boolean;
  readonly target?: string;
  readonly region?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Region of national numbers (default US). */
  readonly defaultRegion?: string;
  readonly idempotencyKey?: string;
  /** `--wait` limit in seconds (default 60). */
  readonly timeout?: string;
}

/** What {@link runCall} prints and exits with. */
export interface CallOutcome {
  exitCode: 0 | 1 | 2;
  /** Everything printed on stdout, including what was already streamed to the writer. */
  stdout: string;
  stderr: string;
}

/** How long `--wait` follows a call by default: longer than a test number's longest call (31 s of ringing). */
export const DEFAULT_WAIT_SECONDS = 60;

const invalid = (message: string, option: string): SwitchboardError =>
  new SwitchboardError('SB_INPUT_INVALID', message, { details: { option } });

/** Input the user must fix → 2; the org or the far end said no → 1. */
function exitCodeOf(e: SwitchboardError): 1 | 2 {
  return e.status === 400 || e.status === 404 || e.status === 409 ? 2 : 1;
}

function parseTimeout(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_WAIT_SECONDS * 1000;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > 86_400)
    throw invalid(`--timeout must be 1-86400 seconds; got "${raw}"`, '--timeout');
  return n * 1000;
}

interface Connection {
  readonly deps: OutboundDeps;
  readonly where: string;
  /** The in-process emulator: nothing outlives the command. */
  readonly inProcess: boolean;
  close(): Promise<void>;
}

function credentials(
  opts: CallOptions,
  env: Readonly<Record<string, string | undefined>>,
): { clientId: string; clientSecret: string } {
  const clientId = opts.clientId ?? env.GENESYSCLOUD_OAUTHCLIENT_ID;
  const clientSecret = opts.clientSecret ?? env.GENESYSCLOUD_OAUTHCLIENT_SECRET;
  if (!clientId || !clientSecret) {
    throw invalid(
      '--target / --region need credentials: --client-id/--client-secret or GENESYSCLOUD_OAUTHCLIENT_ID/GENESYSCLOUD_OAUTHCLIENT_SECRET',
      '--client-id',
    );
  }
  return { clientId, clientSecret };
}

function connect(
  opts: CallOptions,
  env: Readonly<Record<string, string | undefined>>,
  clock: Clock,
  base: Omit<OutboundDeps, 'fetch' | 'clock'>,
): Connection {
  let client: GenesysClient;
  if (opts.target !== undefined)
    client = createGenesysClient({ baseUrl: opts.target, ...credentials(opts, env), clock });
  else if (opts.region !== undefined)
    client = createGenesysClient({ region: opts.region, ...credentials(opts, env), clock });
  else if (env.GENESYSCLOUD_OAUTHCLIENT_ID) client = createGenesysClient({ ...genesysConfigFromEnv(env), clock });
  else {
    const emulator: Emulator = createEmulator({ seed: 'demo', clock, rateLimitPerMinute: 0 });
    const oauth = emulator.createClient({ name: 'switchboard call', roles: ['admin'] });
    const local = createGenesysClient({
      baseUrl: 'http://emulator.local',
      clientId: oauth.clientId,
      clientSecret: oauth.clientSecret,
      clock,
      fetch: emulator.fetch,
    });
    return {
      deps: {
        ...base,
        fetch: local.fetch,
        clock,
        events: (_id, listener) => emulator.services.events.subscribe(emulator.orgId, listener),
      },
      where: 'the in-process emulator (demo org)',
      inProcess: true,
      close: () => emulator.close(),
    };
  }
  return {
    deps: { ...base, fetch: client.fetch, clock },
    where: client.baseUrl,
    inProcess: false,
    close: async () => undefined,
  };
}

/** `HH:MM:SS.mmm` in local time, as the log lines show it. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** One human line per state change: `  12:00:01.234  connected`. */
export function formatStep(p: CallProgress): string {
  return `  ${clockTime(p.at)}  ${p.state}${p.disconnectType === undefined ? '' : `  (${p.disconnectType})`}\n`;
}

/** One JSON line per state change. */
function stepJson(p: CallProgress): string {
  return `${JSON.stringify({ event: 'state', conversationId: p.conversationId, state: p.state, at: new Date(p.at).toISOString(), source: p.source, ...(p.disconnectType === undefined ? {} : { disconnectType: p.disconnectType }) })}\n`;
}

function formatPlaced(call: PlacedCall, where: string, inProcess: boolean): string {
  const lines = [
    `${call.replayed ? 'call already placed (same idempotency key)' : 'call placed'}: conversation ${call.conversationId}`,
    `  on      ${where}`,
    `  user    ${call.userId}`,
    `  to      ${call.e164}`,
    ...(call.queueId === undefined ? [] : [`  queue   ${call.queueId}`]),
    // The form the other commands take the id in (action test, flow run).
    `  input   --input '${JSON.stringify({ conversationId: call.conversationId })}'`,
    ...(inProcess
      ? [
          '  note    the in-process emulator and this call end with this command; --target a running `switchboard emulator` to keep the call',
        ]
      : []),
  ];
  return `${lines.join('\n')}\n`;
}

function summary(steps: readonly CallProgress[]): string {
  if (steps.some((s) => s.state === 'connected')) return 'call over: answered\n';
  const why = steps.find((s) => s.state === 'busy' || s.state === 'no-answer' || s.state === 'failed');
  return `call over: not answered${why ? ` (${why.state})` : ''}\n`;
}

/**
 * Run `call` without touching the process (for tests and other front ends). `write`, when given,
 * receives stdout as it is produced (the placed call, then each state change), so a person sees
 * the call progress live; the outcome's `stdout` holds the same text.
 * @example
 * const { exitCode, stdout } = await runCall({ from: 'bob@example.com', to: '(317) 555-0104', wait: true }, process.env, (t) => process.stdout.write(t));
 */
export async function runCall(
  opts: CallOptions,
  env: Readonly<Record<string, string | undefined>> = process.env,
  write?: (text: string) => void,
): Promise<CallOutcome> {
  const clock = new SystemClock();
  let connection: Connection | undefined;
  let stdout = '';
  const print = (text: string): void => {
    stdout += text;
    write?.(text);
  };
  try {
    if (opts.to === undefined || opts.to.trim() === '') throw invalid('--to <number> is required', '--to');
    if (opts.from === undefined || opts.from.trim() === '')
      throw invalid('--from <user id | email | station:<id>> is required', '--from');
    const defaultRegion = opts.defaultRegion ?? 'US';
    if (!isKnownRegion(defaultRegion))
      throw invalid(
        `--default-region must be an ISO 3166 alpha-2 code such as US or GB; got "${defaultRegion}"`,
        '--default-region',
      );
    const timeoutMs = parseTimeout(opts.timeout);
    connection = connect(opts, env, clock, {
      defaultRegion,
      idempotency: memoryIdempotencyStore({ clock }),
      follow: { timeoutMs },
    });
    const call = await placeCall(connection.deps, {
      from: opts.from,
      to: opts.to,
      queueId: opts.queue,
      wait: false,
      idempotencyKey: opts.idempotencyKey,
    });
    const { json } = opts;
    print(
      json
        ? `${JSON.stringify({ event: 'placed', ...placedCallJson(call) })}\n`
        : formatPlaced(call, connection.where, connection.inProcess),
    );
    if (!opts.wait) return { exitCode: 0, stdout, stderr: '' };
    if (!json) print(`following the call until it is over (up to ${timeoutMs / 1000} s):\n`);
    const steps: CallProgress[] = [];
    try {
      for await (const step of call.progress) {
        steps.push(step);
        print(json ? stepJson(step) : formatStep(step));
      }
    } catch (e) {
      if (isSwitchboardError(e) && e.code === OutboundErrors.SB_OUTBOUND_PROGRESS_TIMEOUT) {
        throw new SwitchboardError(
          e.code,
          `${e.message}; --timeout <seconds> waits longer (now ${timeoutMs / 1000} s)`,
          { details: e.details, cause: e },
        );
      }
      throw e;
    }
    if (!json) print(summary(steps));
    return { exitCode: steps.some((s) => s.state === 'connected') ? 0 : 1, stdout, stderr: '' };
  } catch (e) {
    if (!isSwitchboardError(e)) throw e;
    const code = e.code === 'SB_INPUT_INVALID' ? 2 : exitCodeOf(e);
    if (opts.json) print(`${JSON.stringify({ error: e.toJSON() })}\n`);
    return { exitCode: code, stdout, stderr: errorText(e) };
  } finally {
    await connection?.close();
  }
}

/** `+13175550104` → `+1 317 555 0104`, as the help shows the NANP test numbers. */
function spaced(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `+1 ${m[1]} ${m[2]} ${m[3]}` : e164;
}

/** What a test number's far end does, with the emulator's default timings. */
function outcomeText(t: TestNumber): string {
  const s = (ms: number): string => `${ms / 1000} s`;
  const { answerAfterMs, ringTimeoutMs, talkMs } = DEFAULT_TIMING;
  switch (t.outcome) {
    case 'answer':
      return `answers after ${s(answerAfterMs)} and stays connected (--wait then times out; hang up from the console)`;
    case 'answer-then-hang-up':
      return `answers after ${s(answerAfterMs)}, hangs up ${s(talkMs)} later (--wait: exit 0)`;
    case 'busy':
      return 'busy: the call ends at once (--wait: exit 1)';
    case 'no-answer':
      return `never answers: rings ${s(ringTimeoutMs)}, then no-answer (--wait: exit 1)`;
    case 'failure':
      return 'network failure: the call fails at once (--wait: exit 1)';
  }
}

/**
 * The `call --help` section on the emulator's test numbers.
 * @example
 * testNumbersHelp().includes('+1 317 555 0101') // → true
 */
export function testNumbersHelp(): string {
  const rows = testNumbers().map((t) => `  ${spaced(t.number).padEnd(17)} ${t.outcome.padEnd(20)} ${outcomeText(t)}`);
  return [
    '',
    "Test numbers of the emulator (the in-process one, or a 'switchboard emulator' given with --target):",
    ...rows,
    `  any other number  ${''.padEnd(20)} rings until the emulator's control API decides, or ${DEFAULT_TIMING.ringTimeoutMs / 1000} s pass`,
    '',
    'Example:',
    '  switchboard call --from bob@example.com --to "+1 317 555 0104" --wait',
    '',
  ].join('\n');
}

/** Register `call`. */
export function registerCall(program: Command): void {
  program
    .command('call')
    .description(
      'Place a call on behalf of a user (click-to-dial) and optionally follow it: dialing → connected / busy / no answer / failed → disconnected.',
    )
    .requiredOption('--from <user>', 'the caller: a user id, an email, or station:<stationId>')
    .requiredOption('--to <number>', 'the number as typed: "(317) 555-1234", "+44 20 7946 0958", "tel:+13175551234"')
    .option('--queue <id>', 'place the call on behalf of this queue')
    .option('--wait', 'print each state change until the call is over (exit 1 if it was not answered)')
    .option('--json', 'print JSON lines: the placed call, then (with --wait) one line per state change')
    .option('--target <base-url>', 'a Genesys Cloud API base URL (or a running emulator)')
    .option('--region <region>', 'a Genesys Cloud region, e.g. us-east-1, eu-central-1')
    .option('--client-id <id>', 'OAuth client id (default: GENESYSCLOUD_OAUTHCLIENT_ID)')
    .option('--client-secret <secret>', 'OAuth client secret (default: GENESYSCLOUD_OAUTHCLIENT_SECRET)')
    .option('--default-region <cc>', 'region of numbers typed without +country (default US)')
    .option('--idempotency-key <key>', 'a key that makes retrying this command safe: one key, one call')
    .option('--timeout <seconds>', `how long --wait follows the call (default ${DEFAULT_WAIT_SECONDS})`)
    .addHelpText('after', testNumbersHelp())
    .action(async (opts: CallOptions) => {
      const outcome = await runCall(opts, process.env, (text) => process.stdout.write(text));
      process.stderr.write(outcome.stderr);
      process.exitCode = outcome.exitCode;
    });
}
