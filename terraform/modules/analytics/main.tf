# The lake for analysts, with no server of ours (docs/aws.md, "The lake in Athena"):
# - the Glue database of the processed zone's Iceberg tables (lake_database). The pipeline creates
#   each table through the Glue catalog on its first commit (Iceberg's GlueCatalog: schema, field
#   ids, partition spec and name mapping are the pipeline's), so Terraform declares no table there:
#   it grants the creation instead (modules/lambda, modules/fargate). Table metadata lives under the
#   processed zone's _iceberg/ (the database's location), the data files where transform writes them.
# - the analysts' database (database): one view per warehouse table and view, with the warehouse's
#   names and meaning, over the Iceberg tables: a fact table is every version (as in the warehouse),
#   with a final version for each deleted fact, <fact>_current the newest version of each fact
#   unless it marks a deletion (the warehouse's *_current views), a dimension the newest version of
#   each key (the warehouse upserts dimensions; the lake keeps every version) with its deleted_at,
#   all made from the <table>_deleted Iceberg tables of deletion records as load does.
#   Glue views of type VIRTUAL_VIEW with Presto view text, which Athena reads as its own views: no
#   crawler and no statement to run by hand.
# - an Athena workgroup whose configuration is enforced: results in a bucket of their own (private,
#   encrypted, TLS only, expired after results_expiry_days), a cap on the bytes one query scans.
# - a managed policy that lets a person (or QuickSight's service role) query all this, and only this.

