/**
 * @module
 * Run every rule over a bundle (a folder with `switchboard.json` / `bundle.json`) or a plain
 * folder of artifacts.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { SwitchboardError, isSwitchboardError } from '../../core/index.ts';
import type { ArtifactSet, ReadResult, SkippedFile } from '../artifacts.ts';
import { findManifest, readBundle } from '../bundle-reader.ts';
import { discoverFolder } from '../discover.ts';
import { BlueprintErrors } from '../errors.ts';
import { sortFindings } from './finding.ts';
import type { Finding, Severity } from './finding.ts';
import type { Rule } from './rule.ts';
import { actionInvalidDefaultJson } from './rules/action-invalid-default-json.ts';
import { actionLiteralReference } from './rules/action-literal-reference.ts';
import { flowDataActionInput } from './rules/flow-data-action-inputs.ts';
import { actionUnescapedInput } from './rules/action-unescaped-input.ts';
import { flowCollectionToString } from './rules/flow-collection-tostring.ts';
import { flowDuplicateName } from './rules/flow-duplicate-name.ts';
import { flowMissingDataAction } from './rules/flow-missing-data-action.ts';
import { flowUnassignedVariable } from './rules/flow-unassigned-variable.ts';
import { flowUnusedVariable } from './rules/flow-unused-variable.ts';
import { flowCommonModule } from './rules/flow-common-module.ts';
import { flowWorkitemWorktype } from './rules/flow-workitem-worktype.ts';
import { integrationMissingPermission } from './rules/integration-missing-permission.ts';
import { checkPairing } from './rules/pairing.ts';
import { terraformActionNameMismatch } from './rules/terraform-action-name-mismatch.ts';
import { triggerInputNeverSent } from './rules/trigger-input-never-sent.ts';
import { triggerJsonWithoutJsonData } from './rules/trigger-json-without-jsondata.ts';
import { triggerNoCriteria } from './rules/trigger-no-criteria.ts';
import { triggerUnknownField } from './rules/trigger-unknown-field.ts';

/** Every rule `switchboard check` runs, in order. */
const RULES: readonly Rule[] = [
  flowMissingDataAction,
  flowCommonModule,
  flowWorkitemWorktype,
  flowUnassignedVariable,
  triggerInputNeverSent,
  actionInvalidDefaultJson,
  actionUnescapedInput,
  actionLiteralReference,
  flowDataActionInput,
  integrationMissingPermission,
  triggerUnknownField,
  triggerJsonWithoutJsonData,
  triggerNoCriteria,
  flowCollectionToString,
  flowDuplicateName,
  flowUnusedVariable,
  terraformActionNameMismatch,
  checkPairing,
];

/** An artifact the check read. */
interface LoadedArtifact {
  readonly kind:
    | 'data action'
    | 'flow'
    | 'workitem flow'
    | 'common module'
    | 'trigger'
    | 'terraform data action'
    | 'integration'
    /** A flow of a type Switchboard does not run, named by its type: `inbound call flow`, `bot flow`. */
    | `${string} flow`;
  readonly file: string;
  readonly name: string;
  /** A flow of a type Switchboard does not run: Architect's flow type, lower case (`inboundcall`). */
  readonly flowType?: string;
  /** Where in the file, when it holds several (a Terraform resource, a Postman request). */
  readonly location?: string;
}

/** The outcome of a check. */
export interface CheckReport {
  readonly root: string;
  readonly mode: 'bundle' | 'folder';
  /** The bundle name, in bundle mode. */
  readonly bundle?: string;
  /** Every artifact read, data actions first, then flows, triggers and the Terraform setup. */
  readonly loaded: readonly LoadedArtifact[];
  /** The files of a plain folder that hold no artifact, each with why. */
  readonly skipped: readonly SkippedFile[];
  readonly findings: readonly Finding[];
  readonly counts: Readonly<Record<Severity, number>>;
}

