/**
 * @module
 * The Architect flows of the types Switchboard does not run (inbound call, inbound message, bot,
 * secure call…), read statically for `check`: their name, their type, and what they call that the
 * project must hold — the data actions (Call Data Action, Call Secure Data Action) and the common
 * modules. A generic walk, bounded in depth and in nodes, finds the calls wherever the flow type
 * puts them (states, tasks, menus, bot turns) without modelling any other action.
 */
import { Buffer } from 'node:buffer';
import { parse as parseYaml } from 'yaml';
import { isPlainObject } from '../core/index.ts';
import type { ValueSource } from '../architect/index.ts';
import { loadFinding } from './artifacts.ts';
import type { Finding } from './check/finding.ts';

type Raw = Record<string, unknown>;

/** A Call Data Action (or Call Secure Data Action) of a flow of another type. */
interface CalledDataAction {
  /** Where in the flow: the action's name, and its id when the format has one. */
  readonly location: string;
  readonly dataAction: string;
  readonly inputs: Readonly<Record<string, ValueSource>>;
}

/** A Call Common Module of a flow of another type. */
interface CalledModule {
  readonly location: string;
  readonly module: string;
  /** The module's input variables it sets (`Common.x`). */
  readonly inputs: readonly string[];
}

/** A flow of a type Switchboard does not run, read for what it calls. */
export interface OtherFlowArtifact {
  readonly name: string;
  readonly file: string;
  readonly format: 'i3' | 'yaml';
  /** Architect's flow type, lower case (`inboundcall`, `bot`). */
  readonly type: string;
  /** How messages name the type (`inbound call`). */
  readonly label: string;
  readonly dataActions: readonly CalledDataAction[];
  readonly commonModules: readonly CalledModule[];
}

/**
 * [INFERRED] Bounds of the walk: Architect nests actions a few dozen levels at most and the largest
 * published exports hold some tens of thousands of JSON nodes; past either the file is not a flow.
 */
const MAX_DEPTH = 200;
const MAX_NODES = 500_000;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const first = (v: unknown): [string, unknown] | undefined => (isPlainObject(v) ? Object.entries(v)[0] : undefined);

/** Visit every mapping of a parsed document, depth first; false when the bounds stopped the walk. */
function visitMappings(root: unknown, visit: (node: Raw) => void): boolean {
  let nodes = 0;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) return false;
    const children = Array.isArray(node) ? node : isPlainObject(node) ? Object.values(node) : [];
    if (isPlainObject(node)) visit(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], depth: depth + 1 });
  }
  return true;
}

/** Archy's `{ exp }`, `{ lit }`, `{ var }` or `{ noValue: true }`. */
function yamlValue(raw: unknown): ValueSource {
  if (!isPlainObject(raw)) return { kind: 'notSet' };
  const text = str(raw.exp) ?? str(raw.var);
  if (text !== undefined) return text.trim() === '' ? { kind: 'notSet' } : { kind: 'expression', text };
  const lit = raw.lit;
  if (typeof lit === 'string' || typeof lit === 'number' || typeof lit === 'boolean')
    return { kind: 'literal', value: lit, text: String(lit) };
  return { kind: 'notSet' };
}

/** An export's expression slot: `emp` is not set, a top-level `lit` a literal, anything else its text. */
function exportValue(raw: unknown): ValueSource {
  if (!isPlainObject(raw)) return { kind: 'notSet' };
  const config = isPlainObject(raw.config) ? raw.config : {};
  if (isPlainObject(config.emp)) return { kind: 'notSet' };
  if (isPlainObject(config.lit)) {
    const text = str(config.lit.text) ?? '';
    return { kind: 'literal', value: text, text };
  }
  const text = str(raw.text) ?? '';
  return text.trim() === '' ? { kind: 'notSet' } : { kind: 'expression', text };
}

const tooLarge = (display: string, label: string): Finding => ({
  severity: 'warning',
  file: display,
  location: '',
  rule: 'flow/invalid',
  message: `the ${label} flow nests deeper or holds more than check reads (${MAX_DEPTH} levels, ${MAX_NODES} nodes); what it calls past that is not checked`,
  hint: 'Split the flow, or check the data actions and common modules it calls by hand.',
});

