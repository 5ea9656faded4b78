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

variable "architecture" {
  description = "The functions' architecture (arm64 or x86_64): the image is built for it."
  type        = string
}

variable "image" {
  description = "The image: <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>."
  type        = string
}

variable "repository_arn" {
  type = string
}

variable "cpu" {
  description = "The task's CPU units (1024 = one vCPU)."
  type        = number
}

variable "memory_mb" {
  type = number
}

variable "ephemeral_storage_gb" {
  description = "The task's disk in GiB (21 to 200): /tmp, where transform and load work and DuckDB spills."
  type        = number
}

variable "log_retention_days" {
  type = number
}

variable "environment" {
  description = "The task's BLACKWATER_* settings."
  type        = map(string)
}

variable "ingestion_bucket_arn" {
  type = string
}

variable "processed_bucket_arn" {
  type = string
}

variable "warehouse_secret_policy_arn" {
  type = string
}

variable "warehouse_secret_kms_key_arn" {
  type    = string
  default = null
}

variable "glue_database" {
  description = "Glue database of the processed zone's Iceberg tables."
  type        = string
}
