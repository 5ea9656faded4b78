# Credentials and the account come from the usual AWS chain (environment, profile, OIDC role in CI).
# `make plan-offline` sets offline_plan = true: the provider then never calls AWS, so a plan can be
# made on a machine with no AWS access (dummy credentials). Real plans and applies keep it false.
provider "aws" {
  region = var.region

  skip_credentials_validation = var.offline_plan
  skip_requesting_account_id  = var.offline_plan
  skip_metadata_api_check     = var.offline_plan
  skip_region_validation      = var.offline_plan

  default_tags {
    tags = merge({ Project = "blackwater", ManagedBy = "terraform" }, var.tags)
  }
}
