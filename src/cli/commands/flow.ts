/**
 * @module
 * `switchboard flow run <flow file> --actions <dir> --input '<json>' [--event <file>] [--rebind '<json>'] [--substitutions '<json>'] [--target <base-url>] [--json]`:
 * run one Architect flow (`.i3WorkFlow` or Archy `.yaml`) once, its data actions loaded from a
 * folder of `.custom.json` files and executed against the embedded demo emulator (default) or a
 * base URL. Waits pass on a virtual clock (instantly). Every step that took a failure path says
 * why. Exit 0 when the flow completed, 1 when it failed, 2 for invalid input (a data action the
 * flow calls that is not in the `--actions` folder included).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { SwitchboardError, VirtualClock, silentLogger } from '../../core/index.ts';
import type { Clock } from '../../core/index.ts';
import { callsOtherService, executeAction, redactValue } from '../../actions/index.ts';
import type { CompiledAction } from '../../actions/index.ts';
import {
  ArchitectErrors,
  callGenesysApi,
  importFlowFile,
  invalidFlowError,
  rebindDataActions,
  runFlow,
  validateFlow,
  withCommonModules,
} from '../../architect/index.ts';
import { bindExportSuffixes, calledDataActions } from '../../blueprints/index.ts';
import type { Flow, FlowStepTools, StepRecord } from '../../architect/index.ts';
import { createEmulator } from '../../emulator/index.ts';
import type { Emulator } from '../../emulator/index.ts';
import { GENESYS_ENV } from '../../genesys/index.ts';
import { targetCredentials } from '../../runtime/index.ts';
import { statusText } from '../../workflows/index.ts';
import type { RuntimeTarget } from '../../runtime/index.ts';
import { createThirdPartyFetch } from '../../third-party/index.ts';
import { collect } from '../folder-input.ts';
import { folderActions } from '../action-folders.ts';
import { flowOfFile } from '../flow-file-input.ts';
import { flowRunValues, inputsNotGiven } from '../flow-run-values.ts';
import { credentialsOf, thirdPartyOf, withCredentialOptions, withThirdPartyOptions } from '../third-party-options.ts';
import type { CredentialCliOptions, ThirdPartyCliOptions } from '../third-party-options.ts';

interface FlowRunOptions extends ThirdPartyCliOptions, CredentialCliOptions {
  actions?: string;
  input: string;
  event?: string;
  dataFormat?: string;
  rebind?: string;
  substitutions?: string;
  options?: string;
  module?: string[];
  var?: string[];
  varFile?: string[];
  target?: string;
  json?: boolean;
}

function invalid(option: string, message: string): SwitchboardError {
  return new SwitchboardError('SB_INPUT_INVALID', message, { details: { option } });
}

function targetOf(url: string | undefined): { target: RuntimeTarget; emulator?: Emulator } {
  if (!url) {
    const emulator = createEmulator({ seed: 'demo', rateLimitPerMinute: 0 });
    return { target: { kind: 'emulator', emulator }, emulator };
  }
  const id = process.env[GENESYS_ENV.clientId];
  const secret = process.env[GENESYS_ENV.clientSecret];
  const base = url.replace(/\/+$/, '');
  if (id && secret)
    return {
      target: {
        kind: 'org',
        config: { clientId: id, clientSecret: secret, baseUrl: base, tokenUrl: `${base}/oauth/token` },
      },
    };
  return { target: { kind: 'emulator-url', url: base } };
}

/** A `--module` file: an Archy YAML common module ("commonModule:"). */
function commonModuleOf(file: string, params: Record<string, string> | undefined): Flow {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw invalid('--module', `--module must name a readable common module file; ${file}: ${(e as Error).message}`);
  }
  const module = importFlowFile(basename(file), text, { ...(params ? { params } : {}) });
  if (module.type !== 'commonModule')
    throw invalid(
      '--module',
      `--module must name a common module (Archy YAML "commonModule:"); ${file} is a ${module.type}`,
    );
  return module;
}

/** Refuse a flow calling data actions that are not loaded: each call could only fail. */
function requireDataActions(flow: Flow, actions: ReadonlyMap<string, CompiledAction>, dir: string | undefined): void {
  const missing = calledDataActions(flow).filter((n) => !actions.has(n));
  if (missing.length === 0) return;
  const named = missing.map((n) => {
    const near = [...actions.keys()].find((k) => k.toLowerCase() === n.toLowerCase());
    return `${JSON.stringify(n)}${near ? ` (did you mean ${JSON.stringify(near)}?)` : ''}`;
  });
  const where =
    dir === undefined
      ? 'and no --actions folder was given'
      : `which ${dir} does not hold${actions.size > 0 ? ` (it holds ${[...actions.keys()].map((k) => JSON.stringify(k)).join(', ')})` : ' (it holds no data action)'}`;
  throw new SwitchboardError(
    ArchitectErrors.SB_ARCHITECT_DATA_ACTION_UNRESOLVED,
    `the data actions a flow calls must be loaded; "${flow.name}" calls ${named.join(', ')}, ${where}`,
    {
      details: { flow: flow.name, dataActions: missing, option: '--actions' },
    },
  );
}

