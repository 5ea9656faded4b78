variable "name_prefix" {
  type = string
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

variable "function_alias_arns" {
  description = "ARN of the live alias of each stage's function (extract, transform, load)."
  type        = map(string)
}

variable "alarm_topic_arn" {
  type = string
}

variable "function_alias_arns_by_name" {
  description = "The same alias ARNs, built from names (known at plan time), for the IAM policy."
  type        = map(string)
}

variable "alarm_topic_arn_by_name" {
  description = "The same topic ARN, built from its name, for the IAM policy."
  type        = string
}

variable "schedule_expression" {
  type = string
}

variable "schedule_enabled" {
  type = bool
}

variable "log_retention_days" {
  type = number
}

variable "execution_timeout_seconds" {
  description = "The longest an execution may run; past it the execution times out (and alarms), so a stuck run cannot hold off every later one."
  type        = number
}

variable "fargate" {
  description = "The Fargate task for backlogs a function hands over (null: none; the functions then take every backlog)."
  type = object({
    cluster_arn         = string
    task_definition_arn = string
    container           = string
    subnet_ids          = list(string)
    security_group_ids  = list(string)
    assign_public_ip    = bool
    role_arns           = list(string)
    timeout_seconds     = number
  })
  default = null
}
