/**
 * @module
 * `switchboard trigger test <trigger.json> --event <event.json> [--json] [--now <time>]`: match one
 * trigger (API JSON or Terraform attributes) against one event (a bare body, a notification
 * `{topicName, eventBody}` or an EventBridge envelope) and print the trace.
 * Exit codes: 0 the trigger matches, 1 it does not, 2 an input is invalid.
 */
import { readFileSync } from 'node:fs';
import { artifactText } from '../artifact-input.ts';
import type { ArtifactInputOptions } from '../artifact-input.ts';
import type { Command } from 'commander';
import { SwitchboardError, SystemClock, isPlainObject, tryParseJson } from '../../core/index.ts';
import {
  compileTrigger,
  dataFormatOf,
  loadTrigger,
  matchTrigger,
  renderTriggerTrace,
  topicMatches,
  validateEventBody,
  workflowInputs,
} from '../../triggers/index.ts';
import type { SchemaResult, TriggerTrace, Violation } from '../../triggers/index.ts';

/** An event file, unwrapped. */
export interface EventInput {
  body: unknown;
  /** The concrete topic, when the file is a notification or an EventBridge envelope. */
  topic: string | undefined;
  envelope: 'body' | 'notification' | 'eventbridge';
}

/** The outcome of {@link runTriggerTest}. */
export interface TriggerTestOutcome {
  exitCode: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

/** Unwrap an event: EventBridge `detail`, then a notification's `eventBody`, else the body itself. */
export function unwrapEvent(value: unknown): EventInput {
  if (isPlainObject(value) && isPlainObject(value.detail) && 'eventBody' in value.detail) {
    const topic = value.detail.topicName;
    return {
      body: value.detail.eventBody,
      topic: typeof topic === 'string' ? topic : undefined,
      envelope: 'eventbridge',
    };
  }
  if (isPlainObject(value) && 'eventBody' in value && typeof value.topicName === 'string') {
    return { body: value.eventBody, topic: value.topicName, envelope: 'notification' };
  }
  return { body: value, topic: undefined, envelope: 'body' };
}

function parseNow(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(n)) {
    throw new SwitchboardError(
      'SB_INPUT_INVALID',
      `--now must be an ISO date-time or epoch milliseconds; got "${raw}"`,
      { details: { option: '--now' } },
    );
  }
  return n;
}

function parseFile(text: string, what: string, file: string): unknown {
  const parsed = tryParseJson(text);
  if (!parsed.ok)
    throw new SwitchboardError('SB_FILE_UNREADABLE', `the ${what} file must be JSON; ${file}: ${parsed.error}`, {
      details: { file },
    });
  return parsed.value;
}

function violationsText(file: string, violations: Violation[]): string {
  return (
    [
      `error SB_TRIGGER_INVALID: the trigger in ${file} breaks ${violations.length} rule(s):`,
      ...violations.map((v) => `  ${v.field || '(trigger)'}: ${v.message}`),
    ].join('\n') + '\n'
  );
}

function inputsText(trace: TriggerTrace, inputs: Record<string, unknown>, format: string): string {
  if (!trace.matches) return '';
  const lines = Object.entries(inputs).map(([k, v]) => `  Flow.${k} = ${JSON.stringify(v)}`);
  return `\nWorkflow inputs (${format})\n${lines.length > 0 ? lines.join('\n') : '  (none)'}\n`;
}

/**
 * The command's logic on file contents (no I/O). Throws `SB_FILE_UNREADABLE` / `SB_INPUT_INVALID`
 * for input that is not JSON or a bad `--now`, `SB_TRIGGER_EVENT_INVALID` for an event that is not
 * an object (null, an array…: invalid input, not a non-match); an invalid trigger is an outcome
 * with exit 2.
 * @example
 * const out = runTriggerTest({ triggerText, triggerFile: 't.json', eventText, eventFile: 'e.json', json: false, now: Date.now() });
 * process.stdout.write(out.stdout);
 */
