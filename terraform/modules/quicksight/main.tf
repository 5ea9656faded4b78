# QuickSight on the warehouse (var.warehouse): one data source (credentials from the read-only reader secret,
# never the loader's), one direct-query data set per query of the local dashboard (the same .sql
# files), and a dashboard with one sheet per data set. QuickSight's custom-SQL data sets must
# declare their result columns: dataset_columns.json has them for every query of the dashboard
# (DashboardIT checks them against what each query returns), var.dataset_columns adds to or
# replaces them; a query with no columns is left out (see the check below).
# QuickSight on the lake (var.athena, athena.tf): an Athena data source in the lake's workgroup and
# one data set per view of the analysts' database, no VPC connection needed.

locals {
  sql_files  = fileset(var.sql_dir, "*.sql")
  queries    = { for f in local.sql_files : trimsuffix(f, ".sql") => f }
  columns    = merge(jsondecode(file("${path.module}/dataset_columns.json")), var.dataset_columns)
  datasets   = var.warehouse ? { for name, f in local.queries : name => f if contains(keys(local.columns), name) } : {}
  undeclared = sort([for name in keys(local.queries) : name if !contains(keys(local.columns), name)])

  data_source_actions = [
    "quicksight:DescribeDataSource",
    "quicksight:DescribeDataSourcePermissions",
    "quicksight:PassDataSource",
    "quicksight:UpdateDataSource",
    "quicksight:DeleteDataSource",
    "quicksight:UpdateDataSourcePermissions",
  ]
  data_set_actions = [
    "quicksight:DescribeDataSet",
    "quicksight:DescribeDataSetPermissions",
    "quicksight:PassDataSet",
    "quicksight:DescribeIngestion",
    "quicksight:ListIngestions",
    "quicksight:UpdateDataSet",
    "quicksight:DeleteDataSet",
    "quicksight:CreateIngestion",
    "quicksight:CancelIngestion",
    "quicksight:UpdateDataSetPermissions",
  ]
  dashboard_actions = [
    "quicksight:DescribeDashboard",
    "quicksight:ListDashboardVersions",
    "quicksight:UpdateDashboardPermissions",
    "quicksight:QueryDashboard",
    "quicksight:UpdateDashboard",
    "quicksight:DeleteDashboard",
    "quicksight:DescribeDashboardPermissions",
    "quicksight:UpdateDashboardPublishedVersion",
  ]
}

check "dashboard_queries_declared" {
  assert {
    condition     = !var.warehouse || length(local.undeclared) == 0
    error_message = "These dashboard queries have no columns in modules/quicksight/dataset_columns.json or quicksight_dataset_columns and get no QuickSight data set: ${join(", ", local.undeclared)}"
  }
}

resource "aws_quicksight_data_source" "warehouse" {
  count = var.warehouse ? 1 : 0

  aws_account_id = var.account_id
  data_source_id = "${var.name_prefix}-warehouse"
  name           = "Blackwater warehouse"
  type           = "POSTGRESQL"

  parameters {
    postgresql {
      host     = var.warehouse_host
      port     = var.warehouse_port
      database = var.warehouse_database
    }
  }

  # A read-only database user (docs/aws.md, "QuickSight"): QuickSight runs the SQL it is given.
  credentials {
    secret_arn = var.reader_secret_arn
  }

  ssl_properties {
    disable_ssl = false
  }

  dynamic "vpc_connection_properties" {
    for_each = var.vpc_connection_arn == null ? [] : [var.vpc_connection_arn]
    content {
      vpc_connection_arn = vpc_connection_properties.value
    }
  }

  permission {
    principal = var.principal_arn
    actions   = local.data_source_actions
  }

  lifecycle {
    precondition {
      condition     = var.principal_arn != null && var.warehouse_host != null
      error_message = "QuickSight needs quicksight_principal_arn and warehouse_host."
    }
  }
}

resource "aws_quicksight_data_set" "query" {
  for_each = local.datasets

  aws_account_id = var.account_id
  data_set_id    = "${var.name_prefix}-${each.key}"
  name           = "Blackwater ${each.key}"
  import_mode    = "DIRECT_QUERY"

  physical_table_map {
    physical_table_map_id = each.key
    custom_sql {
      data_source_arn = aws_quicksight_data_source.warehouse[0].arn
      name            = each.key
      sql_query       = file("${var.sql_dir}/${each.value}")

      dynamic "columns" {
        for_each = local.columns[each.key]
        content {
          name = columns.value.name
          type = columns.value.type
        }
      }
    }
  }

  permissions {
    principal = var.principal_arn
    actions   = local.data_set_actions
  }
}

resource "aws_quicksight_dashboard" "pipeline" {
  count = length(local.datasets) > 0 ? 1 : 0

  aws_account_id      = var.account_id
  dashboard_id        = "${var.name_prefix}-dashboard"
  name                = "Blackwater"
  version_description = "One sheet per query of the local dashboard"

  definition {
    dynamic "data_set_identifiers_declarations" {
      for_each = aws_quicksight_data_set.query
      content {
        identifier   = data_set_identifiers_declarations.key
        data_set_arn = data_set_identifiers_declarations.value.arn
      }
    }

    dynamic "sheets" {
      for_each = local.datasets
      content {
        sheet_id = sheets.key
        name     = sheets.key

        visuals {
          table_visual {
            visual_id = "${sheets.key}-table"
            title {
              format_text {
                plain_text = sheets.key
              }
            }
            chart_configuration {
              field_wells {
                table_unaggregated_field_wells {
                  dynamic "values" {
                    for_each = local.columns[sheets.key]
                    content {
                      field_id = "${sheets.key}.${values.value.name}"
                      column {
                        data_set_identifier = sheets.key
                        column_name         = values.value.name
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  permissions {
    principal = var.principal_arn
    actions   = local.dashboard_actions
  }
}

output "dashboard_id" {
  value = one(aws_quicksight_dashboard.pipeline[*].dashboard_id)
}
