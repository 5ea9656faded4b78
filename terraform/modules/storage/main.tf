# Three buckets: the two lake zones and the Lambda artifacts. All private, encrypted (SSE-S3),
# versioned, TLS only, owner-enforced. The zones are immutable, by bucket policy: objects are
# created once (PutObject must carry If-None-Match) and nobody but the break-glass role may delete
# an object or a version or its tags, delete the bucket, change its policy, lifecycle rules or
# versioning, or re-tag a committed object (which would hand it to the rule that expires uncommitted
# ones).
# S3's own lifecycle actions (the rule that clears abandoned multipart uploads) are not subject to
# bucket policies, and AbortMultipartUpload, which the writers need, is not a delete.

locals {
  zones = {
    ingestion = "${var.name_prefix}-ingestion-${var.account_id}"
    processed = "${var.name_prefix}-processed-${var.account_id}"
  }
  buckets = merge(local.zones, { artifacts = "${var.name_prefix}-artifacts-${var.account_id}" })

  artifact_key = "lambda/blackwater-lambda.jar"
}

resource "aws_s3_bucket" "this" {
  for_each = local.buckets

  bucket        = each.value
  force_destroy = var.force_destroy
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each = aws_s3_bucket.this

  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id
  versioning_configuration {
    status = "Enabled"
  }
}

# What the lake keeps, and for how long. The pipeline deletes nothing (the bucket policy denies it):
# these rules do, and S3's own lifecycle actions are not subject to bucket policies.
# - A writer that dies mid-upload leaves parts that are invisible but billed: cleared after a day.
# - An object of a batch is written tagged blackwater-state=uncommitted and re-tagged committed when
#   its batch commits; one a run left behind when it died before its manifest keeps the first tag and
#   expires after uncommitted_expiry_days, longer than any run. The buckets are versioned, so the
#   expiry leaves a delete marker and a noncurrent version: the version goes a day later, then the
#   marker (a rule of its own: S3 takes no tag filter with expired_object_delete_marker).
# - By choice (default off): committed ingestion objects move to a colder class that S3 reads at once,
#   run records and rejected rows expire.
locals {
  state_tag = "blackwater-state"
}

resource "aws_s3_bucket_lifecycle_configuration" "zones" {
  for_each = local.zones

  bucket = aws_s3_bucket.this[each.key].id

  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  rule {
    id     = "expire-uncommitted-objects"
    status = "Enabled"
    filter {
      tag {
        key   = local.state_tag
        value = "uncommitted"
      }
    }
    expiration {
      days = var.uncommitted_expiry_days
    }
    noncurrent_version_expiration {
      noncurrent_days = 1
    }
  }

  rule {
    id     = "remove-expired-delete-markers"
    status = "Enabled"
    filter {}
    expiration {
      expired_object_delete_marker = true
    }
  }

  dynamic "rule" {
    for_each = each.key == "ingestion" && var.ingestion_cold_storage_after_days != null ? [1] : []
    content {
      id     = "committed-ingestion-objects-to-colder-storage"
      status = "Enabled"
      filter {
        and {
          tags                     = { (local.state_tag) = "committed" }
          object_size_greater_than = 131072
        }
      }
      transition {
        days          = var.ingestion_cold_storage_after_days
        storage_class = var.ingestion_cold_storage_class
      }
    }
  }

  dynamic "rule" {
    for_each = var.run_records_expiry_days == null ? [] : [1]
    content {
      id     = "expire-run-records"
      status = "Enabled"
      filter {
        prefix = "_runs/"
      }
      expiration {
        days = var.run_records_expiry_days
      }
      noncurrent_version_expiration {
        noncurrent_days = 1
      }
    }
  }

  dynamic "rule" {
    for_each = each.key == "processed" && var.rejected_rows_expiry_days != null ? [1] : []
    content {
      id     = "expire-rejected-rows"
      status = "Enabled"
      filter {
        prefix = "_rejected/"
      }
      expiration {
        days = var.rejected_rows_expiry_days
      }
      noncurrent_version_expiration {
        noncurrent_days = 1
      }
    }
  }
}