export function runTriggerTest(input: {
  triggerText: string;
  triggerFile: string;
  eventText: string;
  eventFile: string;
  json: boolean;
  now: number;
}): TriggerTestOutcome {
  const loaded = loadTrigger(parseFile(input.triggerText, 'trigger', input.triggerFile));
  if (!loaded.ok) {
    const stderr = violationsText(input.triggerFile, loaded.violations);
    if (!input.json) return { exitCode: 2, stdout: '', stderr };
    const error = new SwitchboardError(
      'SB_TRIGGER_INVALID',
      `a trigger must pass the Process Automation API's rules; ${input.triggerFile} breaks ${loaded.violations.length}`,
      {
        details: { file: input.triggerFile, violations: loaded.violations },
      },
    );
    // The error object every command prints under --json, plus the fields this command printed before it.
    const out = { error: error.toJSON(), ok: false, format: loaded.format, violations: loaded.violations };
    return { exitCode: 2, stdout: `${JSON.stringify(out, null, 2)}\n`, stderr };
  }
  const event = unwrapEvent(parseFile(input.eventText, 'event', input.eventFile));
  if (!isPlainObject(event.body)) {
    const kind = event.body === null ? 'null' : Array.isArray(event.body) ? 'an array' : `a ${typeof event.body}`;
    const why = event.envelope === 'body' ? `holds ${kind}` : `its eventBody is ${kind}`;
    throw new SwitchboardError(
      'SB_TRIGGER_EVENT_INVALID',
      `an event must be a JSON object; ${input.eventFile} ${why}`,
      { details: { file: input.eventFile } },
    );
  }
  const trigger = loaded.trigger;
  const compiled = compileTrigger(trigger);
  const topicFits = event.topic === undefined || topicMatches(trigger.topicName, event.topic);
  const baseSchema = validateEventBody(trigger.topicName, event.body);
  const schema: SchemaResult = topicFits
    ? baseSchema
    : {
        matches: false,
        details: [
          `the event was published on ${event.topic}, which is not the trigger's topic ${trigger.topicName}`,
          ...baseSchema.details,
        ],
      };
  const trace = matchTrigger(compiled, event.body, input.now, { schema });
  const inputs = trace.matches ? workflowInputs(trigger, event.body) : {};
  const exitCode = trace.matches ? 0 : 1;
  if (input.json) {
    const out = {
      ok: true,
      format: loaded.format,
      trigger: { id: trigger.id, name: trigger.name, topicName: trigger.topicName, enabled: trigger.enabled },
      event: { envelope: event.envelope, topic: event.topic },
      now: input.now,
      schema,
      trace,
      ...(trace.matches ? { workflowInputs: inputs, dataFormat: dataFormatOf(trigger) } : {}),
    };
    return { exitCode, stdout: `${JSON.stringify(out, null, 2)}\n`, stderr: '' };
  }
  const text = renderTriggerTrace(trace, schema, event.topic) + '\n' + inputsText(trace, inputs, dataFormatOf(trigger));
  return { exitCode, stdout: text, stderr: '' };
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new SwitchboardError(
      'SB_FILE_UNREADABLE',
      `the ${what} file cannot be read; ${file}: ${(e as Error).message}`,
      { details: { file } },
    );
  }
}

/** Register `switchboard trigger`. */
export function registerTrigger(program: Command): void {
  const trigger = program.command('trigger').description('Work with Process Automation triggers.');
  trigger
    .command('test')
    .description(
      'Match a trigger against an event and print the trace: each criterion with the value extracted, the operator and the result, then the TTL/delay decision. Exit 0 on a match, 1 on no match, 2 on invalid input.',
    )
    .argument(
      '<trigger>',
      'trigger file: API JSON (CreateTriggerRequest/Trigger), Terraform genesyscloud_processautomation_trigger attributes as JSON, a .tf file or Terraform folder (--resource), or a Postman collection (--request)',
    )
    .option(
      '--resource <address>',
      'the genesyscloud_processautomation_trigger of a .tf file or Terraform folder (needed when it holds several)',
    )
    .option('--var <name=value>', 'a Terraform variable (repeatable)', (v: string, p: string[] | undefined) => [
      ...(p ?? []),
      v,
    ])
    .option('--var-file <file>', 'a Terraform .tfvars file (repeatable)', (v: string, p: string[] | undefined) => [
      ...(p ?? []),
      v,
    ])
    .option(
      '--request <name>',
      'the request of a Postman collection whose body is the trigger (needed when it holds several)',
    )
    .option(
      '--postman-var <name=value>',
      'a value for a {{variable}} of the Postman collection (repeatable)',
      (v: string, p: string[] | undefined) => [...(p ?? []), v],
    )
    .requiredOption(
      '--event <file>',
      'event file: a bare event body, a notification {topicName, eventBody} or an EventBridge envelope',
    )
    .option('--json', 'print the trace as JSON')
    .option(
      '--now <time>',
      'evaluate at this time (ISO date-time or epoch ms) instead of the current time, for eventTTLSeconds',
    )
    .action((triggerFile: string, opts: ArtifactInputOptions & { event: string; json?: boolean; now?: string }) => {
      const now = parseNow(opts.now, new SystemClock().now());
      const out = runTriggerTest({
        triggerText: artifactText(triggerFile, 'trigger', opts, (f) => readText(f, 'trigger')),
        triggerFile,
        eventText: readText(opts.event, 'event'),
        eventFile: opts.event,
        json: opts.json === true,
        now,
      });
      process.stdout.write(out.stdout);
      process.stderr.write(out.stderr);
      process.exitCode = out.exitCode;
    });
}
