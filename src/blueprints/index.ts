/**
 * @module
 * Bundles and the solutions Switchboard ships: the on-disk bundle format (a manifest naming
 * triggers, workflows, data actions grouped by integration, and configuration points), a strict
 * loader for running a bundle, the catalogue of the product's own solutions (`solutions/` at the
 * package root), and `check`, the static analyzer of bundles and plain folders of Genesys
 * artifacts.
 */
export { defaultBlueprintsDir, resolveArtifactPath } from './paths.ts';
export type { BundleOptions } from './bundle-reader.ts';
export { discoverFolder } from './discover.ts';
export { loadBundle } from './load-bundle.ts';
export { dataRequestsOfFolder, formatInferred, inferBundle, loadFolder } from './infer-bundle.ts';
export { writeInferredManifest } from './write-manifest.ts';
export { bindExportSuffixes, calledDataActions } from './bind-names.ts';
export { deployedFlowOf, terraformErrorsOf } from './deployed-flow.ts';
export type { DeployedFlow } from './deployed-flow.ts';
export type { InferredBundle } from './infer-bundle.ts';
export { hasOrgData, withOrgIds } from './org-data.ts';
export type { DataTableSpec, NamedOrgObject, OrgData } from './org-data.ts';
export type { TaskManagementData } from './task-management.ts';
export type { LoadedAction, LoadedBundle, LoadedWorkflow } from './load-bundle.ts';
export type { Finding } from './check/finding.ts';
export { sortFindings } from './check/finding.ts';
export { checkArtifacts, checkPath } from './check/runner.ts';
export { renderReport, reportJson } from './check/render.ts';
export { covers, routePermissions } from './check/permissions.ts';
export { SOLUTIONS, SOLUTIONS_DIR, loadSolution, solutionBundleDir } from './solutions/index.ts';
export {
  genesysDataResolver,
  loadTerraformProject,
  loadTerraformProjectSync,
  terraformArtifacts,
} from './terraform/index.ts';
export type { DataRequest, GenesysFetch, TerraformProject, TfAction, TfTrigger } from './terraform/index.ts';
export type { Solution, SolutionBundle } from './solutions/index.ts';
