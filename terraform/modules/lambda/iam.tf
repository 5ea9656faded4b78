# One role per function, each allowed only its own inputs and outputs:
#   extract   reads the source secret, reads and writes the ingestion zone
#   transform reads the ingestion zone, reads and writes the processed zone
#   load      reads the processed zone and the warehouse secret, and records its runs there; of
#             the ingestion zone it reads only the manifests and run records (no data), to tell
#             how fresh the warehouse is after it (the staleness alarm's metric)
# and, on the processed zone's Iceberg tables in the Glue database glue_database: transform creates
# them (on its first commit) and commits to them; load commits to them too, only to append what a
# transform that died between its manifest and its Iceberg commit left out (Iceberg's metadata
# files under _iceberg/ of the processed zone); neither may delete one.
# A secret encrypted with a customer-managed KMS key adds kms:Decrypt on that key, via Secrets
# Manager only.
# A stage reads its own zone too: manifests and claims live there. "Writes" is s3:PutObject (which
# covers the multipart calls), s3:AbortMultipartUpload and s3:PutObjectTagging (the uncommitted and
# committed tags of a batch's objects); nothing may delete. Each run leaves a
# record under _runs/ of a zone (what `blackwater status` reads): extract and transform in the
# zone they write, load in the processed zone, where it may write nothing else.

