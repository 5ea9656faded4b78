variable "name_prefix" {
  description = "Prefix of every resource name (buckets add the account id, so they are globally unique)."
  type        = string
  default     = "blackwater"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name_prefix))
    error_message = "name_prefix: 2 to 31 lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "account_id" {
  description = "The AWS account id (12 digits). Used in bucket names and ARNs, so that no plan has to ask AWS."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be 12 digits."
  }
}

variable "region" {
  description = "AWS region of every resource."
  type        = string
  default     = "eu-west-2"
}

variable "partition" {
  description = "AWS partition of the ARNs (aws, aws-cn, aws-us-gov)."
  type        = string
  default     = "aws"
}

variable "schedule_expression" {
  description = "How often EventBridge Scheduler starts the pipeline."
  type        = string
  default     = "rate(5 minutes)"
}

variable "execution_timeout_seconds" {
  description = "The longest a pipeline execution may run (it times out and alarms past it, so a stuck run cannot make the schedule skip for ever). Above the longest Fargate run you expect."
  type        = number
  default     = 14400
}

variable "schedule_enabled" {
  description = "Whether the schedule runs (false pauses the pipeline)."
  type        = bool
  default     = true
}

variable "alert_email" {
  description = "E-mail address that receives alarms and pipeline failures (confirm the subscription mail)."
  type        = string

  validation {
    condition     = can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alert_email))
    error_message = "alert_email must be an e-mail address."
  }
}

variable "lambda_architecture" {
  description = "Lambda CPU architecture: arm64 (cheaper per GB-second) or x86_64. The artifact carries DuckDB's native library for one: build it with `make package LAMBDA_ARCH=x86_64` for x86_64 (TerraformPlanIT checks they match)."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.lambda_architecture)
    error_message = "lambda_architecture must be arm64 or x86_64."
  }
}

# Measured (docs/aws.md, "Sizing"): the handlers run by HandlerSizing on a 2-vCPU x86_64 machine,
# totesys seeded at scale 100 (4.75 M rows), a first run: extract 27 s, peak RSS 256 MB; transform
# 22 s, 699 MB (DuckDB limited to 512 MB); load 256 s, 194 MB. A steady 5-minute batch (43 k rows)
# takes under 5 s and 215 MB in each. Memory is about three times the peak, as Lambda gives CPU in
# proportion to it; load's timeout is the maximum because a first load of a large source is the
# longest run, and its time is spent in PostgreSQL.
variable "lambda_memory_mb" {
  description = "Memory per function in MB (CPU grows with it). See docs/aws.md for how the defaults were chosen."
  type        = object({ extract = number, transform = number, load = number })
  default     = { extract = 1024, transform = 2048, load = 1024 }
}

variable "lambda_timeout_seconds" {
  description = "Timeout per function in seconds (at most 900). See docs/aws.md for how the defaults were chosen."
  type        = object({ extract = number, transform = number, load = number })
  default     = { extract = 300, transform = 600, load = 900 }

  validation {
    condition     = alltrue([for t in values(var.lambda_timeout_seconds) : t >= 10 && t <= 900])
    error_message = "Lambda timeouts must be 10 to 900 seconds."
  }
}

# /tmp: extract writes nothing there (its parts are compressed in memory); transform keeps at most
# --threads + 1 uncompressed ingestion objects, DuckDB's spill beyond its memory limit and the
# batch's Parquet before upload; load one table's Parquet and its CSV conversion at a time. 512 MB
# (Lambda's default) holds a steady five-minute batch many times over. SnapStart does not support
# more than 512 MB: a function set above it (e.g. for a first run or backfill of a large source)
# runs without SnapStart until it is set back (docs/aws.md, "Sizing").
variable "lambda_ephemeral_storage_mb" {
  description = "Size of /tmp per function in MB (512, Lambda's default, to 10240). Above 512 the function loses SnapStart. See docs/aws.md, \"Sizing\"."
  type        = object({ extract = number, transform = number, load = number })
  default     = { extract = 512, transform = 512, load = 512 }

  validation {
    condition     = alltrue([for s in values(var.lambda_ephemeral_storage_mb) : s >= 512 && s <= 10240])
    error_message = "Lambda ephemeral storage must be 512 to 10240 MB (above 512 the function gets no SnapStart)."
  }
}

