import { describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../../core/index.ts';
import { importFlowFile } from './by-file-name.ts';

const codeOf = (fn: () => unknown): { code: string; message: string } => {
  try {
    fn();
  } catch (e) {
    if (isSwitchboardError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('flows of other types', () => {
  it.each(['inboundShortMessage', 'inboundCall', 'botFlow'])('refuses an Archy %s flow by its type', (type) => {
    const r = codeOf(() => importFlowFile('Other.yaml', `${type}:\n  name: Other\n`));
    expect(r.code).toBe('SB_ARCHITECT_FLOW_TYPE_UNSUPPORTED');
    expect(r.message).toContain(
      `an Archy ${type} flow; Switchboard runs workflows ("workflow:"), workitem flows ("workitem:") and common modules`,
    );
  });

  it('refuses an export of another type by its extension, and an unknown document as not a workflow', () => {
    const exported = codeOf(() => importFlowFile('Greeting.i3InboundFlow', 'eyJ9'));
    expect(exported.code).toBe('SB_ARCHITECT_FLOW_TYPE_UNSUPPORTED');
    expect(exported.message).toContain('an Architect InboundFlow export');
    const other = codeOf(() => importFlowFile('Notes.yaml', 'shopping:\n  - milk\n'));
    expect(other.code).toBe('SB_ARCHITECT_YAML_INVALID');
    expect(other.message).toContain('found "shopping:"');
  });

  it('reads a Terraform template of Archy YAML as templatefile() renders it, its names filled from the substitutions', () => {
    const template = [
      'workflow:',
      '  name: ${flow_name}',
      '  description: "costs $${price}"',
      '  startUpRef: "/workflow/states/state[S]"',
      '  states:',
      '    - state:',
      '        name: Main',
      '        refId: S',
      '        actions:',
      '          - endWorkflow:',
      '              name: End',
      '              exitReason:',
      '                lit: "{{reason}}"',
      '',
    ].join('\n');
    const flow = importFlowFile('sms.yaml.tftpl', template, { params: { flow_name: 'SMS Follow-up', reason: 'done' } });
    expect(flow.name).toBe('SMS Follow-up');
    const missing = codeOf(() =>
      importFlowFile('sms.yaml.tftpl', template.replace('${flow_name}', '${var.name}'), { params: { reason: 'done' } }),
    );
    expect(missing.code).toBe('SB_ARCHITECT_PARAM_MISSING');
    expect(missing.message).toContain('(${var.name})');
  });
});
