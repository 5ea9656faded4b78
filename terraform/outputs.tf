output "ingestion_uri" {
  description = "The ingestion zone (BLACKWATER_INGESTION)."
  value       = "s3://${module.storage.ingestion_bucket}/"
}

output "processed_uri" {
  description = "The processed zone (BLACKWATER_PROCESSED)."
  value       = "s3://${module.storage.processed_bucket}/"
}

output "artifact_bucket" {
  description = "Bucket holding the Lambda artifact."
  value       = module.storage.artifact_bucket
}

output "source_secret_id" {
  description = "Secrets Manager secret of the totesys credentials: set its value with `aws secretsmanager put-secret-value`."
  value       = module.secrets.secret_ids["source"]
}

output "warehouse_secret_id" {
  description = "Secrets Manager secret of the warehouse credentials."
  value       = module.secrets.secret_ids["warehouse"]
}

output "reader_secret_id" {
  description = "With QuickSight: Secrets Manager secret of the read-only warehouse user QuickSight logs in with (null without)."
  value       = module.secrets.reader_secret_name
}

output "function_names" {
  description = "The three Lambda functions."
  value       = module.lambda.function_names
}

output "state_machine_arn" {
  description = "The pipeline's state machine (start it by hand with `aws stepfunctions start-execution`)."
  value       = module.orchestration.state_machine_arn
}

output "alarm_topic_arn" {
  description = "SNS topic of alarms and failures."
  value       = module.monitoring.alarm_topic_arn_by_name
}

output "dashboard_name" {
  description = "CloudWatch dashboard of the pipeline."
  value       = module.monitoring.dashboard_name
}

output "state_machine_definition" {
  description = "The state machine's definition (Amazon States Language), as deployed; known at plan time."
  value       = module.orchestration.definition_by_name
}

output "athena_workgroup" {
  description = "The Athena workgroup of the lake (aws athena start-query-execution --work-group ...)."
  value       = module.analytics.workgroup
}

output "athena_database" {
  description = "The analysts' Glue database: the warehouse's tables and views over the Iceberg tables."
  value       = module.analytics.database
}

output "glue_database" {
  description = "The Glue database of the processed zone's Iceberg tables (BLACKWATER_GLUE_DATABASE)."
  value       = module.analytics.lake_database
}

output "analyst_policy_arn" {
  description = "The managed policy that lets a principal query the lake in Athena."
  value       = module.analytics.analyst_policy_arn
}
