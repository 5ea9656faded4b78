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

variable "uncommitted_expiry_days" {
  description = "Days after which an object still tagged blackwater-state=uncommitted expires."
  type        = number
}

variable "ingestion_cold_storage_after_days" {
  description = "Days after which committed ingestion objects over 128 KB move to a colder class (null: never)."
  type        = number
}

variable "ingestion_cold_storage_class" {
  description = "That colder storage class."
  type        = string
}

variable "run_records_expiry_days" {
  description = "Days after which _runs/ objects expire (null: kept)."
  type        = number
}

variable "rejected_rows_expiry_days" {
  description = "Days after which the processed zone's _rejected/ objects expire (null: kept)."
  type        = number
}
