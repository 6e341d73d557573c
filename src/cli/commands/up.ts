/**
 * @module
 * `switchboard up <dir>`: run a user's own bundle (triggers + flows + data actions, see
 * docs/seed-corrections.md for the manifest) the way `start` runs the seeds, until interrupted:
 * against an embedded emulator (default), an emulator URL (`--target`), or a real org (`--org`,
 * credentials from GENESYSCLOUD_* variables; detail events are pushed to `POST /events`).
 *
 * On `--target` the runtime registers its `POST /events` as the emulator's EventBridge API
 * destination (`--source push`, the default): the emulator queues and retries, so events that
 * happen while this process is down or restarting arrive afterwards. `--source websocket` reads
 * a Notifications channel instead, which loses what happens while it is disconnected.
 */
import type { Command } from 'commander';
import { basename, resolve } from 'node:path';
import { SwitchboardError, SystemClock } from '../../core/index.ts';
import { TOKEN_HEADER, embeddedEmulatorLink, serveConsole, urlEmulatorLink } from '../../console/index.ts';
import { createEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { genesysConfigFromEnv } from '../../genesys/index.ts';
import { createRuntime, provisionOrgData, targetCredentials } from '../../runtime/index.ts';
import { hasOrgData, withOrgIds } from '../../blueprints/index.ts';
import type { Credentials, RuntimeTarget } from '../../runtime/index.ts';
import { parsePort } from './emulator.ts';
import { LOG_FORMAT_HELP, LOG_LEVEL_HELP } from '../log-output.ts';
import type { LogOptions } from '../log-output.ts';
import { serveUntilSignal, stderrLogger } from './process.ts';
import { collect, loadCommandFolderFor, withFolderOptions } from '../folder-input.ts';
import type { FolderInputOptions } from '../folder-input.ts';
import { DB_OPTION_HELP, databaseOf, openPostgresRef, storeLine } from './database.ts';
import { thirdPartyLine, thirdPartyOf, withThirdPartyOptions } from '../third-party-options.ts';
import type { ThirdPartyCliOptions } from '../third-party-options.ts';
import { createThirdPartyFetch } from '../../third-party/index.ts';
import type { ThirdParty } from '../../third-party/index.ts';

/** The access token of the console and runtime API when they bind off loopback, shared by processes. */
const API_TOKEN_ENV = 'SWITCHBOARD_API_TOKEN';

interface UpOptions extends LogOptions, FolderInputOptions, ThirdPartyCliOptions {
  target?: string;
  source?: string;
  maxPendingEvents?: string;
  org?: boolean;
  db?: string;
  port: string;
  apiPort: string;
  apiHost: string;
}

/** A port that cannot be listened on (in use, not permitted), as `start` and `emulator` report it. */
function cannotServe(option: string, port: number, e: unknown, host = '127.0.0.1'): SwitchboardError {
  return new SwitchboardError(
    'SB_INPUT_INVALID',
    `${option} ${port} on ${host} cannot be served: ${(e as Error).message}`,
    { details: { option } },
  );
}

/** Parse `--source`: how events of an emulator URL reach the runtime. */
function parseSource(raw: string | undefined, target: string | undefined): 'push' | 'websocket' {
  if (raw === undefined) return 'push';
  if (!target)
    throw new SwitchboardError(
      'SB_INPUT_INVALID',
      '--source applies to --target (an emulator URL) only; the embedded emulator delivers in process and a real org pushes to POST /events',
      { details: { option: '--source' } },
    );
  if (raw !== 'push' && raw !== 'websocket')
    throw new SwitchboardError('SB_INPUT_INVALID', `--source must be push or websocket; got "${raw}"`, {
      details: { option: '--source' },
    });
  return raw;
}

/** Parse `--max-pending-events`. */
function parseMaxPending(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000)
    throw new SwitchboardError(
      'SB_INPUT_INVALID',
      `--max-pending-events must be a whole number from 1 to 1000000; got "${raw}"`,
      { details: { option: '--max-pending-events' } },
    );
  return n;
}

