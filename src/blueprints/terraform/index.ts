/**
 * @module
 * Terraform projects (CX as Code), read the way Terraform reads them: HCL2 parsed by tree-sitter's
 * grammar, then evaluated (variables and tfvars, locals, modules, count/for_each, data sources
 * through a resolver port, the built-in functions projects use) into triggers, data actions,
 * flows and the other `genesyscloud_*` resources. docs/terraform.md describes what is evaluated.
 */
export { providerFileName, terraformArtifacts } from './artifacts.ts';
export { loadTerraformProject, loadTerraformProjectSync } from './load.ts';
export type { TerraformLoadOptions, TerraformProject } from './load.ts';
export type { DataRequest } from './module.ts';
export { genesysDataResolver } from './genesys-data.ts';
export type { GenesysFetch } from './genesys-data.ts';
export type { TfAction, TfTrigger } from './resources.ts';
