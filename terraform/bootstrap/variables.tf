variable "name_prefix" {
  description = "The pipeline's name_prefix (terraform/variables.tf): the roles, bucket and repository are named after it."
  type        = string
  default     = "blackwater"
}

variable "account_id" {
  description = "The AWS account id (12 digits)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be 12 digits."
  }
}

variable "region" {
  description = "Region of the state bucket and the image repository (the pipeline's region)."
  type        = string
}

variable "partition" {
  description = "AWS partition of the ARNs."
  type        = string
  default     = "aws"
}

variable "github_repository" {
  description = "owner/name of the GitHub repository that deploys, e.g. blackwater-dev/blackwater."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/name."
  }
}

variable "github_environment" {
  description = "GitHub environment of the apply job (.github/workflows/ci.yml's `environment:`), whose required reviewers approve each apply."
  type        = string
  default     = "production"
}

variable "plan_ref" {
  description = "The ref whose pushes plan (the workflow deploys main)."
  type        = string
  default     = "refs/heads/main"
}

variable "create_oidc_provider" {
  description = "Create the account's GitHub OIDC provider (set false if the account already has one for token.actions.githubusercontent.com)."
  type        = bool
  default     = true
}

variable "apply_policy_arns" {
  description = "Managed policies of the apply role. AdministratorAccess by default: the pipeline creates IAM roles, so the role that applies it can grant anything anyway; narrow it with a permissions boundary if your account has one."
  type        = list(string)
  default     = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

variable "state_key" {
  description = "Key of the pipeline's state in the bucket (environments/<env>.s3.tfbackend names the same)."
  type        = string
  default     = "blackwater/production.tfstate"
}

variable "offline_plan" {
  description = "Plan without calling AWS (make plan-offline only)."
  type        = bool
  default     = false
}
