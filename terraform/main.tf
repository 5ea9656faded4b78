locals {
  artifact_exists = fileexists("${path.root}/${var.artifact_path}")
  in_vpc          = length(var.subnet_ids) > 0

  # Glue and Athena names: lower case, digits and underscores
  glue_database        = coalesce(var.glue_database, "${replace(var.name_prefix, "-", "_")}_lake")
  athena_database      = coalesce(var.athena_database, replace(var.name_prefix, "-", "_"))
  iceberg_prefix       = "_iceberg/"
  quicksight_warehouse = var.quicksight_enabled && contains(["warehouse", "both"], var.quicksight_source)
  quicksight_athena    = var.quicksight_enabled && contains(["athena", "both"], var.quicksight_source)

  # The Fargate task's image, in the repository terraform/bootstrap made, tagged with the commit.
  repository     = "${var.account_id}.dkr.ecr.${var.region}.amazonaws.com/${var.name_prefix}"
  repository_arn = "arn:${var.partition}:ecr:${var.region}:${var.account_id}:repository/${var.name_prefix}"
  # The task works on its own disk, with half its memory for DuckDB (the JVM takes a quarter).
  fargate_environment = merge(
    {
      BLACKWATER_INGESTION             = "s3://${module.storage.ingestion_bucket}/"
      BLACKWATER_PROCESSED             = "s3://${module.storage.processed_bucket}/"
      BLACKWATER_WAREHOUSE_SECRET      = module.secrets.secret_ids["warehouse"]
      BLACKWATER_WAREHOUSE_SCHEMA      = var.warehouse_schema
      BLACKWATER_WAREHOUSE_SSLMODE     = var.database_sslmode
      BLACKWATER_WAREHOUSE_SSLROOTCERT = "/opt/blackwater/rds-global-bundle.pem"
      BLACKWATER_AWS_REGION            = var.region
      BLACKWATER_GLUE_DATABASE         = local.glue_database
      BLACKWATER_MEMORY_LIMIT          = "${floor(var.fargate_memory_mb / 2)}MB"
      BLACKWATER_LOG_FORMAT            = "json"
    },
    var.warehouse_database_url == null ? {} : { BLACKWATER_WAREHOUSE_URL = var.warehouse_database_url },
  )

  handlers = {
    extract   = "dev.blackwater.aws.handler.ExtractHandler::handleRequest"
    transform = "dev.blackwater.aws.handler.TransformHandler::handleRequest"
    load      = "dev.blackwater.aws.handler.LoadHandler::handleRequest"
  }
}

module "storage" {
  source = "./modules/storage"

  name_prefix   = var.name_prefix
  account_id    = var.account_id
  partition     = var.partition
  artifact_path = "${path.root}/${var.artifact_path}"
  force_destroy = var.force_destroy_buckets

  break_glass_role_arn = coalesce(var.lake_break_glass_role_arn, "arn:${var.partition}:iam::${var.account_id}:role/${var.name_prefix}-lake-break-glass")

  uncommitted_expiry_days           = var.uncommitted_expiry_days
  ingestion_cold_storage_after_days = var.ingestion_cold_storage_after_days
  ingestion_cold_storage_class      = var.ingestion_cold_storage_class
  run_records_expiry_days           = var.run_records_expiry_days
  rejected_rows_expiry_days         = var.rejected_rows_expiry_days
}

module "secrets" {
  source = "./modules/secrets"

  existing_arns           = { source = var.source_secret_arn, warehouse = var.warehouse_secret_arn }
  name_prefix             = var.name_prefix
  recovery_window_in_days = var.secret_recovery_window_days
  reader                  = local.quicksight_warehouse
  region                  = var.region
  account_id              = var.account_id
  partition               = var.partition
}

module "network" {
  source = "./modules/network"

  name_prefix        = var.name_prefix
  region             = var.region
  create             = local.in_vpc && var.create_vpc_endpoints
  vpc_id             = var.vpc_id
  subnet_ids         = var.subnet_ids
  security_group_ids = var.security_group_ids
  route_table_ids    = var.route_table_ids
  # the Fargate task pulls its image and writes its logs from the private subnets; transform, load
  # and the task commit to and read the Iceberg tables' Glue catalog
  interface_services = concat(["secretsmanager", "glue"], var.fargate_enabled ? ["ecr.api", "ecr.dkr", "logs"] : [])
}

module "lambda" {
  source = "./modules/lambda"

  name_prefix          = var.name_prefix
  region               = var.region
  account_id           = var.account_id
  partition            = var.partition
  handlers             = local.handlers
  architecture         = var.lambda_architecture
  memory_mb            = var.lambda_memory_mb
  timeout_seconds      = var.lambda_timeout_seconds
  ephemeral_storage_mb = var.lambda_ephemeral_storage_mb
  log_retention_days   = var.log_retention_days
  java_tool_options    = var.java_tool_options
  warehouse_schema     = var.warehouse_schema

  artifact_bucket  = module.storage.artifact_bucket
  artifact_key     = module.storage.artifact_key
  artifact_version = module.storage.artifact_version
  artifact_sha256  = local.artifact_exists ? filebase64sha256("${path.root}/${var.artifact_path}") : null
  artifact_path    = abspath("${path.root}/${var.artifact_path}")
  require_artifact = var.require_artifact

  ingestion_bucket_arn = module.storage.ingestion_bucket_arn
  processed_bucket_arn = module.storage.processed_bucket_arn
  ingestion_uri        = "s3://${module.storage.ingestion_bucket}/"
  processed_uri        = "s3://${module.storage.processed_bucket}/"

