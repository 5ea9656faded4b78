output "alarm_topic_arn" {
  description = "The alarm topic (known after apply)."
  value       = aws_sns_topic.alarms.arn
}

output "alarm_topic_arn_by_name" {
  description = "The same ARN built from its name, known at plan time: for IAM policies and alarms."
  value       = local.topic_arn
}

output "dashboard_name" {
  value = aws_cloudwatch_dashboard.pipeline.dashboard_name
}
