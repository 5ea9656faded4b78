package dev.blackwater.load;

import static dev.blackwater.warehouse.WarehouseTable.DIM_COUNTERPARTY;
import static dev.blackwater.warehouse.WarehouseTable.DIM_CURRENCY;
import static dev.blackwater.warehouse.WarehouseTable.DIM_DATE;
import static dev.blackwater.warehouse.WarehouseTable.DIM_DESIGN;
import static dev.blackwater.warehouse.WarehouseTable.DIM_LOCATION;
import static dev.blackwater.warehouse.WarehouseTable.DIM_STAFF;
import static dev.blackwater.warehouse.WarehouseTable.FACT_SALES_ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.Sql;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.config.WarehouseMode;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.warehouse.WarehouseTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load against a real PostgreSQL warehouse, on hand-made processed batches. */
class LoaderIT {

  /** One clock for everything this test runs, so its runs follow each other in time. */
  private final Clock clock = TestClock.ticking();

  @TempDir Path dir;
  private TestDatabase warehouse;
  private LocalLakeStore lake;
  private ProcessedLake batches;

  @BeforeEach
  void setUp() throws Exception {
    warehouse = PostgresServer.shared().createDatabase("loader");
    lake = new LocalLakeStore(dir.resolve("processed"));
    Files.createDirectories(dir.resolve("scratch"));
    batches = new ProcessedLake(lake, dir.resolve("scratch"));
  }

  @AfterEach
  void tearDown() {
    warehouse.close();
  }

  private Loader loader(LoadSettings settings) {
    return new Loader(
        new DatabaseConfig(
            "warehouse", warehouse.jdbcUrl(), warehouse.user(), warehouse.password()),
        lake,
        settings.withTempDirectory(dir),
        clock);
  }

  private Loader loader() {
    return loader(LoadSettings.defaults());
  }

  private static Map<WarehouseTable, List<String>> firstBatch() {
    Map<WarehouseTable, List<String>> rows = new LinkedHashMap<>();
    rows.put(
        DIM_DATE,
        List.of(
            ProcessedLake.date("2024-01-01"),
            ProcessedLake.date("2024-01-05"),
            ProcessedLake.date("2024-01-09")));
    rows.put(
        DIM_STAFF,
        List.of("(1, 'Jeremie', 'O''Franey', 'Sales', 'Manchester', 'j.f@terrifictotes.com')"));
    rows.put(
        DIM_LOCATION,
        List.of("(7, '1 Road', NULL, '', 'Leeds', 'LS1', 'United Kingdom', '0113 000')"));
    rows.put(DIM_CURRENCY, List.of("(1, 'GBP', 'British Pound')"));
    rows.put(DIM_DESIGN, List.of("(3, 'Wooden', '/usr', 'wooden-20220717-npgz.json')"));
    rows.put(
        DIM_COUNTERPARTY,
        List.of(
            "(4, 'Leannon, Predovic and Morar', '1 Road', NULL, NULL, 'Leeds', 'LS1', 'UK', '0113')"));
    rows.put(
        FACT_SALES_ORDER,
        List.of(
            "(100, '2024-01-01', '09:00:00.123', '2024-01-01', '09:00:00.123', 1, 4, 500, 2.50, 1, 3,"
                + " '2024-01-09', '2024-01-05', 7)"));
    return rows;
  }

  /** A new version of the staff member and the fact, and one more date. */
  private static Map<WarehouseTable, List<String>> secondBatch() {
    Map<WarehouseTable, List<String>> rows = new LinkedHashMap<>();
    rows.put(DIM_DATE, List.of(ProcessedLake.date("2024-01-01"), ProcessedLake.date("2024-02-01")));
    rows.put(
        DIM_STAFF,
        List.of("(1, 'Jeremie', 'Franey', 'Finance', 'Leeds', 'j.f@terrifictotes.com')"));
    rows.put(
        FACT_SALES_ORDER,
        List.of(
            "(100, '2024-01-01', '09:00:00.123', '2024-01-01', '09:00:00.123', 1, 4, 500, 2.50, 1, 3,"
                + " '2024-01-09', '2024-01-05', 7)",
            "(100, '2024-01-01', '09:00:00.123', '2024-02-01', '10:00:00.5', 1, 4, 900, 2.50, 1, 3,"
                + " '2024-01-09', '2024-01-05', 7)"));
    return rows;
  }

