# Tag a Communicate call with the user's presence, as CX as Code. The data actions, the workflow
# and the trigger are read from the same files switchboard.json runs (../actions, ../workflows,
# ../triggers), so what runs in Switchboard is what deploys.

locals {
  action_files = {
    presence = "${path.module}/../actions/get-user-presence.custom.json"
    label    = "${path.module}/../actions/get-presence-label.custom.json"
    tag      = "${path.module}/../actions/set-external-tag.custom.json"
  }
  actions = { for key, f in local.action_files : key => jsondecode(file(f)) }

  flow_file = "${path.module}/../workflows/tag-call-with-user-presence.yaml"
  trigger   = jsondecode(file("${path.module}/../triggers/communicate-call-started.json"))

  # domain:entity:action, as switchboard.json declares them for the integration's client.
  permissions = ["presence:presenceDefinition:view", "conversation:externalTag:edit"]
}

data "genesyscloud_auth_division_home" "home" {}

resource "genesyscloud_auth_role" "data_actions" {
  name        = var.role_name
  description = "Lets the ${var.integration_name} data actions read presence labels and tag conversations."
  dynamic "permission_policies" {
    for_each = local.permissions
    content {
      domain      = split(":", permission_policies.value)[0]
      entity_name = split(":", permission_policies.value)[1]
      action_set  = [split(":", permission_policies.value)[2]]
    }
  }
}

resource "genesyscloud_oauth_client" "data_actions" {
  name                        = var.oauth_client_name
  description                 = "The ${var.integration_name} data actions run as this client."
  authorized_grant_type       = "CLIENT-CREDENTIALS"
  integration_credential_name = "${var.integration_name} credential"
  roles {
    role_id     = genesyscloud_auth_role.data_actions.id
    division_id = data.genesyscloud_auth_division_home.home.id
  }
}

resource "genesyscloud_integration" "data_actions" {
  integration_type = "purecloud-data-actions"
  intended_state   = "ENABLED"
  config {
    name = var.integration_name
    credentials = {
      pureCloudOAuthClient = genesyscloud_oauth_client.data_actions.integration_credential_id
    }
  }
}

resource "genesyscloud_integration_action" "action" {
  for_each        = local.action_files
  name            = local.actions[each.key].name
  category        = var.integration_name
  integration_id  = genesyscloud_integration.data_actions.id
  secure          = local.actions[each.key].secure
  contract_input  = jsonencode(local.actions[each.key].contract.input.inputSchema)
  contract_output = jsonencode(local.actions[each.key].contract.output.successSchema)
  config_request {
    request_url_template = local.actions[each.key].config.request.requestUrlTemplate
    request_type         = local.actions[each.key].config.request.requestType
    request_template     = local.actions[each.key].config.request.requestTemplate
    headers              = local.actions[each.key].config.request.headers
  }
  config_response {
    translation_map          = local.actions[each.key].config.response.translationMap
    translation_map_defaults = local.actions[each.key].config.response.translationMapDefaults
    success_template         = local.actions[each.key].config.response.successTemplate
  }
}

resource "genesyscloud_flow" "workflow" {
  filepath          = local.flow_file
  file_content_hash = filesha256(local.flow_file)
  substitutions = {
    division             = var.division
    data_action_category = var.integration_name
  }
  depends_on = [genesyscloud_integration_action.action]
}

resource "genesyscloud_processautomation_trigger" "trigger" {
  name           = local.trigger.name
  description    = local.trigger.description
  topic_name     = local.trigger.topicName
  enabled        = local.trigger.enabled
  match_criteria = jsonencode(local.trigger.matchCriteria)
  target {
    id   = genesyscloud_flow.workflow.id
    type = local.trigger.target.type
    workflow_target_settings {
      data_format = local.trigger.target.workflowTargetSettings.dataFormat
    }
  }
}
