# Terminate outbound PSTN calls that have no queue, as CX as Code. The data actions, the workflow
# and the trigger are read from the same files switchboard.json runs (../actions, ../workflows,
# ../triggers), so what runs in Switchboard is what deploys.

locals {
  action_files = {
    disconnect = "${path.module}/../actions/disconnect-conversation.custom.json"
    tag        = "${path.module}/../actions/set-external-tag.custom.json"
    pstn_leg   = "${path.module}/../actions/get-outbound-external-sessions.custom.json"
  }
  deployed_action_files = { for key, f in local.action_files : key => f if key != "pstn_leg" || var.pstn_leg_check }
  actions               = { for key, f in local.deployed_action_files : key => jsondecode(file(f)) }

  flow_file = var.pstn_leg_check ? "${path.module}/../workflows/terminate-call-without-queue-after-pstn-check.yaml" : "${path.module}/../workflows/terminate-pstn-call-without-queue.yaml"
  trigger   = jsondecode(file(var.pstn_leg_check ? "${path.module}/../triggers/call-without-queue.json" : "${path.module}/../triggers/pstn-call-without-queue.json"))

  # domain:entity:action, as the bundles declare them for the integration's client.
  permissions = concat(
    ["conversation:communication:disconnect", "conversation:externalTag:edit"],
    var.pstn_leg_check ? ["analytics:conversationDetail:view"] : [],
  )

  # The flow writes the tag inside a double-quoted YAML string: JSON string escapes are valid there.
  tag_text_yaml = substr(jsonencode(var.tag_text), 1, length(jsonencode(var.tag_text)) - 2)
}

data "genesyscloud_auth_division_home" "home" {}

resource "genesyscloud_auth_role" "data_actions" {
  name        = var.role_name
  description = "Lets the ${var.integration_name} data actions disconnect and tag calls without a queue."
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
  for_each        = local.deployed_action_files
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
    external_tag         = local.tag_text_yaml
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
