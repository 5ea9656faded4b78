# The database secrets: the source's and the warehouse's (the loader's), and with QuickSight a
# third, the warehouse's read-only reader. Terraform creates them empty: their values (JSON with
# host, port, dbname, username, password) are set with `aws secretsmanager put-secret-value`, so they never
# enter Terraform's state or plan. See docs/aws.md.
#
# A secret that exists already (an RDS-managed, rotating master-user secret, or one of another
# team) is named by its ARN instead (existing_arns): Terraform then creates nothing for that
# database, and the functions read that ARN.

variable "name_prefix" {
  type = string
}

variable "recovery_window_in_days" {
  type = number
}

variable "region" {
  type = string
}

variable "account_id" {
  type = string
}

variable "partition" {
  type = string
}

variable "existing_arns" {
  description = "ARN of an existing secret per database (source, warehouse); null: create <prefix>/<database>-database."
  type        = object({ source = string, warehouse = string })
}

variable "reader" {
  description = "Create the warehouse reader's secret (QuickSight's credentials)."
  type        = bool
  default     = false
}

locals {
  # Secrets Manager appends six random characters to a secret's ARN; policies name the secret with
  # "-??????" (exactly six characters) so they are known before the secret exists.
  arn_prefix = "arn:${var.partition}:secretsmanager:${var.region}:${var.account_id}:secret:"
}

locals {
  described = {
    source    = "totesys (the source database): host, port, dbname, username, password"
    warehouse = "the warehouse database: host, port, dbname, username, password"
  }
  created = { for k, v in local.described : k => v if var.existing_arns[k] == null }
}

resource "aws_secretsmanager_secret" "database" {
  for_each = local.created

  name                    = "${var.name_prefix}/${each.key}-database"
  description             = "Blackwater: credentials of ${each.value}"
  recovery_window_in_days = var.recovery_window_in_days
}

resource "aws_secretsmanager_secret" "reader" {
  count = var.reader ? 1 : 0

  name                    = "${var.name_prefix}/warehouse-reader"
  description             = "Blackwater: credentials of a read-only warehouse user for QuickSight (SELECT only): username, password"
  recovery_window_in_days = var.recovery_window_in_days
}

output "reader_secret_arn" {
  value = one(aws_secretsmanager_secret.reader[*].arn)
}

output "reader_secret_name" {
  value = one(aws_secretsmanager_secret.reader[*].name)
}

# Per database: the id the functions read (BLACKWATER_<DB>_SECRET: the ARN given, or the name of
# the secret made here) and the resource IAM grants GetSecretValue on (that ARN, or the name's ARN
# with its random suffix as ??????, known before the secret exists).
output "secret_ids" {
  value = {
    for k in keys(local.described) : k =>
    var.existing_arns[k] != null ? var.existing_arns[k] : "${var.name_prefix}/${k}-database"
  }
}

output "secret_policy_arns" {
  value = {
    for k in keys(local.described) : k =>
    var.existing_arns[k] != null ? var.existing_arns[k] : "${local.arn_prefix}${var.name_prefix}/${k}-database-??????"
  }
}
