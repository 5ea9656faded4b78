output "cluster_arn" {
  value = "arn:${var.partition}:ecs:${var.region}:${var.account_id}:cluster/${aws_ecs_cluster.pipeline.name}"
}

output "task_definition_family_arn" {
  description = "The task definition without its revision (RunTask takes the newest ACTIVE one)."
  value       = "arn:${var.partition}:ecs:${var.region}:${var.account_id}:task-definition/${local.family}"
}

output "container_name" {
  value = local.container
}

output "role_arns" {
  description = "The task's and ECS's roles, which the state machine passes."
  value = [
    "arn:${var.partition}:iam::${var.account_id}:role/${aws_iam_role.task.name}",
    "arn:${var.partition}:iam::${var.account_id}:role/${aws_iam_role.execution.name}",
  ]
}
