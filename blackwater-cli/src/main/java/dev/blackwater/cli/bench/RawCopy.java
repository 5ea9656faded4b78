package dev.blackwater.cli.bench;

import dev.blackwater.Sql;
import dev.blackwater.config.Database;
import dev.blackwater.config.DatabaseConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The physical limits the stages are measured against: {@code COPY ... TO STDOUT} of whole tables
 * (discarded or kept in files), and {@code COPY ... FROM STDIN} of such files into unindexed
 * tables.
 */
final class RawCopy {

  /** Rows moved and the time it took. */
  record Outcome(long rows, long bytes, double seconds) {
    double rowsPerSecond() {
      return rows / seconds;
    }
  }

  private RawCopy() {}

  /**
   * COPY out every table with {@code parallelism} connections; keeps CSV files in {@code dir} when
   * not null.
   */
  static Outcome copyOut(DatabaseConfig db, List<String> tables, int parallelism, Path dir)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    long started = System.nanoTime();
    try {
      List<Future<long[]>> parts = new ArrayList<>();
      for (String table : tables) {
        parts.add(
            pool.submit(
                () -> copyTable(db, table, dir == null ? null : dir.resolve(table + ".csv"))));
      }
      long rows = 0;
      long bytes = 0;
      for (Future<long[]> part : parts) {
        long[] r = part.get();
        rows += r[0];
        bytes += r[1];
      }
      return new Outcome(rows, bytes, (System.nanoTime() - started) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static long[] copyTable(DatabaseConfig db, String table, Path file)
      throws SQLException, IOException {
    try (Connection c = new Database(db).open();
        OutputStream out =
            file == null ? OutputStream.nullOutputStream() : Files.newOutputStream(file)) {
      CopyOut copy =
          c.unwrap(PGConnection.class)
              .getCopyAPI()
              .copyOut("COPY (SELECT * FROM " + Sql.identifier(table) + ") TO STDOUT (FORMAT csv)");
      long rows = 0;
      long bytes = 0;
      byte[] row;
      while ((row = copy.readFromCopy()) != null) {
        rows++;
        bytes += row.length;
        out.write(row);
      }
      return new long[] {rows, bytes};
    }
  }

  /**
   * COPY the files {@code <table>.csv} of {@code dir} into new unindexed tables shaped like {@code
   * like.<table>} (no keys, no indexes, no constraints but NOT NULL), one connection, in order.
   */
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
      long bytes = 0;
      for (String table : tables) {
        Path file = dir.resolve(table + ".csv");
        bytes += Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
          rows +=
              c.unwrap(PGConnection.class)
                  .getCopyAPI()
                  .copyIn(
                      "COPY " + Sql.qualified(targetSchema, table) + " FROM STDIN (FORMAT csv)",
                      in);
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      s.execute("DROP SCHEMA " + Sql.identifier(targetSchema) + " CASCADE");
      return new Outcome(rows, bytes, seconds);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
