package dev.blackwater.load;

import dev.blackwater.Sql;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.warehouse.WarehouseTable;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A table's Parquet objects, read once by DuckDB, streamed into PostgreSQL's {@code COPY ... FROM
 * STDIN (FORMAT binary)} as DuckDB reads them: no file between them, nothing held but a buffer.
 * DuckDB turns each value into the number its binary form carries (days since 2000-01-01 for a
 * date, microseconds since midnight for a time, the unscaled integer of a decimal) and {@link
 * PgBinaryRows} writes it as the target column's type wants it (an integer as {@code int4} or
 * {@code int8}, text as UTF-8). PostgreSQL then parses no text at all, about half the work of a CSV
 * COPY of the same rows.
 */
final class ParquetCopy {

  private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");
  private static final int BUFFER_BYTES = 1 << 18;

  /** How one column is read from DuckDB and written to the COPY. */
  private record Field(String name, Kind kind, int scale, boolean wide) {}

  private enum Kind {
    INTEGER,
    DATE,
    TIME,
    TIMESTAMP,
    NUMERIC,
    BOOLEAN,
    TEXT
  }

  private final Connection duckdb;

  /**
   * @param duckdb a DuckDB connection that streams its results
   */
  ParquetCopy(Connection duckdb) {
    this.duckdb = duckdb;
  }

