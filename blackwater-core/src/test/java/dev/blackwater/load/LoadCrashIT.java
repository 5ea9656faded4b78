package dev.blackwater.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.testkit.ChildJvm;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.warehouse.WarehouseSchema;
import dev.blackwater.warehouse.WarehouseTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a load in the middle of its transaction, then a rerun. */
@ExtendWith(PostgresExtension.class)
class LoadCrashIT {

  /** The connections of the load in the child JVM (the test's own connections are not named). */
  private static final String KILLED_LOAD =
      "datname = current_database() AND application_name = 'blackwater'";

  /**
   * How long PostgreSQL may take to notice the dead client: the kernel closes its socket, and the
   * backend, idle in its transaction while the load reads the slow lake, sees that at once. The
   * limit only allows for a slow machine.
   */
  private static final Duration BACKENDS_GONE_WITHIN = Duration.ofSeconds(30);

  /** One clock for everything this test runs, so its runs follow each other in time. */
  private final Clock clock = TestClock.ticking();

  @TempDir Path dir;

  @Test
  void aLoadKilledMidTransactionLeavesTheWarehouseAsItWasAndTheRerunCompletesIt(TestDatabase db)
      throws Exception {
    Path lakeDir = dir.resolve("processed");
    Files.createDirectories(dir.resolve("scratch"));
    ProcessedLake batches = new ProcessedLake(new LocalLakeStore(lakeDir), dir.resolve("scratch"));
    Map<WarehouseTable, List<String>> rows = new LinkedHashMap<>();
    List<String> dates = new ArrayList<>();
    for (int day = 1; day <= 28; day++) {
      dates.add(ProcessedLake.date(String.format(Locale.ROOT, "2024-02-%02d", day)));
    }
    rows.put(WarehouseTable.DIM_DATE, dates);
    rows.put(WarehouseTable.DIM_DESIGN, List.of("(1, 'Bronze', '/private', 'bronze.json')"));
    rows.put(WarehouseTable.DIM_CURRENCY, List.of("(1, 'EUR', 'Euro')"));
    rows.put(WarehouseTable.DIM_PAYMENT_TYPE, List.of("(1, 'SALES_RECEIPT')"));
    batches.commit(rows);
    DatabaseConfig config = new DatabaseConfig("warehouse", db.jdbcUrl(), db.user(), db.password());
    new WarehouseSchema(config, "public").migrate();

    // The load's last write in its transaction is its bookkeeping row: holding a SHARE lock on
    // that table (reads pass, writes wait) stops the load there, with every table written and
    // nothing committed, however fast the rest of it is.
    try (Connection blocker = db.connect()) {
      blocker.setAutoCommit(false);
      try (Statement lock = blocker.createStatement()) {
        lock.execute("LOCK TABLE " + WarehouseSchema.BOOKKEEPING + " IN SHARE MODE");
      }
      try (ChildJvm child =
          ChildJvm.start(
              clock,
              LoadInChildJvm.class,
              db.jdbcUrl(),
              db.user(),
              lakeDir.toString(),
              db.password())) {
        child.awaitCondition(
            () ->
                db.queryLong(
                        "SELECT count(*) FROM pg_stat_activity WHERE "
                            + KILLED_LOAD
                            + " AND backend_xid IS NOT NULL AND wait_event_type = 'Lock'")
                    > 0,
            Duration.ofSeconds(60));
        assertThat(
                db.queryString(
                    "SELECT query FROM pg_stat_activity WHERE "
                        + KILLED_LOAD
                        + " AND wait_event_type = 'Lock'"))
            .as("the load is held at its bookkeeping row, its tables written")
            .contains("INSERT INTO")
            .contains(WarehouseSchema.BOOKKEEPING);
        child.killHard();
      }
      blocker.rollback();
    }
    waitForBackendsToGo(db);
    assertThat(db.queryLong("SELECT count(*) FROM dim_date")).isZero();
    assertThat(db.queryLong("SELECT count(*) FROM blackwater_loaded_batch")).isZero();

    LoadResult rerun =
        new Loader(
                config,
                new LocalLakeStore(lakeDir),
                LoadSettings.defaults().withTempDirectory(dir),
                clock)
            .load("rerun");

    assertThat(rerun.batches()).hasSize(1);
    assertThat(db.queryLong("SELECT count(*) FROM dim_date")).isEqualTo(28);
    assertThat(db.queryLong("SELECT count(*) FROM dim_design")).isEqualTo(1);
    assertThat(db.queryLong("SELECT count(*) FROM blackwater_loaded_batch")).isEqualTo(1);
  }

  /**
   * Waits until the database has no connection of the killed load left: only then has PostgreSQL
   * ended its transaction, so an empty warehouse shows a rollback rather than rows not yet
   * committed. Fails, naming what is left, if they are still there at the deadline.
   */
  private static void waitForBackendsToGo(TestDatabase db) throws InterruptedException {
    long deadline = System.nanoTime() + BACKENDS_GONE_WITHIN.toNanos();
    while (db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE " + KILLED_LOAD) > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the killed load's connections were still open "
                + BACKENDS_GONE_WITHIN.toSeconds()
                + " s after kill -9 (pid, state, backend_xid, query): "
                + db.queryString(
                    "SELECT string_agg(concat_ws(', ', pid, state, backend_xid, query), '; ')"
                        + " FROM pg_stat_activity WHERE "
                        + KILLED_LOAD));
      }
      Thread.sleep(20);
    }
  }
}
