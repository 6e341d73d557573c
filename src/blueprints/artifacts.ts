/**
 * @module
 * The artifacts of a bundle or of a plain folder, read leniently: every artifact that loads is
 * kept, and every one that does not becomes a finding naming its file. The checker's rules and
 * the strict bundle loader both start from this {@link ArtifactSet}.
 */
import { readFileSync } from 'node:fs';
import { SwitchboardError, isPlainObject, isSwitchboardError, stripBom, tryParseJson } from '../core/index.ts';
import { ActionErrors, compileAction, loadActionText, loadAuthAction, validateAction } from '../actions/index.ts';
import type { ActionDefinition, CompiledAction } from '../actions/index.ts';
import { formatIssue, importFlowFile, validateFlow } from '../architect/index.ts';
import type { Flow } from '../architect/index.ts';
import { loadTrigger } from '../triggers/index.ts';
import type { Trigger } from '../triggers/index.ts';
import type { Finding } from './check/finding.ts';
import type { BundleManifest, IntegrationCredentialSpec } from './manifest.ts';
import type { OtherFlowArtifact } from './other-flows.ts';

/** A data action that loaded. */
export interface ActionArtifact {
  readonly name: string;
  readonly file: string;
  readonly definition: ActionDefinition;
  /** Undefined when it does not compile (a finding says why). */
  readonly compiled: CompiledAction | undefined;
  /** The integration holding it, when the bundle or setup says. */
  readonly integration: string | undefined;
}

/** A workflow that imported. */
export interface FlowArtifact {
  /** The name it is published under (the flow's own, or the bundle's override). */
  readonly name: string;
  readonly file: string;
  readonly format: 'i3WorkFlow' | 'yaml';
  readonly flow: Flow;
}

/** A trigger that loaded, with the workflow it starts when that is known. */
export interface TriggerArtifact {
  readonly name: string;
  readonly file: string;
  readonly location: string;
  readonly trigger: Trigger;
  /** The name of the flow it starts; undefined when that cannot be told. */
  readonly workflow: string | undefined;
  /** The file of that flow, when the pairing went through a file (Terraform references). */
  readonly flowFile?: string;
  /** Why the flow could not be told, for the info finding. */
  readonly unpairedReason?: string;
  /**
   * The Terraform arguments (as the `.tf` writes them, e.g. `match_criteria`) whose values could
   * not be known, so `trigger` lacks them; a `terraform/invalid` finding names each.
   */
  readonly unresolved?: readonly string[];
}

/** The HTTP route of a data action, for the permission rule. */
export interface ActionRoute {
  readonly name: string;
  readonly file: string;
  readonly method: string;
  readonly url: string;
}

/** An integration: the actions it holds and the permissions of its OAuth client's role. */
export interface IntegrationArtifact {
  readonly name: string;
  readonly file: string;
  readonly location: string;
  readonly role: string | undefined;
  /** Normalized `domain:entity:action` permissions; undefined when the setup does not say. */
  readonly permissions: readonly string[] | undefined;
  /** True for the implicit integration of a plain folder (no setup file names one). */
  readonly implicit: boolean;
  readonly actions: readonly ActionRoute[];
  /** `custom-rest-actions` for web services; absent means the setup does not say. */
  readonly type?: string;
  /** A web services credential: its type and fields (a field may name an environment variable). */
  readonly credentials?: IntegrationCredentialSpec;
  /** The compiled custom auth action of a User Defined (OAuth) credential. */
  readonly authAction?: CompiledAction;
}

/** A data-action name some other artifact (Terraform) declares, with where. */
interface DeclaredAction {
  readonly name: string;
  readonly file: string;
  /** `resource <address> (line N)`. */
  readonly location: string;
  /** Its definition, loaded from the resource's attributes, for the action rules. */
  readonly action?: ActionArtifact;
}

/** Everything read from a bundle or folder. */
export interface ArtifactSet {
  readonly root: string;
  readonly kind: 'bundle' | 'folder';
  readonly manifest: BundleManifest | undefined;
  readonly actions: readonly ActionArtifact[];
  /** The data actions Terraform creates, with their definitions when they load. */
  readonly terraformActions: readonly DeclaredAction[];
  readonly flows: readonly FlowArtifact[];
  /** The flows of types Switchboard does not run (inbound call, bot…), read for what they call; a plain folder's only. */
  readonly otherFlows?: readonly OtherFlowArtifact[];
  readonly triggers: readonly TriggerArtifact[];
  readonly integrations: readonly IntegrationArtifact[];
  /** Custom auth actions exported on their own (`*.customAuth.json`) in a plain folder. */
  readonly authActions?: ReadonlyArray<{ readonly file: string; readonly compiled: CompiledAction }>;
  /**
   * The worktypes the folder's Terraform creates, with the names of their statuses (Genesys's own
   * Open and Closed included unless the worktype disables them); absent when it creates none.
   */
  readonly worktypes?: ReadonlyArray<{ readonly name: string; readonly statuses: readonly string[] }>;
}

/** A file of a folder that was not read as an artifact, and why (never what it holds). */
export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

/** The outcome of reading a set: the artifacts and the findings of reading them. */
export interface ReadResult {
  readonly set: ArtifactSet;
  readonly findings: readonly Finding[];
  /** Files of a plain folder that hold no artifact (a bundle reads only the files its manifest names). */
  readonly skipped?: readonly SkippedFile[];
}

