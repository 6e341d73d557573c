/**
 * @module
 * Terraform projects (CX as Code), read the way Terraform reads them: HCL2 parsed by tree-sitter's
 * grammar, then evaluated (variables and tfvars, locals, modules, count/for_each, data sources
 * through a resolver port, the built-in functions projects use) into triggers, data actions,
 * flows and the other `genesyscloud_*` resources. docs/terraform.md describes what is evaluated.
 */
export { terraformArtifacts } from './artifacts.ts';
export { TerraformErrors } from './errors.ts';
export type { TerraformErrorCode, TfDiagnostic } from './errors.ts';
export { assertLoaded, loadTerraformProject, loadTerraformProjectSync } from './load.ts';
export type { DataResolver, TerraformLoadOptions, TerraformProject, TfModuleCall } from './load.ts';
export type { DataRequest } from './module.ts';
export { CREATABLE_DATA_SOURCES, RESOLVED_DATA_SOURCES, genesysDataResolver } from './genesys-data.ts';
export type { DataResolverOptions, GenesysFetch } from './genesys-data.ts';
export { UNDERSTOOD as UNDERSTOOD_RESOURCES } from './resources.ts';
export type {
  TerraformModel,
  TfAction,
  TfFlow,
  TfIntegration,
  TfResource,
  TfResourceBase,
  TfSkipped,
  TfTrigger,
} from './resources.ts';
