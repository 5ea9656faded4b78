terraform {
  required_version = ">= 1.10.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.80.0, < 6.0.0"
    }
  }
  # Local state: this configuration creates the bucket every other state lives in. Keep
  # terraform.tfstate (git-ignored) safe, or move it into that bucket afterwards (docs/aws.md,
  # "Bootstrap").
}

provider "aws" {
  region = var.region

  skip_credentials_validation = var.offline_plan
  skip_requesting_account_id  = var.offline_plan
  skip_metadata_api_check     = var.offline_plan
  skip_region_validation      = var.offline_plan

  default_tags {
    tags = { Project = "blackwater", ManagedBy = "terraform", Stack = "bootstrap" }
  }
}