async function up(dir: string, o: UpOptions): Promise<void> {
  if (o.target && o.org)
    throw new SwitchboardError(
      'SB_INPUT_INVALID',
      '--target and --org are exclusive; give one of them (or neither, for the embedded emulator)',
      { details: { option: '--target' } },
    );
  const source = parseSource(o.source, o.target);
  const maxPendingEvents = parseMaxPending(o.maxPendingEvents);
  const apiPort = parsePort(o.apiPort);
  const thirdParty = thirdPartyOf(o);
  const database = databaseOf(o.db);
  const logger = stderrLogger(o, database?.secrets);
  let emulator: Emulator | undefined;
  let emulatorThirdParty: ThirdParty | undefined;
  let target: RuntimeTarget;
  let where: string;
  // Scrubbed from every console answer, as `start` does with the emulator's admin secret.
  const secrets: string[] = [...(database?.secrets ?? [])];
  if (o.org) {
    const config = genesysConfigFromEnv(process.env);
    secrets.push(config.clientSecret);
    target = { kind: 'org', config };
    where = `org ${config.baseUrl} (events: push them to POST /events)`;
  } else if (o.target) {
    target = { kind: 'emulator-url', url: o.target };
    where = `emulator ${o.target} (events: ${source === 'push' ? 'pushed by its EventBridge API destination to POST /events' : 'notifications websocket; lost while disconnected'})`;
  } else {
    // The org's own action runs (`…/execute`, the SDK's) meet the same mocks as the runtime's.
    emulatorThirdParty = createThirdPartyFetch({ ...thirdParty, clock: new SystemClock() });
    emulator = createEmulator({ seed: 'demo', statePath: ':memory:', logger, thirdParty: emulatorThirdParty.fetch });
    secrets.push(emulator.admin.clientSecret);
    const port = parsePort(o.port);
    let listening;
    try {
      listening = await emulator.listen(port, '127.0.0.1');
    } catch (e) {
      await emulator.close();
      await emulatorThirdParty.close();
      throw cannotServe('--port', port, e);
    }
    target = { kind: 'emulator', emulator };
    where = `embedded emulator ${listening.url} (demo org)`;
  }
  let bundle;
  try {
    // Data sources are looked up in the target, as terraform plan reads them from the org.
    // The client is made only if the folder has a data source to look up.
    let client: ReturnType<Credentials['client']> | undefined;
    const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
      client ??= targetCredentials(target, new SystemClock(), logger).client({
        name: `${basename(resolve(dir))} / data sources`,
        role: 'admin',
      });
      return (await client).client.fetch(input, init);
    };
    bundle = await loadCommandFolderFor(dir, o, { fetch, emulator: target.kind !== 'org' });
  } catch (e) {
    await emulator?.close();
    await emulatorThirdParty?.close();
    throw e;
  }
  await serveUntilSignal(async (closeLater) => {
    if (emulator) closeLater(() => emulator.close());
    if (emulatorThirdParty) closeLater(() => emulatorThirdParty.close());
    const store = database?.kind === 'postgres' ? await openPostgresRef(database) : undefined;
    if (store) closeLater(() => store.close());
    // As `terraform apply` would, the project's data tables, queues … exist before its flows run;
    // a real org is left as it is (`switchboard deploy` is what changes an org).
    const provisioned =
      target.kind !== 'org' && hasOrgData(bundle.orgData)
        ? await provisionOrgData(
            (
              await targetCredentials(target, new SystemClock(), logger).client({
                name: `${bundle.name} / org data`,
                role: 'admin',
              })
            ).client,
            bundle.orgData,
          )
        : undefined;
    const created = provisioned?.lines ?? [];
    // A trigger matching a project's queue must match the queue the org created, not the synthetic id.
    const running = provisioned ? withOrgIds(bundle, provisioned.ids) : bundle;
    const runtime = await createRuntime({
      target,
      bundles: [running],
      logger,
      thirdParty,
      ...(target.kind === 'emulator-url' ? { eventSource: source } : {}),
      ...(store ? { store } : database?.kind === 'sqlite' ? { dbPath: database.path } : {}),
    });
    closeLater(() => runtime.stop({ graceMs: 5_000 }));
    const link = emulator ? embeddedEmulatorLink(emulator) : o.target ? urlEmulatorLink(o.target) : undefined;
    let c;
    const token = process.env[API_TOKEN_ENV] || undefined;
    try {
      // Off loopback (several processes behind a load balancer) every request needs the access
      // token: SWITCHBOARD_API_TOKEN shares one between processes, else one is generated.
      c = await serveConsole({
        runtime,
        emulator: link,
        port: apiPort,
        host: o.apiHost,
        logger,
        secrets,
        ...(token ? { token } : {}),
        ...(maxPendingEvents === undefined ? {} : { maxPendingEvents }),
      });
    } catch (e) {
      throw cannotServe('--api-port', apiPort, e, o.apiHost);
    }
    closeLater(() => c.close());
    // The API listens first: the emulator pushes to it as soon as it is registered.
    const pushTo =
      target.kind === 'emulator-url' && source === 'push'
        ? { url: `${c.url}events`, ...(c.token ? { headers: { [TOKEN_HEADER]: c.token } } : {}) }
        : undefined;
    await runtime.start(pushTo ? { eventDestination: pushTo } : {});
    process.stdout.write(
      [
        `Switchboard is running bundle "${bundle.name}" (${dir}).`,
        // A token the operator set is not echoed; a generated one is shown once, in the URL.
        `  console       ${token ? `${c.url}  (token: ${API_TOKEN_ENV})` : c.openUrl}`,
        `  runtime API   ${c.url}api/health`,
        `  target        ${where}`,
        `  store         ${storeLine(database)}`,
        `  third party   ${thirdPartyLine(o, thirdParty)}`,
        // One object a line: a worktype brings its statuses, transitions and rules.
        ...created.map((line, i) => `${i === 0 ? '  org data' : ''}`.padEnd(16) + line),
        `  triggers      ${
          runtime
            .triggers()
            .map((t) => `${t.name} → ${t.workflow}`)
            .join('; ') || 'none'
        }`,
        '',
        'Press Ctrl+C to stop.',
        '',
      ].join('\n'),
    );
  });
}