/** What a set holds, as the report lists it. */
function loadedOf(set: ArtifactSet): LoadedArtifact[] {
  const at = (location: string): { location?: string } => (location ? { location } : {});
  const byFile = (a: LoadedArtifact, b: LoadedArtifact): number =>
    a.file.localeCompare(b.file) || (a.location ?? '').localeCompare(b.location ?? '');
  return [
    ...set.actions.map((a): LoadedArtifact => ({ kind: 'data action', file: a.file, name: a.name })).sort(byFile),
    ...set.flows
      .map((f): LoadedArtifact => ({
        kind: f.flow.type === 'commonModule' ? 'common module' : f.flow.type === 'workitem' ? 'workitem flow' : 'flow',
        file: f.file,
        name: f.name,
      }))
      .sort(byFile),
    ...(set.otherFlows ?? [])
      .map((f): LoadedArtifact => ({ kind: `${f.label} flow`, file: f.file, name: f.name, flowType: f.type }))
      .sort(byFile),
    ...set.triggers
      .map((t): LoadedArtifact => ({ kind: 'trigger', file: t.file, name: t.name, ...at(t.location) }))
      .sort(byFile),
    ...set.terraformActions
      .map((a): LoadedArtifact => ({ kind: 'terraform data action', file: a.file, name: a.name, ...at(a.location) }))
      .sort(byFile),
    ...set.integrations
      .filter((i) => !i.implicit)
      .map((i): LoadedArtifact => ({ kind: 'integration', file: i.file, name: i.name, ...at(i.location) }))
      .sort(byFile),
  ];
}

/** Nothing to check is an error: a report of "0 errors" would pass a folder that was never checked. */
function nothingLoaded(root: string, skipped: readonly SkippedFile[]): Finding {
  return {
    severity: 'error',
    file: '.',
    location: '',
    rule: 'folder/nothing-loaded',
    message: `there is nothing to check: no artifact loaded from ${root}${skipped.length > 0 ? ` (${skipped.length} file${skipped.length === 1 ? '' : 's'} skipped, each listed with why)` : ' (it holds no file)'}`,
    hint: 'Point check at a bundle (switchboard.json) or a folder of Genesys artifacts: *.custom.json data actions, *.i3WorkFlow or Archy *.yaml flows, trigger *.json, Terraform *.tf.',
  };
}

/**
 * Run every rule over artifacts already read (pure).
 * @example
 * const report = checkArtifacts(discoverFolder('exports/'));
 */
export function checkArtifacts(read: ReadResult, rules: readonly Rule[] = RULES): CheckReport {
  const loaded = loadedOf(read.set);
  const skipped = [...(read.skipped ?? [])].sort((a, b) => a.file.localeCompare(b.file));
  // A file that failed to load has its own error finding; only a set with neither is empty.
  const empty =
    loaded.length === 0 && !read.findings.some((f) => f.severity === 'error')
      ? [nothingLoaded(read.set.root, skipped)]
      : [];
  const findings = sortFindings([...read.findings, ...empty, ...rules.flatMap((r) => r.check(read.set))]);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return {
    root: read.set.root,
    mode: read.set.kind,
    ...(read.set.manifest ? { bundle: read.set.manifest.name } : {}),
    loaded,
    skipped,
    findings,
    counts,
  };
}

/**
 * Check a folder: as a bundle when it holds a manifest, else as a plain folder of artifacts.
 * Throws `SB_BLUEPRINTS_DIR_UNREADABLE` when it is not a readable folder; a broken manifest is
 * an error finding.
 * @example
 * const report = checkPath('solutions/callback-prioritization');
 * process.exitCode = report.counts.error > 0 ? 1 : 0;
 */
export function checkPath(dir: string, options: { blueprintsDir?: string } = {}): CheckReport {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    throw new SwitchboardError(
      BlueprintErrors.SB_BLUEPRINTS_DIR_UNREADABLE,
      `the folder to check must exist; ${dir}: ${(e as Error).message}`,
      { details: { dir } },
    );
  }
  if (!isDir)
    throw new SwitchboardError(
      BlueprintErrors.SB_BLUEPRINTS_DIR_UNREADABLE,
      `the path to check must be a folder; ${dir} is a file`,
      { details: { dir } },
    );
  const manifest = findManifest(dir);
  if (!manifest) return checkArtifacts(discoverFolder(dir));
  try {
    return checkArtifacts(readBundle(dir, options));
  } catch (e) {
    if (!isSwitchboardError(e) || e.code !== BlueprintErrors.SB_BLUEPRINTS_MANIFEST_INVALID) throw e;
    const finding: Finding = {
      severity: 'error',
      file: basename(manifest),
      location: '',
      rule: 'bundle/manifest-invalid',
      message: e.message,
      hint: e.hint ?? '',
    };
    return {
      root: dir,
      mode: 'bundle',
      loaded: [],
      skipped: [],
      findings: [finding],
      counts: { error: 1, warning: 0, info: 0 },
    };
  }
}
