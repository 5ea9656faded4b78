# The Fargate task: the same code as the functions (the `blackwater` command of the CLI jar, in the
# image the workflow builds), for a backlog larger than a function can take in one run. The state
# machine runs it with the command `transform` or `load` when that function answered `delegated`
# (its pending batches were above lambda_max_backlog_bytes). Its role may do what the transform
# and load functions may, together: read the ingestion zone, write the processed zone, record load
# runs, read the warehouse's secret; never the source's, never delete.

locals {
  family         = "${var.name_prefix}-pipeline"
  container      = "blackwater"
  log_group_name = "/ecs/${var.name_prefix}-pipeline"
  log_group_arn  = "arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:${local.log_group_name}"
  cpu_architecture = {
    arm64  = "ARM64"
    x86_64 = "X86_64"
  }
}

resource "aws_ecs_cluster" "pipeline" {
  name = "${var.name_prefix}-pipeline"

  setting {
    name  = "containerInsights"
    value = "disabled"
  }
}

resource "aws_cloudwatch_log_group" "task" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

# ECS's own role for the task: pull the image, write the log stream.
resource "aws_iam_role" "execution" {
  name               = "${var.name_prefix}-fargate-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "execution" {
  statement {
    sid       = "PullImage"
    actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
    resources = [var.repository_arn]
  }

  # GetAuthorizationToken supports no resource-level permissions: AWS requires Resource "*".
  statement {
    sid       = "LogInToEcr"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid       = "WriteLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local.log_group_arn}:*"]
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "${var.name_prefix}-fargate-execution"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

# The task's own role: what transform and load may do.
locals {
  glue_resources = [
    "arn:${var.partition}:glue:${var.region}:${var.account_id}:catalog",
    "arn:${var.partition}:glue:${var.region}:${var.account_id}:database/${var.glue_database}",
    "arn:${var.partition}:glue:${var.region}:${var.account_id}:table/${var.glue_database}/*",
  ]
}

resource "aws_iam_role" "task" {
  name               = "${var.name_prefix}-fargate-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "task" {
  statement {
    sid       = "ListZones"
    actions   = ["s3:ListBucket"]
    resources = [var.ingestion_bucket_arn, var.processed_bucket_arn]
  }

  statement {
    sid       = "ReadZones"
    actions   = ["s3:GetObject"]
    resources = ["${var.ingestion_bucket_arn}/*", "${var.processed_bucket_arn}/*"]
  }

  statement {
    sid       = "WriteProcessedZone"
    actions   = ["s3:PutObject", "s3:AbortMultipartUpload"]
    resources = ["${var.processed_bucket_arn}/*"]
  }

  # a batch's objects are tagged uncommitted when written and committed when the batch commits
  statement {
    sid       = "TagObjectsOfABatch"
    actions   = ["s3:PutObjectTagging"]
    resources = ["${var.processed_bucket_arn}/*"]
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

  # the processed zone's Iceberg tables: read, created on a first commit, committed to; this
  # database only, and nothing deleted
  statement {
    sid       = "ReadIcebergCatalog"
    actions   = ["glue:GetDatabase", "glue:GetTable", "glue:GetTables"]
    resources = local.glue_resources
  }

  statement {
    sid       = "CommitIcebergTables"
    actions   = ["glue:CreateTable", "glue:UpdateTable", "glue:UpdateDatabase"]
    resources = local.glue_resources
  }

  statement {
    sid       = "ReadWarehouseSecret"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [var.warehouse_secret_policy_arn]
  }

  dynamic "statement" {
    for_each = var.warehouse_secret_kms_key_arn == null ? [] : [1]
    content {
      sid       = "DecryptWarehouseSecret"
      actions   = ["kms:Decrypt"]
      resources = [var.warehouse_secret_kms_key_arn]
      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${var.region}.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role_policy" "task" {
  name   = "${var.name_prefix}-fargate-task"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}

resource "aws_ecs_task_definition" "pipeline" {
  family                   = local.family
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory_mb
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = local.cpu_architecture[var.architecture]
  }

  ephemeral_storage {
    size_in_gib = var.ephemeral_storage_gb
  }

  container_definitions = jsonencode([{
    name      = local.container
    image     = var.image
    essential = true
    # the state machine overrides it with ["transform"] or ["load"]
    command = ["status"]
    environment = [
      for name in sort(keys(var.environment)) : { name = name, value = var.environment[name] }
    ]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = local.log_group_name
        awslogs-region        = var.region
        awslogs-stream-prefix = "task"
      }
    }
  }])

  depends_on = [aws_iam_role_policy.execution, aws_iam_role_policy.task]
}
