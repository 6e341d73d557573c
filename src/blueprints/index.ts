/**
 * @module
 * Bundles and the solutions Switchboard ships: the on-disk bundle format (a manifest naming
 * triggers, workflows, data actions grouped by integration, and configuration points), a strict
 * loader for running a bundle, the catalogue of the product's own solutions (`solutions/` at the
 * package root), and `check`, the static analyzer of bundles and plain folders of Genesys
 * artifacts.
 */
export { BlueprintErrors } from './errors.ts';
export { BundleManifestSchema, MANIFEST_FILES, parseManifest } from './manifest.ts';
export type {
  BundleManifest,
  ConfigPointSpec,
  ConfigValue,
  IntegrationSpec,
  TriggerSpecEntry,
  WorkflowSpec,
} from './manifest.ts';
export { BLUEPRINTS_PREFIX, BLUEPRINTS_ROOT_HOW, defaultBlueprintsDir, resolveArtifactPath } from './paths.ts';
export type {
  ActionArtifact,
  ActionRoute,
  ArtifactSet,
  DeclaredAction,
  FlowArtifact,
  IntegrationArtifact,
  ReadResult,
  SkippedFile,
  TriggerArtifact,
} from './artifacts.ts';
export { effectiveConfig, findManifest, readBundle } from './bundle-reader.ts';
export type { BundleOptions, BundleReadResult } from './bundle-reader.ts';
export { discoverFolder } from './discover.ts';
export { DEFAULT_WALK_LIMITS, WALK_IGNORED_DIRS, walkFolder } from './walk.ts';
export type { WalkLimits, WalkResult, WalkSkip } from './walk.ts';
export { loadBundle } from './load-bundle.ts';
export { dataRequestsOfFolder, formatInferred, inferBundle, loadFolder } from './infer-bundle.ts';
export { writeInferredManifest } from './write-manifest.ts';
export { bindExportSuffixes, calledDataActions } from './bind-names.ts';
export type { FolderOptions, InferredBundle, LoadedFolder } from './infer-bundle.ts';
export type { LoadedAction, LoadedBundle, LoadedIntegration, LoadedTrigger, LoadedWorkflow } from './load-bundle.ts';
export type { Finding, Severity } from './check/finding.ts';
export { sortFindings } from './check/finding.ts';
export type { Rule } from './check/rule.ts';
export { RULES, checkArtifacts, checkPath } from './check/runner.ts';
export type { CheckReport, LoadedArtifact } from './check/runner.ts';
export { renderReport, reportJson } from './check/render.ts';
export { covers, permissionId, routePermissions } from './check/permissions.ts';
export type { RoutePermissions } from './check/permissions.ts';
export { SOLUTIONS, SOLUTIONS_DIR, loadSolution, solutionBundleDir } from './solutions/index.ts';
export {
  CREATABLE_DATA_SOURCES,
  RESOLVED_DATA_SOURCES,
  TerraformErrors,
  UNDERSTOOD_RESOURCES,
  assertLoaded,
  genesysDataResolver,
  loadTerraformProject,
  loadTerraformProjectSync,
  terraformArtifacts,
} from './terraform/index.ts';
export type {
  DataRequest,
  DataResolver,
  DataResolverOptions,
  GenesysFetch,
  TerraformLoadOptions,
  TerraformModel,
  TerraformProject,
  TfAction,
  TfDiagnostic,
  TfFlow,
  TfIntegration,
  TfModuleCall,
  TfResource,
  TfSkipped,
  TfTrigger,
} from './terraform/index.ts';
export type { Solution, SolutionBundle } from './solutions/index.ts';
