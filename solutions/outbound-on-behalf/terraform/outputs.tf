output "oauth_client_id" {
  value       = genesyscloud_oauth_client.outbound.client_id
  description = "GENESYSCLOUD_OAUTHCLIENT_ID for Switchboard's outbound API."
}

output "oauth_client_secret" {
  value       = genesyscloud_oauth_client.outbound.client_secret
  sensitive   = true
  description = "GENESYSCLOUD_OAUTHCLIENT_SECRET for Switchboard's outbound API."
}
