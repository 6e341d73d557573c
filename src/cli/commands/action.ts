/**
 * @module
 * `switchboard action test <file.custom.json> --input '<json>'|@<file> [--place-call] [--target <base-url>] [--json]`:
 * run one data action (a `.custom.json` export, an integrations-API body or Terraform attributes)
 * and print its trace. Without `--target` it runs against an in-process emulator seeded with the
 * demo org; with `--target` against that API base URL, as the OAuth client given by
 * `--client-id/--client-secret` or `GENESYSCLOUD_OAUTHCLIENT_ID/_SECRET`.
 * `--place-call` first places a demo call on the in-process emulator (bob@example.com to the test
 * number +1 317 555 0100, which answers and stays connected) and fills the input's
 * `conversationId` with it, for actions that need a live conversation.
 * Exit codes: 0 success, 1 failure or timeout, 2 an invalid action file or option.
 */
import { readFileSync } from 'node:fs';
import { artifactText } from '../artifact-input.ts';
import type { ArtifactInputOptions } from '../artifact-input.ts';
import type { Command } from 'commander';
import { compileAction, executeAction, formatTrace, loadActionText, redactValue } from '../../actions/index.ts';
import type { ActionResult, CompiledAction, ExecuteOptions } from '../../actions/index.ts';
import { SwitchboardError, SystemClock, isPlainObject, tryParseJson } from '../../core/index.ts';
import { createEmulator } from '../../emulator/index.ts';
import { createGenesysClient } from '../../genesys/index.ts';
import { placeCall } from '../../outbound/index.ts';
import { errorJson, errorText } from '../error-output.ts';
import { createThirdPartyFetch } from '../../third-party/index.ts';
import { credentialsOf, thirdPartyOf, withCredentialOptions, withThirdPartyOptions } from '../third-party-options.ts';
import type { CredentialCliOptions, ThirdPartyCliOptions } from '../third-party-options.ts';

/** Options of {@link runActionTest}. */
export interface ActionTestOptions extends ArtifactInputOptions, ThirdPartyCliOptions, CredentialCliOptions {
  readonly input?: string;
  readonly target?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly json?: boolean;
  readonly timeout?: string;
  /** Place a demo call on the in-process emulator and fill `conversationId` with its id. */
  readonly placeCall?: boolean;
}

/** The demo call `--place-call` places: a demo user with a station, to the test number that answers and stays connected. */
export const DEMO_CALL = { from: 'bob@example.com', to: '+13175550100' } as const;

/** What {@link runActionTest} prints and exits with. */
export interface ActionTestOutcome {
  exitCode: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

const invalid = (message: string, option: string): SwitchboardError =>
  new SwitchboardError('SB_INPUT_INVALID', message, { details: { option } });

/** `--input`: a JSON object, or `@file` naming a file that holds one (JSON never starts with `@`). */
function parseInput(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined) return {};
  let text = raw;
  let from = '';
  if (raw.startsWith('@')) {
    const file = raw.slice(1);
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw invalid(`--input @<file> must name a readable file; ${file}: ${(e as Error).message}`, '--input');
    }
    from = ` in ${file}`;
  }
  const parsed = tryParseJson(text);
  if (!parsed.ok || !isPlainObject(parsed.value))
    throw invalid(`--input must be a JSON object${from}; got ${JSON.stringify(text.slice(0, 80))}`, '--input');
  return parsed.value;
}

function parseTimeoutOption(raw: string | undefined): { timeoutMs?: number } {
  if (raw === undefined) return {};
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > 60)
    throw invalid(`--timeout must be 1-60 seconds; got "${raw}"`, '--timeout');
  return { timeoutMs: n * 1000 };
}

/** What {@link execute} ran: the result, and the demo call it placed first (`--place-call`). */
interface Executed {
  readonly result: ActionResult;
  readonly conversationId?: string;
}

/** What requests beyond Genesys Cloud meet, and the integration's credentials. */
interface Reach {
  readonly thirdParty: ReturnType<typeof thirdPartyOf>;
  readonly auth: ReturnType<typeof credentialsOf>;
}

async function execute(
  action: CompiledAction,
  input: Record<string, unknown>,
  opts: ActionTestOptions,
  env: Readonly<Record<string, string | undefined>>,
  reach: Reach,
): Promise<Executed> {
  const clock = new SystemClock();
  const tp = createThirdPartyFetch({ ...reach.thirdParty, clock });
  try {
    return await executeWith(action, input, opts, env, clock, {
      thirdParty: tp.fetch,
      ...(reach.auth ? { auth: reach.auth } : {}),
    });
  } finally {
    await tp.close();
  }
}