locals {
  in_vpc = length(var.subnet_ids) > 0

  # Policies are built from names, not resource attributes, so that they are known at plan time
  # (and checked by TerraformPlanIT).
  log_group_names = { for k in keys(var.handlers) : k => "/aws/lambda/${var.name_prefix}-${k}" }

  read_zone = {
    ingestion = var.ingestion_bucket_arn
    processed = var.processed_bucket_arn
  }

  # stage => zones it reads, zones it writes, the database whose secret it reads
  access = {
    extract   = { reads = ["ingestion"], writes = ["ingestion"], database = "source", catalog = null }
    transform = { reads = ["ingestion", "processed"], writes = ["processed"], database = null, catalog = "commit" }
    load      = { reads = ["processed"], writes = [], database = "warehouse", records_runs_in = ["processed"], reads_records_of = ["ingestion"], catalog = "commit" }
  }

  # The Glue catalog of the Iceberg tables: Glue authorises a call on the catalog, the database and
  # the table, so each statement names all three, and only this database.
  glue_resources = [
    "arn:${var.partition}:glue:${var.region}:${var.account_id}:catalog",
    "arn:${var.partition}:glue:${var.region}:${var.account_id}:database/${var.glue_database}",
    "arn:${var.partition}:glue:${var.region}:${var.account_id}:table/${var.glue_database}/*",
  ]
  secrets = { for k, a in local.access : k => a.database == null ? [] : [var.secret_policy_arns[a.database]] }
  # a secret encrypted with a customer-managed key (RDS-managed secrets may be) needs kms:Decrypt
  # on that key, through Secrets Manager only
  kms_keys = {
    for k, a in local.access : k =>
    a.database == null ? [] : compact([var.secret_kms_key_arns[a.database]])
  }
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  for_each = var.handlers

  name               = "${var.name_prefix}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

data "aws_iam_policy_document" "function" {
  for_each = var.handlers

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:${local.log_group_names[each.key]}:*"]
  }

  statement {
    sid       = "ListZones"
    actions   = ["s3:ListBucket"]
    resources = [for zone in local.access[each.key].reads : local.read_zone[zone]]
  }

  statement {
    sid       = "ReadZones"
    actions   = ["s3:GetObject"]
    resources = [for zone in local.access[each.key].reads : "${local.read_zone[zone]}/*"]
  }

  dynamic "statement" {
    for_each = length(local.access[each.key].writes) > 0 ? [1] : []
    content {
      sid       = "WriteZone"
      actions   = ["s3:PutObject", "s3:AbortMultipartUpload"]
      resources = [for zone in local.access[each.key].writes : "${local.read_zone[zone]}/*"]
    }
  }

  # Objects of a batch are written tagged blackwater-state=uncommitted and re-tagged committed when
  # the batch commits (the bucket's lifecycle rule expires what keeps the first tag): that tag, with
  # those two values, and no other.
  dynamic "statement" {
    for_each = length(local.access[each.key].writes) > 0 ? [1] : []
    content {
      sid       = "TagObjectsOfABatch"
      actions   = ["s3:PutObjectTagging"]
      resources = [for zone in local.access[each.key].writes : "${local.read_zone[zone]}/*"]
      condition {
        test     = "ForAllValues:StringEquals"
        variable = "s3:RequestObjectTagKeys"
        values   = ["blackwater-state"]
      }
      condition {
        test     = "StringEquals"
        variable = "s3:RequestObjectTag/blackwater-state"
        values   = ["uncommitted", "committed"]
      }
    }
  }

  dynamic "statement" {
    for_each = length(lookup(local.access[each.key], "records_runs_in", [])) > 0 ? [1] : []
    content {
      sid       = "RecordRuns"
      actions   = ["s3:PutObject"]
      resources = [for zone in local.access[each.key].records_runs_in : "${local.read_zone[zone]}/_runs/*"]
    }
  }

  # A zone's bookkeeping only: its manifests and run records, not its data.
  dynamic "statement" {
    for_each = length(lookup(local.access[each.key], "reads_records_of", [])) > 0 ? [1] : []
    content {
      sid       = "ListRecordsOfZones"
      actions   = ["s3:ListBucket"]
      resources = [for zone in local.access[each.key].reads_records_of : local.read_zone[zone]]
      condition {
        test     = "StringLike"
        variable = "s3:prefix"
        values   = ["_batches/*", "_runs/*"]
      }
    }
  }

  dynamic "statement" {
    for_each = length(lookup(local.access[each.key], "reads_records_of", [])) > 0 ? [1] : []
    content {
      sid     = "ReadRecordsOfZones"
      actions = ["s3:GetObject"]
      resources = flatten([
        for zone in local.access[each.key].reads_records_of :
        ["${local.read_zone[zone]}/_batches/*", "${local.read_zone[zone]}/_runs/*"]
      ])
    }
  }

  dynamic "statement" {
    for_each = local.access[each.key].catalog == null ? [] : [1]
    content {
      sid       = "ReadIcebergCatalog"
      actions   = ["glue:GetDatabase", "glue:GetTable", "glue:GetTables"]
      resources = local.glue_resources
    }
  }

  # Iceberg's GlueCatalog creates a table on its first commit and commits by UpdateTable (checked
  # against the version it read); after each batch the pipeline names it in the database's
  # properties (UpdateDatabase); the metadata files are new objects in the processed zone.
  dynamic "statement" {
    for_each = local.access[each.key].catalog == "commit" ? [1] : []
    content {
      sid       = "CommitIcebergTables"
      actions   = ["glue:CreateTable", "glue:UpdateTable", "glue:UpdateDatabase"]
      resources = local.glue_resources
    }
  }

  # A role that commits to the Iceberg tables without writing the processed zone (load) writes
  # their metadata files there, new objects under _iceberg/ only.
  dynamic "statement" {
    for_each = local.access[each.key].catalog == "commit" && !contains(local.access[each.key].writes, "processed") ? [1] : []
    content {
      sid       = "WriteIcebergMetadata"
      actions   = ["s3:PutObject"]
      resources = ["${var.processed_bucket_arn}/_iceberg/*"]
    }
  }

  dynamic "statement" {
    for_each = length(local.secrets[each.key]) > 0 ? [1] : []
    content {
      sid       = "ReadDatabaseSecret"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = local.secrets[each.key]
    }
  }

  dynamic "statement" {
    for_each = length(local.kms_keys[each.key]) > 0 ? [1] : []
    content {
      sid       = "DecryptDatabaseSecret"
      actions   = ["kms:Decrypt"]
      resources = local.kms_keys[each.key]
      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${var.region}.amazonaws.com"]
      }
    }
  }

  # Lambda needs network interfaces in the subnets. The Describe calls support no resource-level
  # permissions, so AWS requires Resource "*" there (as in AWSLambdaVPCAccessExecutionRole).
  dynamic "statement" {
    for_each = local.in_vpc ? [1] : []
    content {
      sid       = "DescribeNetworkInterfaces"
      actions   = ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DescribeVpcs"]
      resources = ["*"]
    }
  }

  dynamic "statement" {
    for_each = local.in_vpc ? [1] : []
    content {
      sid = "ManageNetworkInterfaces"
      actions = [
        "ec2:CreateNetworkInterface",
        "ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses",
      ]
      resources = concat(
        ["arn:${var.partition}:ec2:${var.region}:${var.account_id}:network-interface/*"],
        [for s in var.subnet_ids : "arn:${var.partition}:ec2:${var.region}:${var.account_id}:subnet/${s}"],
        [for g in var.security_group_ids : "arn:${var.partition}:ec2:${var.region}:${var.account_id}:security-group/${g}"],
      )
    }
  }
}

resource "aws_iam_role_policy" "function" {
  for_each = var.handlers

  name   = "${var.name_prefix}-${each.key}"
  role   = aws_iam_role.function[each.key].id
  policy = data.aws_iam_policy_document.function[each.key].json
}
