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
