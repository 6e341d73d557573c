// Every published workflow file under the blueprints (each `.i3WorkFlow`, and its Archy YAML twin
// where one exists), with the folder of the data actions it runs with and the logic it implements
// (blueprints.md §1–§4). Loading follows what an admin does: import the file, fill a YAML's
// `{{placeholders}}` from the Terraform beside it, and re-bind the data-action names the import
// dialog would ask about.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { compileAction, loadActionText } from '../../src/actions/index.ts';
import type { CompiledAction } from '../../src/actions/index.ts';
import { formatIssue, importFlowFile, rebindDataActions, validateFlow } from '../../src/architect/index.ts';
import type { Flow } from '../../src/architect/index.ts';
import { discoverFolder } from '../../src/blueprints/index.ts';
import { BLUEPRINTS_DIR, blueprintPath } from './shared.ts';

/** Which behaviour of blueprints.md a flow implements. */
export type Logic =
  'terminate' | 'pstn-check' | 'external-tag' | 'available' | 'busy-main' | 'busy-nov23' | 'busy-initial' | 'callback';

export interface PublishedFlow {
  /** Path under the blueprints root. */
  readonly file: string;
  readonly format: 'i3WorkFlow' | 'yaml';
  /** The folder (under the blueprints root) of the `.custom.json` data actions it runs with. */
  readonly actionsDir: string;
  readonly logic: Logic;
  /** For a YAML with `{{…}}`: the Terraform folder whose `genesyscloud_flow` fills them. */
  readonly terraform?: string;
  /** Flow name → exported action name, as Architect's import would have to re-bind them. */
  readonly rebind?: Readonly<Record<string, string>>;
}

const TERM = 'terminate-voice-calls-with-no-queue';
const PRES = 'update-gc-presence-on-communicate-call-activity-blueprint';
const CB = 'callback-prioritization/main';

// blueprints.md §3.1: the main Busy flow calls "… (ConversationDirect)" actions that its own
// exports name without the suffix; Architect asks to re-bind them on import, and so do we.
const CONVERSATION_DIRECT = {
  'GetInboundConversationDetailsForPickUp (Includes Group Check) (ConversationDirect)':
    'GetInboundConversationDetailsForPickUp (Includes Group Check)',
  'GetOutboundConversationDetailsForPickUp (ConversationDirect)': 'GetOutboundConversationDetailsForPickUp',
};
// blueprints.md §1.5: Terraform creates the PSTN check as "Check Conversation for PTSN Leg" (typo
// and case) from the same contract as the export "Check Conversation For PSTN Leg"; the flow's
// substitution names Terraform's action, so bound to the export it is re-bound.
const PTSN_TYPO = { 'Check Conversation for PTSN Leg': 'Check Conversation For PSTN Leg' };

