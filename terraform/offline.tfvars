# Values for `make plan-offline`: a plan made without AWS, with a VPC so that the endpoint and
# network branches are planned too. Nothing here is real.
offline_plan = true
# CI plans before it builds: no Lambda artifact is needed for a plan that is never applied.
require_artifact   = false
account_id         = "123456789012"
alert_email        = "alerts@example.com"
vpc_id             = "vpc-0123456789abcdef0"
subnet_ids         = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
security_group_ids = ["sg-0123456789abcdef0"]
route_table_ids    = ["rtb-0123456789abcdef0"]
# QuickSight too, so that its data source, data sets and dashboard are planned.
quicksight_enabled       = true
quicksight_principal_arn = "arn:aws:quicksight:eu-west-2:123456789012:user/default/analyst"
warehouse_host           = "warehouse.example.internal"
