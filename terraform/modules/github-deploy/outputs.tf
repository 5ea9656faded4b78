output "plan_role_arn" {
  description = "Role of the plan job: repository variable AWS_PLAN_ROLE_ARN."
  value       = aws_iam_role.github["plan"].arn
}

output "apply_role_arn" {
  description = "Role of the apply job: repository variable AWS_APPLY_ROLE_ARN."
  value       = aws_iam_role.github["apply"].arn
}

output "subjects" {
  description = "The OIDC token subjects each role trusts."
  value       = local.subjects
}
