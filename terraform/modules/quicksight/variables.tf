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

variable "warehouse" {
  description = "Create the warehouse's data source, data sets and dashboard."
  type        = bool
  default     = true
}

variable "athena" {
  description = "The lake in Athena (null: no Athena data source): the workgroup, the analysts' database, its views (name => Iceberg table), the star schema's columns, the analyst policy and QuickSight's service role that gets it."
  type = object({
    workgroup         = string
    database          = string
    views             = map(string)
    schema            = map(object({ key = string, columns = list(object({ name = string, type = string })) }))
    policy            = string
    service_role_name = string
  })
  default = null
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
