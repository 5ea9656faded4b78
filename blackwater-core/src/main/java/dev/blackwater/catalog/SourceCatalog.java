package dev.blackwater.catalog;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads table definitions from a PostgreSQL catalogue. */
public final class SourceCatalog {

  private static final String COLUMNS =
      """
      SELECT a.attname, format_type(a.atttypid, a.atttypmod)
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum
      """;

  private static final String PRIMARY_KEY =
      """
      SELECT a.attname
      FROM pg_index i
      JOIN pg_class c ON c.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE n.nspname = ? AND c.relname = ? AND i.indisprimary
      ORDER BY array_position(i.indkey::int2[], a.attnum)
      """;

  private SourceCatalog() {}

  /**
   * Describes {@code table}; fails naming it when it is missing, has no primary key or no {@code
   * last_updated} column.
   */
  public static SourceTable describe(Connection connection, String schema, String table)
      throws SQLException {
    List<Column> columns = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(COLUMNS)) {
      s.setString(1, schema);
      s.setString(2, table);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          columns.add(new Column(r.getString(1), r.getString(2)));
        }
      }
    }
    if (columns.isEmpty()) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "table " + schema + "." + table + " is missing from the source database");
    }
    List<String> key = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(PRIMARY_KEY)) {
      s.setString(1, schema);
      s.setString(2, table);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          key.add(r.getString(1));
        }
      }
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
