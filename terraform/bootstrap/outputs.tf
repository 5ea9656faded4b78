output "state_bucket" {
  description = "The state bucket: `bucket` in terraform/environments/<env>.s3.tfbackend."
  value       = aws_s3_bucket.state.bucket
}

output "container_repository_url" {
  description = "Where the apply job pushes the Fargate image."
  value       = aws_ecr_repository.pipeline.repository_url
}

output "plan_role_arn" {
  description = "Repository variable AWS_PLAN_ROLE_ARN."
  value       = module.github.plan_role_arn
}

output "apply_role_arn" {
  description = "Repository variable AWS_APPLY_ROLE_ARN."
  value       = module.github.apply_role_arn
}

output "trusted_subjects" {
  description = "The OIDC subjects the roles trust (the workflow's plan and apply jobs)."
  value       = module.github.subjects
}