variable "artifact_path" {
  description = "The Lambda artifact built by `make package`, relative to this folder."
  type        = string
  default     = "../blackwater-aws/target/blackwater-lambda.jar"
}

variable "require_artifact" {
  description = "Fail the plan, naming the file and the build command, when there is no Lambda artifact at artifact_path. Only `make plan-offline` sets it false: its plan is never applied, and CI makes it before building."
  type        = bool
  default     = true
}

variable "warehouse_schema" {
  description = "Schema of the star schema in the warehouse database."
  type        = string
  default     = "public"
}

variable "java_tool_options" {
  description = "JAVA_TOOL_OPTIONS of the functions (tiered compilation level 1 starts fastest on Lambda)."
  type        = string
  default     = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
}

variable "log_retention_days" {
  description = "Retention of the functions' and state machine's log groups."
  type        = number
  default     = 30
}

variable "force_destroy_buckets" {
  description = "Let `make destroy` delete the buckets with their objects and versions (keep false for a real pipeline: the lake is its history)."
  type        = bool
  default     = false
}

variable "lake_break_glass_role_arn" {
  description = "The only role that may delete lake objects or versions, delete a lake bucket, or change a lake bucket's policy, lifecycle rules or versioning (null: <prefix>-lake-break-glass in this account, which you create when you need it; see docs/aws.md, \"The lake cannot be deleted\")."
  type        = string
  default     = null
}

# --- what the lake keeps, and for how long (docs/aws.md, "What killed runs leave" and "Old data") ---

variable "uncommitted_expiry_days" {
  description = "Days after which S3 expires an object still tagged blackwater-state=uncommitted: what a run that died before its manifest wrote. Longer than any run (execution_timeout_seconds) with a wide margin; S3 counts from the object's creation and rounds up to the next midnight UTC. The command line's gc-grace (24h) matches the default."
  type        = number
  default     = 1

  validation {
    condition     = var.uncommitted_expiry_days >= 1 && floor(var.uncommitted_expiry_days) == var.uncommitted_expiry_days
    error_message = "uncommitted_expiry_days must be a whole number of days, at least 1."
  }
  validation {
    condition     = var.uncommitted_expiry_days * 86400 > var.execution_timeout_seconds
    error_message = "uncommitted_expiry_days must be longer than execution_timeout_seconds: a run still writing would lose its objects."
  }
}

variable "ingestion_cold_storage_after_days" {
  description = "Days after which the ingestion zone's committed data objects (over 128 KB) move to ingestion_cold_storage_class (null: never). Replay from the lake still works, at a retrieval charge per GB read (docs/aws.md, section Old data)."
  type        = number
  default     = null

  validation {
    condition     = var.ingestion_cold_storage_after_days == null ? true : var.ingestion_cold_storage_after_days >= 1 && floor(var.ingestion_cold_storage_after_days) == var.ingestion_cold_storage_after_days
    error_message = "ingestion_cold_storage_after_days must be null (never) or a whole number of days, at least 1."
  }
}

