// A CX as Code project for a web services integration: its credential's fields (from variables),
// its custom auth action and a data action that uses both, read the way `up` runs them.
import { describe, expect, it } from 'vitest';
import { SystemClock } from '../../core/index.ts';
import type { Fetch } from '../../core/index.ts';
import { createIntegrationAuth, executeAction } from '../../actions/index.ts';
import { loadFolder } from '../infer-bundle.ts';
import { writeInferredManifest } from '../write-manifest.ts';
import { folder } from './terraform.test-util.ts';

const MAIN = `
variable "crm_client_secret" { sensitive = true }

resource "genesyscloud_integration_credential" "crm" {
  name                 = "CRM credential"
  credential_type_name = "userDefinedOAuth"
  fields = {
    loginUrl     = "https://crm.example.com/oauth/token"
    clientId     = "switchboard"
    clientSecret = var.crm_client_secret
  }
}

resource "genesyscloud_integration" "crm" {
  intended_state   = "ENABLED"
  integration_type = "custom-rest-actions"
  config {
    name        = "CRM"
    credentials = { userDefinedOAuth = genesyscloud_integration_credential.crm.id }
  }
}

resource "genesyscloud_integration_custom_auth_action" "auth" {
  integration_id = genesyscloud_integration.crm.id
  name           = "CRM Auth"
  config_request {
    request_url_template = "$\${credentials.loginUrl}"
    request_type         = "POST"
    request_template     = "client_id=$\${credentials.clientId}&client_secret=$\${credentials.clientSecret}"
    headers              = { "Content-Type" = "application/x-www-form-urlencoded" }
  }
  config_response {
    success_template = "$\${rawResult}"
  }
}

resource "genesyscloud_integration_action" "tier" {
  name           = "Get Customer Tier"
  category       = "CRM"
  integration_id = genesyscloud_integration.crm.id
  contract_input  = jsonencode({ type = "object", properties = { id = { type = "string" } } })
  contract_output = jsonencode({ type = "object", properties = { tier = { type = "string" } } })
  config_request {
    request_url_template = "https://crm.example.com/customers/$\${input.id}"
    request_type         = "GET"
    headers              = { Authorization = "Bearer $\${authResponse.access_token}" }
  }
  config_response {
    translation_map  = { tier = "$.tier" }
    success_template = "{\\"tier\\": $\${tier}}"
  }
}

resource "genesyscloud_flow" "wf" {
  filepath = "wf.yaml"
}

resource "genesyscloud_processautomation_trigger" "t" {
  name       = "Tier"
  topic_name = "v2.detail.events.conversation.{id}.user.start"
  enabled    = true
  target {
    id   = genesyscloud_flow.wf.id
    type = "Workflow"
  }
  match_criteria = jsonencode([{ jsonPath = "queueId", operator = "Exists", value = false }])
}
`;

const WF = `workflow:
  name: Tier
  division: Home
  startUpRef: "/workflow/states/state[S_1]"
  defaultLanguage: en-us
  variables:
    - stringVariable:
        name: Flow.conversationId
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
  settingsErrorHandling:
    errorHandling:
      endWorkflow:
        none: true
  states:
    - state:
        name: S
        refId: S_1
        actions:
          - callData:
              name: Tier
              timeout:
                lit:
                  seconds: 10
              category:
                CRM:
                  dataAction:
                    Get Customer Tier:
                      inputs:
                        id:
                          exp: Flow.conversationId
          - endWorkflow:
              name: Done
              exitReason:
                lit: done
`;

describe('a Terraform web services integration', () => {
  it('gives its integration the credential fields (variables evaluated) and the custom auth action, which run together', async () => {
    const dir = folder({ 'main.tf': MAIN, 'wf.yaml': WF });
    const { bundle, inferred } = loadFolder(dir, { vars: { crm_client_secret: 's3cret-from-var' } });
    const crm = bundle.integrations.find((i) => i.name === 'CRM')!;
    expect(crm.credentials).toEqual({
      type: 'userDefinedOAuth',
      fields: {
        loginUrl: 'https://crm.example.com/oauth/token',
        clientId: 'switchboard',
        clientSecret: 's3cret-from-var',
      },
    });
    expect(crm.authAction?.definition).toMatchObject({
      name: 'CRM Auth',
      request: { requestType: 'POST', requestUrlTemplate: '${credentials.loginUrl}' },
    });
    expect(inferred!.found).toContain(
      'credential   integration "CRM": userDefinedOAuth (loginUrl, clientId, clientSecret), custom auth action "CRM Auth"',
    );
    expect(inferred!.found.join('\n')).not.toContain('s3cret-from-var');

    const sent: string[] = [];
    const thirdParty: Fetch = async (input, init) => {
      sent.push(
        `${init?.method} ${String(input)} ${init?.body ?? (init?.headers as Record<string, string>).Authorization}`,
      );
      return String(input).endsWith('/oauth/token')
        ? Response.json({ access_token: 'tok-12345678' })
        : Response.json({ tier: 'silver' });
    };
    const genesys: Fetch = () => Promise.reject(new Error('not a Genesys request'));
    const action = bundle.actions.find((a) => a.name === 'Get Customer Tier')!;
    expect(action.action.definition.integrationType).toBe('custom-rest-actions');
    const auth = createIntegrationAuth({ ...crm.credentials!, authAction: crm.authAction! });
    const result = await executeAction(
      action.action,
      { id: 'c-7' },
      { fetch: genesys, thirdParty, clock: new SystemClock(), auth },
    );
    expect(result.outputs).toEqual({ tier: 'silver' });
    expect(sent).toEqual([
      'POST https://crm.example.com/oauth/token client_id=switchboard&client_secret=s3cret-from-var',
      'GET https://crm.example.com/customers/c-7 Bearer tok-12345678',
    ]);
  });

  it('--write-manifest refuses to write credentials that come from Terraform variables', () => {
    const dir = folder({ 'main.tf': MAIN, 'wf.yaml': WF });
    const { bundle, inferred } = loadFolder(dir, { vars: { crm_client_secret: 's3cret-from-var' } });
    expect(() => writeInferredManifest(dir, { ...bundle, actions: [] }, inferred!)).toThrow(
      /credentials of "CRM" come from Terraform variables/,
    );
  });
});
