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
  type    = string
  default = null
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
