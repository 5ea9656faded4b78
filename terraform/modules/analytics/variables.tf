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

variable "lake_database" {
  description = "Glue database of the processed zone's Iceberg tables (the pipeline creates and commits them)."
  type        = string
}

variable "database" {
  description = "Glue database of the analysts' views, named as the warehouse's tables and views."
  type        = string
}

variable "processed_bucket_arn" {
  type = string
}

variable "iceberg_prefix" {
  description = "Where in the processed zone the Iceberg tables' metadata lives (ends with /)."
  type        = string
}

variable "iceberg_location" {
  description = "The lake database's location: s3://<processed bucket>/<iceberg_prefix>, under which each table gets <table>/metadata/."
  type        = string
}

variable "results_expiry_days" {
  type = number
}

variable "bytes_scanned_cutoff_per_query" {
  type = number
}

variable "analyst_principal_arns" {
  description = "Principals that may assume <prefix>-analyst (empty: no role; attach the policy where you need it)."
  type        = list(string)
}
