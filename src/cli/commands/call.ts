/**
 * @module
 * `switchboard call --from <user> --to <number> [--queue <id>] [--wait] [--json]`: place a call
 * on behalf of a user and (with `--wait`) follow it to its end.
 *
 * Target: `--target <base-url>` or `--region <region>` with `--client-id/--client-secret` (or
 * `GENESYSCLOUD_OAUTHCLIENT_ID/_SECRET`); else a real org from the `GENESYSCLOUD_*` environment
 * when `GENESYSCLOUD_OAUTHCLIENT_ID` is set; else an in-process emulator with the demo org (whose
 * test numbers +1 317 555 0100…0104 answer, are busy, never answer, fail, or answer then hang up).
 *
 * Exit codes: 0 placed (with `--wait`: and answered); 1 not answered (busy, no answer, failed) or
 * refused by the org (presence, station, permission, rate limit); 2 invalid input (bad number,
 * unknown user, malformed option).
 */
import type { Command } from 'commander';
import { SwitchboardError, SystemClock, isSwitchboardError } from '../../core/index.ts';
import type { Clock } from '../../core/index.ts';
import { createEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { createGenesysClient, genesysConfigFromEnv } from '../../genesys/index.ts';
import type { GenesysClient } from '../../genesys/index.ts';
import { isKnownRegion, memoryIdempotencyStore, placeCall, placedCallJson } from '../../outbound/index.ts';
import type { CallProgress, OutboundDeps, PlacedCall } from '../../outbound/index.ts';
import { errorJson, errorText } from '../error-output.ts';

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
  /** `--wait` limit in seconds (default 300). */
  readonly timeout?: string;
}

/** What {@link runCall} prints and exits with. */
export interface CallOutcome {
  exitCode: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

const invalid = (message: string, option: string): SwitchboardError => new SwitchboardError('SB_INPUT_INVALID', message, { details: { option } });

/** Input the user must fix → 2; the org or the far end said no → 1. */
function exitCodeOf(e: SwitchboardError): 1 | 2 {
  return e.status === 400 || e.status === 404 || e.status === 409 ? 2 : 1;
}

function parseTimeout(raw: string | undefined): number {
  if (raw === undefined) return 300_000;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > 86_400) throw invalid(`--timeout must be 1-86400 seconds; got "${raw}"`, '--timeout');
  return n * 1000;
}

interface Connection {
  readonly deps: OutboundDeps;
  readonly where: string;
  close(): Promise<void>;
}

function credentials(opts: CallOptions, env: Readonly<Record<string, string | undefined>>): { clientId: string; clientSecret: string } {
  const clientId = opts.clientId ?? env.GENESYSCLOUD_OAUTHCLIENT_ID;
  const clientSecret = opts.clientSecret ?? env.GENESYSCLOUD_OAUTHCLIENT_SECRET;
  if (!clientId || !clientSecret) {
    throw invalid('--target / --region need credentials: --client-id/--client-secret or GENESYSCLOUD_OAUTHCLIENT_ID/GENESYSCLOUD_OAUTHCLIENT_SECRET', '--client-id');
  }
  return { clientId, clientSecret };
}

function connect(opts: CallOptions, env: Readonly<Record<string, string | undefined>>, clock: Clock, base: Omit<OutboundDeps, 'fetch' | 'clock'>): Connection {
  let client: GenesysClient;
  if (opts.target !== undefined) client = createGenesysClient({ baseUrl: opts.target, ...credentials(opts, env), clock });
  else if (opts.region !== undefined) client = createGenesysClient({ region: opts.region, ...credentials(opts, env), clock });
  else if (env.GENESYSCLOUD_OAUTHCLIENT_ID) client = createGenesysClient({ ...genesysConfigFromEnv(env), clock });
  else {
    const emulator: Emulator = createEmulator({ seed: 'demo', clock, rateLimitPerMinute: 0 });
    const oauth = emulator.createClient({ name: 'switchboard call', roles: ['admin'] });
    const local = createGenesysClient({ baseUrl: 'http://emulator.local', clientId: oauth.clientId, clientSecret: oauth.clientSecret, clock, fetch: emulator.fetch });
    return {
      deps: { ...base, fetch: local.fetch, clock, events: (_id, listener) => emulator.services.events.subscribe(emulator.orgId, listener) },
      where: 'the in-process emulator (demo org)',
      close: () => emulator.close(),
    };
  }
  return { deps: { ...base, fetch: client.fetch, clock }, where: client.baseUrl, close: async () => undefined };
}

