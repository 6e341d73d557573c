/**
 * @module
 * `switchboard emulator`: serve the embedded Genesys Cloud emulator on a port, print the base URL,
 * the admin client and the environment lines that point a client (or Switchboard) at it.
 */
import type { Command } from 'commander';
import { SwitchboardError, SystemClock } from '../../core/index.ts';
import { createEmulator } from '../../emulator/index.ts';
import { orgAutomation } from '../../runtime/index.ts';
import type { SeedName } from '../../emulator/index.ts';
import { LOG_FORMAT_HELP, LOG_LEVEL_HELP } from '../log-output.ts';
import type { LogOptions } from '../log-output.ts';
import { stderrLogger, untilSignal } from './process.ts';
import { createThirdPartyFetch } from '../../third-party/index.ts';
import { thirdPartyLine, thirdPartyOf, withThirdPartyOptions } from '../third-party-options.ts';
import type { ThirdPartyCliOptions } from '../third-party-options.ts';

/** Default state file, relative to the working directory. */
export const DEFAULT_STATE_FILE = '.switchboard/emulator.sqlite';

/** What {@link serveEmulator} takes. */
export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly seed: SeedName;
  readonly statePath: string;
  readonly rateLimitPerMinute?: number;
  readonly adminClient?: { id: string; secret: string };
  /** `--log-format` / `--log-level`. */
  readonly log?: LogOptions;
  /** `--mocks` / `--passthrough`: what the org's data actions meet on other hosts. */
  readonly thirdParty?: ThirdPartyCliOptions;
}

function invalid(option: string, problem: string): SwitchboardError {
  return new SwitchboardError('SB_INPUT_INVALID', `${option} ${problem}`, { details: { option } });
}

/** Parse `--port`; throws `SB_INPUT_INVALID` naming the option. */
export function parsePort(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw invalid('--port', `must be an integer between 0 and 65535; got "${raw}"`);
  return n;
}

function parseAdminClient(raw: string): { id: string; secret: string } {
  const i = raw.indexOf(':');
  if (i <= 0 || i === raw.length - 1) throw invalid('--admin-client', `must be <id>:<secret>; got "${raw}"`);
  return { id: raw.slice(0, i), secret: raw.slice(i + 1) };
}

function parseSeed(raw: string): SeedName {
  if (raw !== 'demo' && raw !== 'empty') throw invalid('--seed', `must be demo or empty; got "${raw}"`);
  return raw;
}

function parseRateLimit(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw invalid('--rate-limit', `must be a whole number of requests per minute (0 = no limit); got "${raw}"`);
  return n;
}

/**
 * Start the emulator, print how to reach it, and serve until SIGINT / SIGTERM.
 * @example
 * await serveEmulator({ port: 8080, host: '127.0.0.1', seed: 'demo', statePath: DEFAULT_STATE_FILE });
 */
export async function serveEmulator(opts: ServeOptions): Promise<void> {
  const logger = stderrLogger(opts.log);
  const spec = thirdPartyOf(opts.thirdParty ?? {});
  const thirdParty = createThirdPartyFetch({ ...spec, clock: new SystemClock() });
  const emulator = createEmulator({
    thirdParty: thirdParty.fetch,
    seed: opts.seed,
    statePath: opts.statePath,
    rateLimitPerMinute: opts.rateLimitPerMinute,
    adminClient: opts.adminClient,
    logger,
    // What is deployed to it runs there: its triggers start its published workflows.
    automation: orgAutomation(),
  });
  let listening;
  try {
    listening = await emulator.listen(opts.port, opts.host);
  } catch (e) {
    await emulator.close();
    await thirdParty.close();
    throw invalid('--port', `${opts.port} on ${opts.host} cannot be served: ${(e as Error).message}`);
  }
  const { url } = listening;
  // Listen for the signals before the banner tells anyone the emulator is up: a SIGTERM sent on
  // reading it must stop the emulator cleanly, not kill it by default.
  const stopped = untilSignal();
  const limit = opts.rateLimitPerMinute ?? 300;
  process.stdout.write(
    [
      `Switchboard emulator listening on ${url}`,
      `  org ${emulator.orgId} · seed ${opts.seed} · state ${opts.statePath} · rate limit ${limit === 0 ? 'off' : `${limit}/min per token`}`,
      `  admin OAuth client (role admin): ${emulator.admin.clientId}${opts.adminClient ? '' : ' (generated)'}`,
      `  control API: ${url}/_switchboard/`,
      `  third party (data actions' other hosts): ${thirdPartyLine(opts.thirdParty ?? {}, spec)}`,
      '',
      'Point a client at it:',
      `GENESYSCLOUD_API_URL=${url}`,
      `GENESYSCLOUD_OAUTHCLIENT_ID=${emulator.admin.clientId}`,
      `GENESYSCLOUD_OAUTHCLIENT_SECRET=${emulator.admin.clientSecret}`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const signal = await stopped;
  await emulator.close();
  await thirdParty.close();
  process.stdout.write(`emulator stopped (${signal})\n`);
}

/** Register `switchboard emulator`. */
export function registerEmulator(program: Command): void {
  const command = program
    .command('emulator')
    .description('Serve the embedded Genesys Cloud emulator (OAuth + Platform API) on a port')
    .option('--port <port>', 'port to listen on (0 = any free port)', '8080')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--admin-client <id:secret>', 'fixed admin OAuth client credentials (random when absent)')
    .option('--seed <seed>', 'initial data of a new state: demo or empty', 'demo')
    .option('--state <file>', 'SQLite state file (":memory:" keeps nothing)', DEFAULT_STATE_FILE)
    .option('--rate-limit <n>', 'requests per minute per token (0 = no limit)', '300')
    .option('--log-format <format>', LOG_FORMAT_HELP, 'auto')
    .option('--log-level <level>', LOG_LEVEL_HELP);
  withThirdPartyOptions(command).action(
    async (
      o: {
        port: string;
        host: string;
        adminClient?: string;
        seed: string;
        state: string;
        rateLimit: string;
      } & LogOptions &
        ThirdPartyCliOptions,
    ) => {
      await serveEmulator({
        port: parsePort(o.port),
        host: o.host,
        seed: parseSeed(o.seed),
        statePath: o.state,
        rateLimitPerMinute: parseRateLimit(o.rateLimit),
        adminClient: o.adminClient === undefined ? undefined : parseAdminClient(o.adminClient),
        log: { logFormat: o.logFormat, logLevel: o.logLevel },
        thirdParty: {
          ...(o.mocks === undefined ? {} : { mocks: o.mocks }),
          ...(o.passthrough ? { passthrough: o.passthrough } : {}),
        },
      });
    },
  );
}
