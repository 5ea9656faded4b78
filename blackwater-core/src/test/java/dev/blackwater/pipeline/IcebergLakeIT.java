package dev.blackwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.config.PipelineConfig;
import dev.blackwater.config.SecretReader;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.iceberg.CatalogFactory;
import dev.blackwater.iceberg.LakeMaintenance;
import dev.blackwater.iceberg.LakeSql;
import dev.blackwater.iceberg.LakeTables;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.LakeStores;
import dev.blackwater.lake.Manifest;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.SimulateOptions;
import dev.blackwater.totesys.Simulator;
import dev.blackwater.warehouse.WarehouseTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processed zone as Iceberg tables, through whole cycles: each processed batch is appended to
 * the tables it has rows for, and DuckDB reading the tables' current snapshots returns exactly the
 * warehouse's rows.
 */
class IcebergLakeIT {

  @TempDir Path dir;
  private final Clock clock = TestClock.ticking();
  private LocalPipeline local;
  private TestDatabase source;
  private TestDatabase warehouse;
  private PipelineConfig config;

  @BeforeEach
  void freshSourceLakeAndWarehouse() throws Exception {
    local =
        LocalPipeline.seeded("iceberg", dir, new SeedOptions(0.01, 17), LoadSettings.defaults());
    source = local.source();
    warehouse = local.warehouse();
    config = local.config();
  }

  @AfterEach
  void dropDatabases() {
    local.close();
  }

  private static DatabaseConfig db(String role, TestDatabase db) {
    return LocalPipeline.db(role, db);
  }

  private Blackwater blackwater() {
    return new Blackwater(config, LakeStores.local(), SecretReader.none(), clock);
  }

  @Test
  void everyBatchIsAppendedAndDuckDbReadsTheWarehousesRows() throws Exception {
    blackwater().pipeline(StageListener.NONE).run("first", () -> false);
    try (Connection c = source.connect()) {
      new Simulator().simulate(c, new SimulateOptions(300, 5));
    }
    blackwater().pipeline(StageListener.NONE).run("second", () -> false);
    try (Connection c = source.connect()) {
      new Simulator().simulate(c, new SimulateOptions(300, 6));
    }
    blackwater().pipeline(StageListener.NONE).run("third", () -> false);

    Blackwater blackwater = blackwater();
    LakeTables tables = blackwater.requireLakeTables();
    BatchLog log = new BatchLog(blackwater.processed());
    assertThat(log.committed()).hasSize(3);
    assertThat(tables.committedThrough()).contains(log.committed().get(2));
    Table sales = tables.table(WarehouseTable.FACT_SALES_ORDER);
    assertThat(sales.snapshots())
        .extracting(Snapshot::summary)
        .extracting(s -> s.get(LakeTables.BATCH))
        .containsExactly(
            log.committed().get(0).toString(),
            log.committed().get(1).toString(),
            log.committed().get(2).toString());
    assertThat(sales.spec().fields()).hasSize(1);
    List<String> firstObjects =
        log.read(log.committed().get(0)).tables().get("fact_sales_order").objects().stream()
            .map(Manifest.ObjectRef::key)
            .toList();
    assertThat(firstObjects)
        .as("the first batch's history: one object per month, written so by the transform")
        .hasSizeGreaterThan(12)
        .allMatch(k -> k.matches(".*/\\d{6}-\\d{8}T\\d{6}Z\\.\\d{4}-\\d{2}\\.parquet"));
    assertThat(tables.currentFiles(WarehouseTable.FACT_SALES_ORDER))
        .as("each appended to the Iceberg table as it is: nothing split again")
        .containsAll(firstObjects)
        .noneMatch(k -> k.startsWith(LakeTables.PREFIX + "data/"));
    assertThat(tables.catchUp()).as("nothing left to append").isEmpty();
    String third = log.committed().get(2).toString();
    assertThat(
            warehouse.queryString(
                "SELECT iceberg_snapshots->>'fact_sales_order' FROM blackwater_loaded_batch"
                    + " WHERE batch_id = '"
                    + third
                    + "'"))
        .as("the warehouse records the snapshot it loaded")
        .isEqualTo(Long.toString(sales.currentSnapshot().snapshotId()))
        .isEqualTo(
            Long.toString(tables.snapshotsOf(log.committed().get(2)).get("fact_sales_order")));

    try (LakeSql lake = LakeSql.open(tables, blackwater.processed(), "256MB", dir)) {
      LakeMatchesWarehouse.assertSameRows(lake, warehouse);
    }

    LakeMaintenance maintenance = blackwater.lakeMaintenance().orElseThrow();
    LakeMaintenance.Compaction compacted = maintenance.compact(2);
    assertThat(compacted.replaced())
        .as("the two batches of this month in one file per fact table")
        .containsEntry("fact_sales_order", 2);
    sales.refresh();
    assertThat(sales.currentSnapshot().summary()).containsKey(LakeMaintenance.COMPACTED);
    assertThat(maintenance.compact(2).replaced()).as("nothing more to compact").isEmpty();
    try (LakeSql lake = LakeSql.open(tables, blackwater.processed(), "256MB", dir)) {
      LakeMatchesWarehouse.assertSameRows(lake, warehouse);
    }
    Map<String, Integer> expired = maintenance.expire(Duration.ofHours(1));
    assertThat(expired).containsEntry("fact_sales_order", 3);
    sales.refresh();
    assertThat(sales.snapshots()).hasSize(1);
    assertThat(maintenance.maintainIfDue(Duration.ofDays(1), Duration.ofDays(7))).isPresent();
    assertThat(maintenance.maintainIfDue(Duration.ofDays(1), Duration.ofDays(7)))
        .as("done less than a day ago")
        .isEmpty();
    assertThat(blackwater.processed().listAll("", null))
        .as("no file deleted: every manifest's objects stay")
        .extracting(o -> o.key())
        .containsAll(
            log.committed().stream()
                .flatMap(b -> dev.blackwater.lake.LakeLayout.namedBy(log.read(b)).stream())
                .toList());

    Blackwater withoutCatalog =
        new Blackwater(config, LakeStores.local(), SecretReader.none(), clock, CatalogFactory.NONE);
    assertThat(withoutCatalog.lakeMaintenance()).isEmpty();
    assertThatThrownBy(withoutCatalog::requireLakeTables)
        .isInstanceOf(BlackwaterException.class)
        .hasMessageContaining("has no Iceberg catalog");

    blackwater().pipeline(StageListener.NONE).run("after-maintenance", () -> false);
    try (LakeSql lake = LakeSql.open(tables, blackwater.processed(), "256MB", dir)) {
      LakeMatchesWarehouse.assertSameRows(lake, warehouse);
    }
  }
}
