/**
 * @module
 * The Architect flow types other than workflows, as Archy YAML names them (the document's top-level
 * key) and as exports name them (`.i3<Type>` file extensions), so a file of another type is
 * refused by its type rather than as a broken workflow.
 */

import { SwitchboardError, isPlainObject } from '../../core/index.ts';
import { ArchitectErrors } from '../errors.ts';

/** Archy's top-level keys of the flow types (Archy documentation: flow types). */
const ARCHY_FLOW_TYPES = new Set(
  [
    'inboundCall',
    'inboundEmail',
    'inboundShortMessage',
    'inboundChat',
    'inQueueCall',
    'inQueueEmail',
    'inQueueShortMessage',
    'outboundCall',
    'commonModule',
    'workitem',
    'bot',
    'botFlow',
    'digitalBot',
    'secureCall',
    'surveyInvite',
    'voice',
    'voicemail',
    'voiceSurvey',
    'workflow',
  ].map((t) => t.toLowerCase()),
);

/** Whether a YAML document's top-level key names an Archy flow type. */
function isArchyFlowType(key: string): boolean {
  return ARCHY_FLOW_TYPES.has(key.toLowerCase());
}

/**
 * The flow type an export's file name gives (`X.i3InboundMessage` → `InboundMessage`), or
 * `undefined` for a name that is not an Architect export.
 * @example
 * exportFlowType('Claims.i3WorkitemFlow') // 'WorkitemFlow'
 */
export function exportFlowType(fileName: string): string | undefined {
  return /\.i3([A-Za-z]+)$/.exec(fileName)?.[1];
}

/**
 * Why a YAML document is not a workflow: another Archy flow type, named, or no flow at all.
 * @example
 * throw notAWorkflow('Claims.yaml', { workitem: {} }); // SB_ARCHITECT_FLOW_TYPE_UNSUPPORTED
 */
export function notAWorkflow(file: string, doc: unknown): SwitchboardError {
  const kind = isPlainObject(doc) ? Object.keys(doc)[0] : undefined;
  if (kind && isArchyFlowType(kind))
    return new SwitchboardError(
      ArchitectErrors.SB_ARCHITECT_FLOW_TYPE_UNSUPPORTED,
      `${file}: an Archy ${kind} flow; Switchboard runs workflows ("workflow:"), workitem flows ("workitem:") and common modules ("commonModule:")`,
      { details: { file, flowType: kind } },
    );
  return new SwitchboardError(
    ArchitectErrors.SB_ARCHITECT_YAML_INVALID,
    `${file}: an Archy workflow starts with a "workflow:" mapping; ${kind ? `found "${kind}:"` : 'found none'}`,
    { details: { file } },
  );
}
