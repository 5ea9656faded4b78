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

variable "secret_ids" {
  description = "Per database (source, warehouse): the secret the function reads (name or ARN)."
  type        = map(string)
}

variable "secret_policy_arns" {
  description = "Per database: the secret's ARN as IAM names it (an exact ARN, or a name's ARN ending in -??????)."
  type        = map(string)
}

variable "secret_kms_key_arns" {
  description = "Per database: the customer-managed KMS key that encrypts its secret, or null (AWS's own key needs no grant)."
  type        = map(string)
}

variable "database_urls" {
  description = "Per database: a JDBC URL giving host, port and database where the secret has none (RDS-managed secrets), or null."
  type        = map(string)
}

variable "sslmode" {
  description = "sslmode of the functions' database connections."
  type        = string
}

variable "ca_bundle_path" {
  description = "CA bundle (PEM) on the functions' file system that the databases' certificates must chain to."
  type        = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}

variable "max_backlog_bytes" {
  description = "BLACKWATER_LAMBDA_MAX_BACKLOG of transform and load: above it they hand the run to the Fargate task (null: no limit)."
  type        = number
  default     = null
}

variable "glue_database" {
  description = "Glue database of the processed zone's Iceberg tables: transform creates and commits them, load reads them."
  type        = string
}

variable "lake_maintenance_interval" {
  description = "The transform function's BLACKWATER_GC_INTERVAL: how often its maintain task compacts and expires the Iceberg tables."
  type        = string
  default     = "24h"
}

variable "iceberg_retention" {
  description = "The transform function's BLACKWATER_ICEBERG_RETENTION: how long maintenance keeps a replaced Iceberg snapshot."
  type        = string
  default     = "7d"
}
