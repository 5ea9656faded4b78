variable "name_prefix" {
  type = string
}

variable "region" {
  type = string
}

variable "account_id" {
  type = string
}

variable "partition" {
  type = string
}

variable "alert_email" {
  type = string
}

variable "function_names" {
  description = "Function name by stage."
  type        = map(string)
}

variable "state_machine_arn" {
  type = string
}

variable "dead_letter_queue_name" {
  type = string
}

variable "freshness_threshold_seconds" {
  type = number
}
