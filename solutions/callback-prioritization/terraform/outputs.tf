output "workflow_id" {
  value       = genesyscloud_flow.workflow.id
  description = "The deployed workflow."
}

output "trigger_id" {
  value       = genesyscloud_processautomation_trigger.trigger.id
  description = "The Process Automation trigger that starts it."
}

output "integration_id" {
  value       = genesyscloud_integration.data_actions.id
  description = "The Data Actions integration holding its actions."
}

output "oauth_client_id" {
  value       = genesyscloud_oauth_client.data_actions.client_id
  description = "The OAuth client the data actions run as."
}
