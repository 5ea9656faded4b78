package dev.blackwater.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.Sql;
import dev.blackwater.catalog.Column;
import dev.blackwater.duckdb.DuckDbSession;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.ForwardingLakeStore;
import dev.blackwater.lake.LakeFiles;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.StoredObject;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.warehouse.WarehouseTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Iceberg tables of a zone whose objects are not local files (as on S3): footers, queries and
 * compaction fetch the objects through the store. A dimension reads as its newest version by batch;
 * a fact as every version; a batch appended twice is appended once.
 */
class RemoteZoneTablesTest {

  @TempDir Path dir;
  private final Clock clock = TestClock.ticking();

  @Test
  void tablesOfARemoteZoneAreAppendedQueriedAndCompactedThroughTheStore() throws Exception {
    // a store with no local files: every read goes through open()
    LakeStore zone =
        new ForwardingLakeStore(new LocalLakeStore(dir.resolve("zone"))) {
          @Override
          public Optional<Path> localFile(String key) {
            return Optional.empty();
          }
        };
    LakeTables tables =
        new LakeTables(
            new LakeCatalog(
                SqliteCatalogs.open("jdbc:sqlite:" + dir.resolve("catalog.db"), zone),
                LakeCatalog.DEFAULT_NAMESPACE),
            zone,
            dir.resolve("work"));
    BatchId first = BatchId.parse("000001-20241120T000000Z");
    BatchId second = BatchId.parse("000002-20241121T000000Z");
    Manifest one = batch(zone, first, Optional.empty(), 7, "Granite");
    Manifest two = batch(zone, second, Optional.of(first), 8, "Marble");

    assertThat(tables.commit(one, Map.of())).containsExactly("dim_design", "fact_payment");
    assertThat(tables.commit(two, Map.of())).containsExactly("dim_design", "fact_payment");
    assertThat(tables.commit(one, Map.of())).as("appended once").isEmpty();
    assertThat(tables.committedThrough()).contains(second);
    assertThat(tables.snapshotsOf(second)).containsKeys("dim_design", "fact_payment");

    try (LakeSql lake = LakeSql.open(tables, zone, "128MB", dir.resolve("work"))) {
      assertThat(lake.query("SELECT design_name FROM dim_design").rows())
          .as("the newest version by batch")
          .containsExactly(List.of("Marble"));
      assertThat(lake.query("SELECT payment_id FROM fact_payment ORDER BY 1").rows())
          .containsExactly(List.of(7), List.of(8));
      assertThat(lake.query("SELECT count(*) FROM fact_payment_current").rows().get(0).get(0))
          .isEqualTo(2L);
      assertThat(lake.query("CREATE TEMP TABLE t AS SELECT 1 AS x").columns()).isEmpty();
      assertThatThrownBy(() -> lake.query("SELEC 1"))
          .isInstanceOf(BlackwaterException.class)
          .hasMessageContaining("syntax error");
    }

    LakeMaintenance maintenance =
        new LakeMaintenance(tables, zone, clock, dir.resolve("work"), "128MB");
    assertThat(maintenance.compact(2).replaced()).containsEntry("fact_payment", 2);
    assertThat(maintenance.expire(Duration.ofDays(400))).isEmpty();
    try (LakeSql lake = LakeSql.open(tables, zone, "128MB", dir.resolve("work"))) {
      assertThat(lake.query("SELECT payment_id FROM fact_payment ORDER BY 1").rows())
          .containsExactly(List.of(7), List.of(8));
    }
    assertThat(tables.currentFiles(WarehouseTable.FACT_PAYMENT))
        .singleElement()
        .satisfies(k -> assertThat(k).startsWith("_iceberg/data/fact_payment/compacted-"));
  }

  /** A processed batch of one payment and one design version, uploaded to the zone. */
  private Manifest batch(
      LakeStore zone, BatchId batch, Optional<BatchId> parent, int payment, String design)
      throws SQLException, java.io.IOException {
    Path spill = Files.createDirectories(dir.resolve("spill"));
    Path fact = dir.resolve(batch + "-fact.parquet");
    Path dim = dir.resolve(batch + "-dim.parquet");
    try (DuckDbSession duck = new DuckDbSession("128MB", 1, spill)) {
      String nulls =
          LakeSql.typedNulls(WarehouseTable.FACT_PAYMENT)
              .replace(" WHERE false", "")
              .replace("CAST(NULL AS INTEGER) AS \"payment_id\"", payment + " AS \"payment_id\"")
              .replace(
                  "CAST(NULL AS DATE) AS \"last_updated_date\"",
                  "DATE '2024-11-20' AS \"last_updated_date\"");
      duck.execute(
          "COPY ("
              + nulls
              + ") TO "
              + Sql.literal(fact.toString())
              + " (FORMAT parquet, "
              + LakeSchemas.fieldIdsOption(WarehouseTable.FACT_PAYMENT)
              + ")");
      duck.execute(
          "COPY (SELECT 1 AS design_id, "
              + Sql.literal(design)
              + " AS design_name, 'x' AS file_location, 'y' AS file_name) TO "
              + Sql.literal(dim.toString())
              + " (FORMAT parquet, "
              + LakeSchemas.fieldIdsOption(WarehouseTable.DIM_DESIGN)
              + ")");
    }
    Map<String, Manifest.Table> entries = new LinkedHashMap<>();
    entries.put("fact_payment", table(zone, fact, batch.objectKey("fact_payment", ".parquet")));
    entries.put("dim_design", table(zone, dim, batch.objectKey("dim_design", ".parquet")));
    entries.put("dim_date", Manifest.Table.of(0, List.of(), List.of()));
    Instant now = clock.instant();
    return Manifest.transform(batch, parent, batch, "test", now, now, entries, Map.of(), Map.of());
  }

  private static Manifest.Table table(LakeStore zone, Path file, String key) {
    StoredObject stored = LakeFiles.upload(zone, file, key);
    return Manifest.Table.of(
        1,
        List.of(new Manifest.ObjectRef(key, 1, stored.bytes(), stored.sha256())),
        List.of(new Column("any", "INTEGER")));
  }
}