/** Register `switchboard up`. */
export function registerUp(program: Command): void {
  withThirdPartyOptions(
    withFolderOptions(
      program
        .command('up')
        .description(
          'Run your own bundle (switchboard.json: triggers, flows, data actions), a Terraform project or a blueprint folder against the emulator or a real org',
        )
        .argument(
          '<dir>',
          'a bundle folder, a Terraform project or a blueprint repository (without switchboard.json the bundle is inferred and printed)',
        ),
    )
      .option(
        '--credential <name=value>',
        "a credential field of the folder's own web services integration, its actions' and its exported custom auth action's ${credentials.<name>} (repeatable; without switchboard.json)",
        collect,
      )
      .option('--target <url>', 'an emulator URL (switchboard emulator)')
      .option(
        '--source <source>',
        "with --target, how events arrive: push (the emulator's EventBridge API destination: queued and retried, nothing lost while this process is down) or websocket (a notifications channel: loses events while disconnected)",
        undefined,
      )
      .option(
        '--max-pending-events <n>',
        'pushed events in intake at once before POST /events answers 429 with Retry-After',
        undefined,
      )
      .option('--org', 'a real org, from GENESYSCLOUD_OAUTHCLIENT_ID / _SECRET / _REGION or _API_URL')
      .option('--db <file|url>', DB_OPTION_HELP)
      .option('--port <port>', 'port of the embedded emulator', '8080')
      .option('--api-port <port>', 'console and runtime API port', '3000')
      .option(
        '--api-host <host>',
        `interface the console and runtime API bind; off loopback every request needs the access token (${API_TOKEN_ENV}, else generated and shown in the console URL)`,
        '127.0.0.1',
      )
      .option('--log-format <format>', LOG_FORMAT_HELP, 'auto')
      .option('--log-level <level>', LOG_LEVEL_HELP),
  ).action(async (dir: string, o: UpOptions) => up(dir, o));
}
