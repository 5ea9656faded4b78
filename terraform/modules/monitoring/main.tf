# Alarms and failures go to one SNS topic with an e-mail subscription (confirm the mail AWS sends).

locals {
  topic_arn = "arn:${var.partition}:sns:${var.region}:${var.account_id}:${aws_sns_topic.alarms.name}"
  namespace = "Blackwater"
  stages    = ["extract", "transform", "load"]
}

resource "aws_sns_topic" "alarms" {
  name = "${var.name_prefix}-alarms"
}

resource "aws_sns_topic_subscription" "email" {
  topic_arn = local.topic_arn
  protocol  = "email"
  endpoint  = var.alert_email
}

resource "aws_cloudwatch_metric_alarm" "execution_failed" {
  alarm_name          = "${var.name_prefix}-pipeline-failed"
  alarm_description   = "A Blackwater pipeline execution failed, timed out or was aborted."
  namespace           = "AWS/States"
  metric_name         = "ExecutionsFailed"
  dimensions          = { StateMachineArn = var.state_machine_arn }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [local.topic_arn]
  ok_actions          = [local.topic_arn]
}

# An execution that runs past the state machine's TimeoutSeconds fails no state: this mails it.
resource "aws_cloudwatch_metric_alarm" "execution_timed_out" {
  alarm_name          = "${var.name_prefix}-pipeline-timed-out"
  alarm_description   = "A Blackwater pipeline execution ran past its timeout (a stuck run; later runs were skipped meanwhile)."
  namespace           = "AWS/States"
  metric_name         = "ExecutionsTimedOut"
  dimensions          = { StateMachineArn = var.state_machine_arn }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [local.topic_arn]
  ok_actions          = [local.topic_arn]
}

resource "aws_cloudwatch_metric_alarm" "lambda_errors" {
  for_each = var.function_names

  alarm_name          = "${each.value}-errors"
  alarm_description   = "The Blackwater ${each.key} function reported an error."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = each.value }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [local.topic_arn]
  ok_actions          = [local.topic_arn]
}

# The load stage reports how far the warehouse trails the source, every run (the state machine
# runs load even when extract found nothing new): the run's end minus the start of the extract it
# has caught up with, so a quiet source is not stale (the newest change's age is
# NewestChangeAgeSeconds, not alarmed on). No report at all means the pipeline is not running,
# which is stale too.
resource "aws_cloudwatch_metric_alarm" "stale" {
  alarm_name        = "${var.name_prefix}-warehouse-stale"
  alarm_description = "The warehouse lags the source by more than ${var.freshness_threshold_seconds} seconds."
  namespace         = local.namespace
  metric_name       = "FreshnessLagSeconds"
  dimensions        = { stage = "load" }
  statistic         = "Maximum"
  period            = 300
  # load reports once per 5-minute run; a run that lands just past a period's edge leaves one
  # period empty, so it takes two stale (or empty) periods in a row to alarm
  evaluation_periods  = 2
  datapoints_to_alarm = 2
  threshold           = var.freshness_threshold_seconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = [local.topic_arn]
  ok_actions          = [local.topic_arn]
}

resource "aws_cloudwatch_metric_alarm" "schedule_dead_letters" {
  alarm_name          = "${var.name_prefix}-schedule-dead-letters"
  alarm_description   = "EventBridge Scheduler could not start the pipeline (messages in its dead-letter queue)."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = var.dead_letter_queue_name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [local.topic_arn]
}

resource "aws_cloudwatch_dashboard" "pipeline" {
  dashboard_name = "${var.name_prefix}-pipeline"
  dashboard_body = jsonencode({
    widgets = [
      {
        type = "metric", x = 0, y = 0, width = 12, height = 6
        properties = {
          title   = "Rows per stage", region = var.region, stat = "Sum", period = 300, view = "timeSeries"
          metrics = [for s in local.stages : [local.namespace, "Rows", "stage", s]]
        }
      },
      {
        type = "metric", x = 12, y = 0, width = 12, height = 6
        properties = {
          title   = "Bytes per stage", region = var.region, stat = "Sum", period = 300, view = "timeSeries"
          metrics = [for s in local.stages : [local.namespace, "Bytes", "stage", s]]
        }
      },
      {
        type = "metric", x = 0, y = 6, width = 12, height = 6
        properties = {
          title   = "Duration per stage (ms)", region = var.region, stat = "Maximum", period = 300, view = "timeSeries"
          metrics = [for s in local.stages : [local.namespace, "DurationMs", "stage", s]]
        }
      },
      {
        type = "metric", x = 12, y = 6, width = 12, height = 6
        properties = {
          title   = "Freshness lag (s)", region = var.region, stat = "Maximum", period = 300, view = "timeSeries"
          metrics = [[local.namespace, "FreshnessLagSeconds", "stage", "load"]]
          annotations = {
            horizontal = [{ label = "alarm", value = var.freshness_threshold_seconds }]
          }
        }
      },
      {
        type = "metric", x = 0, y = 12, width = 12, height = 6
        properties = {
          title = "Pipeline executions", region = var.region, stat = "Sum", period = 300, view = "timeSeries"
          metrics = [
            ["AWS/States", "ExecutionsSucceeded", "StateMachineArn", var.state_machine_arn],
            ["AWS/States", "ExecutionsFailed", "StateMachineArn", var.state_machine_arn],
            ["AWS/States", "ExecutionsTimedOut", "StateMachineArn", var.state_machine_arn],
            [local.namespace, "SkippedRuns", "stateMachine", "${var.name_prefix}-pipeline", { label = "skipped: a run was in progress" }],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 12, width = 12, height = 6
        properties = {
          title = "Lambda errors and duration", region = var.region, period = 300, view = "timeSeries"
          metrics = concat(
            [for k, f in var.function_names : ["AWS/Lambda", "Errors", "FunctionName", f, { stat = "Sum" }]],
            [for k, f in var.function_names : ["AWS/Lambda", "Duration", "FunctionName", f, { stat = "Maximum", yAxis = "right" }]],
          )
        }
      },
      {
        type = "alarm", x = 0, y = 18, width = 24, height = 3
        properties = {
          title = "Alarms"
          alarms = concat(
            [aws_cloudwatch_metric_alarm.execution_failed.arn, aws_cloudwatch_metric_alarm.execution_timed_out.arn, aws_cloudwatch_metric_alarm.stale.arn, aws_cloudwatch_metric_alarm.schedule_dead_letters.arn],
            [for a in aws_cloudwatch_metric_alarm.lambda_errors : a.arn],
          )
        }
      },
    ]
  })
}
