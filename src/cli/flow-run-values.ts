/**
 * @module
 * The values `flow run` takes from its command line: the flow inputs (`--input`, and `--event`: a
 * trigger's event as the trigger would hand it to the workflow), data-action re-bindings
 * (`--rebind`) and placeholder values (`--substitutions`, an Archy options file's `--options`);
 * each refused with a coded error naming the option when it is not what the option takes.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { SwitchboardError, isPlainObject, tryParseJson } from '../core/index.ts';
import type { Flow } from '../architect/index.ts';
import { workflowInputs } from '../triggers/index.ts';

/** The options {@link flowRunValues} reads. */
interface FlowRunValueOptions {
  readonly input: string;
  readonly event?: string;
  readonly dataFormat?: string;
  readonly rebind?: string;
  readonly substitutions?: string;
  readonly options?: string;
}

function invalid(option: string, message: string): SwitchboardError {
  return new SwitchboardError('SB_INPUT_INVALID', message, { details: { option } });
}

/** An event file: the event's body, or an envelope (`{ topicName, eventBody }`) holding it. */
function eventBodyOf(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw invalid('--event', `the event file must be readable; ${file}: ${(e as Error).message}`);
  }
  if (text.length > 1024 * 1024) throw invalid('--event', `an event may be at most 1 MiB; ${file} is larger`);
  const parsed = tryParseJson(text);
  if (!parsed.ok || !isPlainObject(parsed.value))
    throw invalid(
      '--event',
      `the event file must hold a JSON object (an event body or { topicName, eventBody }); ${file} does not`,
    );
  const v = parsed.value;
  return typeof v.topicName === 'string' && isPlainObject(v.eventBody) ? v.eventBody : v;
}

/**
 * The flow inputs, re-bindings and substitutions of a `flow run` command line. `--event` gives
 * the inputs a trigger would (platform.md §1.5: with `--data-format TopLevelPrimitives`, the
 * default, every top-level string, number and boolean under its name; with `Json`, the whole body
 * as `jsonData`); `--input` names win over the event's.
 * @example
 * const { input } = flowRunValues({ input: '{}', event: 'examples/events/user-start-no-queue.json' });
 */
export function flowRunValues(o: FlowRunValueOptions): {
  input: Record<string, unknown>;
  rebind?: Record<string, string>;
  subs?: Record<string, string>;
} {
  const parsed = tryParseJson(o.input);
  if (!parsed.ok || !isPlainObject(parsed.value))
    throw invalid('--input', `--input must be a JSON object of flow inputs; got ${o.input}`);
  const format = o.dataFormat ?? 'TopLevelPrimitives';
  if (format !== 'TopLevelPrimitives' && format !== 'Json')
    throw invalid('--data-format', `--data-format must be TopLevelPrimitives or Json, as a trigger's; got ${format}`);
  if (o.dataFormat !== undefined && o.event === undefined)
    throw invalid('--data-format', '--data-format says how --event is handed to the flow; give --event too');
  const fromEvent =
    o.event === undefined
      ? {}
      : workflowInputs(
          { target: { type: 'Workflow', id: '', workflowTargetSettings: { dataFormat: format } } },
          eventBodyOf(o.event),
        );
  const rebind = o.rebind === undefined ? undefined : tryParseJson(o.rebind);
  if (
    rebind &&
    (!rebind.ok || !isPlainObject(rebind.value) || !Object.values(rebind.value).every((v) => typeof v === 'string'))
  ) {
    throw invalid(
      '--rebind',
      `--rebind must be a JSON object mapping a data-action name of the flow to an action name; got ${o.rebind}`,
    );
  }
  const given = o.substitutions === undefined ? undefined : tryParseJson(o.substitutions);
  if (
    given &&
    (!given.ok || !isPlainObject(given.value) || !Object.values(given.value).every((v) => typeof v === 'string'))
  ) {
    throw invalid(
      '--substitutions',
      `--substitutions must be a JSON object of string values for the YAML's {{placeholders}}; got ${o.substitutions}`,
    );
  }
  // Archy's options file gives substitutions too; --substitutions wins for a key both give.
  const fromOptions = o.options === undefined ? {} : archyOptionsSubstitutions(o.options);
  const merged = { ...fromOptions, ...(given?.ok ? (given.value as Record<string, string>) : {}) };
  return {
    input: { ...fromEvent, ...parsed.value },
    ...(rebind?.ok ? { rebind: rebind.value as Record<string, string> } : {}),
    ...(Object.keys(merged).length > 0 || given ? { subs: merged } : {}),
  };
}

/**
 * The `substitutions` of an Archy options file (`archy publish --optionsFile`, YAML or JSON); its
 * other settings (credentials, location) are Archy's own and not read. Scalars become text, as
 * Archy substitutes them.
 */
function archyOptionsSubstitutions(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw invalid('--options', `the Archy options file must be readable; ${file}: ${(e as Error).message}`);
  }
  if (text.length > 1024 * 1024)
    throw invalid('--options', `an Archy options file may be at most 1 MiB; ${file} is larger`);
  const doc = parseDocument(text);
  if (doc.errors.length > 0)
    throw invalid(
      '--options',
      `the Archy options file must be YAML or JSON; ${file}: ${doc.errors[0]!.message.split('\n')[0]}`,
    );
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!isPlainObject(value))
    throw invalid('--options', `an Archy options file is a mapping of settings; ${file} is not`);
  const subs = value.substitutions;
  if (subs === undefined || subs === null) return {};
  if (!isPlainObject(subs))
    throw invalid(
      '--options',
      `"substitutions" in an Archy options file is a mapping of placeholder to value; ${file} has ${Array.isArray(subs) ? 'a list' : typeof subs}`,
    );
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(subs)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else
      throw invalid(
        '--options',
        `substitution "${k}" in ${file} must be a text, number or boolean; it is ${v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v}`,
      );
  }
  return out;
}

/** The flow's inputs without an initial value that `--input` does not name (as `--input` names them: without `Flow.`). */
export function inputsNotGiven(flow: Flow, given: Record<string, unknown>): string[] {
  const named = new Set(Object.keys(given).map((k) => k.replace(/^(Flow|Common)\./i, '').toLowerCase()));
  return flow.variables
    .filter((v) => v.isInput && v.initial === null)
    .map((v) => v.name.replace(/^(Flow|Common)\./i, ''))
    .filter((n) => !named.has(n.toLowerCase()));
}
