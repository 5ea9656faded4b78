package dev.blackwater.iceberg;

import dev.blackwater.Sql;
import dev.blackwater.duckdb.DuckDbSession;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LakeFiles;
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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL over the lake's current snapshot with DuckDB, by the warehouse's names: each of the 11 tables
 * is a view over the Parquet files its Iceberg table's current snapshot plans (never a folder glob,
 * so objects of killed runs are never read), and the {@code *_current} views are the warehouse's
 * own (their latest definitions). A fact is every version, as in the warehouse (less its record id,
 * which the warehouse assigns); a dimension is the newest version of each key, by the batch that
 * wrote it, as the warehouse's upserts leave it. Deletions are applied as load applies them, from
 * the deletion tables ({@code <table>_deleted}, also views): a dimension's {@code deleted_at}, a
 * deleted fact's final version, the days they were seen on in dim_date (docs/lake-layout.md,
 * "Deletions in the lake's views"). A remote zone's files are fetched to a temporary folder first.
 */
public final class LakeSql implements AutoCloseable {

  /** A query's answer: column names, and rows of JDBC values. */
  public record Answer(List<String> columns, List<List<Object>> rows) {}

  private static final Pattern VIEW =
      Pattern.compile(
          "CREATE (?:OR REPLACE )?VIEW (\\w+) AS(.*?);", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

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
      Map<WarehouseTable, List<String>> deleted = new EnumMap<>(WarehouseTable.class);
      for (WarehouseTable table : WarehouseTable.values()) {
        if (table.deletable()) {
          List<String> files = new ArrayList<>();
          for (String key : tables.currentDeletionFiles(table)) {
            files.add(LakeFiles.localOrCopy(zone, key, work).toString());
          }
          deleted.put(table, files);
          duck.execute(
              "CREATE VIEW "
                  + Sql.identifier(LakeSchemas.deletionsName(table))
                  + " AS SELECT key, deleted_at FROM ("
                  + deletions(files)
                  + ")");
        }
      }
      for (WarehouseTable table : WarehouseTable.values()) {
        List<String> files = new ArrayList<>();
        for (String key : tables.currentFiles(table)) {
          files.add(LakeFiles.localOrCopy(zone, key, work).toString());
        }
        duck.execute(
            "CREATE VIEW "
                + Sql.identifier(table.tableName())
                + " AS "
                + select(table, files, deleted));
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

  /** A processed batch's sequence number, from the name of a file written for it. */
  private static final String BATCH_OF_FILE =
      "CAST(regexp_extract(filename, '(\\d{6,})-\\d{8}T\\d{6}Z[^/]*$', 1) AS BIGINT)";

  /**
   * The SELECT of a table's view over its files and, when it records deletions, those of the
   * deletion records of every table ({@code deleted}).
   */
  static String select(
      WarehouseTable table, List<String> files, Map<WarehouseTable, List<String>> deleted) {
    return switch (table.kind()) {
      case FACT -> fact(table, files, deleted.getOrDefault(table, List.of()));
      case DATE -> dates(table, files, deleted);
      default -> dimension(table, files, deleted.getOrDefault(table, List.of()));
    };
  }

  /**
   * The table's rows, with {@code lake_batch}: the sequence number of the batch that wrote each.
   */
  private static String rows(WarehouseTable table, List<String> files) {
    String columns = columnList(table, "");
    if (files.isEmpty()) {
      return typedNulls(table)
          .replace(" WHERE false", ", CAST(NULL AS BIGINT) AS lake_batch WHERE false");
    }
    if (table.kind() == WarehouseTable.Kind.FACT) {
      // compaction renames fact files: their batches are not known, and not needed
      return "SELECT " + columns + ", CAST(NULL AS BIGINT) AS lake_batch FROM " + parquet(files);
    }
    return "SELECT "
        + columns
        + ", "
        + BATCH_OF_FILE
        + " AS lake_batch FROM read_parquet("
        + fileList(files)
        + ", filename = true)";
  }

  /** No rows, with the table's columns and types (a table with no file yet). */
  static String typedNulls(WarehouseTable table) {
    List<String> nulls = new ArrayList<>();
    for (WarehouseTable.Column c : table.columns()) {
      nulls.add("CAST(NULL AS " + duckType(c.type()) + ") AS " + Sql.identifier(c.name()));
    }
    return "SELECT " + String.join(", ", nulls) + " WHERE false";
  }

  /** Deletion records: {@code key}, {@code deleted_at}, {@code lake_batch}. */
  private static String deletions(List<String> files) {
    if (files.isEmpty()) {
      return "SELECT CAST(NULL AS INTEGER) AS key, CAST(NULL AS TIMESTAMP) AS deleted_at,"
          + " CAST(NULL AS BIGINT) AS lake_batch WHERE false";
    }
    return "SELECT key, CAST(deleted_at AS TIMESTAMP) AS deleted_at, "
        + BATCH_OF_FILE
        + " AS lake_batch FROM read_parquet("
        + fileList(files)
        + ", filename = true)";
  }

  /**
   * The newest version of each key (of the latest batch), with the first batch that had the key.
   */
  private static String newest(WarehouseTable table, List<String> files) {
    String key = Sql.identifier(table.key());
    return "SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY "
        + key
        + " ORDER BY lake_batch DESC) AS version_rank, min(lake_batch) OVER (PARTITION BY "
        + key
        + ") AS first_batch FROM ("
        + rows(table, files)
        + ") versions) ranked WHERE version_rank = 1";
  }

  /**
   * A dimension: the newest version of each key, and its {@code deleted_at} as the warehouse sets
   * it: that of the key's newest deletion record (NULL for a key that is back) of a batch that came
   * when the warehouse had the row (the first batch with the key or later), else NULL.
   */
  private static String dimension(WarehouseTable table, List<String> files, List<String> deleted) {
    String key = Sql.identifier(table.key());
    return "SELECT "
        + columnList(table, "")
        + ", deleted_at FROM (SELECT "
        + columnList(table, "v.")
        + ", d.deleted_at, row_number() OVER (PARTITION BY v."
        + key
        + " ORDER BY d.lake_batch DESC NULLS LAST) AS mark_rank FROM ("
        + newest(table, files)
        + ") v LEFT JOIN ("
        + deletions(deleted)
        + ") d ON d.key = v."
        + key
        + " AND d.lake_batch >= v.first_batch) marked WHERE mark_rank = 1";
  }

  /**
   * dim_date: the newest version of each date, and the days deletions of facts were seen on that it
   * has not, as the loader adds them (DeletionLoad).
   */
  private static String dates(
      WarehouseTable table, List<String> files, Map<WarehouseTable, List<String>> deleted) {
    List<String> seen = new ArrayList<>();
    for (WarehouseTable fact : WarehouseTable.facts()) {
      seen.add(
          "SELECT CAST(deleted_at AS DATE) AS d FROM ("
              + deletions(deleted.getOrDefault(fact, List.of()))
              + ") r WHERE deleted_at IS NOT NULL");
    }
    return "WITH known AS ("
        + newest(table, files)
        + ") SELECT "
        + columnList(table, "")
        + " FROM known UNION ALL SELECT d, CAST(year(d) AS INTEGER), CAST(month(d) AS INTEGER),"
        + " CAST(day(d) AS INTEGER), CAST(isodow(d) AS INTEGER), dayname(d), monthname(d),"
        + " CAST(quarter(d) AS INTEGER) FROM (SELECT DISTINCT d FROM ("
        + String.join(" UNION ALL ", seen)
        + ") s) days WHERE d NOT IN (SELECT date_id FROM known)";
  }

  /**
   * A fact: every version, {@code deleted_at} NULL, and for each deletion record the final version
   * the loader adds (DeletionLoad): a copy of the newest version at the deletion with {@code
   * last_updated} and {@code deleted_at} the deletion's time. The loader adds none when the newest
   * version already marks a deletion (an earlier final version, newer than every version since) or
   * is of that very time; a version is taken to be there at a deletion when its {@code
   * last_updated} is not after the deletion's (the lake does not know the batch of a compacted
   * fact's row).
   */
  private static String fact(WarehouseTable table, List<String> files, List<String> deleted) {
    String key = Sql.identifier(table.key());
    String at = "(last_updated_date + last_updated_time)";
    List<String> finalColumns = new ArrayList<>();
    for (String c : table.columnNames()) {
      finalColumns.add(
          switch (c) {
            case "last_updated_date" -> "CAST(ended_at AS DATE) AS last_updated_date";
            case "last_updated_time" -> "CAST(ended_at AS TIME) AS last_updated_time";
            default -> Sql.identifier(c);
          });
    }
    return "WITH v AS ("
        + rows(table, files)
        + "), d AS (SELECT key, deleted_at, lag(deleted_at) OVER (PARTITION BY key ORDER BY"
        + " lake_batch) AS previous FROM ("
        + deletions(deleted)
        + ") r WHERE deleted_at IS NOT NULL), f AS (SELECT v.*, d.deleted_at AS ended_at,"
        + " d.previous, row_number() OVER (PARTITION BY d.key, d.deleted_at ORDER BY"
        + " v.last_updated_date DESC, v.last_updated_time DESC) AS version_rank FROM d JOIN v ON"
        + " v."
        + key
        + " = d.key AND v.last_updated_date + v.last_updated_time <= d.deleted_at) SELECT "
        + columnList(table, "")
        + ", CAST(NULL AS TIMESTAMP) AS deleted_at FROM v UNION ALL SELECT "
        + String.join(", ", finalColumns)
        + ", ended_at AS deleted_at FROM f WHERE version_rank = 1 AND "
        + at
        + " < ended_at AND (previous IS NULL OR "
        + at
        + " >= previous)";
  }

  private static String columnList(WarehouseTable table, String prefix) {
    return String.join(
        ", ", table.columnNames().stream().map(c -> prefix + Sql.identifier(c)).toList());
  }

  private static String fileList(List<String> files) {
    return "[" + String.join(", ", files.stream().map(Sql::literal).toList()) + "]";
  }

  private static String parquet(List<String> files) {
    return "read_parquet(" + fileList(files) + ")";
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
   * The warehouse's {@code *_current} views (db/warehouse: the latest definition of each), less
   * their last tie-breaker, the warehouse's record id, which the lake has not.
   */
  static List<String> currentViews() {
    Map<String, String> views = new LinkedHashMap<>();
    for (String migration : List.of("V2__pipeline.sql", "V10__deletions.sql")) {
      String sql = resource("/db/warehouse/" + migration);
      Matcher m = VIEW.matcher(sql);
      while (m.find()) {
        String body = m.group(2);
        for (WarehouseTable fact : WarehouseTable.facts()) {
          body = body.replace(", " + fact.recordId() + " DESC", "");
        }
        views.put(m.group(1), "CREATE VIEW " + m.group(1) + " AS" + body);
      }
    }
    return new ArrayList<>(views.values());
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
