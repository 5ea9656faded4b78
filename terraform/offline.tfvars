# Values for `make plan-offline`: a plan made without AWS, with a VPC so that the endpoint and
# network branches are planned too. Nothing here is real.
offline_plan       = true
account_id         = "123456789012"
alert_email        = "alerts@example.com"
vpc_id             = "vpc-0123456789abcdef0"
subnet_ids         = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
security_group_ids = ["sg-0123456789abcdef0"]
route_table_ids    = ["rtb-0123456789abcdef0"]
