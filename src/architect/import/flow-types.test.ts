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
  it.each(['workitem', 'commonModule', 'inboundShortMessage', 'inboundCall', 'botFlow'])(
    'refuses an Archy %s flow by its type',
    (type) => {
      const r = codeOf(() => importFlowFile('Other.yaml', `${type}:\n  name: Other\n`));
      expect(r.code).toBe('SB_ARCHITECT_FLOW_TYPE_UNSUPPORTED');
      expect(r.message).toContain(`an Archy ${type} flow; Switchboard runs workflows only`);
    },
  );

  it('refuses an export of another type by its extension, and an unknown document as not a workflow', () => {
    const exported = codeOf(() => importFlowFile('Claims.i3WorkitemFlow', 'eyJ9'));
    expect(exported.code).toBe('SB_ARCHITECT_FLOW_TYPE_UNSUPPORTED');
    expect(exported.message).toContain('an Architect WorkitemFlow export');
    const other = codeOf(() => importFlowFile('Notes.yaml', 'shopping:\n  - milk\n'));
    expect(other.code).toBe('SB_ARCHITECT_YAML_INVALID');
    expect(other.message).toContain('found "shopping:"');
  });
});
