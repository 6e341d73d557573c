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
 * Import a flow whose format follows from its file name: `.i3WorkFlow` (`.i3WorkitemFlow`, `.i3CommonModuleFlow`), `.yaml`/`.yml` (Archy), or
 * a Terraform template of Archy YAML (`.yaml.tftpl`, any `.tftpl`); a leading byte order mark is skipped.
 * Throws `SB_FILE_UNREADABLE` for any other extension.
 * @example
 * const flow = importFlowFile('Callback-Prioritization.i3WorkFlow', readFileSync(path, 'utf8'));
 */
export function importFlowFile(fileName: string, text: string, options: ArchyImportOptions = {}): Flow {
  const opts = { file: fileName, ...options };
  if (/\.i3(workflow|commonmoduleflow|workitemflow)$/i.test(fileName)) return importI3WorkFlow(stripBom(text), opts);
  if (/\.ya?ml$/i.test(fileName)) return importArchyYaml(stripBom(text), opts);
  if (/\.tftpl$/i.test(fileName))
    return importArchyYaml(renderTemplate(fileName, stripBom(text), options.params), opts);
  const type = exportFlowType(fileName);
  if (type)
    throw new SwitchboardError(
      ArchitectErrors.SB_ARCHITECT_FLOW_TYPE_UNSUPPORTED,
      `${fileName}: an Architect ${type} export; Switchboard runs workflows, workitem flows and common modules (.i3WorkFlow, .i3WorkitemFlow, .i3CommonModuleFlow or their Archy YAML)`,
      { details: { file: fileName, flowType: type } },
    );
  throw new SwitchboardError(
    'SB_FILE_UNREADABLE',
    `${fileName}: a flow file must end in .i3WorkFlow, .yaml, .yml or .tftpl`,
    {
      details: { file: fileName },
    },
  );
}

/**
 * What Terraform's `templatefile()` renders from an Archy YAML template given `params` as its
 * variables: `${name}` is the value, `$${` / `%%{` escapes lose their first character; an
 * expression or directive it cannot fill (`${var.x}`, `%{ if … }`, a name without a value) is
 * `SB_ARCHITECT_PARAM_MISSING` naming them. The `{{name}}` placeholders stay for the Archy import.
 */
function renderTemplate(fileName: string, text: string, params: Readonly<Record<string, string>> = {}): string {
  const unfilled = new Set<string>();
  const rendered = text.replace(
    /(\$\$\{|%%\{)|\$\{\s*([^}]*?)\s*\}|%\{[^}]*\}/g,
    (all, escape: string | undefined, name: string | undefined) => {
      if (escape) return escape.slice(1);
      if (name !== undefined && /^[A-Za-z_][\w-]*$/.test(name) && params[name] !== undefined) return params[name];
      unfilled.add(all);
      return all;
    },
  );
  if (unfilled.size > 0)
    throw new SwitchboardError(
      ArchitectErrors.SB_ARCHITECT_PARAM_MISSING,
      `${fileName}: the Terraform template has expressions templatefile() would fill (${[...unfilled].join(', ')}); give each name a value (--substitutions), or run the file Terraform renders`,
      { details: { file: fileName, missing: [...unfilled] } },
    );
  return rendered;
}