async function executeWith(
  action: CompiledAction,
  input: Record<string, unknown>,
  opts: ActionTestOptions,
  env: Readonly<Record<string, string | undefined>>,
  clock: SystemClock,
  extra: Pick<ExecuteOptions, 'thirdParty' | 'auth'>,
): Promise<Executed> {
  const common = { ...parseTimeoutOption(opts.timeout), ...extra };
  if (opts.target !== undefined) {
    const clientId = opts.clientId ?? env.GENESYSCLOUD_OAUTHCLIENT_ID;
    const clientSecret = opts.clientSecret ?? env.GENESYSCLOUD_OAUTHCLIENT_SECRET;
    if (!clientId || !clientSecret)
      throw invalid(
        '--target needs credentials: --client-id/--client-secret or GENESYSCLOUD_OAUTHCLIENT_ID/GENESYSCLOUD_OAUTHCLIENT_SECRET',
        '--client-id',
      );
    const client = createGenesysClient({ baseUrl: opts.target, clientId, clientSecret, clock, maxAttempts: 1 });
    return {
      result: await executeAction(action, input, { fetch: client.fetch, clock, baseUrl: client.baseUrl, ...common }),
    };
  }
  const emulator = createEmulator({ seed: 'demo', clock, rateLimitPerMinute: 0 });
  try {
    const oauth = emulator.createClient({ name: 'switchboard action test', roles: ['admin'] });
    const client = createGenesysClient({
      baseUrl: 'http://emulator.local',
      clientId: oauth.clientId,
      clientSecret: oauth.clientSecret,
      clock,
      fetch: emulator.fetch,
      maxAttempts: 1,
    });
    if (!opts.placeCall)
      return { result: await executeAction(action, input, { fetch: client.fetch, clock, ...common }) };
    const call = await placeCall({ fetch: client.fetch, clock }, { from: DEMO_CALL.from, to: DEMO_CALL.to });
    const withCall = { ...input, conversationId: call.conversationId };
    return {
      result: await executeAction(action, withCall, { fetch: client.fetch, clock, ...common }),
      conversationId: call.conversationId,
    };
  } finally {
    await emulator.close();
  }
}

/**
 * Run `action test` without touching the process (for tests and other front ends).
 * @example
 * const { exitCode, stdout } = await runActionTest('Get-Callback-Priority.custom.json', { input: '{"conversationId":"c1"}' });
 */
export async function runActionTest(
  file: string,
  opts: ActionTestOptions,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<ActionTestOutcome> {
  let action: CompiledAction;
  let input: Record<string, unknown>;
  let reach: Reach;
  try {
    const text = artifactText(file, 'action', opts, (f) => {
      try {
        return readFileSync(f, 'utf8');
      } catch (e) {
        throw new SwitchboardError(
          'SB_FILE_UNREADABLE',
          `an action file must be readable; ${f}: ${(e as Error).message}`,
          { details: { file: f } },
        );
      }
    });
    action = compileAction(loadActionText(text, file));
    input = parseInput(opts.input);
    if (opts.placeCall && opts.target !== undefined) {
      throw invalid(
        '--place-call places its call on the in-process emulator, not on --target; place one there with `switchboard call --target …` and pass its id in --input',
        '--place-call',
      );
    }
    if (opts.placeCall && 'conversationId' in input)
      throw invalid(
        '--place-call fills conversationId with the call it places; leave conversationId out of --input',
        '--place-call',
      );
    parseTimeoutOption(opts.timeout);
    reach = { thirdParty: thirdPartyOf(opts), auth: credentialsOf(opts) };
  } catch (e) {
    if (!(e instanceof SwitchboardError)) throw e;
    return { exitCode: 2, stdout: opts.json ? errorJson(e) : '', stderr: errorText(e) };
  }
  const { result, conversationId } = await execute(action, input, opts, env, reach);
  // A secure action's outputs are hidden like its trace (HELP-CDA); formatTrace does the same.
  const hide = (v: unknown): unknown => (result.trace.secure ? redactValue(v) : v);
  const placed = conversationId === undefined ? undefined : { conversationId, from: DEMO_CALL.from, to: DEMO_CALL.to };
  const stdout = opts.json
    ? `${JSON.stringify({ ...(placed ? { placedCall: placed } : {}), status: result.status, outputs: hide(result.outputs), flattened: hide(result.flattened), trace: result.trace }, null, 2)}\n`
    : `${placed ? `placed a demo call: conversation ${placed.conversationId} (${placed.from} → ${placed.to}); input conversationId = "${placed.conversationId}"\n\n` : ''}${formatTrace(result)}`;
  return { exitCode: result.status === 'success' ? 0 : 1, stdout, stderr: '' };
}

/** Register `action test`. */
export function registerAction(program: Command): void {
  const action = program
    .command('action')
    .description('Data actions (.custom.json exports, integrations API bodies, Terraform attributes).');
  const test = action
    .command('test <file>')
    .description(
      'Run a data action and print its trace: rendered request, raw response, translation map, success template, validation. The file: a .custom.json export, an API body, Terraform attributes as JSON, or a .tf file / Terraform folder (--resource)',
    )
    .option(
      '--resource <address>',
      'the genesyscloud_integration_action of a .tf file or Terraform folder (needed when it holds several)',
    )
    .option('--var <name=value>', 'a Terraform variable (repeatable)', (v: string, p: string[] | undefined) => [
      ...(p ?? []),
      v,
    ])
    .option('--var-file <file>', 'a Terraform .tfvars file (repeatable)', (v: string, p: string[] | undefined) => [
      ...(p ?? []),
      v,
    ])
    .option('--input <json>', 'the input object, as JSON, or @<file> to read it from a file', '{}')
    .option(
      '--target <base-url>',
      'a Genesys Cloud API base URL (or a running emulator); default: an in-process emulator with the demo org',
    )
    .option('--client-id <id>', 'OAuth client id for --target (default: GENESYSCLOUD_OAUTHCLIENT_ID)')
    .option('--client-secret <secret>', 'OAuth client secret for --target (default: GENESYSCLOUD_OAUTHCLIENT_SECRET)')
    .option('--timeout <seconds>', "override the action's timeout (1-60)")
    .option(
      '--place-call',
      `first place a demo call on the in-process emulator (${DEMO_CALL.from} to ${DEMO_CALL.to}, which answers) and fill the input's conversationId with it`,
    )
    .option('--json', 'print the result and trace as JSON');
  withCredentialOptions(withThirdPartyOptions(test)).action(async (file: string, opts: ActionTestOptions) => {
    const outcome = await runActionTest(file, opts);
    process.stdout.write(outcome.stdout);
    process.stderr.write(outcome.stderr);
    process.exitCode = outcome.exitCode;
  });
}
