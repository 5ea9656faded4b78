# What exists before the first deploy, created once by an administrator (docs/aws.md, "Bootstrap"):
# the S3 bucket of Terraform's state (versioned, encrypted, private, TLS only; use_lockfile keeps
# the lock beside the state, no DynamoDB table), the container image repository of the Fargate task
# (the apply job pushes to it before it applies), and GitHub Actions' plan and apply roles with
# their OIDC trust (modules/github-deploy).

locals {
  state_bucket         = "${var.name_prefix}-tfstate-${var.account_id}"
  container_repository = var.name_prefix
}

resource "aws_s3_bucket" "state" {
  bucket = local.state_bucket

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket                  = aws_s3_bucket.state.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

data "aws_iam_policy_document" "state" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      "arn:${var.partition}:s3:::${local.state_bucket}",
      "arn:${var.partition}:s3:::${local.state_bucket}/*",
    ]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "state" {
  bucket = aws_s3_bucket.state.id
  policy = data.aws_iam_policy_document.state.json

  depends_on = [aws_s3_bucket_public_access_block.state]
}

# The Fargate task's image: tags are the commit that built them and can never be moved.
resource "aws_ecr_repository" "pipeline" {
  name                 = local.container_repository
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }
}

resource "aws_ecr_lifecycle_policy" "pipeline" {
  repository = aws_ecr_repository.pipeline.name
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "keep the 30 newest images"
      selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 30 }
      action       = { type = "expire" }
    }]
  })
}

module "github" {
  source = "../modules/github-deploy"

  name_prefix          = var.name_prefix
  account_id           = var.account_id
  partition            = var.partition
  region               = var.region
  github_repository    = var.github_repository
  github_environment   = var.github_environment
  plan_ref             = var.plan_ref
  create_oidc_provider = var.create_oidc_provider
  apply_policy_arns    = var.apply_policy_arns
  state_bucket         = local.state_bucket
  state_key            = var.state_key
  container_repository = local.container_repository
}