function time(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

function formatStep(p: CallProgress): string {
  return `  ${p.state.padEnd(13)}${time(p.at)}${p.disconnectType === undefined ? '' : `  (${p.disconnectType})`}\n`;
}

function formatCall(call: PlacedCall, where: string): string {
  const lines = [
    `${call.replayed ? 'call already placed (same idempotency key)' : 'call placed'}: conversation ${call.conversationId}`,
    `  on      ${where}`,
    `  user    ${call.userId}`,
    `  to      ${call.e164}`,
    ...(call.queueId === undefined ? [] : [`  queue   ${call.queueId}`]),
  ];
  return `${lines.join('\n')}\n${(call.steps ?? []).map(formatStep).join('')}`;
}

/**
 * Run `call` without touching the process (for tests and other front ends).
 * @example
 * const { exitCode, stdout } = await runCall({ from: 'bob@example.com', to: '(317) 555-0104', wait: true });
 */
export async function runCall(opts: CallOptions, env: Readonly<Record<string, string | undefined>> = process.env): Promise<CallOutcome> {
  const clock = new SystemClock();
  let connection: Connection | undefined;
  try {
    if (opts.to === undefined || opts.to.trim() === '') throw invalid('--to <number> is required', '--to');
    if (opts.from === undefined || opts.from.trim() === '') throw invalid('--from <user id | email | station:<id>> is required', '--from');
    const defaultRegion = opts.defaultRegion ?? 'US';
    if (!isKnownRegion(defaultRegion)) throw invalid(`--default-region must be an ISO 3166 alpha-2 code such as US or GB; got "${defaultRegion}"`, '--default-region');
    const timeoutMs = parseTimeout(opts.timeout);
    connection = connect(opts, env, clock, { defaultRegion, idempotency: memoryIdempotencyStore({ clock }), follow: { timeoutMs } });
    const call = await placeCall(connection.deps, {
      from: opts.from,
      to: opts.to,
      queueId: opts.queue,
      wait: opts.wait === true,
      idempotencyKey: opts.idempotencyKey,
    });
    const answered = !opts.wait || (call.steps ?? []).some((s) => s.state === 'connected');
    const stdout = opts.json ? `${JSON.stringify(placedCallJson(call), null, 2)}\n` : formatCall(call, connection.where);
    return { exitCode: answered ? 0 : 1, stdout, stderr: '' };
  } catch (e) {
    if (!isSwitchboardError(e)) throw e;
    const code = e.code === 'SB_INPUT_INVALID' ? 2 : exitCodeOf(e);
    return { exitCode: code, stdout: opts.json ? errorJson(e) : '', stderr: errorText(e) };
  } finally {
    await connection?.close();
  }
}

/** Register `call`. */
export function registerCall(program: Command): void {
  program
    .command('call')
    .description('Place a call on behalf of a user (click-to-dial) and optionally follow it: dialing → connected / busy / no answer / failed → disconnected.')
    .requiredOption('--from <user>', 'the caller: a user id, an email, or station:<stationId>')
    .requiredOption('--to <number>', 'the number as typed: "(317) 555-1234", "+44 20 7946 0958", "tel:+13175551234"')
    .option('--queue <id>', 'place the call on behalf of this queue')
    .option('--wait', 'follow the call until it is over (exit 1 if it was not answered)')
    .option('--json', 'print the result as JSON')
    .option('--target <base-url>', 'a Genesys Cloud API base URL (or a running emulator)')
    .option('--region <region>', 'a Genesys Cloud region, e.g. us-east-1, eu-central-1')
    .option('--client-id <id>', 'OAuth client id (default: GENESYSCLOUD_OAUTHCLIENT_ID)')
    .option('--client-secret <secret>', 'OAuth client secret (default: GENESYSCLOUD_OAUTHCLIENT_SECRET)')
    .option('--default-region <cc>', 'region of numbers typed without +country (default US)')
    .option('--idempotency-key <key>', 'a key that makes retrying this command safe: one key, one call')
    .option('--timeout <seconds>', 'how long --wait follows the call (default 300)')
    .action(async (opts: CallOptions) => {
      const outcome = await runCall(opts);
      process.stdout.write(outcome.stdout);
      process.stderr.write(outcome.stderr);
      process.exitCode = outcome.exitCode;
    });
}
