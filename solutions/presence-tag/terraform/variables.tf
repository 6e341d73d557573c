variable "integration_name" {
  type        = string
  default     = "Presence Tagging"
  description = "The Data Actions integration, also the category the workflow calls its data actions in."
}

variable "role_name" {
  type        = string
  default     = "Switchboard Presence Tagging"
  description = "The role of the integration's OAuth client."
}

variable "oauth_client_name" {
  type        = string
  default     = "Switchboard Presence Tagging"
  description = "The client-credentials OAuth client the data actions run as."
}

variable "division" {
  type        = string
  default     = "Home"
  description = "The division the workflow is published in."
}
