variable "integration_name" {
  type        = string
  default     = "Callback Priority Control"
  description = "The Data Actions integration, also the category the workflow calls its data actions in."
}

variable "role_name" {
  type        = string
  default     = "Switchboard Callback Priority Control"
  description = "The role of the integration's OAuth client."
}

variable "oauth_client_name" {
  type        = string
  default     = "Switchboard Callback Priority Control"
  description = "The client-credentials OAuth client the data actions run as."
}

variable "division" {
  type        = string
  default     = "Home"
  description = "The division the workflow is published in."
}

variable "max_increments" {
  type        = number
  default     = 5
  description = "How many times the priority is raised."
}

variable "interval_minutes" {
  type        = number
  default     = 5
  description = "Minutes between two raises."
}

variable "priority_increment" {
  type        = number
  default     = 1
  description = "How much each raise adds to the priority."
}
