variable "integration_name" {
  type        = string
  default     = "Call Activity Presence"
  description = "The Data Actions integration, also the category the workflows call their data actions in."
}

variable "role_name" {
  type        = string
  default     = "Switchboard Call Activity Presence"
  description = "The role of the integration's OAuth client."
}

variable "oauth_client_name" {
  type        = string
  default     = "Switchboard Call Activity Presence"
  description = "The client-credentials OAuth client the data actions run as."
}

variable "division" {
  type        = string
  default     = "Home"
  description = "The division the workflows are published in."
}

variable "busy_presence_id" {
  type        = string
  default     = "31fe3bac-dea6-44b7-bed7-47f91660a1a0"
  description = "The presence definition set when the user answers (the system Busy by default; GET /api/v2/presence/definitions lists the org's)."
}

variable "available_presence_id" {
  type        = string
  default     = "6a3af858-942f-489d-9700-5f9bcdcdae9b"
  description = "The presence definition set when the user leaves the call (the system Available by default)."
}

variable "pickup_checks" {
  type        = number
  default     = 5
  description = "How many times the Busy workflow checks whether the user picked up."
}

variable "pickup_wait_seconds" {
  type        = number
  default     = 5
  description = "Seconds to wait before each pick-up check."
}
