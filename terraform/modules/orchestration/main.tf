# Guard -> extract -> transform -> load -> maintain.
#
# Guard: the schedule starts a run every five minutes whatever the last one is doing, so the first
# state lists this state machine's RUNNING executions (the Step Functions SDK integration); when
# another one is running besides this one, the run is skipped: it adds 1 to the SkippedRuns metric
# (namespace Blackwater) and succeeds, no failure, no mail. (Two runs started in the same instant
# would both skip; the next schedule runs.)
#
# Each Lambda task keeps only what the next states read: the handlers return a summary of fixed
# size (StepResult: nothingNew, batches, newestBatch, rows, bytes, ...), ResultSelector takes it out
# of lambda:invoke's answer and ResultPath stores it under the stage's name beside the input, so
# the execution's data stays a few kilobytes however many batches a run catches up on (Step
# Functions refuses more than 256 KB: States.DataLimitExceeded). When extract finds nothing new
# the AnythingNew choice skips transform, but load still runs, deliberately: with nothing pending
# it takes a second, it loads any batch an earlier failed run left transformed but not loaded, and
# it reports FreshnessLagSeconds, which the staleness alarm needs every run.
#
# Past one Lambda: with a Fargate task (var.fargate), transform and load first measure what is
# pending; above lambda_max_backlog_bytes they do nothing and answer delegated, and the
# TransformDelegated / LoadDelegated choices run that stage (and load after a delegated transform)
# as the Fargate task (ecs:runTask.sync, the same code, command transform or load). A task whose
# container did not exit with 0 goes to the failure mail (FargateFailed), as any other error.
#
# Failures: transient Lambda errors are retried with backoff; every other error goes to
# NotifyFailure (SNS, e-mail) and fails the execution. States.ALL does not match
# States.DataLimitExceeded, so every catch names it first. What no catch can take (States.Runtime,
# a timeout of the whole execution) still fails the execution, which the pipeline-failed and
# pipeline-timed-out alarms mail.

