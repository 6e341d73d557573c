# "Tag outbound calls placed without a queue", deployed with CX as Code (the genesyscloud
# provider): a data-action integration, its data action, the Architect workflow (an Archy YAML
# with {{placeholders}} filled by substitutions) and the process-automation trigger that starts it.
terraform {
  required_providers {
    genesyscloud = {
      source = "mypurecloud/genesyscloud"
    }
  }
}

resource "genesyscloud_integration" "examples" {
  intended_state   = "ENABLED"
  integration_type = "purecloud-data-actions"
  config {
    name       = "Switchboard Examples"
    properties = jsonencode({})
    advanced   = jsonencode({})
    notes      = "Data actions of the Switchboard examples"
    credentials = {
      pureCloudOAuthClient = var.oauth_credential_id
    }
  }
}

resource "genesyscloud_integration_action" "set_external_tag" {
  name           = "Set External Tag"
  category       = "Switchboard Examples"
  integration_id = genesyscloud_integration.examples.id
  secure         = false
  contract_input = jsonencode({
    "type" : "object",
    "required" : ["conversationId", "externalTag"],
    "properties" : {
      "conversationId" : { "type" : "string" },
      "externalTag" : { "type" : "string" }
    },
    "additionalProperties" : false
  })
  contract_output = jsonencode({
    "type" : "object",
    "properties" : {
      "tagged" : { "type" : "boolean" }
    }
  })
  config_request {
    request_url_template = "/api/v2/conversations/$${input.conversationId}/tags"
    request_type         = "PUT"
    request_template     = "{ \"externalTag\": \"$esc.jsonString($${input.externalTag})\" }"
    headers = {
      Content-Type = "application/json"
    }
  }
  config_response {
    success_template = "{ \"tagged\": true }"
  }
}

resource "genesyscloud_flow" "tag_calls_without_queue" {
  filepath          = "${path.module}/tag-calls-without-queue.yaml"
  file_content_hash = filesha256("${path.module}/tag-calls-without-queue.yaml")
  substitutions = {
    flow_name            = "Tag Calls Without Queue"
    data_action_category = "Switchboard Examples"
    data_action_name     = genesyscloud_integration_action.set_external_tag.name
    external_tag         = "No queue"
  }
}

resource "genesyscloud_processautomation_trigger" "outbound_call_without_queue" {
  name       = "Outbound call without a queue"
  topic_name = "v2.detail.events.conversation.{id}.user.start"
  enabled    = true
  target {
    id   = genesyscloud_flow.tag_calls_without_queue.id
    type = "Workflow"
    workflow_target_settings {
      data_format = "TopLevelPrimitives"
    }
  }
  match_criteria = jsonencode([
    { "jsonPath" : "direction", "operator" : "Equal", "value" : "OUTBOUND" },
    { "jsonPath" : "queueId", "operator" : "Exists", "value" : false }
  ])
}

variable "oauth_credential_id" {
  type        = string
  description = "The id of the integration credential (an OAuth client whose role may edit conversation external tags)."
}
