package dev.blackwater.iceberg;

import dev.blackwater.Sql;
import dev.blackwater.duckdb.DuckDbSession;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.warehouse.WarehouseTable;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL over the lake's current snapshot with DuckDB, by the warehouse's names: each of the 11 tables
 * is a view over the Parquet files its Iceberg table's current snapshot plans (never a folder glob,
 * so objects of killed runs are never read), and the {@code *_current} views are the warehouse's
 * own. A fact is every version, as in the warehouse (less its record id, which the warehouse
 * assigns); a dimension is the newest version of each key, by the batch that wrote it, as the
 * warehouse's upserts leave it. A remote zone's files are fetched to a temporary folder first.
 */
public final class LakeSql implements AutoCloseable {

  /** A query's answer: column names, and rows of JDBC values. */
  public record Answer(List<String> columns, List<List<Object>> rows) {}

  private static final Pattern VIEW =
      Pattern.compile("CREATE VIEW (\\w+) AS(.*?);", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

  private final DuckDbSession duck;
  private final Path work;

  private LakeSql(DuckDbSession duck, Path work) {
    this.duck = duck;
    this.work = work;
  }

  /**
   * Plans every table's current snapshot and makes its views.
   *
   * @param memoryLimit DuckDB's memory limit
   * @param tempDirectory where DuckDB spills and a remote zone's files are fetched to
   */
  public static LakeSql open(
      LakeTables tables, LakeStore zone, String memoryLimit, Path tempDirectory) {
    Path work;
    try {
      Files.createDirectories(tempDirectory);
      work = Files.createTempDirectory(tempDirectory, "blackwater-query-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a working folder in " + tempDirectory, e);
    }
    DuckDbSession duck = null;
    try {
      duck = new DuckDbSession(memoryLimit, 2, work.resolve("spill"));
      for (WarehouseTable table : WarehouseTable.values()) {
        List<String> files = new ArrayList<>();
        for (String key : tables.currentFiles(table)) {
          files.add(local(zone, key, work).toString());
        }
        duck.execute(
            "CREATE VIEW " + Sql.identifier(table.tableName()) + " AS " + select(table, files));
      }
      for (String view : currentViews()) {
        duck.execute(view);
      }
      return new LakeSql(duck, work);
    } catch (SQLException e) {
      close(duck);
      LakeTables.deleteTree(work);
      throw new BlackwaterException(
          ErrorCode.INTERNAL,
          "DuckDB cannot read the lake: " + BlackwaterException.firstLine(e),
          e);
    } catch (RuntimeException e) {
      close(duck);
      LakeTables.deleteTree(work);
      throw e;
    }
  }

  private static void close(DuckDbSession duck) {
    if (duck != null) {
      try {
        duck.close();
      } catch (SQLException ignored) {
        // closing after a failure: the failure is what matters
      }
    }
  }

  /** The file DuckDB reads for a key: the zone's own, or a copy of it under {@code work}. */
  private static Path local(LakeStore zone, String key, Path work) {
    Optional<Path> inPlace = zone.localFile(key);
    if (inPlace.isPresent()) {
      return inPlace.get();
    }
    Path copy = work.resolve("files").resolve(key);
    try (InputStream in = zone.open(key)) {
      Files.createDirectories(copy.getParent());
      Files.copy(in, copy);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fetch " + key + " from " + zone.uri(), e);
    }
    return copy;
  }

  /** The SELECT of a table's view over its files. */
  static String select(WarehouseTable table, List<String> files) {
    String columns = String.join(", ", table.columnNames().stream().map(Sql::identifier).toList());
    if (files.isEmpty()) {
      List<String> nulls = new ArrayList<>();
      for (WarehouseTable.Column c : table.columns()) {
        nulls.add("CAST(NULL AS " + duckType(c.type()) + ") AS " + Sql.identifier(c.name()));
      }
      return "SELECT " + String.join(", ", nulls) + " WHERE false";
    }
    String list = "[" + String.join(", ", files.stream().map(Sql::literal).toList()) + "]";
    if (table.kind() == WarehouseTable.Kind.FACT) {
      return "SELECT " + columns + " FROM read_parquet(" + list + ")";
    }
    // the newest version of each key: the one of the latest batch (its file is named after it)
    return "SELECT "
        + columns
        + " FROM read_parquet("
        + list
        + ", filename = true) QUALIFY row_number() OVER (PARTITION BY "
        + Sql.identifier(table.key())
        + " ORDER BY CAST(regexp_extract(filename, '(\\d{6,})-\\d{8}T\\d{6}Z[^/]*$', 1) AS BIGINT)"
        + " DESC) = 1";
  }

  private static String duckType(String postgres) {
    return switch (postgres) {
      case "integer" -> "INTEGER";
      case "date" -> "DATE";
      case "time without time zone" -> "TIME";
      case "boolean" -> "BOOLEAN";
      case "character varying", "text" -> "VARCHAR";
      default -> postgres.toUpperCase(java.util.Locale.ROOT).replace("NUMERIC", "DECIMAL");
    };
  }

  /**
   * The warehouse's {@code *_current} views (db/warehouse), less their last tie-breaker, the
   * warehouse's record id, which the lake has not.
   */
  static List<String> currentViews() {
    List<String> views = new ArrayList<>();
    for (String migration : List.of("V2__pipeline.sql")) {
      String sql = resource("/db/warehouse/" + migration);
      Matcher m = VIEW.matcher(sql);
      while (m.find()) {
        String body = m.group(2);
        for (WarehouseTable fact : WarehouseTable.facts()) {
          body = body.replace(", " + fact.recordId() + " DESC", "");
        }
        views.add("CREATE VIEW " + m.group(1) + " AS" + body);
      }
    }
    return views;
  }

  private static String resource(String name) {
    try (InputStream in = LakeSql.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  /** Runs one statement; a statement that returns no rows answers with no columns. */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "running the user's SQL over the lake is the point")
  public Answer query(String sql) {
    try (Statement s = duck.connection().createStatement()) {
      if (!s.execute(sql)) {
        return new Answer(List.of(), List.of());
      }
      try (ResultSet r = s.getResultSet()) {
        ResultSetMetaData meta = r.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (r.next()) {
          List<Object> row = new ArrayList<>(columns.size());
          for (int i = 1; i <= columns.size(); i++) {
            row.add(r.getObject(i));
          }
          rows.add(row);
        }
        return new Answer(columns, rows);
      }
    } catch (SQLException e) {
      throw new BlackwaterException(ErrorCode.USAGE, BlackwaterException.firstLine(e), e);
    }
  }

  @Override
  public void close() {
    close(duck);
    LakeTables.deleteTree(work);
  }
}