locals {
  state_machine_name = "${var.name_prefix}-pipeline"
  dlq_name           = "${var.name_prefix}-schedule-dlq"
  state_machine_arn  = "arn:${var.partition}:states:${var.region}:${var.account_id}:stateMachine:${local.state_machine_name}"
  metrics_namespace  = "Blackwater"

  transient_errors = [
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
    "Lambda.ClientExecutionTimeoutException",
  ]

  retry = [{
    ErrorEquals     = local.transient_errors
    IntervalSeconds = 5
    MaxAttempts     = 3
    BackoffRate     = 2
    MaxDelaySeconds = 60
    JitterStrategy  = "FULL"
  }]

  # States.ALL must come last and alone, and does not match States.DataLimitExceeded.
  catch = [
    { ErrorEquals = ["States.DataLimitExceeded"], ResultPath = "$.error", Next = "NotifyFailure" },
    { ErrorEquals = ["States.ALL"], ResultPath = "$.error", Next = "NotifyFailure" },
  ]

  # What a handler's StepResult carries, kept under $.<stage>.
  step_result = {
    "stage.$"      = "$.Payload.stage"
    "runId.$"      = "$.Payload.runId"
    "nothingNew.$" = "$.Payload.nothingNew"
    "batches.$"    = "$.Payload.batches"
    "rows.$"       = "$.Payload.rows"
    "bytes.$"      = "$.Payload.bytes"
    "durationMs.$" = "$.Payload.durationMs"
    "delegated.$"  = "$.Payload.delegated"
  }

  fargate = var.fargate == null ? {} : {
    for stage, next in { Transform = "LoadOnFargate", Load = "Maintain" } : stage => next
  }

  # (built inside a for over zero or one task, as the two branches of a conditional would need one
  # type)
  fargate_states = merge([for f in(var.fargate == null ? [] : [var.fargate]) : merge(
    {
      for stage, next in local.fargate : "${stage}OnFargate" => {
        Type     = "Task"
        Resource = "arn:${var.partition}:states:::ecs:runTask.sync"
        Parameters = {
          LaunchType      = "FARGATE"
          PlatformVersion = "LATEST"
          Cluster         = f.cluster_arn
          TaskDefinition  = f.task_definition_arn
          NetworkConfiguration = {
            AwsvpcConfiguration = {
              Subnets        = f.subnet_ids
              SecurityGroups = f.security_group_ids
              AssignPublicIp = f.assign_public_ip ? "ENABLED" : "DISABLED"
            }
          }
          Overrides = {
            ContainerOverrides = [{ Name = f.container, Command = [lower(stage)] }]
          }
        }
        # the stopped task's description: keep its containers (their exit codes) and its ARN
        ResultSelector = { "containers.$" = "$.Containers", "taskArn.$" = "$.TaskArn" }
        ResultPath     = "$.fargate"
        TimeoutSeconds = f.timeout_seconds
        Catch          = local.catch
        Next           = "${stage}OnFargateExited"
      }
    },
    {
      for stage, next in local.fargate : "${stage}OnFargateExited" => {
        Type = "Choice"
        Choices = [{
          And = [
            { Variable = "$.fargate.containers[0].ExitCode", IsPresent = true },
            { Variable = "$.fargate.containers[0].ExitCode", NumericEquals = 0 },
          ]
          Next = next
        }]
        Default = "FargateFailed"
      }
    },
    {
      TransformDelegated = {
        Type    = "Choice"
        Choices = [{ Variable = "$.transform.delegated", BooleanEquals = true, Next = "TransformOnFargate" }]
        Default = "Load"
      }
      LoadDelegated = {
        Type    = "Choice"
        Choices = [{ Variable = "$.load.delegated", BooleanEquals = true, Next = "LoadOnFargate" }]
        Default = "Maintain"
      }
      FargateFailed = {
        Type = "Pass"
        Parameters = {
          Error     = "FargateTaskFailed"
          "Cause.$" = "States.JsonToString($.fargate)"
        }
        ResultPath = "$.error"
        Next       = "NotifyFailure"
      }
    },
  )]...)

  control_states = {
    Guard = {
      Type     = "Task"
      Resource = "arn:${var.partition}:states:::aws-sdk:sfn:listExecutions"
      Parameters = {
        StateMachineArn = local.state_machine_arn
        StatusFilter    = "RUNNING"
        MaxResults      = 2
      }
      ResultSelector = { "running.$" = "States.ArrayLength($.Executions)" }
      ResultPath     = "$.guard"
      Retry = [{
        ErrorEquals     = ["States.ALL"]
        IntervalSeconds = 2
        MaxAttempts     = 3
        BackoffRate     = 2
      }]
      Catch = local.catch
      Next  = "AlreadyRunning"
    }
    AlreadyRunning = {
      Type    = "Choice"
      Choices = [{ Variable = "$.guard.running", NumericGreaterThan = 1, Next = "SkipRun" }]
      Default = "Extract"
    }
    SkipRun = {
      Type     = "Task"
      Resource = "arn:${var.partition}:states:::aws-sdk:cloudwatch:putMetricData"
      Parameters = {
        Namespace = local.metrics_namespace
        MetricData = [{
          MetricName = "SkippedRuns"
          Unit       = "Count"
          Value      = 1
          Dimensions = [{ Name = "stateMachine", Value = local.state_machine_name }]
        }]
      }
      ResultPath = null
      # a lost count is no reason to page anyone
      Catch = [{ ErrorEquals = ["States.ALL"], ResultPath = "$.metricError", Next = "Skipped" }]
      Next  = "Skipped"
    }
    Skipped = {
      Type    = "Succeed"
      Comment = "another run was in progress"
    }
    AnythingNew = {
      Type = "Choice"
      Choices = [{
        And = [
          { Variable = "$.extract.nothingNew", IsPresent = true },
          { Variable = "$.extract.nothingNew", BooleanEquals = true },
        ]
        Next = "Load"
      }]
      Default = "Transform"
    }
    Failed = { Type = "Fail", Error = "PipelineFailed", Cause = "A stage failed; the error was published to the alarm topic" }
    Done   = { Type = "Succeed" }
  }

  # What the transform function's maintain task answers (MaintenanceStep), kept under $.maintain.
  maintenance_result = {
    "ran.$"              = "$.Payload.ran"
    "filesReplaced.$"    = "$.Payload.filesReplaced"
    "filesWritten.$"     = "$.Payload.filesWritten"
    "snapshotsExpired.$" = "$.Payload.snapshotsExpired"
    "durationMs.$"       = "$.Payload.durationMs"
  }

  # The same definition twice, from the same expression: "deployed" names the aliases by the
  # resources' own ARNs (unknown until apply, so the provider does not ask AWS to validate the
  # definition at plan time, which an offline plan could not); "by_name" names them by ARNs built
  # from names, known at plan time, so that the plan (and TerraformPlanIT) shows the definition.
  definitions = { for variant, arns in {
    deployed = { functions = var.function_alias_arns, topic = var.alarm_topic_arn }
    by_name  = { functions = var.function_alias_arns_by_name, topic = var.alarm_topic_arn_by_name }
    } : variant => {
    Comment        = "Blackwater: extract, transform, load, and now and then lake maintenance"
    StartAt        = "Guard"
    TimeoutSeconds = var.execution_timeout_seconds
    States = merge(local.control_states, local.fargate_states, {
      NotifyFailure = {
        Type     = "Task"
        Resource = "arn:${var.partition}:states:::sns:publish"
        Parameters = {
          TopicArn    = arns.topic
          Subject     = "Blackwater pipeline failed"
          "Message.$" = "States.Format('Blackwater execution {} failed: {}', $$.Execution.Id, States.JsonToString($.error))"
        }
        ResultPath = null
        Next       = "Failed"
      }
      # After every load: the transform function compacts the Iceberg tables and expires their old
      # snapshots when that last ran longer ago than lake_maintenance_interval (it keeps the time
      # in the catalog; otherwise it answers ran = false at once). The batches are loaded by then,
      # so a failure here mails its own subject and the execution still succeeds.
      Maintain = {
        Type     = "Task"
        Resource = "arn:${var.partition}:states:::lambda:invoke"
        Parameters = {
          FunctionName = arns.functions["transform"]
          Payload      = { task = "maintain", "execution.$" = "$$.Execution.Id" }
        }
        ResultSelector = local.maintenance_result
        ResultPath     = "$.maintain"
        Retry          = local.retry
        Catch = [
          { ErrorEquals = ["States.DataLimitExceeded"], ResultPath = "$.maintenanceError", Next = "NotifyMaintenanceFailure" },
          { ErrorEquals = ["States.ALL"], ResultPath = "$.maintenanceError", Next = "NotifyMaintenanceFailure" },
        ]
        Next = "Done"
      }
      NotifyMaintenanceFailure = {
        Type     = "Task"
        Resource = "arn:${var.partition}:states:::sns:publish"
        Parameters = {
          TopicArn    = arns.topic
          Subject     = "Blackwater lake maintenance failed"
          "Message.$" = "States.Format('Blackwater execution {} loaded its batches, but the lake maintenance (Iceberg compaction and snapshot expiry) failed: {}. The next run tries again.', $$.Execution.Id, States.JsonToString($.maintenanceError))"
        }
        ResultPath = null
        Next       = "Done"
      }
      }, {
      for name, next in {
        Extract   = "AnythingNew"
        Transform = var.fargate == null ? "Load" : "TransformDelegated"
        Load      = var.fargate == null ? "Maintain" : "LoadDelegated"
        } : name => merge(
        {
          Type     = "Task"
          Resource = "arn:${var.partition}:states:::lambda:invoke"
          Parameters = {
            FunctionName = arns.functions[lower(name)]
            # the handlers ignore their event: the zones say what is pending
            Payload = { "execution.$" = "$$.Execution.Id" }
          }
          # lambda:invoke returns {"Payload": <the handler's StepResult>, "StatusCode", ...}: only
          # the summary's fields go on, under $.<stage>, beside what earlier states kept.
          ResultSelector = name == "Load" ? merge(local.step_result, { "freshnessLagSeconds.$" = "$.Payload.freshnessLagSeconds" }) : local.step_result
          ResultPath     = "$.${lower(name)}"
          Retry          = local.retry
          Catch          = local.catch
        },
        { Next = next },
      )
    })
  } }
}