/** The published workflow files. The test asserts this list is exactly what the blueprints hold. */
export const PUBLISHED_FLOWS: readonly PublishedFlow[] = [
  {
    file: `${TERM}/main/exports/Terminate Outbound Call Missing Queue.i3WorkFlow`,
    format: 'i3WorkFlow',
    actionsDir: `${TERM}/main/exports`,
    logic: 'terminate',
  },
  {
    file: `${TERM}/main/terraform-without-pbx/modules/flow/terminate-outbound-call-missing-queue.yaml`,
    format: 'yaml',
    actionsDir: `${TERM}/main/exports`,
    logic: 'terminate',
    terraform: `${TERM}/main/terraform-without-pbx`,
  },
  {
    file: `${TERM}/main/exports/Terminate Outbound Call Missing Queue with PSTN Call Leg Check.i3WorkFlow`,
    format: 'i3WorkFlow',
    actionsDir: `${TERM}/main/exports`,
    logic: 'pstn-check',
  },
  {
    file: `${TERM}/main/terraform-with-pbx/modules/flow/terminate-outbound-call-missing-queue-with-pstn-call-leg-check.yaml`,
    format: 'yaml',
    actionsDir: `${TERM}/main/exports`,
    logic: 'pstn-check',
    terraform: `${TERM}/main/terraform-with-pbx`,
    rebind: PTSN_TYPO,
  },
  {
    file: `${TERM}/initial-creation-jan-2024/Terminate Outbound Call Missing Queue.i3WorkFlow`,
    format: 'i3WorkFlow',
    actionsDir: `${TERM}/initial-creation-jan-2024`,
    logic: 'terminate',
  },
  {
    file: `${TERM}/initial-creation-jan-2024/Terminate Outbound Call Missing Queue.yaml`,
    format: 'yaml',
    actionsDir: `${TERM}/initial-creation-jan-2024`,
    logic: 'terminate',
  },
  {
    file: `${TERM}/initial-creation-jan-2024/Terminate Outbound Call Missing Queue with PSTN Call Leg Check.i3WorkFlow`,
    format: 'i3WorkFlow',
    actionsDir: `${TERM}/initial-creation-jan-2024`,
    logic: 'pstn-check',
  },
  {
    file: `${TERM}/initial-creation-jan-2024/Terminate Outbound Call Missing Queue with PSTN Call Leg Check.yaml`,
    format: 'yaml',
    actionsDir: `${TERM}/initial-creation-jan-2024`,
    logic: 'pstn-check',
  },
  {
    file: `${TERM}/update-external-tag/UpdateExternalTagOnConversation.i3WorkFlow`,
    format: 'i3WorkFlow',
    actionsDir: `${TERM}/update-external-tag`,
    logic: 'external-tag',
  },
  {
    file: `${PRES}/main/Set GC User to Available.i3WorkFlow`,
    format: 'i3WorkFlow',
    actionsDir: `${PRES}/main`,
    logic: 'available',
  },
  {
    file: `${PRES}/main/Set GC User to Available.yaml`,
    format: 'yaml',
    actionsDir: `${PRES}/main`,
    logic: 'available',
  },
  {
    file: `${PRES}/main/Set GC User to Busy.i3WorkFlow`,
    format: 'i3WorkFlow',
    actionsDir: `${PRES}/main`,
    logic: 'busy-main',
    rebind: CONVERSATION_DIRECT,
  },
  {
    file: `${PRES}/main/Set GC User to Busy.yaml`,
    format: 'yaml',
    actionsDir: `${PRES}/main`,
    logic: 'busy-main',
    rebind: CONVERSATION_DIRECT,
  },
  {
    file: `${PRES}/nov-23-update__support-group-calls/Set GC User to Available.i3WorkFlow`,
    format: 'i3WorkFlow',
    actionsDir: `${PRES}/nov-23-update__support-group-calls`,
    logic: 'available',
  },
  {
    file: `${PRES}/nov-23-update__support-group-calls/Set GC User to Busy.i3WorkFlow`,
    format: 'i3WorkFlow',
    actionsDir: `${PRES}/nov-23-update__support-group-calls`,
    logic: 'busy-nov23',
  },
  {
    file: `${PRES}/initial-blueprint-creation/Set GC User to Available.i3WorkFlow`,
    format: 'i3WorkFlow',
    actionsDir: `${PRES}/initial-blueprint-creation`,
    logic: 'available',
  },
  {
    file: `${PRES}/initial-blueprint-creation/Set GC User to Busy.i3WorkFlow`,
    format: 'i3WorkFlow',
    actionsDir: `${PRES}/initial-blueprint-creation`,
    logic: 'busy-initial',
  },
  {
    file: `${CB}/exports/Callback-Prioritization.i3WorkFlow`,
    format: 'i3WorkFlow',
    actionsDir: `${CB}/exports`,
    logic: 'callback',
  },
  {
    file: `${CB}/terraform/Callback-Prioritization-Workflow.yaml`,
    format: 'yaml',
    actionsDir: `${CB}/exports`,
    logic: 'callback',
    terraform: `${CB}/terraform`,
  },
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Every workflow file under the blueprints: `.i3WorkFlow`, and `.yaml` holding an Archy `workflow:`. */
export function discoverWorkflowFiles(): string[] {
  return walk(BLUEPRINTS_DIR)
    .filter((p) => /\.i3workflow$/i.test(p) || (/\.ya?ml$/i.test(p) && /^workflow:/m.test(readFileSync(p, 'utf8'))))
    .map((p) => relative(BLUEPRINTS_DIR, p).split('\\').join('/'))
    .sort();
}

/** The data actions of a folder (its `*.custom.json`), by name. */
export function actionsIn(dir: string): Map<string, CompiledAction> {
  const abs = blueprintPath(dir);
  const out = new Map<string, CompiledAction>();
  for (const f of readdirSync(abs)
    .filter((n) => n.endsWith('.custom.json'))
    .sort()) {
    const compiled = compileAction(loadActionText(readFileSync(join(abs, f), 'utf8'), f));
    out.set(compiled.definition.name, compiled);
  }
  return out;
}

/**
 * Import a published flow as an admin would, re-bind its names, and validate it against the data
 * actions it runs with (a name still unbound fails here, not at run time).
 */
export function loadPublishedFlow(p: PublishedFlow, actions: ReadonlyMap<string, CompiledAction>): Flow {
  let flow: Flow;
  if (p.terraform) {
    const found = discoverFolder(blueprintPath(p.terraform)).set.flows.find(
      (f) => join(p.terraform!, f.file).split('\\').join('/') === p.file,
    );
    if (!found) throw new Error(`Terraform in ${p.terraform} does not load ${p.file}`);
    flow = found.flow;
  } else {
    flow = importFlowFile(basename(p.file), readFileSync(blueprintPath(p.file), 'utf8'), { validate: false });
  }
  if (p.rebind) flow = rebindDataActions(flow, p.rebind);
  const issues = validateFlow(flow, { dataActions: actions.keys() });
  if (issues.length > 0) throw new Error(`${p.file}: ${issues.map(formatIssue).join('; ')}`);
  return flow;
}
