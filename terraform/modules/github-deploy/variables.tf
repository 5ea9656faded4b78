variable "name_prefix" {
  type = string
}

variable "account_id" {
  type = string
}

variable "partition" {
  type = string
}

variable "github_repository" {
  description = "owner/name of the GitHub repository whose workflow deploys."
  type        = string
}

variable "github_environment" {
  description = "GitHub environment of the apply job (`environment:` in .github/workflows/ci.yml); its OIDC token's subject is repo:<owner/name>:environment:<this>."
  type        = string
}

variable "plan_ref" {
  description = "Git ref whose pushes may plan (the plan job has no environment, so its token's subject is repo:<owner/name>:ref:<this>)."
  type        = string
}

variable "create_oidc_provider" {
  description = "Create the account's OIDC provider for token.actions.githubusercontent.com (false when the account has one: there can be only one per URL)."
  type        = bool
}

variable "apply_policy_arns" {
  description = "Managed policies of the apply role (what terraform apply needs to create and change the pipeline)."
  type        = list(string)
}

variable "state_bucket" {
  type = string
}

variable "state_key" {
  type = string
}

variable "container_repository" {
  type = string
}

variable "region" {
  type = string
}
