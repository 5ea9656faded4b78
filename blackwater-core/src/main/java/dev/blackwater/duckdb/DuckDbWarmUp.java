package dev.blackwater.duckdb;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads DuckDB's native library and initialises its engine (some 0.3 s of CPU, once per process) on
 * a thread of its own, so that a cycle that will transform can have it done while the extract is
 * still reading: the first DuckDB the transform opens then starts at once. Nothing is kept; a
 * failure here is left for the stage that opens DuckDB to report.
 */
public final class DuckDbWarmUp {

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private DuckDbWarmUp() {}

  /** Starts warming up, the first time it is asked in this process; returns at once. */
  public static void start(Path spill) {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread warmUp =
        new Thread(
            () -> {
              try (DuckDbSession duckdb = new DuckDbSession("64MB", 1, spill)) {
                duckdb.queryLong("SELECT 1");
              } catch (SQLException | RuntimeException e) {
                // the stage that opens DuckDB reports it
              }
            },
            "blackwater-duckdb-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }
}
