variable "role_name" {
  type        = string
  default     = "Switchboard Outbound On Behalf"
  description = "The role of the OAuth client that places calls on behalf of agents."
}

variable "oauth_client_name" {
  type        = string
  default     = "Switchboard Outbound On Behalf"
  description = "The client-credentials OAuth client Switchboard's outbound API uses."
}
