# The production environment: every setting of a deploy, for the CI workflow and for a local
# `make plan ENV=production` alike (nothing comes from TF_VAR_ variables). Non-secret by design:
# database passwords live in Secrets Manager, never here. Fill in the REPLACE_ME values once,
# commit, and every deploy uses them (docs/aws.md, "First deployment").

account_id  = "REPLACE_ME" # 12 digits: aws sts get-caller-identity --query Account
region      = "eu-west-2"
alert_email = "REPLACE_ME@example.com"

lambda_architecture = "arm64" # the workflow builds the artifact and image for this

# The databases are private (RDS in a VPC): the functions and the Fargate task run in these
# subnets, and reach S3 and Secrets Manager through VPC endpoints (create_vpc_endpoints).
vpc_id             = "vpc-REPLACE_ME"
subnet_ids         = ["subnet-REPLACE_ME", "subnet-REPLACE_ME2"]
security_group_ids = ["sg-REPLACE_ME"]
route_table_ids    = ["rtb-REPLACE_ME"]

# Sizes (docs/aws.md, "Sizing": memory and timeouts measured, /tmp measured by HandlerSizing).
# The defaults, for reference:
# lambda_memory_mb            = { extract = 1024, transform = 2048, load = 1024 }
# lambda_timeout_seconds      = { extract = 300, transform = 600, load = 900 }
# lambda_ephemeral_storage_mb = { extract = 512, transform = 512, load = 512 }
# /tmp above 512 MB turns SnapStart off for that function: SnapStart does not support more.

# QuickSight (needs a subscription in the account; docs/aws.md, "QuickSight"):
# quicksight_enabled       = true
# quicksight_principal_arn = "arn:aws:quicksight:eu-west-2:123456789012:user/default/you"
# warehouse_host           = "warehouse.xxxx.eu-west-2.rds.amazonaws.com"

# What the lake keeps (docs/aws.md, "What killed runs leave behind" and "Old data ages out"): a run
# that dies before its manifest leaves objects tagged uncommitted, which S3 expires after
# uncommitted_expiry_days (default 1, longer than any run). Retention is off by default:
# ingestion_cold_storage_after_days = 90           # committed ingestion objects to GLACIER_IR
# ingestion_cold_storage_class      = "GLACIER_IR"  # or STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING
# run_records_expiry_days           = 400          # _runs/ of both zones (at least 31)
# rejected_rows_expiry_days         = 400          # _rejected/ of the processed zone
