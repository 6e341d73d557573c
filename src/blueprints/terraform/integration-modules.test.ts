// Which module calls create a data-action integration: a module that declares one, or a known
// integration module that is not installed (its type told by its source); a module that only
// passes an integration_name on is none. Small projects in temporary folders.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terraformArtifacts } from './artifacts.ts';
import { integrationModuleType } from './integration-modules.ts';
import { TfProject } from './project.ts';
import { folder, load } from './terraform.test-util.ts';

const DEVOPS = 'git::https://github.com/GenesysCloudDevOps';

const ACTION = (name: string, module: string) => `
resource "genesyscloud_integration_action" "${name}" {
  name           = "${name}"
  category       = module.${module}.integration_name
  integration_id = module.${module}.integration_id
  contract_input  = jsonencode({ type = "object", properties = {} })
  contract_output = jsonencode({ type = "object", properties = {} })
  config_request {
    request_url_template = "https://api.example.com/${name}"
    request_type         = "GET"
  }
  config_response {
    success_template = "$\${rawResult}"
  }
}
`;

const MAIN = `
module "public_api" {
  source           = "${DEVOPS}/public-api-data-actions-integration-module?ref=main"
  integration_name = "Platform Actions"
}
module "web" {
  source           = "${DEVOPS}/web-services-data-actions-integration-module.git?ref=v1.0.0"
  integration_name = "Web Actions"
}
module "crm" {
  source           = "${DEVOPS}/salesforce-data-actions-integration-module"
  integration_name = "CRM Actions"
}
module "own" {
  source           = "./own-integration"
  integration_name = "Own Actions"
}
module "workflow" {
  source           = "./workflow"
  integration_name = module.public_api.integration_name
}
module "other" {
  source           = "git::https://example.com/some-module.git"
  integration_name = "Not An Integration"
}
${ACTION('lookup', 'public_api')}
${ACTION('fetch', 'web')}
${ACTION('account', 'crm')}
`;

const OWN =
  'variable "integration_name" {}\nresource "genesyscloud_integration" "i" {\n  integration_type = "purecloud-data-actions"\n  config {\n    name = var.integration_name\n  }\n}\noutput "integration_name" {\n  value = var.integration_name\n}\n';
const WORKFLOW = 'variable "integration_name" {}\noutput "category" {\n  value = var.integration_name\n}\n';

describe('integration modules', () => {
  it('counts the modules that create an integration, not one that only passes an integration_name on', () => {
    const dir = folder({ 'main.tf': MAIN, 'own-integration/main.tf': OWN, 'workflow/main.tf': WORKFLOW });
    const project = TfProject.fromTexts([{ file: join(dir, 'main.tf'), text: MAIN }], []);
    expect(project.integrations().map((i) => [i.module, i.name])).toEqual([
      ['public_api', 'Platform Actions'],
      ['web', 'Web Actions'],
      ['crm', 'CRM Actions'],
      ['own', 'Own Actions'],
    ]);
  });

  it('routes the data actions of a module that is not installed to the integration type its source names', () => {
    const p = load({ 'main.tf': MAIN, 'own-integration/main.tf': OWN, 'workflow/main.tf': WORKFLOW });
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(p.actions.map((a) => [a.name, a.integration, a.integrationType])).toEqual([
      ['lookup', 'module.public_api', 'purecloud-data-actions'],
      ['fetch', 'module.web', 'custom-rest-actions'],
      ['account', 'module.crm', 'salesforce-datadip'],
    ]);
    const read = terraformArtifacts(p);
    expect(read.set.actions.map((a) => [a.name, a.integration, a.definition.integrationType])).toEqual([
      ['lookup', 'Platform Actions', 'purecloud-data-actions'],
      ['fetch', 'Web Actions', 'custom-rest-actions'],
      ['account', 'CRM Actions', 'salesforce-datadip'],
    ]);
  });

  it('tells the type from the repository name, whatever the source form', () => {
    expect(integrationModuleType(`${DEVOPS}/web-services-data-actions-integration-module.git//sub?ref=main`)).toBe(
      'custom-rest-actions',
    );
    expect(integrationModuleType('GenesysCloudDevOps/public-api-data-actions-integration-module/genesyscloud')).toBe(
      'purecloud-data-actions',
    );
    expect(integrationModuleType(`${DEVOPS}/public-api-send-sms-data-action-module?ref=main`)).toBeUndefined();
    expect(integrationModuleType('./modules/public-api-integration')).toBeUndefined();
  });
});
