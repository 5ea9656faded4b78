# The three functions, from one artifact. SnapStart snapshots each published version; the state
# machine calls the "live" alias, which always points at the newest version. SnapStart does not
# support ephemeral storage above 512 MB, so a function whose /tmp is raised above that (say for a
# large backfill) runs without SnapStart: full cold starts, the documented trade-off (docs/aws.md,
# "Sizing").

locals {
  snap_start_max_ephemeral_storage_mb = 512
  snap_start = {
    for name in keys(var.handlers) :
    name => var.ephemeral_storage_mb[name] <= local.snap_start_max_ephemeral_storage_mb
  }
}

resource "aws_cloudwatch_log_group" "function" {
  for_each = var.handlers

  name              = local.log_group_names[each.key]
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "this" {
  for_each = var.handlers

  function_name = "${var.name_prefix}-${each.key}"
  description   = "Blackwater ${each.key} stage"
  role          = aws_iam_role.function[each.key].arn
  runtime       = "java21"
  handler       = each.value
  architectures = [var.architecture]
  memory_size   = var.memory_mb[each.key]
  timeout       = var.timeout_seconds[each.key]
  publish       = true

  ephemeral_storage {
    size = var.ephemeral_storage_mb[each.key]
  }

  s3_bucket         = var.artifact_bucket
  s3_key            = var.artifact_key
  s3_object_version = var.artifact_version
  source_code_hash  = var.artifact_sha256

  dynamic "snap_start" {
    for_each = local.snap_start[each.key] ? [1] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  logging_config {
    log_format            = "JSON"
    log_group             = aws_cloudwatch_log_group.function[each.key].name
    application_log_level = "INFO"
    # INFO: the platform's START, END and REPORT lines (Max Memory Used, Duration), which
    # docs/aws.md sizes the functions from; WARN would drop them
    system_log_level = "INFO"
  }

  environment {
    variables = merge(
      {
        BLACKWATER_INGESTION        = var.ingestion_uri
        BLACKWATER_PROCESSED        = var.processed_uri
        BLACKWATER_WAREHOUSE_SCHEMA = var.warehouse_schema
        JAVA_TOOL_OPTIONS           = var.java_tool_options
      },
      # the processed zone's Iceberg tables, in the Glue Data Catalog
      local.access[each.key].catalog == null ? {} : {
        BLACKWATER_GLUE_DATABASE = var.glue_database
      },
      # the maintain task the state machine gives the transform function after each load
      each.key != "transform" ? {} : {
        BLACKWATER_GC_INTERVAL       = var.lake_maintenance_interval
        BLACKWATER_ICEBERG_RETENTION = var.iceberg_retention
      },
      var.max_backlog_bytes == null || each.key == "extract" ? {} : {
        BLACKWATER_LAMBDA_MAX_BACKLOG = tostring(var.max_backlog_bytes)
      },
      # the stage's database: its secret, verified TLS, and the URL an RDS-managed secret lacks
      local.access[each.key].database == null ? {} : merge(
        {
          "BLACKWATER_${upper(local.access[each.key].database)}_SECRET"      = var.secret_ids[local.access[each.key].database]
          "BLACKWATER_${upper(local.access[each.key].database)}_SSLMODE"     = var.sslmode
          "BLACKWATER_${upper(local.access[each.key].database)}_SSLROOTCERT" = var.ca_bundle_path
        },
        var.database_urls[local.access[each.key].database] == null ? {} : {
          "BLACKWATER_${upper(local.access[each.key].database)}_URL" = var.database_urls[local.access[each.key].database]
        },
      ),
    )
  }

  dynamic "vpc_config" {
    for_each = length(var.subnet_ids) > 0 ? [1] : []
    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = var.security_group_ids
    }
  }

  lifecycle {
    precondition {
      condition     = !var.require_artifact || var.artifact_sha256 != null
      error_message = "No Lambda artifact at ${var.artifact_path}: build it with `make package` (or `./mvnw -B package -DskipTests`), then plan or deploy again (or set artifact_path to where it is)."
    }
  }

  depends_on = [aws_iam_role_policy.function]
}

resource "aws_lambda_alias" "live" {
  for_each = var.handlers

  name             = "live"
  description      = "The newest published version (SnapStart when /tmp is 512 MB)"
  function_name    = aws_lambda_function.this[each.key].function_name
  function_version = aws_lambda_function.this[each.key].version
}
