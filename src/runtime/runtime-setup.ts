/**
 * @module
 * What `createRuntime` derives from its options before it wires anything: the event source (checked
 * against the target), the counters of its stats, the retry policy of each data-action step, the
 * event source port to open, and the check findings of its bundles.
 */
import { SwitchboardError } from '../core/index.ts';
import type { Clock, Logger } from '../core/index.ts';
import { checkPath, sortFindings } from '../blueprints/index.ts';
import type { Finding, LoadedBundle } from '../blueprints/index.ts';
import { checkRetryPolicy, policyForAction } from '../workflows/index.ts';
import type { BundleRetry, RetryPolicy } from '../workflows/index.ts';
import { targetCredentials } from './credentials.ts';
import type { Credentials } from './credentials.ts';
import type { DispatchCounters } from './dispatch.ts';
import { RuntimeErrors } from './errors.ts';
import { busSource, websocketSource } from './event-source.ts';
import type { EventSourcePort } from './event-source.ts';
import { pushSource } from './push-source.ts';
import type { EventSourceKind, RuntimeOptions, RuntimeStartOptions } from './types.ts';

/** The event source of a runtime's options (bus on an embedded emulator, else push), checked against its target. */
export function checkedEventSource(options: RuntimeOptions): EventSourceKind {
  const eventSource = defaultSource(options);
  if (eventSource === 'bus' && options.target.kind !== 'emulator') {
    throw new SwitchboardError(
      RuntimeErrors.SB_RUNTIME_CONFIG,
      `the bus event source needs an embedded emulator; the target is ${options.target.kind}`,
      { details: { option: 'eventSource' } },
    );
  }
  if (eventSource === 'websocket' && options.target.kind === 'emulator' && !options.websocketUrl) {
    throw new SwitchboardError(
      RuntimeErrors.SB_RUNTIME_CONFIG,
      'the websocket event source on an embedded emulator needs websocketUrl (the URL it listens on)',
      { details: { option: 'websocketUrl' } },
    );
  }
  return eventSource;
}

function defaultSource(options: RuntimeOptions): EventSourceKind {
  if (options.eventSource) return options.eventSource;
  // An emulator in another process pushes to POST /events (its EventBridge API destination queues
  // and retries); the websocket, which loses what happens while it is down, is the option.
  return options.target.kind === 'emulator' ? 'bus' : 'push';
}

/** A runtime's counters, all zero. */
export function newCounters() {
  const counters: DispatchCounters & {
    runsCompleted: number;
    runsFailed: number;
    runsWithFailedSteps: number;
    failedSteps: number;
    actionRetries: number;
    actionsExecuted: number;
  } = {
    eventsReceived: 0,
    eventsRejected: 0,
    runsStarted: 0,
    runsDelayed: 0,
    droppedTtl: 0,
    duplicates: 0,
    rateLimited: 0,
    runsCompleted: 0,
    runsFailed: 0,
    runsWithFailedSteps: 0,
    failedSteps: 0,
    actionRetries: 0,
    actionsExecuted: 0,
  };
  return counters;
}

/**
 * The retry policy of each data-action step: a bundle workflow's from its bundle's manifest; a
 * code-first workflow's (`codeNames`) from the runtime's option, else from the manifest of the
 * bundle whose actions it calls.
 */
export function retryPolicies(
  options: RuntimeOptions,
  codeNames: ReadonlySet<string>,
): (flow: string, action: string) => RetryPolicy | undefined {
  const codeRetry: RetryPolicy | undefined =
    options.retry === undefined ? undefined : checkRetryPolicy(options.retry, 'createRuntime({ retry })');
  const bundleRetry = new Map<string, BundleRetry | undefined>();
  for (const b of options.bundles) for (const w of b.workflows) bundleRetry.set(w.name, b.manifest.retry);
  const codeBundleRetry = options.bundles.find((b) => b.name === options.codeWorkflowActions)?.manifest.retry;
  return (flow: string, action: string): RetryPolicy | undefined =>
    codeNames.has(flow)
      ? (codeRetry ?? policyForAction(codeBundleRetry, action))
      : policyForAction(bundleRetry.get(flow), action);
}

/** The event source port of a runtime's target and options. */
export function eventSourceFor(
  options: RuntimeOptions,
  eventSource: EventSourceKind,
  credentials: Credentials,
  clock: Clock,
  logger: Logger,
  startOptions: RuntimeStartOptions,
): EventSourcePort {
  const target = options.target;
  if (eventSource === 'bus' && target.kind === 'emulator') return busSource(target.emulator);
  if (eventSource === 'websocket') {
    const url = target.kind === 'emulator' ? options.websocketUrl! : undefined;
    return websocketSource(
      async () =>
        (
          await (url ? targetCredentials({ kind: 'emulator-url', url }, clock, logger) : credentials).client({
            name: 'Switchboard runtime events',
            permissions: [],
          })
        ).client,
    );
  }
  const destination = startOptions.eventDestination;
  // On an emulator URL this runtime registers itself as the emulator's EventBridge destination.
  return pushSource(
    destination && target.kind === 'emulator-url' ? { emulatorUrl: target.url, ...destination } : undefined,
  );
}

/** The check findings of a runtime's bundles, as they are on disk now. */
export function checkBundles(bundles: readonly LoadedBundle[]): Finding[] {
  const findings: Finding[] = [];
  for (const b of bundles) {
    try {
      findings.push(...checkPath(b.dir).findings);
    } catch (e) {
      findings.push({
        severity: 'error',
        file: b.dir,
        location: '',
        rule: 'bundle/unreadable',
        message: (e as Error).message,
        hint: 'Check that the bundle folder still exists.',
      });
    }
  }
  return sortFindings(findings);
}