locals {
  schema = jsondecode(file("${path.module}/star_schema.json"))

  # warehouse column types (db/warehouse/V1__star_schema.sql) as Presto (a view's columns), Hive
  # (a Glue table's storage descriptor) and QuickSight (a data set's input columns) name them
  presto_types = { int = "integer", varchar = "varchar", date = "date", time = "time", "numeric(10,2)" = "decimal(10,2)", boolean = "boolean", timestamp = "timestamp(6)" }
  hive_types   = { int = "int", varchar = "string", date = "date", time = "string", "numeric(10,2)" = "decimal(10,2)", boolean = "boolean", timestamp = "timestamp" }

  facts      = { for name, t in local.schema : name => t if startswith(name, "fact_") }
  dimensions = { for name, t in local.schema : name => t if startswith(name, "dim_") }

  column_list = { for name, t in local.schema : name => join(", ", [for c in t.columns : c.name]) }
  lake_table  = { for name, t in local.schema : name => "\"${var.lake_database}\".\"${name}\"" }

  # Deletions (docs/lake-layout.md, "Deletions in the lake's views"): every table but dim_date has
  # deleted_at, last, as the warehouse (V10__deletions.sql), made from the Iceberg table of its
  # deletion records, <table>_deleted (key, deleted_at; NULL for a key that is back), the same way
  # as `blackwater query` (LakeSql) and load (DeletionLoad).
  view_schema = { for name, t in local.schema : name => {
    key     = t.key
    columns = concat(t.columns, [for c in [{ name = "deleted_at", type = "timestamp" }] : c if name != "dim_date"])
  } }
  view_column_list = { for name, t in local.view_schema : name => join(", ", [for c in t.columns : c.name]) }

  # a processed batch's sequence number from the name of a file written for it,
  # <sequence>-<yyyymmdd>T<hhmmss>Z.parquet; "$path" is the file a row comes from (dimension and
  # deletion files are never compacted, so keep their names)
  batch_of_file = "CAST(regexp_extract(\"$path\", '(\\d{6,})-\\d{8}T\\d{6}Z[^/]*$', 1) AS BIGINT)"
  deletions     = { for name, t in local.schema : name => "SELECT \"key\", deleted_at, ${local.batch_of_file} AS lake_batch FROM \"${var.lake_database}\".\"${name}_deleted\"" if name != "dim_date" }
  # a fact version's last_updated as one timestamp
  updated_at = { for p in ["", "v."] : p => "CAST(concat(CAST(${p}last_updated_date AS varchar), ' ', CAST(${p}last_updated_time AS varchar)) AS timestamp(6))" }

  # A fact: every version (deleted_at NULL), and per deletion record the final version load adds: a
  # copy of the newest version at the deletion (last_updated not after it), its last_updated and
  # deleted_at the deletion's time; none when a version of that time exists, or when the newest
  # version at the deletion is an earlier final version (no version since the previous deletion).
  fact_sql = { for name, t in local.facts : name => join(" ", [
    "WITH v AS (SELECT ${local.column_list[name]} FROM ${local.lake_table[name]}),",
    "d AS (SELECT \"key\", deleted_at, lag(deleted_at) OVER (PARTITION BY \"key\" ORDER BY lake_batch) AS previous",
    "FROM (${local.deletions[name]}) WHERE deleted_at IS NOT NULL),",
    "f AS (SELECT v.*, d.deleted_at AS ended_at, d.previous, row_number() OVER (PARTITION BY d.\"key\", d.deleted_at",
    "ORDER BY v.last_updated_date DESC, v.last_updated_time DESC) AS version_rank",
    "FROM d JOIN v ON v.${t.key} = d.\"key\" AND ${local.updated_at["v."]} <= d.deleted_at)",
    "SELECT ${local.column_list[name]}, CAST(NULL AS timestamp(6)) AS deleted_at FROM v UNION ALL",
    "SELECT ${join(", ", [for c in t.columns : c.name == "last_updated_date" ? "CAST(ended_at AS date) AS last_updated_date" : (c.name == "last_updated_time" ? "CAST(ended_at AS time(6)) AS last_updated_time" : c.name)])},",
    "ended_at AS deleted_at FROM f WHERE version_rank = 1 AND ${local.updated_at[""]} < ended_at",
    "AND (previous IS NULL OR ${local.updated_at[""]} >= previous)",
  ]) }

  # The newest version of each dimension key, by the batch that wrote it, with the first batch that
  # had the key
  newest_sql = { for name, t in local.dimensions : name => join(" ", [
    "SELECT ${local.column_list[name]}, lake_batch, row_number() OVER (PARTITION BY ${t.key} ORDER BY lake_batch DESC) AS version_rank,",
    "min(lake_batch) OVER (PARTITION BY ${t.key}) AS first_batch",
    "FROM (SELECT ${local.column_list[name]}, ${local.batch_of_file} AS lake_batch FROM ${local.lake_table[name]})",
  ]) }

  view_sql = merge(
    # every version of each fact, final versions of deleted facts included (less the SERIAL record id)
    { for name, t in local.facts : name => "SELECT ${local.view_column_list[name]} FROM (${local.fact_sql[name]})" },
    # the warehouse's *_current (V10): the newest version of each fact, unless it marks a deletion
    { for name, t in local.facts : "${name}_current" => join(" ", [
      "SELECT ${local.view_column_list[name]} FROM (",
      "SELECT ${local.view_column_list[name]}, row_number() OVER (PARTITION BY ${t.key} ORDER BY last_updated_date DESC, last_updated_time DESC) AS version_rank",
      "FROM (${local.fact_sql[name]})",
      ") WHERE version_rank = 1 AND deleted_at IS NULL",
    ]) },
    # a dimension: the newest version of each key, deleted_at that of the key's newest deletion
    # record of a batch no older than the key's first (load marks only rows it has)
    { for name, t in local.dimensions : name => join(" ", [
      "SELECT ${local.view_column_list[name]} FROM (",
      "SELECT ${join(", ", [for c in t.columns : "v.${c.name}"])}, d.deleted_at,",
      "row_number() OVER (PARTITION BY v.${t.key} ORDER BY d.lake_batch DESC NULLS LAST) AS mark_rank",
      "FROM (${local.newest_sql[name]}) v LEFT JOIN (${local.deletions[name]}) d",
      "ON d.\"key\" = v.${t.key} AND d.lake_batch >= v.first_batch WHERE v.version_rank = 1",
      ") WHERE mark_rank = 1",
    ]) if name != "dim_date" },
    # dim_date: the newest version of each date, and the days deletions of facts were seen on
    { for name, t in local.dimensions : name => join(" ", [
      "SELECT ${local.column_list[name]} FROM (",
      "WITH known AS (SELECT ${local.column_list[name]} FROM (${local.newest_sql[name]}) WHERE version_rank = 1)",
      "SELECT ${local.column_list[name]} FROM known UNION ALL",
      "SELECT d, CAST(year(d) AS integer), CAST(month(d) AS integer), CAST(day(d) AS integer), CAST(day_of_week(d) AS integer),",
      "date_format(CAST(d AS timestamp), '%W'), date_format(CAST(d AS timestamp), '%M'), CAST(quarter(d) AS integer)",
      "FROM (SELECT DISTINCT CAST(deleted_at AS date) AS d FROM (${join(" UNION ALL ", [for f, _ in local.facts : local.deletions[f]])}) WHERE deleted_at IS NOT NULL)",
      "WHERE d NOT IN (SELECT date_id FROM known))",
    ]) if name == "dim_date" },
  )
  view_table = merge(
    { for name, t in local.facts : name => name },
    { for name, t in local.facts : "${name}_current" => name },
    { for name, t in local.dimensions : name => name },
  )

  results_bucket = "${var.name_prefix}-athena-results-${var.account_id}"
  results_prefix = "results/"
}

