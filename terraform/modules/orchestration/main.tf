# extract -> transform -> load. Each Lambda task passes on only the handler's JSON result
# (OutputPath "$.Payload": Lambda's invocation metadata, StatusCode, ExecutedVersion and the
# headers, stays behind). When extract finds nothing new ({"nothingNew": true}, ExtractResult's
# field) the AnythingNew choice skips transform, but load still runs, deliberately: with nothing
# pending it takes a second, it loads any batch an earlier failed run left transformed but not
# loaded, and it reports FreshnessLagSeconds, which the staleness alarm needs every run (a missing
# value counts as stale). A result without the field goes through transform (the safe side).
# Transient Lambda errors are retried with backoff; any other failure (the handlers' StageFailure:
# "<stage> failed (<KIND>): <problem>") is published to the alarm topic and fails the execution.

locals {
  state_machine_name = "${var.name_prefix}-pipeline"
  dlq_name           = "${var.name_prefix}-schedule-dlq"
  state_machine_arn  = "arn:${var.partition}:states:${var.region}:${var.account_id}:stateMachine:${local.state_machine_name}"

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

  catch = [{
    ErrorEquals = ["States.ALL"]
    ResultPath  = "$.error"
    Next        = "NotifyFailure"
  }]

  control_states = {
    AnythingNew = {
      Type = "Choice"
      Choices = [{
        And = [
          { Variable = "$.nothingNew", IsPresent = true },
          { Variable = "$.nothingNew", BooleanEquals = true },
        ]
        Next = "Load"
      }]
      Default = "Transform"
    }
    Failed = { Type = "Fail", Error = "PipelineFailed", Cause = "A stage failed; the error was published to the alarm topic" }
  }

  # The same definition twice, from the same expression: "deployed" names the aliases by the
  # resources' own ARNs (unknown until apply, so the provider does not ask AWS to validate the
  # definition at plan time, which an offline plan could not); "by_name" names them by ARNs built
  # from names, known at plan time, so that the plan (and TerraformPlanIT) shows the definition.
  definitions = { for variant, arns in {
    deployed = { functions = var.function_alias_arns, topic = var.alarm_topic_arn }
    by_name  = { functions = var.function_alias_arns_by_name, topic = var.alarm_topic_arn_by_name }
    } : variant => {
    Comment = "Blackwater: extract, transform, load"
    StartAt = "Extract"
    States = merge(local.control_states, {
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
      }, {
      for name, next in { Extract = "AnythingNew", Transform = "Load", Load = null } : name => merge(
        {
          Type     = "Task"
          Resource = "arn:${var.partition}:states:::lambda:invoke"
          Parameters = {
            FunctionName = arns.functions[lower(name)]
            "Payload.$"  = "$"
          }
          # lambda:invoke returns {"Payload": <the handler's JSON>, "StatusCode": ..., ...}: only
          # the payload goes on, as the next state's input (and the Choice's $.nothingNew).
          OutputPath = "$.Payload"
          Retry      = local.retry
          Catch      = local.catch
        },
        next == null ? { End = true } : { Next = next },
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