resource "aws_cloudwatch_log_group" "state_machine" {
  name              = "/aws/vendedlogs/states/${local.state_machine_name}"
  retention_in_days = var.log_retention_days
}

data "aws_iam_policy_document" "states_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["states.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

resource "aws_iam_role" "state_machine" {
  name               = "${var.name_prefix}-pipeline"
  assume_role_policy = data.aws_iam_policy_document.states_assume.json
}

data "aws_iam_policy_document" "state_machine" {
  statement {
    sid       = "InvokeStages"
    actions   = ["lambda:InvokeFunction"]
    resources = values(var.function_alias_arns_by_name)
  }

  statement {
    sid       = "PublishFailures"
    actions   = ["sns:Publish"]
    resources = [var.alarm_topic_arn_by_name]
  }

  # the Guard state: is another execution of this state machine running?
  statement {
    sid       = "ListOwnExecutions"
    actions   = ["states:ListExecutions"]
    resources = [local.state_machine_arn]
  }

  # the Fargate task: run it, watch it, stop it on a timeout, pass its two roles to ECS;
  # runTask.sync learns that the task stopped through a rule Step Functions manages
  dynamic "statement" {
    for_each = var.fargate == null ? [] : [1]
    content {
      sid       = "RunFargateTask"
      actions   = ["ecs:RunTask"]
      resources = ["${var.fargate.task_definition_arn}:*"]
      condition {
        test     = "ArnEquals"
        variable = "ecs:cluster"
        values   = [var.fargate.cluster_arn]
      }
    }
  }

  dynamic "statement" {
    for_each = var.fargate == null ? [] : [1]
    content {
      sid       = "WatchFargateTask"
      actions   = ["ecs:DescribeTasks", "ecs:StopTask"]
      resources = ["arn:${var.partition}:ecs:${var.region}:${var.account_id}:task/${element(split("/", var.fargate.cluster_arn), 1)}/*"]
    }
  }

  dynamic "statement" {
    for_each = var.fargate == null ? [] : [1]
    content {
      sid       = "PassFargateRoles"
      actions   = ["iam:PassRole"]
      resources = var.fargate.role_arns
      condition {
        test     = "StringEquals"
        variable = "iam:PassedToService"
        values   = ["ecs-tasks.amazonaws.com"]
      }
    }
  }

  dynamic "statement" {
    for_each = var.fargate == null ? [] : [1]
    content {
      sid       = "FollowFargateTask"
      actions   = ["events:PutTargets", "events:PutRule", "events:DescribeRule"]
      resources = ["arn:${var.partition}:events:${var.region}:${var.account_id}:rule/StepFunctionsGetEventsForECSTaskRule"]
    }
  }

  # the SkipRun state's count. PutMetricData supports no resource-level permissions: AWS requires
  # Resource "*", narrowed here to Blackwater's namespace.
  statement {
    sid       = "CountSkippedRuns"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = [local.metrics_namespace]
    }
  }

  # Step Functions delivers its execution logs through CloudWatch Logs' log delivery API, whose
  # actions support no resource-level permissions: AWS requires Resource "*" here.
  statement {
    sid = "DeliverExecutionLogs"
    actions = [
      "logs:CreateLogDelivery",
      "logs:GetLogDelivery",
      "logs:UpdateLogDelivery",
      "logs:DeleteLogDelivery",
      "logs:ListLogDeliveries",
      "logs:PutResourcePolicy",
      "logs:DescribeResourcePolicies",
      "logs:DescribeLogGroups",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "state_machine" {
  name   = "${var.name_prefix}-pipeline"
  role   = aws_iam_role.state_machine.id
  policy = data.aws_iam_policy_document.state_machine.json
}

resource "aws_sfn_state_machine" "pipeline" {
  name       = local.state_machine_name
  role_arn   = aws_iam_role.state_machine.arn
  definition = jsonencode(local.definitions.deployed)

  logging_configuration {
    log_destination        = "arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:${aws_cloudwatch_log_group.state_machine.name}:*"
    include_execution_data = false
    level                  = "ALL"
  }

  depends_on = [aws_iam_role_policy.state_machine]
}

# --- the schedule ---

resource "aws_sqs_queue" "schedule_dlq" {
  name                      = local.dlq_name
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

data "aws_iam_policy_document" "scheduler_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${var.name_prefix}-schedule"
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "StartPipeline"
    actions   = ["states:StartExecution"]
    resources = [local.state_machine_arn]
  }

  statement {
    sid       = "DeadLetter"
    actions   = ["sqs:SendMessage"]
    resources = ["arn:${var.partition}:sqs:${var.region}:${var.account_id}:${local.dlq_name}"]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "${var.name_prefix}-schedule"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}

resource "aws_scheduler_schedule" "pipeline" {
  name                = "${var.name_prefix}-pipeline"
  description         = "Starts the Blackwater pipeline"
  schedule_expression = var.schedule_expression
  state               = var.schedule_enabled ? "ENABLED" : "DISABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_sfn_state_machine.pipeline.arn
    role_arn = aws_iam_role.scheduler.arn
    input    = jsonencode({ trigger = "schedule" })

    retry_policy {
      maximum_retry_attempts       = 3
      maximum_event_age_in_seconds = 300
    }

    dead_letter_config {
      arn = aws_sqs_queue.schedule_dlq.arn
    }
  }
}