resource "aws_glue_catalog_database" "lake" {
  name         = var.lake_database
  description  = "Blackwater's processed zone as Apache Iceberg tables, created and committed by the pipeline (transform) through the Glue catalog."
  location_uri = var.iceberg_location

  lifecycle {
    # the pipeline's: after each batch it records there the last batch every table has
    # (blackwater.batch) and when the tables were last compacted
    ignore_changes = [parameters]
  }
}

resource "aws_glue_catalog_database" "analytics" {
  name        = var.database
  description = "Blackwater for analysts: the warehouse's tables and *_current views, as views over the Iceberg tables of ${var.lake_database}."
}

resource "aws_glue_catalog_table" "view" {
  for_each = local.view_sql

  name          = each.key
  database_name = aws_glue_catalog_database.analytics.name
  table_type    = "VIRTUAL_VIEW"
  description   = "The warehouse's ${each.key}, over the Iceberg table ${var.lake_database}.${local.view_table[each.key]}."

  # Athena's own view format: the SQL and its columns, base64 JSON between these markers
  view_original_text = "/* Presto View: ${base64encode(jsonencode({
    originalSql = each.value
    catalog     = "awsdatacatalog"
    schema      = var.database
    columns     = [for c in local.view_schema[local.view_table[each.key]].columns : { name = c.name, type = local.presto_types[c.type] }]
  }))} */"
  view_expanded_text = "/* Presto View */"

  parameters = {
    presto_view = "true"
    comment     = "Presto View"
  }

  storage_descriptor {
    dynamic "columns" {
      for_each = local.view_schema[local.view_table[each.key]].columns
      content {
        name = columns.value.name
        type = local.hive_types[columns.value.type]
      }
    }
  }
}

# --- the results bucket ---

resource "aws_s3_bucket" "results" {
  for_each = { athena-results = local.results_bucket }

  bucket = each.value
  # query results are copies, kept results_expiry_days: nothing to protect from a destroy
  force_destroy = true
}

