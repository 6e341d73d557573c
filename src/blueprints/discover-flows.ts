/**
 * @module
 * The flow files of a plain folder, for `check`: Architect exports (`*.i3WorkFlow`; the exports of
 * other flow types, `*.i3InboundFlow`, `*.i3WorkitemFlow`…), Archy YAML (`*.yaml`, `*.yml`),
 * Terraform templates of Archy YAML (`*.yaml.tftpl`, or any `*.tftpl` holding a flow), and the file
 * a `genesyscloud_flow` deploys whatever it is named (the provider reads every `filepath` that is
 * not an export as Archy YAML). A flow of a type Switchboard does not run (inbound call, bot…) is
 * read for what it calls (other-flows.ts); a flow whose placeholders nothing fills is reported and
 * not checked.
 */
import { basename } from 'node:path';
import { substitute } from '../architect/index.ts';
import { readFlow } from './artifacts.ts';
import type { FlowArtifact } from './artifacts.ts';
import type { Finding } from './check/finding.ts';
import { readOtherArchy, readOtherExport } from './other-flows.ts';
import type { OtherFlowArtifact } from './other-flows.ts';

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;
/** A Terraform template interpolation or directive (`${x}`, `%{ if … }`), not its `$${` / `%%{` escape. */
const TEMPLATE_SEQUENCE = /(?<![$%])[$%]\{([^}]*)\}/g;

/**
 * The flow types of Architect (the API's `FlowType`, lower-cased) and how a message names them.
 * Archy writes them as the top-level key (`inboundShortMessage:`, `botFlow:`).
 */
const FLOW_TYPES: Readonly<Record<string, string>> = {
  bot: 'bot',
  commonmodule: 'common module',
  digitalbot: 'digital bot',
  inboundcall: 'inbound call',
  inboundchat: 'inbound chat',
  inboundemail: 'inbound email',
  inboundshortmessage: 'inbound message',
  inqueuecall: 'in-queue call',
  inqueueemail: 'in-queue email',
  inqueueshortmessage: 'in-queue message',
  outboundcall: 'outbound call',
  securecall: 'secure call',
  surveyinvite: 'survey invite',
  voice: 'voice',
  voicemail: 'voicemail',
  voicesurvey: 'voice survey',
  workflow: 'workflow',
  workitem: 'workitem',
};

/** [INFERRED] Export extensions that do not spell their flow type: `.i3InboundFlow` is an inbound call flow. */
const EXPORT_ALIASES: Readonly<Record<string, string>> = {
  inbound: 'inboundcall',
  inboundmessage: 'inboundshortmessage',
  inqueue: 'inqueuecall',
  inqueuemessage: 'inqueueshortmessage',
  outbound: 'outboundcall',
  secure: 'securecall',
};

/** The flow type a key or extension names (`botFlow`, `i3WorkitemFlow` → `bot`, `workitem`), if it names one. */
function flowType(word: string): string | undefined {
  const w = word
    .toLowerCase()
    .replace(/^i3/, '')
    .replace(/(.)flow$/, '$1');
  const type = EXPORT_ALIASES[w] ?? w;
  return type in FLOW_TYPES ? type : undefined;
}

/** The flow type of an Archy YAML text: its first top-level key that names one. */
function archyFlowType(text: string): string | undefined {
  if (/^workflow\s*:/m.test(text)) return 'workflow';
  for (const m of text.matchAll(/^([A-Za-z][A-Za-z0-9]*)\s*:/gm)) {
    const type = flowType(m[1]!);
    if (type) return type;
  }
  return undefined;
}

/** The flow types Switchboard runs; the others are read for what they call. */
const RUN_TYPES: ReadonlySet<string> = new Set(['workflow', 'workitem', 'commonmodule']);

/** The info that a flow of another type was read, not run. */
function notRun(display: string, flow: OtherFlowArtifact): Finding {
  const article = /^[aeiou]/.test(flow.label) ? 'an' : 'a';
  return {
    severity: 'info',
    file: display,
    location: '',
    rule: 'flow/other-type',
    message: `${article} ${flow.label} flow ("${flow.name}"): Switchboard runs workflows, workitem flows and common modules only; check reads the data actions and common modules it calls`,
    hint: 'It runs in Genesys Cloud only: test its own behaviour there.',
  };
}

