# GitHub Actions' roles in the account, trusted through GitHub's OIDC provider (no stored keys):
#
#   plan  : assumed by the plan job, which has no `environment:`, so its token's subject is
#           repo:<owner/name>:ref:<plan_ref> (refs/heads/main). Reads everything (ReadOnlyAccess,
#           for terraform plan's refresh) and writes only the state's lock object.
#   apply : assumed by the apply job, which runs in the GitHub environment `github_environment`
#           (production): GitHub then puts repo:<owner/name>:environment:production in the token's
#           subject, not the branch, so that is what this role trusts. It applies the reviewed
#           plan and pushes the Fargate image.
#
# Both trust conditions use StringEquals on the exact subject and audience: no wildcard, so a
# workflow on another branch, a pull request or another environment cannot assume either role.

locals {
  issuer       = "token.actions.githubusercontent.com"
  provider_arn = "arn:${var.partition}:iam::${var.account_id}:oidc-provider/${local.issuer}"

  subjects = {
    plan  = "repo:${var.github_repository}:ref:${var.plan_ref}"
    apply = "repo:${var.github_repository}:environment:${var.github_environment}"
  }

  state_bucket_arn = "arn:${var.partition}:s3:::${var.state_bucket}"
  repository_arn   = "arn:${var.partition}:ecr:${var.region}:${var.account_id}:repository/${var.container_repository}"
}

resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 1 : 0

  url            = "https://${local.issuer}"
  client_id_list = ["sts.amazonaws.com"]
  # AWS checks GitHub's certificate against its own trusted CAs: no thumbprint needed.
}

data "aws_iam_policy_document" "trust" {
  for_each = local.subjects

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [local.provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = [each.value]
    }
  }
}

resource "aws_iam_role" "github" {
  for_each = local.subjects

  name                 = "${var.name_prefix}-github-${each.key}"
  description          = "Blackwater: GitHub Actions ${each.key} job (${each.value})"
  assume_role_policy   = data.aws_iam_policy_document.trust[each.key].json
  max_session_duration = 3600

  depends_on = [aws_iam_openid_connect_provider.github]
}

resource "aws_iam_role_policy_attachment" "plan_read_only" {
  role       = aws_iam_role.github["plan"].name
  policy_arn = "arn:${var.partition}:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "apply" {
  for_each = toset(var.apply_policy_arns)

  role       = aws_iam_role.github["apply"].name
  policy_arn = each.value
}

# terraform plan takes the state's lock (use_lockfile: an object beside the state) and reads the
# state; only apply writes the state itself.
data "aws_iam_policy_document" "state" {
  for_each = local.subjects

  statement {
    sid       = "ListState"
    actions   = ["s3:ListBucket"]
    resources = [local.state_bucket_arn]
  }

  statement {
    sid       = "ReadState"
    actions   = ["s3:GetObject"]
    resources = ["${local.state_bucket_arn}/${var.state_key}"]
  }

  statement {
    sid       = "LockState"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${local.state_bucket_arn}/${var.state_key}.tflock"]
  }

  dynamic "statement" {
    for_each = each.key == "apply" ? [1] : []
    content {
      sid       = "WriteState"
      actions   = ["s3:PutObject"]
      resources = ["${local.state_bucket_arn}/${var.state_key}"]
    }
  }

  dynamic "statement" {
    for_each = each.key == "apply" ? [1] : []
    content {
      sid = "PushImage"
      actions = [
        "ecr:BatchCheckLayerAvailability",
        "ecr:BatchGetImage",
        "ecr:CompleteLayerUpload",
        "ecr:DescribeImages",
        "ecr:InitiateLayerUpload",
        "ecr:PutImage",
        "ecr:UploadLayerPart",
      ]
      resources = [local.repository_arn]
    }
  }

  # docker login to ECR: GetAuthorizationToken supports no resource-level permissions.
  dynamic "statement" {
    for_each = each.key == "apply" ? [1] : []
    content {
      sid       = "LogInToEcr"
      actions   = ["ecr:GetAuthorizationToken"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "state" {
  for_each = local.subjects

  name   = "${var.name_prefix}-github-${each.key}-state"
  role   = aws_iam_role.github[each.key].id
  policy = data.aws_iam_policy_document.state[each.key].json
}
