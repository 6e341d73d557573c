output "busy_workflow_id" {
  value       = genesyscloud_flow.busy.id
  description = "The workflow that sets a user Busy."
}

output "available_workflow_id" {
  value       = genesyscloud_flow.available.id
  description = "The workflow that sets a user Available."
}

output "trigger_ids" {
  value       = [genesyscloud_processautomation_trigger.busy.id, genesyscloud_processautomation_trigger.available.id]
  description = "The Process Automation triggers that start them."
}

output "integration_id" {
  value       = genesyscloud_integration.data_actions.id
  description = "The Data Actions integration holding their actions."
}

output "oauth_client_id" {
  value       = genesyscloud_oauth_client.data_actions.client_id
  description = "The OAuth client the data actions run as."
}