/** Keep a flow of another type that was read, with its info finding. */
function other(display: string, flow: OtherFlowArtifact | undefined, findings: Finding[]): FlowFileRead {
  if (!flow) return undefined;
  findings.push(notRun(display, flow));
  return { other: flow };
}

/** Whether a file name may hold a flow (an Architect export, YAML or a Terraform template). */
export function mayHoldFlow(name: string): boolean {
  return /\.i3[A-Za-z]+$/.test(name) || /\.(ya?ml|tftpl)$/i.test(name);
}

/**
 * The outcome of reading one flow file: a workflow (workitem flow, common module), a flow of
 * another type, a reason to skip the file, or none of them (findings say why).
 */
type FlowFileRead =
  { readonly flow: FlowArtifact } | { readonly other: OtherFlowArtifact } | { readonly skipped: string } | undefined;

function unresolved(display: string, message: string, hint: string): Finding {
  return { severity: 'info', file: display, location: '', rule: 'flow/unresolved-placeholders', message, hint };
}

/**
 * Read one flow file of a folder. `deployed` holds the substitutions of the `genesyscloud_flow`
 * that deploys it (undefined when none does).
 * @example
 * const r = readFlowFile('flows/a.yaml', 'flows/a.yaml', text, undefined, findings);
 */
export function readFlowFile(
  path: string,
  display: string,
  text: string,
  deployed: Readonly<Record<string, string>> | undefined,
  findings: Finding[],
): FlowFileRead {
  const name = basename(path);
  if (/\.i3(workflow|commonmoduleflow|workitemflow)$/i.test(name)) {
    const flow = readFlow(text, name, display, undefined, findings);
    return flow && { flow: { name: flow.name, file: display, format: 'i3WorkFlow', flow } };
  }
  const exported = /\.(i3[A-Za-z]+)$/.exec(name)?.[1];
  if (exported) {
    const type = flowType(exported);
    if (type && !RUN_TYPES.has(type))
      return other(display, readOtherExport(text, display, type, FLOW_TYPES[type]!, findings), findings);
    return {
      skipped: `an Architect export of a flow type check does not know (.${exported}): it reads workflows, workitem flows, common modules and the flow types Architect lists (inbound call, bot…)`,
    };
  }
  const template = /\.tftpl$/i.test(name);
  const type = archyFlowType(text);
  // A file a genesyscloud_flow deploys is read even so: its import error says what the provider would refuse.
  if (type === undefined && deployed === undefined)
    return {
      skipped: template
        ? 'a Terraform template that is not an Archy flow (no top-level workflow:, inboundCall:… mapping)'
        : 'YAML without a top-level workflow: mapping (not an Archy flow)',
    };
  const params = deployed ?? {};
  const missing = [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].filter(
    (n) => params[n] === undefined,
  );
  if (missing.length > 0) {
    findings.push(
      unresolved(
        display,
        `the flow has {{placeholders}} no genesyscloud_flow substitution fills (${missing.join(', ')}); it was not checked`,
        'Check it from a bundle (switchboard.json) that gives the substitutions, or from the Terraform folder that deploys it.',
      ),
    );
    return undefined;
  }
  // The provider fills only {{placeholders}}; `${…}` in a template is templatefile()'s, unknown here.
  const sequences = template && deployed === undefined ? [...text.matchAll(TEMPLATE_SEQUENCE)].map((m) => m[0]) : [];
  if (sequences.length > 0) {
    findings.push(
      unresolved(
        display,
        `the flow template has Terraform template expressions (${[...new Set(sequences)].join(', ')}) that only templatefile() fills; it was not checked`,
        'Check the file Terraform renders from it (the filepath of its genesyscloud_flow), or give the values as genesyscloud_flow substitutions ({{name}}).',
      ),
    );
    return undefined;
  }
  // What templatefile() renders from a template without expressions: its escapes unescaped.
  const rendered = template && deployed === undefined ? text.replace(/([$%])\1\{/g, '$1{') : text;
  if (type !== undefined && !RUN_TYPES.has(type))
    return other(
      display,
      readOtherArchy(substitute(rendered, params, display), display, type, FLOW_TYPES[type]!, findings),
      findings,
    );
  // The importer picks Archy YAML by extension; a template or any other deployed file is Archy YAML too.
  const importName = /\.ya?ml$/i.test(name) ? name : `${name}.yaml`;
  const flow = readFlow(rendered, importName, display, params, findings);
  return flow && { flow: { name: flow.name, file: display, format: 'yaml', flow } };
}