data "aws_iam_policy_document" "zone" {
  for_each = local.zones

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      "arn:${var.partition}:s3:::${each.value}",
      "arn:${var.partition}:s3:::${each.value}/*",
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

  # Objects are created once: PutObject and CompleteMultipartUpload must carry If-None-Match, so no
  # writer, ours or another, can overwrite a lake object. (CreateMultipartUpload and UploadPart take
  # no conditional header and are exempt through s3:ObjectCreationOperation.)
  statement {
    sid       = "DenyWritesWithoutIfNoneMatch"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["arn:${var.partition}:s3:::${each.value}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Null"
      variable = "s3:if-none-match"
      values   = ["true"]
    }
    condition {
      test     = "Bool"
      variable = "s3:ObjectCreationOperation"
      values   = ["true"]
    }
  }

  # The lake is the pipeline's history: no principal of this or any account deletes from it or
  # loosens its protection, except the break-glass role (assumed by a person, deliberately). The
  # account's root user can still replace a bucket policy (S3 never locks it out), the way back if
  # the role is lost. Terraform applies that change the policy need that role (docs/aws.md).
  statement {
    sid    = "DenyDeletesAndProtectionChangesButBreakGlass"
    effect = "Deny"
    actions = [
      "s3:DeleteObject",
      "s3:DeleteObjectVersion",
      "s3:DeleteBucket",
      "s3:PutBucketPolicy",
      "s3:DeleteBucketPolicy",
      "s3:PutLifecycleConfiguration",
      "s3:PutBucketVersioning",
      "s3:DeleteObjectTagging",
      "s3:DeleteObjectVersionTagging",
      "s3:PutObjectVersionTagging",
    ]
    resources = [
      "arn:${var.partition}:s3:::${each.value}",
      "arn:${var.partition}:s3:::${each.value}/*",
    ]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "ArnNotEquals"
      variable = "aws:PrincipalArn"
      values   = [var.break_glass_role_arn]
    }
  }

  # A committed object's tag is final: re-tagged uncommitted, the expiry rule above would take
  # committed data. So nobody but the break-glass role may set any other tags on an object tagged
  # committed; the writers tag new objects uncommitted and uncommitted ones committed, nothing else.
  statement {
    sid       = "DenyRetaggingCommittedObjectsButBreakGlass"
    effect    = "Deny"
    actions   = ["s3:PutObjectTagging"]
    resources = ["arn:${var.partition}:s3:::${each.value}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "s3:ExistingObjectTag/${local.state_tag}"
      values   = ["committed"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "s3:RequestObjectTag/${local.state_tag}"
      values   = ["committed"]
    }
    condition {
      test     = "ArnNotEquals"
      variable = "aws:PrincipalArn"
      values   = [var.break_glass_role_arn]
    }
  }
}

data "aws_iam_policy_document" "artifacts" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      "arn:${var.partition}:s3:::${local.buckets.artifacts}",
      "arn:${var.partition}:s3:::${local.buckets.artifacts}/*",
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

# The policy goes on last: once it is there, versioning and lifecycle rules can only be changed by
# the break-glass role.
resource "aws_s3_bucket_policy" "zone" {
  for_each = local.zones

  bucket = aws_s3_bucket.this[each.key].id
  policy = data.aws_iam_policy_document.zone[each.key].json

  depends_on = [
    aws_s3_bucket_public_access_block.this,
    aws_s3_bucket_versioning.this,
    aws_s3_bucket_lifecycle_configuration.zones,
    aws_s3_bucket_server_side_encryption_configuration.this,
    aws_s3_bucket_ownership_controls.this,
  ]
}

resource "aws_s3_bucket_policy" "artifacts" {
  bucket = aws_s3_bucket.this["artifacts"].id
  policy = data.aws_iam_policy_document.artifacts.json

  depends_on = [aws_s3_bucket_public_access_block.this]
}

# The artifact goes up by key; a new build changes its hash, hence its version, hence the functions.
resource "aws_s3_object" "artifact" {
  count = fileexists(var.artifact_path) ? 1 : 0

  bucket      = aws_s3_bucket.this["artifacts"].id
  key         = local.artifact_key
  source      = var.artifact_path
  source_hash = filemd5(var.artifact_path)

  depends_on = [aws_s3_bucket_versioning.this]
}
