variable "name_prefix" {
  type = string
}

variable "account_id" {
  type = string
}

variable "principal_arn" {
  description = "QuickSight user or group that owns what this module creates."
  type        = string
}

variable "vpc_connection_arn" {
  type    = string
  default = null
}

variable "reader_secret_arn" {
  description = "Secret of a read-only warehouse user (username, password) that QuickSight logs in with."
  type        = string
}

variable "warehouse_host" {
  type = string
}

variable "warehouse_port" {
  type = number
}

variable "warehouse_database" {
  type = string
}

variable "warehouse_schema" {
  type = string
}

variable "sql_dir" {
  description = "Folder of the local dashboard's queries: one data set per <name>.sql."
  type        = string
}

variable "dataset_columns" {
  description = "Result columns of queries, by name (file name without .sql), added to or replacing dataset_columns.json."
  type        = map(list(object({ name = string, type = string })))
}
