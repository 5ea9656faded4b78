output "function_names" {
  description = "Function name by stage."
  value       = { for k, f in aws_lambda_function.this : k => f.function_name }
}

output "alias_arns" {
  description = "ARN of each function's live alias, by stage (known after apply)."
  value       = { for k, a in aws_lambda_alias.live : k => a.arn }
}

output "alias_arns_by_name" {
  description = "The same ARNs built from names, known at plan time: for IAM policies."
  value = { for k, a in aws_lambda_alias.live :
  k => "arn:${var.partition}:lambda:${var.region}:${var.account_id}:function:${a.function_name}:${a.name}" }
}
