terraform {
  required_version = ">= 1.3"
  required_providers {
    genesyscloud = {
      source = "mypurecloud/genesyscloud"
    }
  }
}

# Credentials and region come from GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET and
# GENESYSCLOUD_REGION; that client needs to create roles, OAuth clients, integrations, flows and
# Process Automation triggers.
provider "genesyscloud" {}
