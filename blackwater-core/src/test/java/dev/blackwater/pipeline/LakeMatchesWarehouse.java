package dev.blackwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.Sql;
import dev.blackwater.iceberg.LakeSql;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.warehouse.WarehouseTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/** Compares, table by table, what DuckDB reads through the Iceberg tables with the warehouse. */
final class LakeMatchesWarehouse {

  private LakeMatchesWarehouse() {}

  /**
   * Asserts every table and current view holds the same rows in both (with {@code deleted_at}), and
   * that some rows.
   */
  static void assertSameRows(LakeSql lake, TestDatabase warehouse) throws SQLException {
    assertSameRows(lake, warehouse, "public");
  }

  /**
   * As {@link #assertSameRows(LakeSql, TestDatabase)}, with the warehouse's tables in {@code
   * schema}.
   */
  static void assertSameRows(LakeSql lake, TestDatabase warehouse, String schema)
      throws SQLException {
    long total = 0;
    List<String> relations = new ArrayList<>();
    for (WarehouseTable table : WarehouseTable.values()) {
      relations.add(table.tableName());
    }
    for (WarehouseTable fact : WarehouseTable.facts()) {
      relations.add(fact.tableName() + "_current");
    }
    for (String relation : relations) {
      WarehouseTable table = WarehouseTable.named(relation.replace("_current", ""));
      String select = select(table, relation);
      List<String> inLake = new ArrayList<>();
      for (List<Object> row : lake.query(select).rows()) {
        List<String> values = new ArrayList<>();
        row.forEach(v -> values.add(v == null ? null : v.toString()));
        inLake.add(text(table, values));
      }
      List<String> inWarehouse = new ArrayList<>();
      try (Connection c = warehouse.connect();
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery(select.replace(" FROM ", " FROM " + schema + "."))) {
        while (r.next()) {
          List<String> values = new ArrayList<>();
          for (int i = 1; i <= columns(table).size(); i++) {
            values.add(r.getString(i));
          }
          inWarehouse.add(text(table, values));
        }
      }
      inLake.sort(null);
      inWarehouse.sort(null);
      assertThat(inLake).as(relation + " read through Iceberg").isEqualTo(inWarehouse);
      total += inLake.size();
    }
    assertThat(total).isPositive();
  }

  /** The columns compared: the processed zone's, and {@code deleted_at} where the table has it. */
  private static List<WarehouseTable.Column> columns(WarehouseTable table) {
    List<WarehouseTable.Column> columns = new ArrayList<>(table.columns());
    if (table.deletable()) {
      columns.add(WarehouseTable.DELETED_AT);
    }
    return columns;
  }

  private static String text(WarehouseTable table, List<String> values) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      String type = columns(table).get(i).type();
      if (v != null && type.startsWith("timestamp")) {
        v = LocalDateTime.parse(v.replace(' ', 'T')).toString();
      } else if (v != null && type.startsWith("time")) {
        v = LocalTime.parse(v).toString();
      }
      out.append(v == null ? "~" : v).append('|');
    }
    return out.toString();
  }

  /** The table's columns as text, the same SQL for DuckDB and PostgreSQL. */
  private static String select(WarehouseTable table, String relation) {
    List<String> parts = new ArrayList<>();
    for (WarehouseTable.Column c : columns(table)) {
      parts.add("CAST(" + Sql.identifier(c.name()) + " AS VARCHAR)");
    }
    return "SELECT " + String.join(", ", parts) + " FROM " + relation;
  }
}
