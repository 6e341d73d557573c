# Outbound calls on behalf of an agent, as CX as Code. There is no flow, data action or trigger:
# Switchboard's outbound API places the calls itself, so an org needs only the role and the OAuth
# client it runs as.

locals {
  # domain:entity:action, as switchboard.json declares them for the client.
  permissions = [
    "conversation:call:add",
    "directory:user:view",
    "conversation:communication:view",
    "analytics:conversationDetail:view",
  ]
}

data "genesyscloud_auth_division_home" "home" {}

resource "genesyscloud_auth_role" "outbound" {
  name        = var.role_name
  description = "Places PSTN calls on behalf of agents, finds agents by email and follows the calls."
  dynamic "permission_policies" {
    for_each = local.permissions
    content {
      domain      = split(":", permission_policies.value)[0]
      entity_name = split(":", permission_policies.value)[1]
      action_set  = [split(":", permission_policies.value)[2]]
    }
  }
}

resource "genesyscloud_oauth_client" "outbound" {
  name                  = var.oauth_client_name
  description           = "Switchboard's outbound API places calls on behalf of agents as this client."
  authorized_grant_type = "CLIENT-CREDENTIALS"
  # Switchboard needs the secret (GENESYSCLOUD_OAUTHCLIENT_SECRET); it is kept in the Terraform state.
  expose_client_secret = true
  roles {
    role_id     = genesyscloud_auth_role.outbound.id
    division_id = data.genesyscloud_auth_division_home.home.id
  }
}
