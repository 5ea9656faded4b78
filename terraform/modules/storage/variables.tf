variable "name_prefix" {
  type = string
}

variable "account_id" {
  type = string
}

variable "partition" {
  type = string
}

variable "force_destroy" {
  type = bool
}

variable "artifact_path" {
  description = "Local path of the Lambda artifact; uploaded when it exists."
  type        = string
}

variable "break_glass_role_arn" {
  description = "The one role that may delete from the lake buckets or change their policy, lifecycle or versioning."
  type        = string
}
