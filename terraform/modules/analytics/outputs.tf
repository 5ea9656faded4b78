output "workgroup" {
  value = aws_athena_workgroup.analytics.name
}

output "database" {
  value = aws_glue_catalog_database.analytics.name
}

output "lake_database" {
  value = aws_glue_catalog_database.lake.name
}

output "analyst_policy_arn" {
  value = aws_iam_policy.analyst.arn
}

output "results_location" {
  value = "s3://${local.results_bucket}/${local.results_prefix}"
}

output "schema" {
  description = "The star schema's tables: key and columns (name, warehouse type), deleted_at (timestamp) included where the warehouse has it."
  value       = local.view_schema
}

output "views" {
  description = "The analysts' views, by name: the Iceberg table each reads."
  value       = local.view_table
}

output "analyst_policy" {
  description = "The analyst policy's document (JSON)."
  value       = data.aws_iam_policy_document.analyst.json
}
