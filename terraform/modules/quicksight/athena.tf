# QuickSight on the lake: an Athena data source in the lake's workgroup (whose enforced settings
# decide where results go and how much a query may scan) and one direct-query data set per view of
# the analysts' database, with the warehouse's names: fact_sales_order_current, dim_design, ...
# QuickSight runs Athena queries as its service role, which gets the analyst policy here (the
# console's "Amazon Athena" and "S3" checkboxes are not needed for this workgroup).

locals {
  athena       = var.athena == null ? {} : { lake = var.athena }
  athena_views = var.athena == null ? {} : var.athena.views

  # warehouse column types as QuickSight names them; a time of day has no QuickSight type
  quicksight_types = { int = "INTEGER", varchar = "STRING", date = "DATETIME", time = "STRING", "numeric(10,2)" = "DECIMAL", boolean = "BOOLEAN", timestamp = "DATETIME" }
}

resource "aws_quicksight_data_source" "athena" {
  for_each = local.athena

  aws_account_id = var.account_id
  data_source_id = "${var.name_prefix}-athena"
  name           = "Blackwater lake (Athena)"
  type           = "ATHENA"

  parameters {
    athena {
      work_group = each.value.workgroup
    }
  }

  permission {
    principal = var.principal_arn
    actions   = local.data_source_actions
  }

  lifecycle {
    precondition {
      condition     = var.principal_arn != null
      error_message = "QuickSight needs quicksight_principal_arn."
    }
  }

  depends_on = [aws_iam_role_policy.athena]
}

resource "aws_quicksight_data_set" "athena" {
  for_each = local.athena_views

  aws_account_id = var.account_id
  data_set_id    = "${var.name_prefix}-athena-${each.key}"
  name           = "Blackwater lake ${each.key}"
  import_mode    = "DIRECT_QUERY"

  physical_table_map {
    physical_table_map_id = each.key
    relational_table {
      data_source_arn = aws_quicksight_data_source.athena["lake"].arn
      catalog         = "AwsDataCatalog"
      schema          = var.athena.database
      name            = each.key

      dynamic "input_columns" {
        for_each = var.athena.schema[each.value].columns
        content {
          name = input_columns.value.name
          type = local.quicksight_types[input_columns.value.type]
        }
      }
    }
  }

  permissions {
    principal = var.principal_arn
    actions   = local.data_set_actions
  }
}

resource "aws_iam_role_policy" "athena" {
  for_each = local.athena

  name   = "${var.name_prefix}-athena"
  role   = each.value.service_role_name
  policy = each.value.policy
}