  secret_ids          = module.secrets.secret_ids
  secret_policy_arns  = module.secrets.secret_policy_arns
  secret_kms_key_arns = { source = var.source_secret_kms_key_arn, warehouse = var.warehouse_secret_kms_key_arn }
  database_urls       = { source = var.source_database_url, warehouse = var.warehouse_database_url }
  sslmode             = var.database_sslmode
  ca_bundle_path      = var.lambda_ca_bundle_path

  glue_database             = local.glue_database
  lake_maintenance_interval = var.lake_maintenance_interval
  iceberg_retention         = var.iceberg_retention

  subnet_ids         = var.subnet_ids
  security_group_ids = var.security_group_ids
  # with a Fargate task, transform and load hand it a backlog above this many bytes
  max_backlog_bytes = var.fargate_enabled ? var.lambda_max_backlog_bytes : null
}

module "fargate" {
  source = "./modules/fargate"
  count  = var.fargate_enabled ? 1 : 0

  name_prefix          = var.name_prefix
  region               = var.region
  account_id           = var.account_id
  partition            = var.partition
  architecture         = var.lambda_architecture
  image                = "${local.repository}:${coalesce(var.container_image_tag, "none")}"
  repository_arn       = local.repository_arn
  cpu                  = var.fargate_cpu
  memory_mb            = var.fargate_memory_mb
  ephemeral_storage_gb = var.fargate_ephemeral_storage_gb
  log_retention_days   = var.log_retention_days
  environment          = local.fargate_environment

  ingestion_bucket_arn         = module.storage.ingestion_bucket_arn
  processed_bucket_arn         = module.storage.processed_bucket_arn
  warehouse_secret_policy_arn  = module.secrets.secret_policy_arns["warehouse"]
  warehouse_secret_kms_key_arn = var.warehouse_secret_kms_key_arn
  glue_database                = local.glue_database
}

module "analytics" {
  source = "./modules/analytics"

  name_prefix                    = var.name_prefix
  region                         = var.region
  account_id                     = var.account_id
  partition                      = var.partition
  lake_database                  = local.glue_database
  database                       = local.athena_database
  processed_bucket_arn           = module.storage.processed_bucket_arn
  iceberg_prefix                 = local.iceberg_prefix
  iceberg_location               = "s3://${module.storage.processed_bucket}/${local.iceberg_prefix}"
  results_expiry_days            = var.athena_results_expiry_days
  bytes_scanned_cutoff_per_query = var.athena_bytes_scanned_cutoff
  analyst_principal_arns         = var.analyst_principal_arns
}

module "monitoring" {
  source = "./modules/monitoring"

  name_prefix                 = var.name_prefix
  region                      = var.region
  account_id                  = var.account_id
  partition                   = var.partition
  alert_email                 = var.alert_email
  function_names              = module.lambda.function_names
  state_machine_arn           = module.orchestration.state_machine_arn
  dead_letter_queue_name      = module.orchestration.dead_letter_queue_name
  freshness_threshold_seconds = var.freshness_threshold_seconds
}

module "orchestration" {
  source = "./modules/orchestration"

  name_prefix         = var.name_prefix
  region              = var.region
  account_id          = var.account_id
  partition           = var.partition
  function_alias_arns = module.lambda.alias_arns
  alarm_topic_arn     = module.monitoring.alarm_topic_arn
  # IAM policies use ARNs built from names, known at plan time; the state machine definition uses
  # the resources' own ARNs, so the provider validates it against AWS at apply, not at plan.
  function_alias_arns_by_name = module.lambda.alias_arns_by_name
  alarm_topic_arn_by_name     = module.monitoring.alarm_topic_arn_by_name
  schedule_expression         = var.schedule_expression
  execution_timeout_seconds   = var.execution_timeout_seconds
  schedule_enabled            = var.schedule_enabled
  fargate = var.fargate_enabled ? {
    cluster_arn         = module.fargate[0].cluster_arn
    task_definition_arn = module.fargate[0].task_definition_family_arn
    container           = module.fargate[0].container_name
    subnet_ids          = var.subnet_ids
    security_group_ids  = var.security_group_ids
    assign_public_ip    = var.fargate_assign_public_ip
    role_arns           = module.fargate[0].role_arns
    timeout_seconds     = var.fargate_timeout_seconds
  } : null
  log_retention_days = var.log_retention_days
}

module "quicksight" {
  source = "./modules/quicksight"
  count  = var.quicksight_enabled ? 1 : 0

  name_prefix        = var.name_prefix
  account_id         = var.account_id
  principal_arn      = var.quicksight_principal_arn
  warehouse          = local.quicksight_warehouse
  vpc_connection_arn = var.quicksight_vpc_connection_arn
  reader_secret_arn  = module.secrets.reader_secret_arn
  warehouse_host     = var.warehouse_host
  warehouse_port     = var.warehouse_port
  warehouse_database = var.warehouse_database
  warehouse_schema   = var.warehouse_schema
  sql_dir            = "${path.root}/${var.dashboard_sql_dir}"
  dataset_columns    = var.quicksight_dataset_columns
  athena = local.quicksight_athena ? {
    workgroup         = module.analytics.workgroup
    database          = module.analytics.database
    views             = module.analytics.views
    schema            = module.analytics.schema
    policy            = module.analytics.analyst_policy
    service_role_name = var.quicksight_service_role_name
  } : null
}
