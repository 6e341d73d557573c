/**
 * @module
 * Pick the importer from a file name, for callers that load flows from disk.
 */
import { SwitchboardError, stripBom } from '../../core/index.ts';
import type { Flow } from '../model.ts';
import { importArchyYaml } from './archy-yaml.ts';
import type { ArchyImportOptions } from './archy-yaml.ts';
import { importI3WorkFlow } from './i3workflow.ts';
import { ArchitectErrors } from '../errors.ts';
import { exportFlowType } from './flow-types.ts';

/**
 * Import a flow whose format follows from its file name: `.i3WorkFlow`, or `.yaml`/`.yml` (Archy);
 * a leading byte order mark is skipped.
 * Throws `SB_FILE_UNREADABLE` for any other extension.
 * @example
 * const flow = importFlowFile('Callback-Prioritization.i3WorkFlow', readFileSync(path, 'utf8'));
 */
export function importFlowFile(fileName: string, text: string, options: ArchyImportOptions = {}): Flow {
  const opts = { file: fileName, ...options };
  if (/\.i3workflow$/i.test(fileName)) return importI3WorkFlow(stripBom(text), opts);
  if (/\.ya?ml$/i.test(fileName)) return importArchyYaml(stripBom(text), opts);
  const type = exportFlowType(fileName);
  if (type)
    throw new SwitchboardError(
      ArchitectErrors.SB_ARCHITECT_FLOW_TYPE_UNSUPPORTED,
      `${fileName}: an Architect ${type} export; Switchboard runs workflows only (.i3WorkFlow or Archy YAML "workflow:")`,
      { details: { file: fileName, flowType: type } },
    );
  throw new SwitchboardError('SB_FILE_UNREADABLE', `${fileName}: a flow file must end in .i3WorkFlow, .yaml or .yml`, {
    details: { file: fileName },
  });
}
