variable "pstn_leg_check" {
  type        = bool
  default     = false
  description = "Deploy the PSTN-leg-check flavour (every no-queue call starts the flow, which asks the analytics record for a PSTN leg) instead of the dnis Contains \"tel:+\" trigger condition."
}

variable "integration_name" {
  type        = string
  default     = "No-Queue Call Control"
  description = "The Data Actions integration, also the category the workflow calls its data actions in."
}

variable "role_name" {
  type        = string
  default     = "Switchboard No-Queue Call Control"
  description = "The role of the integration's OAuth client."
}

variable "oauth_client_name" {
  type        = string
  default     = "Switchboard No-Queue Call Control"
  description = "The client-credentials OAuth client the data actions run as."
}

variable "division" {
  type        = string
  default     = "Home"
  description = "The division the workflow is published in."
}

variable "tag_text" {
  type        = string
  default     = "No Queue"
  description = "The external tag written on a terminated call."
}
