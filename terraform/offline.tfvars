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
# Both of QuickSight's sources: the warehouse and the lake through Athena.
quicksight_source = "both"
# An analyst role, so that it is planned too.
analyst_principal_arns = ["arn:aws:iam::123456789012:role/analysts"]
# The warehouse by an existing secret, as RDS manages it (username and password only, encrypted
# with a customer-managed key): the URL gives host, port and database.
warehouse_secret_arn         = "arn:aws:secretsmanager:eu-west-2:123456789012:secret:rds!db-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b-AbCdEf"
warehouse_secret_kms_key_arn = "arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
warehouse_database_url       = "jdbc:postgresql://warehouse.example.internal:5432/warehouse"
# The Fargate task's image tag (make plan passes the commit's).
container_image_tag = "0123456789abcdef0123456789abcdef01234567"
# Retention on, so that its lifecycle rules are planned too.
ingestion_cold_storage_after_days = 90
run_records_expiry_days           = 400
rejected_rows_expiry_days         = 400
