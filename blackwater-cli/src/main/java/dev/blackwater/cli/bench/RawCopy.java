package dev.blackwater.cli.bench;

import dev.blackwater.Sql;
import dev.blackwater.config.Database;
import dev.blackwater.config.DatabaseConfig;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The physical limits the stages are measured against, as PostgreSQL itself moves data: the server
 * writes whole tables to files ({@code COPY table TO 'file'}) and reads such files back into
 * unindexed tables ({@code COPY table FROM 'file'}). No client touches a row. The files live on the
 * server's machine, so the server must be local (the benchmark's own embedded one is).
 */
final class RawCopy {

  /** Rows moved and the time it took. */
  record Outcome(long rows, double seconds) {
    double rowsPerSecond() {
      return rows / seconds;
    }
  }

  private RawCopy() {}

  /**
   * {@code COPY <schema>.<table> TO '<dir>/<table>.csv' (FORMAT csv)} for every table, on {@code
   * parallelism} connections, largest tables first (the shortest schedule the server allows).
   */
  static Outcome copyOut(
      DatabaseConfig db, String schema, List<String> tables, int parallelism, Path dir)
      throws Exception {
    List<String> order = largestFirst(db, schema, tables);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism));
    long started = System.nanoTime();
    try {
      List<Future<Long>> parts = new ArrayList<>();
      for (String table : order) {
        parts.add(pool.submit(() -> copyTableOut(db, schema, table, file(dir, table))));
      }
      long rows = 0;
      for (Future<Long> part : parts) {
        rows += part.get();
      }
      return new Outcome(rows, (System.nanoTime() - started) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "COPY takes no parameters; names and the file are quoted")
  private static long copyTableOut(DatabaseConfig db, String schema, String table, Path file)
      throws SQLException {
    try (Connection c = new Database(db).open();
        Statement s = c.createStatement()) {
      return s.executeLargeUpdate(
          "COPY "
              + Sql.qualified(schema, table)
              + " TO "
              + Sql.literal(file.toString())
              + " (FORMAT csv)");
    }
  }

  /**
   * Creates {@code targetSchema} with an unindexed copy of each {@code likeSchema.<table>} (columns
   * and NOT NULL only), then times {@code COPY <copy> FROM '<dir>/<table>.csv' (FORMAT csv)} of
   * every table on one connection, in order, each committed as it ends: one connection and its
   * commits, as a load into one database has. The copies stay for {@link RawKeys}; drop them with
   * {@link #drop}.
   */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "DDL and COPY take no parameters; names and files are quoted")
  static Outcome copyIn(
      DatabaseConfig db, String likeSchema, List<String> tables, Path dir, String targetSchema)
      throws SQLException {
    try (Connection c = new Database(db).open();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + Sql.identifier(targetSchema) + " CASCADE");
      s.execute("CREATE SCHEMA " + Sql.identifier(targetSchema));
      for (String table : tables) {
        s.execute(
            "CREATE TABLE "
                + Sql.qualified(targetSchema, table)
                + " (LIKE "
                + Sql.qualified(likeSchema, table)
                + ")");
      }
      long started = System.nanoTime();
      long rows = 0;
      for (String table : tables) {
        rows +=
            s.executeLargeUpdate(
                "COPY "
                    + Sql.qualified(targetSchema, table)
                    + " FROM "
                    + Sql.literal(file(dir, table).toString())
                    + " (FORMAT csv)");
      }
      return new Outcome(rows, (System.nanoTime() - started) / 1e9);
    }
  }

  /**
   * Writes every dirty page out, so that what came before a measurement (the seeding, another
   * measurement) is not its to write.
   */
  static void checkpoint(DatabaseConfig db) throws SQLException {
    try (Connection c = new Database(db).open();
        Statement s = c.createStatement()) {
      s.execute("CHECKPOINT");
    }
  }

  /** Drops a schema {@link #copyIn} made. */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "DDL takes no parameters; the name is quoted")
  static void drop(DatabaseConfig db, String schema) throws SQLException {
    try (Connection c = new Database(db).open();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + Sql.identifier(schema) + " CASCADE");
    }
  }

  /** Where a table's file goes. */
  static Path file(Path dir, String table) {
    return dir.resolve(table.replaceAll("[^A-Za-z0-9_]", "_") + ".csv");
  }

  /** The tables, the largest (by the planner's page count) first. */
  private static List<String> largestFirst(DatabaseConfig db, String schema, List<String> tables)
      throws SQLException {
    Map<String, Long> pages = new HashMap<>();
    try (Connection c = new Database(db).open();
        PreparedStatement s =
            c.prepareStatement("SELECT pg_relation_size(to_regclass(?)) / 8192")) {
      for (String table : tables) {
        s.setString(1, Sql.qualified(schema, table));
        try (ResultSet r = s.executeQuery()) {
          r.next();
          pages.put(table, r.getLong(1));
        }
      }
    }
    return tables.stream()
        .sorted(Comparator.comparing((String t) -> pages.get(t)).reversed())
        .toList();
  }
}
