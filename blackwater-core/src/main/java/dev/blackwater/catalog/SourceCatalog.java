package dev.blackwater.catalog;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads table definitions from a PostgreSQL catalogue. */
public final class SourceCatalog {

  private static final String COLUMNS =
      """
      SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ? AND c.relname = ANY (?) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum
      """;

  private static final String PRIMARY_KEY =
      """
      SELECT c.relname, a.attname
      FROM pg_index i
      JOIN pg_class c ON c.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE n.nspname = ? AND c.relname = ANY (?) AND i.indisprimary
      ORDER BY c.relname, array_position(i.indkey::int2[], a.attnum)
      """;

  private SourceCatalog() {}

  /**
   * Describes {@code table}; fails naming it when it is missing, has no primary key or no {@code
   * last_updated} column.
   */
  public static SourceTable describe(Connection connection, String schema, String table)
      throws SQLException {
    return describeAll(connection, schema, List.of(table)).get(table);
  }

  /**
   * Describes {@code tables} (two queries, whatever their number), in their order; fails naming the
   * first that is missing, has no primary key or no {@code last_updated} column.
   */
  public static Map<String, SourceTable> describeAll(
      Connection connection, String schema, List<String> tables) throws SQLException {
    Map<String, List<Column>> columns = new HashMap<>();
    Map<String, List<String>> keys = new HashMap<>();
    Array names = connection.createArrayOf("text", tables.toArray());
    try (PreparedStatement s = connection.prepareStatement(COLUMNS)) {
      s.setString(1, schema);
      s.setArray(2, names);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          columns
              .computeIfAbsent(r.getString(1), t -> new ArrayList<>())
              .add(new Column(r.getString(2), r.getString(3)));
        }
      }
    }
    try (PreparedStatement s = connection.prepareStatement(PRIMARY_KEY)) {
      s.setString(1, schema);
      s.setArray(2, names);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          keys.computeIfAbsent(r.getString(1), t -> new ArrayList<>()).add(r.getString(2));
        }
      }
    }
    Map<String, SourceTable> described = new LinkedHashMap<>();
    for (String table : tables) {
      described.put(
          table,
          checked(
              schema,
              table,
              columns.getOrDefault(table, List.of()),
              keys.getOrDefault(table, List.of())));
    }
    return described;
  }

  private static SourceTable checked(
      String schema, String table, List<Column> columns, List<String> key) {
    if (columns.isEmpty()) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "table " + schema + "." + table + " is missing from the source database");
    }
    SourceTable described = new SourceTable(schema, table, columns, key);
    if (key.isEmpty()) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "table " + schema + "." + table + " has no primary key: a row version needs one");
    }
    if (described.indexOf(TableCatalog.LAST_UPDATED) < 0) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "table "
              + schema
              + "."
              + table
              + " has no "
              + TableCatalog.LAST_UPDATED
              + " column: the watermark needs one");
    }
    return described;
  }
}
