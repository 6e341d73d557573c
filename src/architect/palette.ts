/**
 * @module
 * What the Architect engine supports, read from its own registries — the expression functions, the
 * Archy action kinds both importers read and the data types — so the generated palette table in
 * docs/architect-palette.md can never claim more (or less) than the code does.
 */
import { DATA_TYPES } from './data-types.ts';
import { allFunctions } from './expr/functions.ts';
import { SUPPORTED_YAML_ACTIONS } from './import/archy-yaml.ts';
import { WORKITEM_YAML_ACTIONS } from './import/workitem-actions.ts';
import { LOOKUPS } from './platform-actions.ts';
import type { BaseType } from './model.ts';

/** The supported palette, as registries hold it. */
export interface ArchitectPalette {
  /** Every function, with how many arguments it takes (`Infinity`: any number). */
  readonly functions: ReadonlyArray<{ readonly name: string; readonly minArgs: number; readonly maxArgs: number }>;
  /** Archy action kinds of workflows (and common modules), and those only workitem flows have. */
  readonly yamlActions: readonly string[];
  readonly workitemYamlActions: readonly string[];
  /** The export `__type`s of the lookups (the other actions' are listed in the semantics doc). */
  readonly lookupExports: ReadonlyArray<{ readonly label: string; readonly i3: string }>;
  /** Every data type, spelled as exports and Archy spell it, with its properties. */
  readonly dataTypes: ReadonlyArray<{
    readonly type: BaseType;
    readonly i3: string;
    readonly yaml: string;
    readonly properties: Readonly<Record<string, BaseType>>;
  }>;
}

/** The palette of this build. */
export function architectPalette(): ArchitectPalette {
  return {
    functions: allFunctions()
      .map((f) => ({ name: f.name, minArgs: f.minArgs, maxArgs: f.maxArgs }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    yamlActions: [...SUPPORTED_YAML_ACTIONS],
    workitemYamlActions: [...WORKITEM_YAML_ACTIONS],
    lookupExports: Object.values(LOOKUPS).map((l) => ({ label: l.label, i3: l.i3 })),
    dataTypes: (Object.keys(DATA_TYPES) as BaseType[]).map((type) => ({
      type,
      i3: DATA_TYPES[type].i3,
      yaml: `${DATA_TYPES[type].yaml}Variable`,
      properties: DATA_TYPES[type].properties ?? {},
    })),
  };
}