/** Why a data-action step took its failure or timeout path, from the failure outputs. */
function failureReason(status: string, outputs: Record<string, unknown>): string {
  const text = (v: unknown): string | undefined =>
    typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
  const head = [text(outputs.status), text(outputs.errorCode)].filter((x) => x !== undefined).join(' ');
  const message = text(outputs.userMessage) ?? text(outputs.errorMessage);
  const reason = [head, message].filter((x) => x !== undefined && x !== '').join(': ');
  return reason === ''
    ? status === 'timeout'
      ? 'the data action timed out'
      : 'the data action failed without an error body'
    : reason;
}

/** A Call Data Action is shown by the data action it calls, not by its display name ("Call Data Action"). */
function stepLabel(step: StepRecord): string {
  const called = step.type === 'callData' ? step.detail?.dataAction : undefined;
  return typeof called === 'string' ? called : step.actionName;
}

async function flowRun(file: string, o: FlowRunOptions): Promise<void> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw invalid('<flow file>', `the flow file must be readable; ${file}: ${(e as Error).message}`);
  }
  const { input, rebind, subs } = flowRunValues(o);
  const clock = new VirtualClock(Date.now());
  const { target, emulator } = targetOf(o.target);
  let session: ReturnType<ReturnType<typeof targetCredentials>['client']> | undefined;
  const clientOf = () =>
    (session ??= targetCredentials(target, clock, silentLogger).client({
      name: 'switchboard flow run',
      role: 'admin',
      maxAttempts: 1,
    }));
  const prepare = async (): Promise<{ flow: Flow; actions: ReadonlyMap<string, CompiledAction> }> => {
    const { actions: fromFolder, files } = folderActions(o.actions, o);
    // A file needing values none were given for runs as the Terraform project that deploys it publishes it.
    const read = await flowOfFile(file, text, {
      ...o,
      ...(subs ? { params: subs } : {}),
      dataTarget: async () => ({ fetch: (await clientOf()).client.fetch, emulator: target.kind !== 'org' }),
      print: (line) => process.stderr.write(line),
    });
    if (read.note) process.stderr.write(`note: ${read.note}\n`);
    const actions = read.projectActions ? new Map([...fromFolder, ...read.projectActions]) : fromFolder;
    // As Architect's import does: re-bind the names first, then refuse a flow naming data actions the --actions folder lacks.
    const modules = (o.module ?? []).map((m) => commonModuleOf(m, subs));
    const withModules = withCommonModules(read.flow, modules);
    const rebound = rebind ? rebindDataActions(withModules, rebind) : withModules;
    // A call named like an action but for Genesys's export suffix binds to it, as Architect's import would ask to.
    const { flow, bound, byFile } = bindExportSuffixes(rebound, actions.keys(), files);
    for (const [from, to] of Object.entries(bound))
      process.stderr.write(
        `note: "${from}" is bound to the data action "${to}" (${from in byFile ? `its export file ${files.get(to)} is named so` : 'the same name but for an export suffix'})\n`,
      );
    requireDataActions(flow, actions, o.actions);
    const issues = validateFlow(flow, { dataActions: [...actions.keys()], commonModules: true });
    if (issues.length > 0) throw invalidFlowError(flow.name, issues, basename(file));
    return { flow, actions };
  };
  let prepared: Awaited<ReturnType<typeof prepare>>;
  try {
    prepared = await prepare();
  } catch (e) {
    await emulator?.close();
    throw e;
  }
  const { flow, actions } = prepared;
  const reach = thirdPartyOf(o);
  const auth = credentialsOf(o);
  // Time is virtual and waits pass at once: a mock's delay moves the clock, so past the action's timeout it times out.
  const passing: Clock = {
    now: () => clock.now(),
    setTimer: (fn, ms) => clock.setTimer(fn, ms),
    sleep: (ms, signal) => {
      const slept = clock.sleep(ms, signal);
      void clock.advance(ms);
      return slept;
    },
  };
  const thirdParty = createThirdPartyFetch({ ...reach, clock: passing });
  try {
    const { client } = await clientOf();
    const traces: unknown[] = [];
    const reasons = new Map<string, string>();
    const tools: FlowStepTools = {
      async callAction(stepId, name, input, opts) {
        const action = actions.get(name);
        // requireDataActions refused the flow before it ran; a name seen only now is a bug.
        if (!action) throw new SwitchboardError('SB_INTERNAL', `data action "${name}" was called but not loaded`);
        const credentialed = auth && callsOtherService(action.definition) ? { auth } : {};
        const result = await executeAction(action, input, {
          fetch: client.fetch,
          clock,
          thirdParty: thirdParty.fetch,
          ...credentialed,
          ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
        });
        const shown = result.trace.secure ? redactValue(result.outputs) : result.outputs;
        const r = result.trace.response;
        traces.push({
          action: name,
          status: result.status,
          outputs: shown,
          request: result.trace.request,
          response: r?.status,
          ...(r?.route ? { route: r.route } : {}),
          ...(r?.mock ? { mock: r.mock } : {}),
        });
        if (result.status !== 'success')
          reasons.set(stepId, failureReason(result.status, shown as Record<string, unknown>));
        return { status: result.status, outputs: result.outputs, ...(result.trace.secure ? { secure: true } : {}) };
      },
      sleep: async (_stepId, ms) => {
        await clock.advance(ms);
      },
      now: () => clock.now(),
      // Find User / Queue / Group, external contacts and participant data call the Platform API.
      genesys: (_stepId, request) => callGenesysApi(client.fetch, request),
    };
    const result = await runFlow(flow, input, tools);
    const reasonOf = (s: StepRecord): string | undefined =>
      reasons.get(s.stepId) ??
      (s.outcome === 'error' && typeof s.detail?.message === 'string'
        ? `${String(s.detail.code ?? 'error')}: ${s.detail.message}`
        : s.type === 'workitem' && s.outcome === 'failure' && typeof s.detail?.errorMessage === 'string'
          ? `${String(s.detail.errorType ?? 'error')}: ${s.detail.errorMessage}`
          : undefined);
    const path = result.path.map((s) => {
      const reason = reasonOf(s);
      return reason === undefined ? s : { ...s, reason };
    });
    // A data action that took its failure or timeout path: the flow went on, but not cleanly.
    const failedSteps = path.filter(
      (s) => s.type === 'callData' && (s.outcome === 'failure' || s.outcome === 'timeout'),
    ).length;
    if (o.json)
      process.stdout.write(
        `${JSON.stringify({ flow: flow.name, ...result, failedSteps, path, actions: traces }, null, 2)}\n`,
      );
    else {
      const lines = [
        `flow "${flow.name}": ${statusText({ status: result.status, failedSteps })}${result.exitReason ? ` (${result.exitReason})` : ''}`,
      ];
      for (const s of path)
        lines.push(
          `  ${s.type.padEnd(22)} ${stepLabel(s)}${s.outcome ? ` → ${s.outcome}` : ''}${'reason' in s ? `: ${s.reason}` : ''}`,
        );
      if (Object.keys(result.outputs).length > 0) lines.push(`outputs: ${JSON.stringify(result.outputs)}`);
      if (result.error) lines.push(`error ${result.error.code}: ${result.error.message}`);
      // A NOT_SET that stopped the run is most often an input the command line did not give.
      const notGiven = inputsNotGiven(flow, input);
      if (result.error?.code === ArchitectErrors.SB_ARCHITECT_NOT_SET && notGiven.length > 0)
        lines.push(
          `hint: inputs not given are NOT_SET: ${notGiven.join(', ')}; give them with --input '{"${notGiven[0]}":"…"}'`,
        );
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    process.exitCode = result.status === 'completed' ? 0 : 1;
  } finally {
    await thirdParty.close();
    await emulator?.close();
  }
}

