output "state_machine_arn" {
  value = "arn:${var.partition}:states:${var.region}:${var.account_id}:stateMachine:${aws_sfn_state_machine.pipeline.name}"
}

output "state_machine_name" {
  value = aws_sfn_state_machine.pipeline.name
}

output "dead_letter_queue_name" {
  value = aws_sqs_queue.schedule_dlq.name
}

output "definition_by_name" {
  description = "The state machine's definition with the function ARNs built from names: the deployed one, readable at plan time."
  value       = jsonencode(local.definitions.by_name)
}