  /**
   * Copies {@code table}'s columns from {@code files} into {@code target}, whose columns' types (as
   * {@code pg_type.typname}) are {@code targetTypes}: the record id first when {@code
   * firstRecordId} is above 0 (then numbered from it), then the table's columns in order.
   *
   * @return the rows PostgreSQL took
   */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "names are quoted and files are literals; COPY takes no parameters")
  long copy(
      List<Path> files,
      WarehouseTable table,
      long firstRecordId,
      String target,
      List<String> targetTypes,
      PGConnection warehouse,
      boolean freeze)
      throws SQLException {
    return copy(
        files, table, table.columns(), firstRecordId, target, targetTypes, warehouse, freeze);
  }

  /**
   * Copies {@code columns} (read by name) from {@code files} into {@code target}; {@code table}
   * names what is copied in messages and gives the record id.
   */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "names are quoted and files are literals; COPY takes no parameters")
  long copy(
      List<Path> files,
      WarehouseTable table,
      List<WarehouseTable.Column> copied,
      long firstRecordId,
      String target,
      List<String> targetTypes,
      PGConnection warehouse,
      boolean freeze)
      throws SQLException {
    List<Field> fields = new ArrayList<>();
    List<String> select = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    int t = 0;
    if (firstRecordId > 0) {
      fields.add(
          new Field(
              table.recordId(),
              Kind.INTEGER,
              0,
              wide(table, table.recordId(), targetTypes.get(t++))));
      select.add("row_number() OVER () + " + (firstRecordId - 1));
      columns.add(Sql.identifier(table.recordId()));
    }
    for (WarehouseTable.Column column : copied) {
      Field field = field(table, column, targetTypes.get(t++));
      fields.add(field);
      select.add(read(field));
      columns.add(Sql.identifier(column.name()));
    }
    String parquet =
        files.stream().map(p -> Sql.literal(p.toString())).collect(Collectors.joining(", "));
    CopyIn copy =
        warehouse
            .getCopyAPI()
            .copyIn(
                "COPY "
                    + target
                    + " ("
                    + String.join(", ", columns)
                    + ") FROM STDIN (FORMAT binary"
                    + (freeze ? ", FREEZE" : "")
                    + ")");
    try {
      PgBinaryRows rows = new PgBinaryRows(copy, BUFFER_BYTES);
      try (Statement s = duckdb.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT "
                      + String.join(", ", select)
                      + " FROM read_parquet(["
                      + parquet
                      + "])")) {
        int n = fields.size();
        while (r.next()) {
          rows.row(n);
          for (int i = 0; i < n; i++) {
            write(r, i + 1, fields.get(i), rows);
          }
        }
      } catch (SQLException e) {
        throw new BlackwaterException(
            ErrorCode.DATA_QUALITY,
            "cannot read the processed Parquet of "
                + table.tableName()
                + ": "
                + BlackwaterException.firstLine(e),
            e);
      }
      return rows.finish();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  private static void write(ResultSet r, int i, Field field, PgBinaryRows rows)
      throws SQLException {
    switch (field.kind()) {
      case INTEGER -> {
        long value = r.getLong(i);
        if (r.wasNull()) {
          rows.nullField();
        } else if (field.wide()) {
          rows.int8(value);
        } else {
          rows.int4((int) value);
        }
      }
      case DATE -> {
        long days = r.getLong(i);
        if (r.wasNull()) {
          rows.nullField();
        } else {
          rows.date((int) days);
        }
      }
      case TIME -> {
        long micros = r.getLong(i);
        if (r.wasNull()) {
          rows.nullField();
        } else {
          rows.time(micros);
        }
      }
      case TIMESTAMP -> {
        long micros = r.getLong(i);
        if (r.wasNull()) {
          rows.nullField();
        } else {
          rows.timestamp(micros);
        }
      }
      case NUMERIC -> {
        long unscaled = r.getLong(i);
        if (r.wasNull()) {
          rows.nullField();
        } else {
          rows.numeric(unscaled, field.scale());
        }
      }
      case BOOLEAN -> {
        boolean value = r.getBoolean(i);
        if (r.wasNull()) {
          rows.nullField();
        } else {
          rows.bool(value);
        }
      }
      case TEXT -> {
        String value = r.getString(i);
        if (value == null) {
          rows.nullField();
        } else {
          rows.text(value);
        }
      }
    }
  }

  /** The DuckDB expression giving a column as its binary form's number (or the value itself). */
  private static String read(Field field) {
    String c = Sql.identifier(field.name());
    return switch (field.kind()) {
      case DATE -> "date_diff('day', DATE '2000-01-01', " + c + ")";
      case TIME -> "date_diff('microsecond', TIME '00:00:00', " + c + ")";
      case TIMESTAMP -> "date_diff('microsecond', TIMESTAMP '2000-01-01 00:00:00', " + c + ")";
      case NUMERIC -> "CAST(" + c + " * " + ParquetCopy.pow10(field.scale()) + " AS BIGINT)";
      case INTEGER, BOOLEAN, TEXT -> c;
    };
  }

  private static Field field(WarehouseTable table, WarehouseTable.Column column, String target) {
    String type = column.type();
    Matcher numeric = NUMERIC.matcher(type);
    Kind kind;
    int scale = 0;
    if (numeric.matches()) {
      kind = Kind.NUMERIC;
      scale = Integer.parseInt(numeric.group(2));
    } else {
      kind =
          switch (type) {
            case "integer" -> Kind.INTEGER;
            case "date" -> Kind.DATE;
            case "time without time zone" -> Kind.TIME;
            case "timestamp without time zone" -> Kind.TIMESTAMP;
            case "boolean" -> Kind.BOOLEAN;
            case "character varying" -> Kind.TEXT;
            default -> throw new IllegalStateException("no binary form for " + type);
          };
    }
    boolean fits =
        switch (kind) {
          case INTEGER -> target.equals("int4") || target.equals("int8");
          case DATE -> target.equals("date");
          case TIME -> target.equals("time");
          case TIMESTAMP -> target.equals("timestamp");
          case NUMERIC -> target.equals("numeric");
          case BOOLEAN -> target.equals("bool");
          case TEXT -> target.equals("varchar") || target.equals("text") || target.equals("bpchar");
        };
    if (!fits) {
      throw cannotWrite(table, column.name(), target);
    }
    return new Field(column.name(), kind, scale, target.equals("int8"));
  }

  private static boolean wide(WarehouseTable table, String column, String target) {
    if (!target.equals("int4") && !target.equals("int8")) {
      throw cannotWrite(table, column, target);
    }
    return target.equals("int8");
  }

  private static BlackwaterException cannotWrite(
      WarehouseTable table, String column, String target) {
    return new BlackwaterException(
        ErrorCode.DATA_QUALITY,
        table.tableName() + "." + column + " is of type " + target + ", which load cannot write");
  }

  private static long pow10(int n) {
    long p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }
}