resource "aws_s3_bucket_public_access_block" "results" {
  for_each = aws_s3_bucket.results

  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "results" {
  for_each = aws_s3_bucket.results

  bucket = each.value.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "results" {
  for_each = aws_s3_bucket.results

  bucket = each.value.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "results" {
  for_each = aws_s3_bucket.results

  bucket = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "results" {
  for_each = aws_s3_bucket.results

  bucket = each.value.id

  rule {
    id     = "expire-query-results"
    status = "Enabled"
    filter {}
    expiration {
      days = var.results_expiry_days
    }
    noncurrent_version_expiration {
      noncurrent_days = 1
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  rule {
    id     = "remove-expired-delete-markers"
    status = "Enabled"
    filter {}
    expiration {
      expired_object_delete_marker = true
    }
  }

  depends_on = [aws_s3_bucket_versioning.results]
}

data "aws_iam_policy_document" "results" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      "arn:${var.partition}:s3:::${local.results_bucket}",
      "arn:${var.partition}:s3:::${local.results_bucket}/*",
    ]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "results" {
  for_each = aws_s3_bucket.results

  bucket = each.value.id
  policy = data.aws_iam_policy_document.results.json

  depends_on = [aws_s3_bucket_public_access_block.results]
}

# --- the workgroup ---

resource "aws_athena_workgroup" "analytics" {
  name          = var.name_prefix
  description   = "Blackwater's lake: the ${var.database} views over the Iceberg tables of ${var.lake_database}."
  force_destroy = true

  configuration {
    # every query of the workgroup uses these settings, whatever its client asks for
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true
    bytes_scanned_cutoff_per_query     = var.bytes_scanned_cutoff_per_query

    engine_version {
      selected_engine_version = "Athena engine version 3"
    }

    result_configuration {
      output_location       = "s3://${local.results_bucket}/${local.results_prefix}"
      expected_bucket_owner = var.account_id
      encryption_configuration {
        encryption_option = "SSE_S3"
      }
    }
  }
}

# --- who may query: analysts, and QuickSight's service role ---
# One policy document: a managed policy to attach to people or groups, the inline policy of the
# analyst role, and (modules/quicksight) of QuickSight's service role.

locals {
  glue_catalog_arn = "arn:${var.partition}:glue:${var.region}:${var.account_id}:catalog"
  glue_read_resources = concat(
    [local.glue_catalog_arn],
    flatten([for db in [var.database, var.lake_database] : [
      "arn:${var.partition}:glue:${var.region}:${var.account_id}:database/${db}",
      "arn:${var.partition}:glue:${var.region}:${var.account_id}:table/${db}/*",
    ]]),
  )
  # what Athena reads of the processed zone: the tables' Parquet and their Iceberg metadata, not the
  # pipeline's own state (_state/, _rejected/, _batches/, _claims/, _runs/)
  processed_read_prefixes = concat(keys(local.schema), ["_deleted", trimsuffix(var.iceberg_prefix, "/")])
}

data "aws_iam_policy_document" "analyst" {
  statement {
    sid = "QueryInTheWorkgroup"
    actions = [
      "athena:StartQueryExecution",
      "athena:StopQueryExecution",
      "athena:GetQueryExecution",
      "athena:GetQueryResults",
      "athena:GetQueryResultsStream",
      "athena:GetQueryRuntimeStatistics",
      "athena:ListQueryExecutions",
      "athena:BatchGetQueryExecution",
      "athena:GetWorkGroup",
    ]
    resources = ["arn:${var.partition}:athena:${var.region}:${var.account_id}:workgroup/${var.name_prefix}"]
  }

  statement {
    sid       = "SeeWorkgroupsAndCatalogs"
    actions   = ["athena:ListWorkGroups", "athena:ListDataCatalogs", "athena:ListEngineVersions"]
    resources = ["*"]
  }

  statement {
    sid = "ReadTheCatalog"
    actions = [
      "glue:GetDatabase",
      "glue:GetDatabases",
      "glue:GetTable",
      "glue:GetTables",
      "glue:GetPartition",
      "glue:GetPartitions",
      "glue:BatchGetPartition",
    ]
    resources = local.glue_read_resources
  }

  statement {
    sid       = "ListTheTables"
    actions   = ["s3:ListBucket"]
    resources = [var.processed_bucket_arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = [for p in local.processed_read_prefixes : "${p}/*"]
    }
  }

  statement {
    sid       = "ReadTheTables"
    actions   = ["s3:GetObject"]
    resources = [for p in local.processed_read_prefixes : "${var.processed_bucket_arn}/${p}/*"]
  }

  statement {
    sid       = "UseTheResultsBucket"
    actions   = ["s3:GetBucketLocation", "s3:ListBucket"]
    resources = ["arn:${var.partition}:s3:::${local.results_bucket}"]
  }

  statement {
    sid       = "WriteAndReadResults"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"]
    resources = ["arn:${var.partition}:s3:::${local.results_bucket}/${local.results_prefix}*"]
  }
}

resource "aws_iam_policy" "analyst" {
  name        = "${var.name_prefix}-analyst"
  description = "Query Blackwater's lake in Athena (workgroup ${var.name_prefix}): read its catalog and tables, write query results."
  policy      = data.aws_iam_policy_document.analyst.json
}

# A role to assume for querying, when principals are named (people, an SSO permission set's role).
data "aws_iam_policy_document" "analyst_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = length(var.analyst_principal_arns) > 0 ? var.analyst_principal_arns : ["arn:${var.partition}:iam::${var.account_id}:root"]
    }
  }
}

resource "aws_iam_role" "analyst" {
  count = length(var.analyst_principal_arns) > 0 ? 1 : 0

  name                 = "${var.name_prefix}-analyst"
  assume_role_policy   = data.aws_iam_policy_document.analyst_assume.json
  max_session_duration = 3600
}

resource "aws_iam_role_policy" "analyst" {
  count = length(var.analyst_principal_arns) > 0 ? 1 : 0

  name   = "${var.name_prefix}-analyst"
  role   = aws_iam_role.analyst[0].id
  policy = data.aws_iam_policy_document.analyst.json
}
