/**
 * @module
 * `switchboard start` (what `npm start` runs): the emulator with the demo org on a port, the
 * runtime with the five solutions it ships, the console and runtime API on another port, and a
 * simulated contact-center day on a virtual clock running `--speed` times real time, until
 * SIGINT / SIGTERM.
 */
import type { Command } from 'commander';
import { SwitchboardError, VirtualClock } from '../../core/index.ts';
import { embeddedEmulatorLink, serveConsole } from '../../console/index.ts';
import { createEmulator } from '../../emulator/index.ts';
import { startScenario } from '../../demo/index.ts';
import { thirdPartyOf, withThirdPartyOptions } from '../third-party-options.ts';
import { createThirdPartyFetch } from '../../third-party/index.ts';
import type { ThirdPartyCliOptions } from '../third-party-options.ts';
import { createRuntime, driveVirtualClock, loadShippedSolutions, orgControl } from '../../runtime/index.ts';
import { parsePort } from './emulator.ts';
import { LOG_FORMAT_HELP, LOG_LEVEL_HELP } from '../log-output.ts';
import type { LogOptions } from '../log-output.ts';
import { serveUntilSignal, stderrLogger } from './process.ts';
import { DB_OPTION_HELP, databaseOf, openPostgresRef, storeLine } from './database.ts';

/** Parse `--speed`; throws `SB_INPUT_INVALID` naming the option. */
export function parseSpeed(raw: string, allowMax = false): number | 'max' {
  if (allowMax && raw === 'max') return 'max';
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > 1_000_000) {
    throw new SwitchboardError(
      'SB_INPUT_INVALID',
      `--speed must be a positive number of simulated seconds per real second${allowMax ? ' or "max"' : ''}; got "${raw}"`,
      { details: { option: '--speed' } },
    );
  }
  return n;
}

interface StartOptions extends LogOptions, ThirdPartyCliOptions {
  port: string;
  host: string;
  apiPort: string;
  speed: string;
  db?: string;
  scenario: boolean;
}

async function start(o: StartOptions): Promise<void> {
  const port = parsePort(o.port);
  const apiPort = parsePort(o.apiPort);
  const speed = parseSpeed(o.speed) as number;
  const database = databaseOf(o.db);
  const thirdParty = thirdPartyOf(o);
  const logger = stderrLogger(o, database?.secrets);
  const clock = new VirtualClock(Date.now());
  // The org's own action runs (`…/execute`, the SDK's) meet the same mocks as the runtime's.
  const emulatorThirdParty = createThirdPartyFetch({ ...thirdParty, clock });
  const emulator = createEmulator({
    clock,
    seed: 'demo',
    statePath: ':memory:',
    logger,
    thirdParty: emulatorThirdParty.fetch,
  });
  await serveUntilSignal(async (closeLater) => {
    closeLater(() => emulator.close());
    closeLater(() => emulatorThirdParty.close());
    let listening;
    try {
      listening = await emulator.listen(port, o.host);
    } catch (e) {
      throw new SwitchboardError(
        'SB_INPUT_INVALID',
        `--port ${port} on ${o.host} cannot be served: ${(e as Error).message}`,
        { details: { option: '--port' } },
      );
    }
    const shipped = loadShippedSolutions();
    const store = database?.kind === 'postgres' ? await openPostgresRef(database, clock) : undefined;
    if (store) closeLater(() => store.close());
    const runtime = await createRuntime({
      target: { kind: 'emulator', emulator },
      bundles: shipped.map((s) => s.loaded),
      clock,
      logger,
      thirdParty,
      ...(store ? { store } : database?.kind === 'sqlite' ? { dbPath: database.path } : {}),
    });
    await runtime.start();
    closeLater(() => runtime.stop({ graceMs: 2_000 }));
    const driver = driveVirtualClock(clock, { speed });
    closeLater(() => driver.stop());
    let consoleUrl: string;
    try {
      const c = await serveConsole({
        runtime,
        emulator: embeddedEmulatorLink(emulator),
        port: apiPort,
        host: '127.0.0.1',
        logger,
        secrets: [emulator.admin.clientSecret, ...(database?.secrets ?? [])],
      });
      closeLater(() => c.close());
      consoleUrl = c.openUrl;
    } catch (e) {
      throw new SwitchboardError(
        'SB_INPUT_INVALID',
        `--api-port ${apiPort} on 127.0.0.1 cannot be served: ${(e as Error).message}`,
        { details: { option: '--api-port' } },
      );
    }
    const scenario = o.scenario
      ? startScenario({
          org: orgControl(emulator),
          clock,
          logger,
          placeCall: (from, to) => runtime.placeCall({ from, to }),
        })
      : undefined;
    if (scenario) closeLater(() => scenario.stop());

    const base = consoleUrl.replace(/\?.*$/, '').replace(/\/$/, '');
    const lines = [
      'Switchboard is running.',
      `  console         ${consoleUrl}`,
      `  runtime API     ${base}/api/health`,
      `  emulator        ${listening.url}  (Genesys Cloud API, OAuth, notifications; control API ${listening.url}/_switchboard/)`,
      `  virtual time    ×${speed} (one simulated minute every ${(60 / speed).toFixed(1)} s), starting ${new Date(clock.now()).toISOString()}`,
      `  store           ${storeLine(database)}`,
      `  simulated day   ${scenario ? 'agents calling, customers calling the Support queue, callbacks, presence changes' : 'off (--no-scenario)'}`,
      '',
      'Solutions (the main bundle of each):',
      ...shipped.map((s) => `  ${s.solution.id.padEnd(24)} ${s.bundle.path.padEnd(35)} ${s.bundle.summary}`),
      '',
      'Point a Genesys client at the emulator:',
      `GENESYSCLOUD_API_URL=${listening.url}`,
      `GENESYSCLOUD_OAUTHCLIENT_ID=${emulator.admin.clientId}`,
      `GENESYSCLOUD_OAUTHCLIENT_SECRET=${emulator.admin.clientSecret}`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ];
    process.stdout.write(lines.join('\n'));
  });
}

/** Register `switchboard start`. */
export function registerStart(program: Command): void {
  const command = program
    .command('start')
    .description(
      'Start Switchboard locally: the emulator with a demo org, the runtime with the five solutions it ships, the console, and a simulated contact-center day',
    )
    .option('--port <port>', 'emulator port', '8080')
    .option('--host <host>', 'interface the emulator binds', '127.0.0.1')
    .option('--api-port <port>', 'console and runtime API port (bound to 127.0.0.1)', '3000')
    .option('--speed <n>', 'simulated seconds per real second', '60')
    .option('--db <file|url>', DB_OPTION_HELP)
    .option('--no-scenario', 'do not simulate traffic (drive the emulator yourself)')
    .option('--log-format <format>', LOG_FORMAT_HELP, 'auto')
    .option('--log-level <level>', LOG_LEVEL_HELP);
  withThirdPartyOptions(command).action(async (o: StartOptions) => start(o));
}