variable "ingestion_cold_storage_class" {
  description = "The colder storage class of old ingestion objects: one S3 reads at once (GLACIER_IR, STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING), so that a replay needs no restore; GLACIER and DEEP_ARCHIVE are refused."
  type        = string
  default     = "GLACIER_IR"

  validation {
    condition     = contains(["GLACIER_IR", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING"], var.ingestion_cold_storage_class)
    error_message = "ingestion_cold_storage_class must be GLACIER_IR, STANDARD_IA, ONEZONE_IA or INTELLIGENT_TIERING: GLACIER and DEEP_ARCHIVE objects cannot be read without a restore, so a replay from the lake would fail."
  }
  validation {
    condition     = !contains(["STANDARD_IA", "ONEZONE_IA"], var.ingestion_cold_storage_class) || var.ingestion_cold_storage_after_days == null || coalesce(var.ingestion_cold_storage_after_days, 30) >= 30
    error_message = "S3 moves objects to STANDARD_IA or ONEZONE_IA no sooner than 30 days after their creation: set ingestion_cold_storage_after_days to 30 or more."
  }
}

variable "run_records_expiry_days" {
  description = "Days after which run records (_runs/ of both zones) expire (null: kept). At least 31: status looks a month back for each stage's last success and failure."
  type        = number
  default     = null

  validation {
    condition     = var.run_records_expiry_days == null ? true : var.run_records_expiry_days >= 31 && floor(var.run_records_expiry_days) == var.run_records_expiry_days
    error_message = "run_records_expiry_days must be null (kept) or a whole number of days, at least 31 (status looks a month back)."
  }
}

variable "rejected_rows_expiry_days" {
  description = "Days after which rejected-row objects (_rejected/ of the processed zone, written with --max-rejected-rows) expire (null: kept). Their manifests keep the counts."
  type        = number
  default     = null

  validation {
    condition     = var.rejected_rows_expiry_days == null ? true : var.rejected_rows_expiry_days >= 1 && floor(var.rejected_rows_expiry_days) == var.rejected_rows_expiry_days
    error_message = "rejected_rows_expiry_days must be null (kept) or a whole number of days, at least 1."
  }
}

variable "secret_recovery_window_days" {
  description = "Days a deleted secret can be restored (0 deletes at once, handy for test stacks)."
  type        = number
  default     = 7
}

variable "freshness_threshold_seconds" {
  description = "The staleness alarm fires when the warehouse lags the source by more than this."
  type        = number
  default     = 1800
}

# --- the databases: secrets and TLS ---

variable "source_secret_arn" {
  description = "ARN of an existing secret with the totesys credentials (for example the one RDS manages and rotates for the master user); null: Terraform creates <prefix>/source-database, empty, for you to fill."
  type        = string
  default     = null

  validation {
    condition     = var.source_secret_arn == null || can(regex("^arn:[a-z-]+:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", var.source_secret_arn))
    error_message = "source_secret_arn must be a Secrets Manager secret ARN."
  }
}

variable "warehouse_secret_arn" {
  description = "ARN of an existing secret with the warehouse (loader) credentials; null: Terraform creates <prefix>/warehouse-database."
  type        = string
  default     = null

  validation {
    condition     = var.warehouse_secret_arn == null || can(regex("^arn:[a-z-]+:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", var.warehouse_secret_arn))
    error_message = "warehouse_secret_arn must be a Secrets Manager secret ARN."
  }
}

variable "source_secret_kms_key_arn" {
  description = "The customer-managed KMS key that encrypts source_secret_arn (RDS-managed secrets can use one); extract gets kms:Decrypt on it through Secrets Manager only. null for AWS's own key."
  type        = string
  default     = null
}

variable "warehouse_secret_kms_key_arn" {
  description = "The customer-managed KMS key that encrypts warehouse_secret_arn; load gets kms:Decrypt on it through Secrets Manager only."
  type        = string
  default     = null
}

variable "source_database_url" {
  description = "JDBC URL of totesys (jdbc:postgresql://host:5432/totesys), for a secret that holds only username and password, as RDS-managed secrets do; the secret's host, port and dbname win where it has them."
  type        = string
  default     = null
}

variable "warehouse_database_url" {
  description = "JDBC URL of the warehouse, for a secret that holds only username and password."
  type        = string
  default     = null
}

variable "database_sslmode" {
  description = "TLS of the functions' and the task's database connections: verify-full (the server's certificate chains to the RDS CA bundle and names the host), verify-ca or require. Plain text is not offered."
  type        = string
  default     = "verify-full"

  validation {
    condition     = contains(["require", "verify-ca", "verify-full"], var.database_sslmode)
    error_message = "database_sslmode must be require, verify-ca or verify-full."
  }
}

variable "lambda_ca_bundle_path" {
  description = "The CA bundle the functions verify the databases with: the RDS global bundle the artifact carries at its root (make rds-ca before make package)."
  type        = string
  default     = "/var/task/rds-global-bundle.pem"
}

# --- network: set subnet_ids to run the functions inside a VPC (to reach RDS) ---

variable "vpc_id" {
  description = "VPC of the subnets (needed with subnet_ids, for the endpoints' security group)."
  type        = string
  default     = null

  validation {
    condition     = var.vpc_id == null || can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC id (vpc-0123456789abcdef0)."
  }
}

variable "subnet_ids" {
  description = "Private subnets for the functions (and the Fargate task). Empty: the functions run outside any VPC."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "subnet_ids must be subnet ids (subnet-0123456789abcdef0)."
  }
}

variable "security_group_ids" {
  description = "Security groups of the functions and the Fargate task (they must reach the databases on 5432)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for g in var.security_group_ids : can(regex("^sg-[0-9a-f]+$", g))])
    error_message = "security_group_ids must be security group ids (sg-0123456789abcdef0)."
  }
}

