# The database secrets: the source's and the warehouse's (the loader's), and with QuickSight a
# third, the warehouse's read-only reader. Terraform creates them empty: their values (JSON with
# host, port, dbname, username, password) are set with `aws secretsmanager put-secret-value`, so they never
# enter Terraform's state or plan. See docs/aws.md.

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

resource "aws_secretsmanager_secret" "database" {
  for_each = {
    source    = "totesys (the source database): host, port, dbname, username, password"
    warehouse = "the warehouse database: host, port, dbname, username, password"
  }

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

output "source_secret_arn" {
  value = aws_secretsmanager_secret.database["source"].arn
}

output "warehouse_secret_arn" {
  value = aws_secretsmanager_secret.database["warehouse"].arn
}

output "source_secret_arn_pattern" {
  description = "The source secret's ARN with its random suffix as ??????, for IAM policies."
  value       = "${local.arn_prefix}${aws_secretsmanager_secret.database["source"].name}-??????"
}

output "warehouse_secret_arn_pattern" {
  description = "The warehouse secret's ARN with its random suffix as ??????, for IAM policies."
  value       = "${local.arn_prefix}${aws_secretsmanager_secret.database["warehouse"].name}-??????"
}

output "source_secret_name" {
  value = aws_secretsmanager_secret.database["source"].name
}

output "warehouse_secret_name" {
  value = aws_secretsmanager_secret.database["warehouse"].name
}
