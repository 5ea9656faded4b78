package dev.blackwater.cli.bench;

import dev.blackwater.config.DatabaseConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The physical limit: {@code COPY (SELECT * FROM t) TO STDOUT (FORMAT csv, HEADER)} of every table
 * into a byte counter that discards, with the same parallelism as extract.
 */
final class RawCopy {

  /** Rows and bytes that came out. */
  record Outcome(long rows, long bytes, double seconds) {}

  private RawCopy() {}

  static Outcome copyOut(DatabaseConfig db, List<String> tables, int parallelism) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    long started = System.nanoTime();
    try {
      List<Future<long[]>> parts = new ArrayList<>();
      for (String table : tables) {
        parts.add(pool.submit(() -> copyTable(db, table)));
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

  private static long[] copyTable(DatabaseConfig db, String table) throws SQLException {
    try (Connection c = db.open()) {
      CopyOut copy =
          c.unwrap(PGConnection.class)
              .getCopyAPI()
              .copyOut("COPY (SELECT * FROM \"" + table + "\") TO STDOUT (FORMAT csv, HEADER)");
      long rows = -1;
      long bytes = 0;
      byte[] row;
      while ((row = copy.readFromCopy()) != null) {
        rows++;
        bytes += row.length;
      }
      return new long[] {rows, bytes};
    }
  }

  /** An output stream that only counts. */
  static final class Counter extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      bytes += len;
    }
  }
}