  @Test
  void loadsABatchOnceAndKeepsEveryFactVersion() {
    Manifest committed = batches.commit(firstBatch());

    LoadResult first = loader().load("r1");
    LoadResult rerun = loader().load("r2");

    assertThat(first.batches()).hasSize(1);
    assertThat(first.migrations()).isEqualTo(5);
    assertThat(rerun.nothingNew()).isTrue();
    assertThat(warehouse.queryLong("SELECT count(*) FROM fact_sales_order")).isEqualTo(1);
    assertThat(warehouse.queryString("SELECT created_time::text FROM fact_sales_order"))
        .isEqualTo("09:00:00.123");
    assertThat(warehouse.queryString("SELECT unit_price::text FROM fact_sales_order"))
        .isEqualTo("2.50");
    assertThat(warehouse.queryString("SELECT last_name FROM dim_staff")).isEqualTo("O'Franey");
    assertThat(
            warehouse.queryLong(
                "SELECT count(*) FROM dim_location WHERE address_line_2 IS NULL AND district = ''"))
        .isEqualTo(1);
    assertThat(
            warehouse.queryString(
                "SELECT day_name || ' ' || month_name FROM dim_date WHERE date_id = '2024-01-01'"))
        .isEqualTo("Monday January");
    assertThat(warehouse.queryString("SELECT source_batch FROM blackwater_loaded_batch"))
        .isEqualTo(committed.consumed().get(0))
        .startsWith("000001-");

    batches.commit(secondBatch());

    LoadResult next = loader().load("r3");

    assertThat(next.batches())
        .singleElement()
        .satisfies(b -> assertThat(b.changed().get("fact_sales_order")).isEqualTo(1));
    assertThat(warehouse.queryLong("SELECT count(*) FROM fact_sales_order")).isEqualTo(2);
    assertThat(warehouse.queryLong("SELECT units_sold FROM fact_sales_order_current"))
        .isEqualTo(900);
    assertThat(warehouse.queryString("SELECT department_name FROM dim_staff WHERE staff_id = 1"))
        .isEqualTo("Finance");
    assertThat(warehouse.queryLong("SELECT count(*) FROM dim_date")).isEqualTo(4);
    assertThat(warehouse.queryLong("SELECT count(*) FROM blackwater_loaded_batch")).isEqualTo(2);
  }

