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

variable "handlers" {
  description = "Handler of each function (extract, transform, load), Class::method."
  type        = map(string)
}

variable "architecture" {
  type = string
}

variable "memory_mb" {
  type = map(number)
}

variable "timeout_seconds" {
  type = map(number)
}

variable "ephemeral_storage_mb" {
  description = "Size of /tmp per function in MB (512 to 10240). Above 512 the function gets no SnapStart."
  type        = map(number)

  validation {
    condition     = alltrue([for s in values(var.ephemeral_storage_mb) : s >= 512 && s <= 10240])
    error_message = "Lambda ephemeral storage must be 512 to 10240 MB."
  }
}

variable "log_retention_days" {
  type = number
}

variable "java_tool_options" {
  type = string
}

variable "warehouse_schema" {
  type = string
}

variable "artifact_bucket" {
  type = string
}

variable "artifact_key" {
  type = string
}

variable "artifact_version" {
  type    = string
  default = null
}

variable "artifact_sha256" {
  description = "Base64 SHA-256 of the artifact; null when there is no artifact at artifact_path."
  type        = string
  default     = null
}

variable "artifact_path" {
  description = "Where the artifact is expected (for the message when it is missing)."
  type        = string
}

variable "require_artifact" {
  description = "Fail the plan when the artifact is missing (false only for offline plans, which are never applied)."
  type        = bool
}

variable "ingestion_bucket_arn" {
  type = string
}

variable "processed_bucket_arn" {
  type = string
}

variable "ingestion_uri" {
  type = string
}

variable "processed_uri" {
  type = string
}

variable "source_secret_name" {
  type = string
}

variable "warehouse_secret_name" {
  type = string
}

variable "source_secret_arn_pattern" {
  type = string
}

variable "warehouse_secret_arn_pattern" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}