/** Register `switchboard flow run`. */
export function registerFlow(program: Command): void {
  const flow = program.command('flow').description('Architect flows');
  const run = flow
    .command('run')
    .description('Run one Architect flow once with its data actions, against the demo emulator or a base URL')
    .argument(
      '<flow file>',
      'an .i3WorkFlow export, an Archy .yaml, or a Terraform template of one (.yaml.tftpl: --substitutions fill its ${name}s as templatefile() would)',
    )
    .option(
      '--actions <dir>',
      'folder of the data actions the flow calls (.custom.json, .json exports recognised by their shape, or a Terraform folder)',
    )
    .option('--var <name=value>', 'a Terraform variable of an --actions Terraform folder (repeatable)', collect)
    .option('--var-file <file>', 'a .tfvars file of an --actions Terraform folder (repeatable)', collect)
    .option(
      '--rebind <json>',
      'data-action names to re-bind as Architect asks on import, e.g. {"Name (ConversationDirect)":"Name"}',
    )
    .option(
      '--options <file>',
      'an Archy options file (YAML or JSON, as archy publish --optionsFile): its "substitutions" fill the YAML\'s {{placeholders}}',
    )
    .option(
      '--substitutions <json>',
      'values for an Archy YAML\'s {{placeholders}}, as Terraform\'s genesyscloud_flow substitutions, e.g. {"flow_name":"Callback Prioritization"}',
    )
    .option(
      '--module <file>',
      'a common module the flow calls (Archy YAML "commonModule:"), snapshotted into the flow as Architect publishes it (repeatable)',
      collect,
    )
    .option('--input <json>', 'the flow inputs as a JSON object, e.g. {"conversationId":"…"}', '{}')
    .option(
      '--event <file>',
      "a trigger's event (its body, or { topicName, eventBody }): the inputs the trigger would give the flow (--input wins)",
    )
    .option('--data-format <format>', 'how --event is given: TopLevelPrimitives (the default) or Json (as jsonData)')
    .option(
      '--target <base-url>',
      'an emulator or org API base URL (credentials from GENESYSCLOUD_OAUTHCLIENT_ID / _SECRET; an emulator needs none)',
    )
    .option('--json', 'print the result as JSON');
  withCredentialOptions(withThirdPartyOptions(run)).action(async (file: string, o: FlowRunOptions) => flowRun(file, o));
}
