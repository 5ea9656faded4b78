package dev.blackwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.extract.Extractor;
import dev.blackwater.iceberg.LakeCatalog;
import dev.blackwater.iceberg.LakeSql;
import dev.blackwater.iceberg.LakeTables;
import dev.blackwater.iceberg.SqliteCatalogs;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.HaltingLakeStore;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.load.Loader;
import dev.blackwater.testkit.ChildJvm;
import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.Seeder;
import dev.blackwater.totesys.SimulateOptions;
import dev.blackwater.totesys.Simulator;
import dev.blackwater.totesys.TotesysSchema;
import dev.blackwater.warehouse.WarehouseTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transforms killed with {@code kill -9}: one in the middle of writing its Parquet (leaving orphans
 * in the processed zone), one right after its manifest committed, in its first Iceberg write (the
 * tables are committed at once, so others may finish theirs), and one half-way through appending
 * that batch to the tables in the next run's catch-up. The run after them appends what the
 * committed manifests name and no snapshot carries, exactly once, and DuckDB reading the tables
 * through their metadata (not a folder glob, which would read the orphans) returns exactly the
 * warehouse's rows.
 */
class IcebergKilledRunsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path dir;
  private final Clock clock = TestClock.ticking();
  private TestDatabase source;
  private TestDatabase warehouse;
  private Path ingestion;
  private Path processed;

  @BeforeEach
  void source() throws Exception {
    source = PostgresServer.shared().createDatabase("iceberg_killed_source");
    warehouse = PostgresServer.shared().createDatabase("iceberg_killed_warehouse");
    try (Connection c = source.connect()) {
      TotesysSchema.create(c);
      new Seeder().seed(c, new SeedOptions(0.01, 9));
    }
    ingestion = dir.resolve("ingestion");
    processed = dir.resolve("processed");
    Files.createDirectories(dir.resolve("work"));
  }

  @AfterEach
  void drop() {
    source.close();
    warehouse.close();
  }

  @Test
  void aRunAfterKilledOnesAppendsWhatManifestsNameOnceAndDuckDbReadsTheWarehousesRows()
      throws Exception {
    extract("first");
    killedAt(3, "");
    BatchLog log = new BatchLog(new LocalLakeStore(processed));
    assertThat(log.committed()).as("killed while writing its Parquet").isEmpty();

    killedAt(1, LakeTables.PREFIX);
    assertThat(log.committed()).as("killed after its manifest").hasSize(1);
    BatchId first = log.committed().get(0);
    assertThat(tables().committedThrough()).as("and before the batch is in every table").isEmpty();

    try (Connection c = source.connect()) {
      new Simulator().simulate(c, new SimulateOptions(200, 3));
    }
    extract("second");
    // the tables are committed at once: the kill waits until one has the batch while another's
    // commit is halted
    killedAt(7, LakeTables.PREFIX, () -> tablesWith(first) > 0);
    assertThat(log.committed()).as("killed while catching up").hasSize(1);
    assertThat(tables().committedThrough()).as("not every table has it").isEmpty();
    assertThat(tablesWith(first)).as("some tables have the batch already").isPositive();

    try (ChildJvm child = child(0, "")) {
      assertThat(child.awaitExit(TIMEOUT)).as(child.output()).isZero();
    }
    assertThat(log.committed()).hasSize(2);
    LakeTables tables = tables();
    assertThat(tables.committedThrough()).contains(log.committed().get(1));
    for (WarehouseTable table : WarehouseTable.values()) {
      assertThat(tables.table(table).snapshots())
          .as("%s: one snapshot per batch with rows, never two for one batch", table)
          .extracting(s -> s.summary().get(LakeTables.BATCH))
          .doesNotHaveDuplicates();
    }

    new Loader(
            new DatabaseConfig("warehouse", warehouse.jdbcUrl(), warehouse.user(), password()),
            new LocalLakeStore(processed),
            LoadSettings.defaults().withTempDirectory(dir.resolve("work")),
            clock)
        .load("load");
    try (LakeSql lake = LakeSql.open(tables, new LocalLakeStore(processed), "256MB", dir)) {
      LakeMatchesWarehouse.assertSameRows(lake, warehouse);
      long globbed =
          ((Number)
                  lake.query(
                          "SELECT count(*) FROM read_parquet('"
                              + processed
                              + "/fact_sales_order/**/*.parquet')")
                      .rows()
                      .get(0)
                      .get(0))
              .longValue();
      assertThat(globbed)
          .as("a folder glob reads the killed run's orphans too")
          .isGreaterThan(warehouse.queryLong("SELECT count(*) FROM fact_sales_order"));
    }
  }

  private String password() {
    return warehouse.password();
  }

  private LakeTables tables() {
    LocalLakeStore zone = new LocalLakeStore(processed);
    return new LakeTables(
        new LakeCatalog(
            SqliteCatalogs.open(
                "jdbc:sqlite:" + processed.resolve(SqliteCatalogs.CATALOG_KEY), zone),
            LakeCatalog.DEFAULT_NAMESPACE),
        zone,
        dir.resolve("work"));
  }

  private void extract(String runId) {
    new Extractor(
            new DatabaseConfig("source", source.jdbcUrl(), source.user(), source.password()),
            new LocalLakeStore(ingestion),
            ExtractSettings.defaults(),
            clock)
        .extract(runId);
  }

  private void killedAt(int write, String counted) throws Exception {
    killedAt(write, counted, () -> true);
  }

  /** Kills the transform once it halted at the write and {@code also} holds. */
  private void killedAt(int write, String counted, BooleanSupplier also) throws Exception {
    try (ChildJvm child = child(write, counted)) {
      child.awaitCondition(
          () -> child.output().contains(HaltingLakeStore.HALTED) && also.getAsBoolean(), TIMEOUT);
      child.killHard();
    }
  }

  /**
   * How many tables (rows and deletion records) have a snapshot of {@code batch}: read only, with a
   * catalog of its own that is closed again, while the child may be committing.
   */
  private int tablesWith(BatchId batch) {
    LocalLakeStore zone = new LocalLakeStore(processed);
    try (JdbcCatalog catalog =
        SqliteCatalogs.open("jdbc:sqlite:" + processed.resolve(SqliteCatalogs.CATALOG_KEY), zone)) {
      return new LakeTables(
              new LakeCatalog(catalog, LakeCatalog.DEFAULT_NAMESPACE), zone, dir.resolve("work"))
          .snapshotsOf(batch)
          .size();
    }
  }

  private ChildJvm child(int write, String counted) {
    return ChildJvm.start(
        clock,
        IcebergTransformInChildJvm.class,
        ingestion.toString(),
        processed.toString(),
        dir.resolve("work").toString(),
        Integer.toString(write),
        counted);
  }
}
