# Functions inside a VPC (to reach RDS) have no internet route: they reach S3 through a gateway
# endpoint (free) and Secrets Manager through an interface endpoint with private DNS; with the
# Fargate task, also ECR (api, dkr: its image, whose layers come from S3) and CloudWatch Logs.

variable "name_prefix" {
  type = string
}

variable "region" {
  type = string
}

variable "create" {
  type = bool
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}

variable "route_table_ids" {
  type = list(string)
}

variable "interface_services" {
  description = "Services reached through interface endpoints (com.amazonaws.<region>.<service>)."
  type        = list(string)
}

resource "aws_vpc_endpoint" "s3" {
  count = var.create ? 1 : 0

  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.${var.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = var.route_table_ids

  tags = { Name = "${var.name_prefix}-s3" }

  lifecycle {
    precondition {
      condition     = var.vpc_id != null && length(var.route_table_ids) > 0
      error_message = "With subnet_ids, set vpc_id and route_table_ids (or create_vpc_endpoints = false)."
    }
  }
}

resource "aws_security_group" "endpoints" {
  count = var.create ? 1 : 0

  name        = "${var.name_prefix}-endpoints"
  description = "Blackwater: HTTPS from the functions and the task to the interface endpoints"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "https_from_functions" {
  for_each = var.create ? toset(var.security_group_ids) : toset([])

  security_group_id            = aws_security_group.endpoints[0].id
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  description                  = "HTTPS from the Blackwater functions and task"
}

resource "aws_vpc_endpoint" "interface" {
  for_each = var.create ? toset(var.interface_services) : toset([])

  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.${var.region}.${each.value}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.subnet_ids
  security_group_ids  = [aws_security_group.endpoints[0].id]
  private_dns_enabled = true

  tags = { Name = "${var.name_prefix}-${replace(each.value, ".", "-")}" }
}

output "endpoint_ids" {
  value = concat(aws_vpc_endpoint.s3[*].id, [for e in aws_vpc_endpoint.interface : e.id])
}
