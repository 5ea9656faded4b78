terraform {
  # 1.10: the S3 backend's use_lockfile (a lock object beside the state, no DynamoDB table).
  required_version = ">= 1.10.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.80.0, < 6.0.0"
    }
  }

  # State lives in S3 from the first apply: bucket, key, region and use_lockfile come from
  # environments/<env>.s3.tfbackend (`make plan ENV=production` passes it to terraform init; the
  # bucket is created once by terraform/bootstrap, see docs/aws.md). `make plan-offline` inits with
  # -backend=false and never touches it.
  backend "s3" {}
}
