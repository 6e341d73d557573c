# Busy while on a Communicate call, Available after, as CX as Code. The data actions, the two
# workflows and their triggers are read from the same files switchboard.json runs (../actions,
# ../workflows, ../triggers), so what runs in Switchboard is what deploys.

locals {
  action_files = {
    presence     = "${path.module}/../actions/get-user-system-presence.custom.json"
    set_presence = "${path.module}/../actions/set-user-presence.custom.json"
    inbound      = "${path.module}/../actions/get-inbound-call-pickup.custom.json"
    group        = "${path.module}/../actions/get-group-call-answerers.custom.json"
    outbound     = "${path.module}/../actions/get-outbound-call-pickup.custom.json"
  }
  actions = { for key, f in local.action_files : key => jsondecode(file(f)) }

  busy_flow_file      = "${path.module}/../workflows/set-user-busy-on-communicate-call.yaml"
  available_flow_file = "${path.module}/../workflows/set-user-available-after-communicate-call.yaml"
  busy_trigger        = jsondecode(file("${path.module}/../triggers/communicate-call-started.json"))
  available_trigger   = jsondecode(file("${path.module}/../triggers/communicate-call-ended.json"))

  # domain:entity:action, as switchboard.json declares them for the integration's client.
  permissions = ["conversation:communication:view", "presence:*:*"]
}

data "genesyscloud_auth_division_home" "home" {}

resource "genesyscloud_auth_role" "data_actions" {
  name        = var.role_name
  description = "Lets the ${var.integration_name} data actions read conversations and set user presences."
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

resource "genesyscloud_flow" "busy" {
  filepath          = local.busy_flow_file
  file_content_hash = filesha256(local.busy_flow_file)
  substitutions = {
    division             = var.division
    data_action_category = var.integration_name
    busy_presence_id     = var.busy_presence_id
    pickup_checks        = var.pickup_checks
    pickup_wait_seconds  = var.pickup_wait_seconds
  }
  depends_on = [genesyscloud_integration_action.action]
}

resource "genesyscloud_flow" "available" {
  filepath          = local.available_flow_file
  file_content_hash = filesha256(local.available_flow_file)
  substitutions = {
    division              = var.division
    data_action_category  = var.integration_name
    available_presence_id = var.available_presence_id
  }
  depends_on = [genesyscloud_integration_action.action]
}

resource "genesyscloud_processautomation_trigger" "busy" {
  name           = local.busy_trigger.name
  description    = local.busy_trigger.description
  topic_name     = local.busy_trigger.topicName
  enabled        = local.busy_trigger.enabled
  match_criteria = jsonencode(local.busy_trigger.matchCriteria)
  target {
    id   = genesyscloud_flow.busy.id
    type = local.busy_trigger.target.type
    workflow_target_settings {
      data_format = local.busy_trigger.target.workflowTargetSettings.dataFormat
    }
  }
}

resource "genesyscloud_processautomation_trigger" "available" {
  name           = local.available_trigger.name
  description    = local.available_trigger.description
  topic_name     = local.available_trigger.topicName
  enabled        = local.available_trigger.enabled
  match_criteria = jsonencode(local.available_trigger.matchCriteria)
  target {
    id   = genesyscloud_flow.available.id
    type = local.available_trigger.target.type
    workflow_target_settings {
      data_format = local.available_trigger.target.workflowTargetSettings.dataFormat
    }
  }
}