  @Test
  void aForeignKeyViolationNamesTableAndKeyAndLeavesNothing() {
    Map<WarehouseTable, List<String>> rows = firstBatch();
    rows.put(
        FACT_SALES_ORDER,
        List.of(
            "(100, '2024-01-01', '09:00:00', '2024-01-01', '09:00:00', 99, 4, 500, 2.50, 1, 3,"
                + " '2024-01-09', '2024-01-05', 7)"));
    batches.commit(rows);

    assertThatThrownBy(() -> loader().load("r"))
        .isInstanceOf(BlackwaterException.class)
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.DATA_QUALITY))
        .hasMessageContaining("fact_sales_order")
        .hasMessageContaining("(sales_staff_id)=(99)")
        .hasMessageContaining("was not loaded");
    assertThat(warehouse.queryLong("SELECT count(*) FROM dim_staff")).isZero();
    assertThat(warehouse.queryLong("SELECT count(*) FROM blackwater_loaded_batch")).isZero();
  }

  @Test
  void aBulkLoadIntoEmptyTablesRebuildsEveryKeyAndIndexAndStillRefusesBadKeys() {
    Map<WarehouseTable, List<String>> rows = firstBatch();
    rows.put(
        FACT_SALES_ORDER,
        List.of(
            "(100, '2024-01-01', '09:00:00', '2024-01-01', '09:00:00', 1, 4, 500, 2.50, 1, 3,"
                + " '2024-01-09', '2024-01-05', 7)",
            "(101, '2024-01-01', '09:00:00', '2024-01-01', '09:00:00', 77, 4, 500, 2.50, 1, 3,"
                + " '2024-01-09', '2024-01-05', 7)"));
    batches.commit(rows);
    String structures =
        "SELECT count(*) FROM pg_constraint WHERE conrelid = 'fact_sales_order'::regclass";

    assertThatThrownBy(() -> loader(LoadSettings.defaults().withBulkRows(1)).load("bulk"))
        .hasMessageContaining("fact_sales_order_sales_staff_id_fkey")
        .hasMessageContaining("was not loaded");
    long constraints = warehouse.queryLong(structures);
    assertThat(constraints).isEqualTo(11);
    assertThat(warehouse.queryLong("SELECT count(*) FROM fact_sales_order")).isZero();
    assertThat(warehouse.queryLong("SELECT count(*) FROM dim_staff")).isZero();

    ProcessedLake fixed =
        new ProcessedLake(new LocalLakeStore(dir.resolve("processed-2")), dir.resolve("scratch"));
    fixed.commit(firstBatch());
    LoadResult loaded =
        new Loader(
                new DatabaseConfig(
                    "warehouse", warehouse.jdbcUrl(), warehouse.user(), warehouse.password()),
                new LocalLakeStore(dir.resolve("processed-2")),
                LoadSettings.defaults().withTempDirectory(dir).withBulkRows(1),
                clock)
            .load("bulk-ok");
    assertThat(loaded.rows()).isPositive();
    assertThat(warehouse.queryLong(structures)).isEqualTo(constraints);
    assertThat(
            warehouse.queryLong(
                "SELECT count(*) FROM pg_indexes WHERE tablename = 'fact_sales_order'"))
        .isEqualTo(3);
    assertThat(warehouse.queryLong("SELECT count(*) FROM fact_sales_order")).isEqualTo(1);
  }

  @Test
  void aDamagedProcessedObjectIsRefused() throws Exception {
    Manifest manifest = batches.commit(firstBatch());
    String key = manifest.tables().get("dim_staff").objects().get(0).key();
    Path file = dir.resolve("processed").resolve(key);
    file.toFile().setWritable(true);
    Files.write(file, new byte[] {1, 2, 3});

    assertThatThrownBy(() -> loader().load("r"))
        .hasMessageContaining(key)
        .hasMessageContaining("is corrupt");
    assertThat(warehouse.queryLong("SELECT count(*) FROM blackwater_loaded_batch")).isZero();
    assertThat(warehouse.queryLong("SELECT count(*) FROM dim_date")).isZero();
  }

  @Test
  void loadsIntoAnotherSchemaAndChecksOnePreparedByAnotherTeam() {
    batches.commit(firstBatch());

    loader(LoadSettings.defaults().withSchema("analytics")).load("r1");

    assertThat(warehouse.queryLong("SELECT count(*) FROM analytics.fact_sales_order")).isEqualTo(1);
    assertThat(
            warehouse.queryLong(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
                    + " AND table_name LIKE 'fact%'"))
        .isZero();

    assertThatThrownBy(
            () -> loader(LoadSettings.defaults().withMode(WarehouseMode.CHECK)).load("r2"))
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.DATA_QUALITY))
        .hasMessageContaining("table fact_sales_order is missing");

    LoadResult checked =
        loader(LoadSettings.defaults().withSchema("analytics").withMode(WarehouseMode.CHECK))
            .load("r3");
    assertThat(checked.nothingNew()).isTrue();
  }

  @Test
  void loadsIntoASchemaNamedByAReservedWord() {
    // "order" passes the schema-name check but is reserved: every statement must quote it
    LoadSettings settings = LoadSettings.defaults().withSchema("order").withBulkRows(1);
    batches.commit(firstBatch());
    batches.commit(secondBatch());

    LoadResult loaded = loader(settings).load("r1");

    assertThat(loaded.batches()).hasSize(2);
    assertThat(
            warehouse.queryLong(
                "SELECT count(*) FROM " + Sql.qualified("order", "fact_sales_order")))
        .isEqualTo(2);
    assertThat(
            warehouse.queryLong(
                "SELECT units_sold FROM " + Sql.qualified("order", "fact_sales_order_current")))
        .isEqualTo(900);
    assertThat(
            warehouse.queryString(
                "SELECT department_name FROM " + Sql.qualified("order", "dim_staff")))
        .isEqualTo("Finance");
    assertThat(
            warehouse.queryLong(
                "SELECT count(*) FROM pg_constraint WHERE conrelid = "
                    + Sql.literal(Sql.qualified("order", "fact_sales_order"))
                    + "::regclass"))
        .isEqualTo(11);
    assertThat(loader(settings).load("r2").nothingNew()).isTrue();
    assertThat(loader(settings.withMode(WarehouseMode.CHECK)).load("r3").nothingNew()).isTrue();
  }

  @Test
  void refusesToMigrateOverTablesItDidNotCreate() {
    warehouse.execute("CREATE TABLE dim_date (date_id date PRIMARY KEY)");
    batches.commit(firstBatch());

    assertThatThrownBy(() -> loader().load("r"))
        .hasMessageContaining("already holds dim_date")
        .hasMessageContaining("nothing was changed");
    assertThat(
            warehouse.queryLong(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'fact_payment'"))
        .isZero();
  }

  @Test
  void twoLoadsAtOnceLoadEachBatchOnce() {
    batches.commit(firstBatch());
    Map<WarehouseTable, List<String>> second = new LinkedHashMap<>();
    second.put(DIM_DATE, List.of(ProcessedLake.date("2024-03-01")));
    batches.commit(second);
    new dev.blackwater.warehouse.WarehouseSchema(
            new DatabaseConfig(
                "warehouse", warehouse.jdbcUrl(), warehouse.user(), warehouse.password()),
            "public")
        .migrate();

    List<CompletableFuture<LoadResult>> runs =
        List.of(
            CompletableFuture.supplyAsync(() -> loader().load("a")),
            CompletableFuture.supplyAsync(() -> loader().load("b")));
    List<LoadResult> results = runs.stream().map(CompletableFuture::join).toList();

    assertThat(results.stream().mapToInt(r -> r.batches().size()).sum()).isEqualTo(2);
    assertThat(warehouse.queryLong("SELECT count(*) FROM blackwater_loaded_batch")).isEqualTo(2);
    assertThat(warehouse.queryLong("SELECT count(*) FROM fact_sales_order")).isEqualTo(1);
  }

  @Test
  void refusesABatchThatDoesNotFollowTheOneBeforeIt() {
    batches.commit(firstBatch());
    dev.blackwater.lake.BatchId stray =
        new dev.blackwater.lake.BatchId(2, java.time.Instant.parse("2026-11-27T11:00:00Z"));
    new dev.blackwater.lake.BatchLog(lake)
        .commit(
            Manifest.transform(
                stray,
                Optional.of(dev.blackwater.lake.BatchId.parse("000099-20260101T000000Z")),
                new dev.blackwater.lake.BatchId(1, stray.time()),
                "t",
                stray.time(),
                stray.time(),
                Map.of(),
                Map.of(),
                Map.of()),
            new dev.blackwater.lake.Claim(stray.toString(), "t", "h", 1, stray.time()));

    assertThatThrownBy(() -> loader().load("r"))
        .hasMessageContaining("processed batch " + stray + " follows 000099-20260101T000000Z");
    assertThat(warehouse.queryLong("SELECT count(*) FROM blackwater_loaded_batch")).isEqualTo(0);
  }

  @Test
  void namesAnUnreachableWarehouseWithoutItsPassword() {
    batches.commit(firstBatch());
    Loader loader =
        new Loader(
            new DatabaseConfig("warehouse", "jdbc:postgresql://127.0.0.1:9/w", "u", "pw-secret"),
            lake,
            LoadSettings.defaults(),
            clock);
    assertThatThrownBy(() -> loader.load("r"))
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONNECTION))
        .hasMessageContaining("cannot reach the warehouse database")
        .hasMessageNotContaining("pw-secret");
  }
}