variable "route_table_ids" {
  description = "Route tables of the subnets, for the S3 gateway endpoint."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for r in var.route_table_ids : can(regex("^rtb-[0-9a-f]+$", r))])
    error_message = "route_table_ids must be route table ids (rtb-0123456789abcdef0)."
  }
}

variable "create_vpc_endpoints" {
  description = "With subnet_ids: create an S3 gateway endpoint and a Secrets Manager interface endpoint (set false if the VPC has them or a NAT gateway)."
  type        = bool
  default     = true
}

# --- QuickSight: needs a QuickSight subscription in the account ---

variable "quicksight_enabled" {
  description = "Create the QuickSight data source, data sets and dashboard."
  type        = bool
  default     = false
}

variable "quicksight_principal_arn" {
  description = "QuickSight user or group ARN that owns the data source, data sets and dashboard."
  type        = string
  default     = null
}

variable "quicksight_vpc_connection_arn" {
  description = "QuickSight VPC connection to reach a warehouse inside a VPC (null: reached directly)."
  type        = string
  default     = null
}

variable "warehouse_host" {
  description = "Warehouse host name, for QuickSight (the functions read it from the warehouse secret)."
  type        = string
  default     = null
}

variable "warehouse_port" {
  description = "Warehouse port, for QuickSight."
  type        = number
  default     = 5432
}

variable "warehouse_database" {
  description = "Warehouse database name, for QuickSight."
  type        = string
  default     = "warehouse"
}

variable "dashboard_sql_dir" {
  description = "Folder of the local dashboard's queries (one data set per <name>.sql), relative to this folder."
  type        = string
  default     = "../blackwater-cli/src/main/resources/dashboard"
}

variable "quicksight_dataset_columns" {
  description = "Result columns of dashboard queries, by file name without .sql, added to or replacing modules/quicksight/dataset_columns.json (which declares every query of the dashboard). Only for queries you add or change. Types: STRING, INTEGER, DECIMAL, DATETIME, BIT, BOOLEAN, JSON."
  type        = map(list(object({ name = string, type = string })))
  default     = {}
}

variable "quicksight_source" {
  description = "What QuickSight reads: the warehouse (PostgreSQL, its data sets and dashboard), athena (the lake through the Athena workgroup: one data set per warehouse table and view, no VPC connection), or both."
  type        = string
  default     = "warehouse"

  validation {
    condition     = contains(["warehouse", "athena", "both"], var.quicksight_source)
    error_message = "quicksight_source must be warehouse, athena or both."
  }
}

variable "quicksight_service_role_name" {
  description = "With quicksight_source athena or both: QuickSight's service role, which gets the analyst policy (Athena in the workgroup, the lake's catalog and tables, the results bucket)."
  type        = string
  default     = "aws-quicksight-service-role-v0"
}

# --- the lake in Athena: Iceberg tables in the Glue Data Catalog ---

variable "glue_database" {
  description = "Glue database of the processed zone's Iceberg tables, which transform creates and commits (null: <name_prefix>_lake, hyphens as underscores, so each environment's prefix gives its own)."
  type        = string
  default     = null

  validation {
    condition     = var.glue_database == null || can(regex("^[a-z][a-z0-9_]{0,254}$", var.glue_database))
    error_message = "glue_database: lower-case letters, digits and underscores, starting with a letter."
  }
}

variable "athena_database" {
  description = "Glue database of the analysts' views, named as the warehouse's tables and *_current views (null: <name_prefix>, hyphens as underscores)."
  type        = string
  default     = null

  validation {
    condition     = var.athena_database == null || can(regex("^[a-z][a-z0-9_]{0,254}$", var.athena_database))
    error_message = "athena_database: lower-case letters, digits and underscores, starting with a letter."
  }
}

