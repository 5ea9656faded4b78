package dev.blackwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.Freshness;
import dev.blackwater.Stage;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.DatabaseSettings;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.config.PipelineConfig;
import dev.blackwater.config.SecretReader;
import dev.blackwater.config.WarehouseMode;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.extract.Extractor;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.LakeStores;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.load.LoadResult;
import dev.blackwater.load.Loader;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.SimulateOptions;
import dev.blackwater.totesys.Simulator;
import dev.blackwater.transform.TransformResult;
import dev.blackwater.transform.Transformer;
import dev.blackwater.verify.Check;
import dev.blackwater.verify.Verifier;
import dev.blackwater.verify.VerifyReport;
import dev.blackwater.warehouse.WarehouseSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a generated totesys: the warehouse equals an independent SQL star schema of
 * the source, keeps every fact version, changes nothing on a rerun, and verify and status tell the
 * truth about it. Each test starts from a freshly seeded source, an empty lake and an empty
 * warehouse of its own, and runs the cycles it needs itself.
 */
class PipelineIT {

  @TempDir Path dir;
  private final Clock clock = TestClock.ticking();
  private LocalPipeline local;
  private TestDatabase source;
  private TestDatabase warehouse;
  private PipelineConfig config;

  @BeforeEach
  void freshSourceLakeAndWarehouse() throws Exception {
    local =
        LocalPipeline.seeded(
            "pipeline",
            dir,
            new SeedOptions(0.05, 21),
            LoadSettings.defaults().withBulkRows(1_000));
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

  private RunResult cycle(String runId) {
    return new Blackwater(config, LakeStores.local(), SecretReader.none(), clock)
        .pipeline(StageListener.NONE)
        .run(runId, () -> false);
  }

  /** Inserts, amends and pays in the source as totesys would. */
  private void change(int changes, long seed) throws Exception {
    try (Connection c = source.connect()) {
      new Simulator(clock).simulate(c, new SimulateOptions(changes, seed));
    }
  }

  @Test
  void theFirstCycleBuildsTheStarSchemaOfTheSource() {
    Instant before = clock.instant();
    RunResult result = cycle("first");
    Instant after = clock.instant();

    assertThat(result.load().batches()).hasSize(1);
    String newestInSource =
        source.queryString(
            "SELECT to_char(max(u), 'YYYY-MM-DD\"T\"HH24:MI:SS.US') FROM (SELECT last_updated u"
                + " FROM sales_order UNION ALL SELECT last_updated FROM purchase_order"
                + " UNION ALL SELECT last_updated FROM payment) v");
    assertThat(result.newestVersion())
        .isEqualTo(result.load().newestVersion())
        .isEqualTo(newestInSource);
    assertThat(result.load().newestChangeAge())
        .isBetween(Freshness.lag(newestInSource, before), Freshness.lag(newestInSource, after));
    Instant loadEnd = result.load().startedAt().plus(result.load().duration());
    assertThat(result.load().warehouseFreshAsOf())
        .as("every change made before the cycle's extract started is in the warehouse")
        .isBetween(before, result.extract().startedAt());
    assertThat(result.freshnessLag())
        .isEqualTo(Duration.between(result.load().warehouseFreshAsOf(), loadEnd));
    assertWarehouseEqualsSource();
    String notValidated =
        "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated";
    assertThat(warehouse.queryLong(notValidated))
        .as("a bulk load adds the foreign keys it checked NOT VALID")
        .isEqualTo(24);
    VerifyReport report = verify();
    assertThat(report.failures()).isEmpty();
    assertThat(report.checks())
        .filteredOn(c -> c.name().equals("foreign keys validated"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.detail())
                    .isEqualTo("24 validated now (added NOT VALID by a bulk load)"));
    assertThat(warehouse.queryLong(notValidated))
        .as("verify has PostgreSQL validate them")
        .isZero();
  }

  @Test
  void verifyFailsOnAForeignKeyThatDoesNotValidate() {
    cycle("first");
    // a row a NOT VALID key does not cover: written with the key's triggers off, as a restore or a
    // hand edit might
    warehouse.execute(
        "SET session_replication_role = replica;"
            + " UPDATE fact_sales_order SET sales_staff_id = 999999 WHERE sales_record_id = 1");

    VerifyReport report = verify();

    assertThat(report.failures())
        .extracting(Check::name)
        .contains("fact_sales_order keys in dimensions", "foreign keys validated");
    assertThat(report.checks())
        .filteredOn(c -> c.name().equals("foreign keys validated"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.detail())
                    .startsWith("validation failed: fact_sales_order_sales_staff_id_fkey:")
                    .contains("999999"));
  }

  @Test
  void changesReachTheWarehouseWithEveryFactVersionKept() throws Exception {
    cycle("first");
    long ordersBefore = warehouse.queryLong("SELECT count(*) FROM fact_sales_order");
    change(300, 8);

    RunResult result = cycle("second");

    assertThat(result.extract().rows()).isGreaterThan(300);
    assertWarehouseEqualsSource();
    assertThat(warehouse.queryLong("SELECT count(*) FROM fact_sales_order"))
        .isGreaterThan(ordersBefore);
    assertThat(warehouse.queryLong("SELECT count(*) FROM fact_sales_order"))
        .isEqualTo(versionsInLake("fact_sales_order"));
    assertThat(warehouse.queryLong("SELECT count(*) FROM fact_payment"))
        .isEqualTo(versionsInLake("fact_payment"));
    assertThat(
            warehouse.queryLong(
                "SELECT count(*) FROM (SELECT sales_order_id FROM fact_sales_order"
                    + " GROUP BY sales_order_id HAVING count(*) > 1) amended"))
        .as("amended orders keep both versions")
        .isPositive();
    assertThat(verify().failures()).isEmpty();
  }

  @Test
  void aRerunChangesNothing() throws Exception {
    cycle("first");
    change(300, 8);
    cycle("second");
    String before = fingerprint();

    RunResult result = cycle("rerun");

    assertThat(result.extract().nothingNew()).isTrue();
    assertThat(result.transform().nothingNew()).isTrue();
    assertThat(result.load().nothingNew()).isTrue();
    assertThat(fingerprint()).isEqualTo(before);
    assertThat(result.load().warehouseFreshAsOf())
        .as("a cycle that found nothing new leaves the warehouse as fresh as its extract")
        .isAfter(result.extract().startedAt().minusSeconds(1))
        .isBefore(result.extract().startedAt().plus(result.extract().duration()));
    assertThat(result.freshnessLag()).isLessThanOrEqualTo(result.duration());
    assertThat(result.load().newestChangeAge())
        .as("the newest change is older than this cycle: not a lag")
        .isGreaterThan(result.duration());
  }

  @Test
  void statusShowsTheBacklogOfStagesRunAloneAndTheNextCycleClearsIt() throws Exception {
    cycle("first");
    change(20, 9);
    ExtractResult extracted =
        new Extractor(
                db("source", source),
                new LocalLakeStore(dir.resolve("ingestion")),
                config.extract(),
                clock)
            .extract("extract-only");
    StatusReport status = status();

    assertThat(extracted.nothingNew()).isFalse();
    assertThat(stage(status, Stage.TRANSFORM).backlog()).isEqualTo(1);
    assertThat(stage(status, Stage.LOAD).backlog()).isZero();
    assertThat(stage(status, Stage.EXTRACT).lastSuccess().runId()).isEqualTo("first");
    assertThat(status.tables()).hasSize(11);
    assertThat(status.facts()).hasSize(3);
    assertThat(status.freshnessLag()).isNotNull();

    TransformResult transformed =
        new Transformer(
                new LocalLakeStore(dir.resolve("ingestion")),
                new LocalLakeStore(dir.resolve("processed")),
                config.transform(),
                clock)
            .transform("transform-only");
    assertThat(transformed.batches()).hasSize(1);
    assertThat(stage(status(), Stage.LOAD).backlog()).isEqualTo(1);
    assertThat(verify().failures())
        .extracting(Check::name)
        .containsExactly("processed batches loaded");

    RunResult caughtUp = cycle("catch-up");
    assertThat(caughtUp.load().batches()).hasSize(1);
    assertThat(stage(status(), Stage.LOAD).backlog()).isZero();
    assertThat(verify().failures()).isEmpty();
  }

  @Test
  void verifyCatchesADeletedFactRowAndAnAlteredDimensionValue() {
    cycle("first");
    assertThat(verify().failures()).isEmpty();

    warehouse.execute(
        "DELETE FROM fact_payment WHERE payment_record_id = (SELECT max(payment_record_id) FROM fact_payment)");
    warehouse.execute(
        "UPDATE dim_design SET design_name = 'Tampered' WHERE design_id = (SELECT min(design_id) FROM dim_design)");

    assertThat(verify().failures())
        .extracting(Check::name)
        .contains("fact_payment versions", "fact_payment (current)", "dim_design");
  }

  @Test
  void loadIntoAnEmptySchemaReplaysTheLake() throws Exception {
    cycle("first");
    change(300, 8);
    cycle("second");
    List<BatchId> committed =
        new BatchLog(new LocalLakeStore(dir.resolve("processed"))).committed();
    assertThat(committed).as("a first batch and a batch of changes to replay").hasSize(2);
    PipelineConfig rebuild =
        new PipelineConfig(
            DatabaseSettings.of(db("source", source)),
            DatabaseSettings.of(db("warehouse", warehouse)),
            config.ingestion(),
            config.processed(),
            config.extract(),
            config.transform(),
            config.load().withSchema("rebuilt").withMode(WarehouseMode.MIGRATE));
    LoadResult replayed =
        new Loader(
                db("warehouse", warehouse),
                new LocalLakeStore(dir.resolve("processed")),
                rebuild.load(),
                clock)
            .load("rebuild");

    assertThat(replayed.batches()).hasSize(committed.size());
    assertThat(warehouse.queryLong("SELECT count(*) FROM rebuilt.fact_sales_order"))
        .isEqualTo(versionsInLake("fact_sales_order"));
    VerifyReport report =
        new Verifier(
                db("source", source),
                new LocalLakeStore(dir.resolve("ingestion")),
                new LocalLakeStore(dir.resolve("processed")),
                new WarehouseSchema(db("warehouse", warehouse), "rebuilt"),
                true)
            .verify();
    assertThat(report.failures()).isEmpty();
  }

  private void assertWarehouseEqualsSource() {
    for (Map.Entry<String, String[]> q : ExpectedStarSchema.QUERIES.entrySet()) {
      List<String> expected = ExpectedStarSchema.rows(source, q.getValue()[0]);
      List<String> actual = ExpectedStarSchema.rows(warehouse, q.getValue()[1]);
      assertThat(actual).as(q.getKey()).hasSameSizeAs(expected);
      assertThat(actual).as(q.getKey()).isEqualTo(expected);
    }
  }

  private long versionsInLake(String fact) {
    BatchLog log = new BatchLog(new LocalLakeStore(dir.resolve("processed")));
    return log.committed().stream()
        .map(log::read)
        .map(m -> m.tables().get(fact))
        .filter(java.util.Objects::nonNull)
        .mapToLong(Manifest.Table::rows)
        .sum();
  }

  private String fingerprint() {
    StringBuilder all = new StringBuilder();
    for (String table :
        List.of(
            "fact_sales_order",
            "fact_purchase_order",
            "fact_payment",
            "dim_staff",
            "dim_date",
            "blackwater_loaded_batch")) {
      all.append(
          warehouse.queryString(
              "SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM " + table + " t"));
    }
    return all.toString();
  }

  private VerifyReport verify() {
    return new Verifier(
            db("source", source),
            new LocalLakeStore(dir.resolve("ingestion")),
            new LocalLakeStore(dir.resolve("processed")),
            new WarehouseSchema(db("warehouse", warehouse), "public"),
            true)
        .verify();
  }

  private StatusReport status() {
    return new StatusReporter(
            new LocalLakeStore(dir.resolve("ingestion")),
            new LocalLakeStore(dir.resolve("processed")),
            Optional.of(new WarehouseSchema(db("warehouse", warehouse), "public")),
            clock)
        .report();
  }

  private static StatusReport.StageStatus stage(StatusReport report, Stage stage) {
    return report.stages().stream().filter(s -> s.stage() == stage).findFirst().orElseThrow();
  }
}