/** The Archy YAML of a flow of another type: its top-level `<type>:` mapping, with placeholders already filled. */
export function readOtherArchy(
  text: string,
  display: string,
  type: string,
  label: string,
  findings: Finding[],
): OtherFlowArtifact | undefined {
  const invalid = (why: string): undefined =>
    void findings.push(
      loadFinding('flow/invalid', display, '', `the ${label} flow ${why}`, 'Fix the flow so that Archy would read it.'),
    );
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    return invalid(`must be valid YAML; ${(e as Error).message.split('\n')[0]}`);
  }
  const top = first(doc);
  if (!top || !isPlainObject(top[1])) return invalid('must be a top-level mapping (inboundCall:, botFlow:…)');
  const root = top[1];
  const dataActions: CalledDataAction[] = [];
  const commonModules: CalledModule[] = [];
  const complete = visitMappings(root, (node) => {
    for (const key of ['callData', 'callDataSecure']) {
      const body = node[key];
      // A `callData:` without a category is the flow's defaults for the action (settingsActionDefaults).
      if (!isPlainObject(body) || !isPlainObject(body.category)) continue;
      const location = `"${str(body.name) ?? key}"`;
      const category = first(body.category)?.[1];
      const action = isPlainObject(category) ? first(category.dataAction) : undefined;
      if (!action) {
        findings.push(
          loadFinding(
            'flow/invalid',
            display,
            location,
            `the ${label} flow has a ${key} without a data action (category: { <integration>: { dataAction: { <name>: … } } })`,
            'Select the data action in Architect and export the flow again.',
          ),
        );
        continue;
      }
      const inputs = isPlainObject(action[1]) && isPlainObject(action[1].inputs) ? action[1].inputs : {};
      dataActions.push({
        location,
        dataAction: action[0],
        inputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, yamlValue(v)])),
      });
    }
    const call = node.callCommonModule;
    const called = isPlainObject(call) ? first(call.commonModule) : undefined;
    if (isPlainObject(call) && called) {
      const [module, versions] = called;
      const version = isPlainObject(versions) ? Object.values(versions).find(isPlainObject) : undefined;
      commonModules.push({
        location: `"${str(call.name) ?? 'callCommonModule'}"`,
        module,
        inputs: isPlainObject(version?.inputs) ? Object.keys(version.inputs) : [],
      });
    }
  });
  if (!complete) findings.push(tooLarge(display, label));
  const name = str(root.name) ?? (typeof root.name === 'number' ? String(root.name) : undefined);
  if (!name) return invalid(`has no name (${top[0]}: name:)`);
  return { name, file: display, format: 'yaml', type, label, dataActions, commonModules };
}

/**
 * An Architect export of a flow of another type: base64 of URI-encoded JSON, as a workflow's
 * export is; its actions are the same objects (`DataAction` with `actionName`, `CallCommonModuleAction`
 * with `flowName`) in its `flowSequenceItemList`.
 */
export function readOtherExport(
  text: string,
  display: string,
  type: string,
  label: string,
  findings: Finding[],
): OtherFlowArtifact | undefined {
  const corrupt = (why: string): undefined =>
    void findings.push(
      loadFinding(
        'flow/invalid',
        display,
        '',
        `an Architect ${label} flow export is base64 of URI-encoded JSON; ${why}`,
        'Export the flow again from Architect (the file may have been edited or truncated).',
      ),
    );
  const b64 = text.trim();
  if (b64 === '') return corrupt('the file is empty');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) return corrupt('the content is not base64');
  let doc: unknown;
  try {
    doc = JSON.parse(decodeURIComponent(Buffer.from(b64, 'base64').toString('latin1')));
  } catch (e) {
    return corrupt(`the decoded text is not URI-encoded JSON (${(e as Error).message})`);
  }
  if (!isPlainObject(doc) || !Array.isArray(doc.flowSequenceItemList))
    return corrupt('the JSON has no flowSequenceItemList, so it is not an Architect flow');
  const dataActions: CalledDataAction[] = [];
  const commonModules: CalledModule[] = [];
  // Only the flow's own sequences: the `commonModules` snapshot beside them is the called modules' text.
  const complete = visitMappings(doc.flowSequenceItemList, (node) => {
    const kind = str(node.__type) ?? '';
    const location = `"${str(node.name) ?? kind}" (${str(node.id) ?? '?'})`;
    const inputs = Array.isArray(node.inputs) ? node.inputs.filter(isPlainObject) : [];
    // [INFERRED] a secure Call Data Action is the same object under a type naming it secure.
    if (/DataAction/.test(kind) && typeof node.actionName === 'string')
      dataActions.push({
        location,
        dataAction: node.actionName,
        inputs: Object.fromEntries(inputs.map((b) => [str(b.name) ?? '', exportValue(b.value)])),
      });
    else if (kind === 'CallCommonModuleAction')
      commonModules.push({
        location,
        module: str(node.flowName) ?? '',
        inputs: inputs.map((b) => str(b.name) ?? ''),
      });
  });
  if (!complete) findings.push(tooLarge(display, label));
  const name = str(doc.name) ?? '';
  if (name === '')
    return void findings.push(
      loadFinding(
        'flow/invalid',
        display,
        '',
        `the ${label} flow export has no name`,
        'Export the flow again from Architect.',
      ),
    );
  return { name, file: display, format: 'i3', type, label, dataActions, commonModules };
}
