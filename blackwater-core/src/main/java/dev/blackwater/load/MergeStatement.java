package dev.blackwater.load;

import dev.blackwater.Sql;
import dev.blackwater.warehouse.WarehouseTable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL that merges a staging table into its warehouse table: dates are added when missing,
 * dimensions take the latest version of each key, fact versions not yet present are appended.
 */
final class MergeStatement {

  private MergeStatement() {}

  static String sql(WarehouseTable table, String target, String staging) {
    List<String> columns = table.columnNames();
    String list = columns.stream().map(Sql::identifier).collect(Collectors.joining(", "));
    String insert = "INSERT INTO " + target + " (" + list + ") ";
    return switch (table.kind()) {
      case DATE ->
          insert
              + "SELECT "
              + list
              + " FROM "
              + staging
              + " ON CONFLICT ("
              + Sql.identifier(table.key())
              + ") DO NOTHING";
      case DIMENSION ->
          insert
              + "SELECT "
              + list
              + " FROM "
              + staging
              + " ON CONFLICT ("
              + Sql.identifier(table.key())
              + ") DO UPDATE SET "
              + columns.stream()
                  .skip(1)
                  .map(c -> Sql.identifier(c) + " = EXCLUDED." + Sql.identifier(c))
                  .collect(Collectors.joining(", "));
      case FACT ->
          insert
              + "SELECT "
              + columns.stream()
                  .map(c -> "s." + Sql.identifier(c))
                  .collect(Collectors.joining(", "))
              + " FROM "
              + staging
              + " s WHERE NOT EXISTS (SELECT 1 FROM "
              + target
              + " f WHERE "
              + table.versionKey().stream()
                  .map(c -> "f." + Sql.identifier(c) + " = s." + Sql.identifier(c))
                  .collect(Collectors.joining(" AND "))
              + ")";
    };
  }
}