/** A finding about one unreadable or invalid artifact. */
export function loadFinding(rule: string, file: string, location: string, message: string, hint: string): Finding {
  return { severity: 'error', file, location, rule, message, hint };
}

/** Read a text file (without a leading byte order mark); undefined (and a finding) when it cannot be read. */
export function readText(path: string, display: string, findings: Finding[]): string | undefined {
  try {
    return stripBom(readFileSync(path, 'utf8'));
  } catch (e) {
    findings.push(
      loadFinding(
        'artifact/unreadable',
        display,
        '',
        `an artifact the bundle names must be readable; ${(e as Error).message}`,
        'Check the path (a published artifact starts with @blueprints/) and the blueprints root.',
      ),
    );
    return undefined;
  }
}

/** Load and compile an integration's custom auth action (no contract of its own). */
export function readAuthAction(text: string, display: string, findings: Finding[]): CompiledAction | undefined {
  try {
    const definition = loadAuthAction(tryParseJsonOrThrow(text, display), display);
    const issues = validateAction(definition);
    for (const i of issues)
      findings.push(
        loadFinding(
          'action/invalid',
          display,
          i.pointer,
          `custom auth action "${definition.name}": ${i.message}`,
          'Fix the template or JSONPath at this pointer.',
        ),
      );
    return issues.length === 0 ? compileAction(definition) : undefined;
  } catch (e) {
    if (!isSwitchboardError(e)) throw e;
    findings.push(
      loadFinding(
        'action/invalid',
        display,
        '',
        e.message,
        'The custom auth action must be a data-action export (.custom.json, an API body or Terraform attributes).',
      ),
    );
    return undefined;
  }
}

function tryParseJsonOrThrow(text: string, display: string): unknown {
  const parsed = tryParseJson(text);
  if (!parsed.ok)
    throw new SwitchboardError(
      ActionErrors.SB_ACTION_INVALID,
      `a custom auth action must be JSON; ${display}: ${parsed.error}`,
      { details: { file: display } },
    );
  return parsed.value;
}

/** Load and compile one data action. */
export function readAction(
  text: string,
  display: string,
  integration: string | undefined,
  findings: Finding[],
): ActionArtifact | undefined {
  let definition: ActionDefinition;
  try {
    definition = loadActionText(text, display);
  } catch (e) {
    if (!isSwitchboardError(e)) throw e;
    findings.push(
      loadFinding(
        'action/invalid',
        display,
        '',
        e.message,
        'Fix the data action so that it loads (a .custom.json export, an integrations API body or Terraform attributes).',
      ),
    );
    return undefined;
  }
  const issues = validateAction(definition);
  for (const i of issues)
    findings.push(
      loadFinding(
        'action/invalid',
        display,
        i.pointer,
        `data action "${definition.name}": ${i.message}`,
        'Fix the template, JSONPath or contract schema at this pointer.',
      ),
    );
  return {
    name: definition.name,
    file: display,
    definition,
    compiled: issues.length === 0 ? compileAction(definition) : undefined,
    integration,
  };
}

/** Import one flow without failing on its issues; structural issues become findings. */
export function readFlow(
  text: string,
  fileName: string,
  display: string,
  params: Readonly<Record<string, string>> | undefined,
  findings: Finding[],
): Flow | undefined {
  let flow: Flow;
  try {
    flow = importFlowFile(fileName, text, { file: display, validate: false, ...(params ? { params } : {}) });
  } catch (e) {
    if (!isSwitchboardError(e)) throw e;
    findings.push(
      loadFinding('flow/invalid', display, '', e.message, 'Fix the flow so that Architect (or Archy) would import it.'),
    );
    return undefined;
  }
  for (const issue of validateFlow(flow)) {
    findings.push(
      loadFinding(
        'flow/invalid',
        display,
        issue.action ?? '',
        formatIssue(issue),
        'Fix the flow so that Architect would accept it.',
      ),
    );
  }
  return flow;
}

/** Load one trigger (API body or Terraform attributes). */
export function readTrigger(
  body: unknown,
  display: string,
  location: string,
  pairing: { workflow: string | undefined; flowFile?: string; unpairedReason?: string },
  findings: Finding[],
): TriggerArtifact | undefined {
  const r = loadTrigger(body);
  if (!r.ok) {
    for (const v of r.violations)
      findings.push(
        loadFinding(
          'trigger/invalid',
          display,
          `${location}${v.field ? `/${v.field}` : ''}`,
          `the trigger breaks a validation rule: ${v.message}`,
          'Fix the field so that the Process Automation API would accept the trigger.',
        ),
      );
    return undefined;
  }
  return { name: r.trigger.name, file: display, location, trigger: r.trigger, ...pairing };
}

/**
 * A Terraform trigger body whose `target.id` Terraform could not know (a flow data source that
 * found nothing), with a stand-in id: the trigger's other arguments still decide it, and it stays
 * unpaired until `--pair` names the workflow it starts.
 * @example
 * readTrigger(withUnknownTarget(attributes), file, location, { workflow: undefined }, findings);
 */
export function withUnknownTarget(body: unknown): unknown {
  if (!isPlainObject(body)) return body;
  const target = isPlainObject(body.target) ? body.target : { type: 'Workflow' };
  return { ...body, target: { ...target, id: '(not known)' } };
}