variable "athena_bytes_scanned_cutoff" {
  description = "The most bytes one Athena query of the workgroup may scan before Athena cancels it (at least 10 MB; Athena bills per TB scanned)."
  type        = number
  default     = 10737418240

  validation {
    condition     = var.athena_bytes_scanned_cutoff >= 10485760
    error_message = "athena_bytes_scanned_cutoff must be at least 10485760 (10 MB), Athena's minimum."
  }
}

variable "athena_results_expiry_days" {
  description = "Days after which query results in the Athena results bucket expire."
  type        = number
  default     = 30

  validation {
    condition     = var.athena_results_expiry_days >= 1 && floor(var.athena_results_expiry_days) == var.athena_results_expiry_days
    error_message = "athena_results_expiry_days must be a whole number of days, at least 1."
  }
}

variable "analyst_principal_arns" {
  description = "IAM principals (users, roles, an SSO permission set's role) that may assume <prefix>-analyst to query the lake in Athena; empty: no role, only the <prefix>-analyst policy to attach where you need it."
  type        = list(string)
  default     = []
}

# --- the Fargate task's image ---

variable "container_image_tag" {
  description = "Tag of the Fargate task's image in the repository terraform/bootstrap created: the commit it was built from (the workflow and `make deploy` pass it; never set it in an environment's tfvars)."
  type        = string
  default     = null
}

# --- past one Lambda: the Fargate task ---

variable "fargate_enabled" {
  description = "Run backlogs larger than a function can take (lambda_max_backlog_bytes) as an ECS Fargate task, in subnet_ids; false: the functions take every backlog."
  type        = bool
  default     = true

  # The task runs in the functions' subnets (Fargate needs awsvpc) and needs its image's tag.
  validation {
    condition     = !var.fargate_enabled || (length(var.subnet_ids) > 0 && var.container_image_tag != null)
    error_message = "fargate_enabled needs subnet_ids (the task runs in them) and container_image_tag (make plan passes the commit's); set fargate_enabled = false to leave every backlog to the functions."
  }
}

variable "lambda_max_backlog_bytes" {
  description = "With the Fargate task: the most bytes of pending batches (compressed CSV for transform, Parquet for load) a transform or load function takes on in a run; above it the function hands the run to the task. See docs/aws.md, \"Past one Lambda\"."
  type        = number
  default     = 157286400
}

variable "fargate_cpu" {
  description = "The Fargate task's CPU units (1024 = one vCPU)."
  type        = number
  default     = 4096
}

variable "fargate_memory_mb" {
  description = "The Fargate task's memory (half of it is DuckDB's)."
  type        = number
  default     = 16384
}

variable "fargate_ephemeral_storage_gb" {
  description = "The Fargate task's disk in GiB (21 to 200): /tmp, where transform and load work and DuckDB spills."
  type        = number
  default     = 100

  validation {
    condition     = var.fargate_ephemeral_storage_gb >= 21 && var.fargate_ephemeral_storage_gb <= 200
    error_message = "fargate_ephemeral_storage_gb must be 21 to 200."
  }
}

variable "fargate_assign_public_ip" {
  description = "Give the Fargate task a public IP (only in public subnets without VPC endpoints or a NAT gateway)."
  type        = bool
  default     = false
}

variable "fargate_timeout_seconds" {
  description = "The longest one Fargate run (transform or load) may take before the state machine stops it."
  type        = number
  default     = 10800
}

# --- plans without AWS ---

variable "offline_plan" {
  description = "Plan without calling AWS (skip credential, account, metadata and region checks). Only `make plan-offline` sets it."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}

variable "lake_maintenance_interval" {
  description = "How often the state machine's Maintain state compacts the processed zone's Iceberg tables and expires their old snapshots (the transform function's BLACKWATER_GC_INTERVAL; \"off\": never). Each run asks; the function does the work once per interval."
  type        = string
  default     = "24h"
}

variable "iceberg_retention" {
  description = "How long an Iceberg snapshot stays reachable for time travel after a newer one (the transform function's BLACKWATER_ICEBERG_RETENTION), before maintenance expires it from the metadata. No file is deleted."
  type        = string
  default     = "7d"
}
