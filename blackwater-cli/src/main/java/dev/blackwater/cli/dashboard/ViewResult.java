package dev.blackwater.cli.dashboard;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The result of one dashboard query as plain values the page's JSON can hold: text, whole numbers
 * ({@link Long}), exact decimals ({@link BigDecimal}), booleans, dates and timestamps as ISO text,
 * and nulls.
 */
record ViewResult(List<String> columns, List<List<Object>> rows) {

  ViewResult {
    columns = List.copyOf(columns);
    rows = rows.stream().map(r -> Collections.unmodifiableList(new ArrayList<>(r))).toList();
  }

  /** Reads every row of a result set. */
  static ViewResult read(ResultSet r) throws SQLException {
    ResultSetMetaData meta = r.getMetaData();
    int count = meta.getColumnCount();
    List<String> columns = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      columns.add(meta.getColumnLabel(i));
    }
    List<List<Object>> rows = new ArrayList<>();
    while (r.next()) {
      List<Object> row = new ArrayList<>(count);
      for (int i = 1; i <= count; i++) {
        row.add(value(r, i, meta.getColumnType(i)));
      }
      rows.add(row);
    }
    return new ViewResult(columns, rows);
  }

  /** The values of one column, in row order. */
  List<Object> column(String name) {
    int index = columns.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + columns);
    }
    return rows.stream().map(row -> row.get(index)).toList();
  }

  private static Object value(ResultSet r, int i, int type) throws SQLException {
    Object value =
        switch (type) {
          case Types.SMALLINT, Types.INTEGER, Types.BIGINT -> r.getLong(i);
          case Types.NUMERIC, Types.DECIMAL, Types.REAL, Types.DOUBLE, Types.FLOAT ->
              r.getBigDecimal(i);
          case Types.BOOLEAN, Types.BIT -> r.getBoolean(i);
          case Types.DATE -> isoText(r.getObject(i, LocalDate.class));
          case Types.TIMESTAMP -> isoText(r.getObject(i, LocalDateTime.class));
          case Types.TIMESTAMP_WITH_TIMEZONE -> isoText(r.getObject(i, OffsetDateTime.class));
          default -> r.getString(i);
        };
    return r.wasNull() ? null : value;
  }

  private static String isoText(Object temporal) {
    return temporal == null ? null : temporal.toString();
  }
}
