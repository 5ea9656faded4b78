package dev.blackwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.DatabaseSettings;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.config.PipelineConfig;
import dev.blackwater.config.SecretReader;
import dev.blackwater.config.TransformSettings;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.extract.Extractor;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.LakeStores;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.pipeline.StatusReport.TableStatus;
import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.Seeder;
import dev.blackwater.totesys.SimulateOptions;
import dev.blackwater.totesys.Simulator;
import dev.blackwater.totesys.TotesysSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Status tells freshness apart from change: a table nobody changes (currency) is years old, yet the
 * lake and the warehouse are fresh as of the last extract that read the source, even one that found
 * nothing new; a batch waiting for transform and load holds the warehouse back, not the lake.
 */
class StatusFreshnessIT {

  /** A test clock that ticks, and jumps ahead when told: days pass between cycles. */
  private static final class Jumping extends Clock {
    private final Clock ticking = TestClock.ticking();
    private Duration ahead = Duration.ZERO;

    void jump(Duration by) {
      ahead = ahead.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return ticking.instant().plus(ahead);
    }
  }

  @TempDir Path dir;
  private final Jumping clock = new Jumping();
  private TestDatabase source;
  private TestDatabase warehouse;
  private Blackwater blackwater;

  @BeforeEach
  void sourceSeededUpToYesterday() throws Exception {
    source = PostgresServer.shared().createDatabase("status_source");
    warehouse = PostgresServer.shared().createDatabase("status_warehouse");
    LocalDate yesterday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
    try (Connection c = source.connect()) {
      TotesysSchema.create(c);
      new Seeder().seed(c, new SeedOptions(0.02, 5).endingOn(yesterday));
    }
    blackwater =
        new Blackwater(
            new PipelineConfig(
                DatabaseSettings.of(db("source", source)),
                DatabaseSettings.of(db("warehouse", warehouse)),
                Optional.of(dir.resolve("ingestion").toUri()),
                Optional.of(dir.resolve("processed").toUri()),
                ExtractSettings.defaults(),
                TransformSettings.defaults().withTempDirectory(dir).withThreads(2),
                LoadSettings.defaults().withTempDirectory(dir)),
            LakeStores.local(),
            SecretReader.none(),
            clock);
  }

  @AfterEach
  void dropDatabases() {
    source.close();
    warehouse.close();
  }

  private static DatabaseConfig db(String role, TestDatabase db) {
    return new DatabaseConfig(role, db.jdbcUrl(), db.user(), db.password());
  }

  @Test
  void aQuietSourceIsFreshAndAnUnchangedTableIsNotALag() throws Exception {
    RunResult first = blackwater.pipeline(StageListener.NONE).run("first", () -> false);
    clock.jump(Duration.ofDays(3));
    Instant beforeQuiet = clock.instant();
    RunResult quiet = blackwater.pipeline(StageListener.NONE).run("quiet", () -> false);

    StatusReport report = blackwater.status().report();

    assertThat(first.extract().nothingNew()).isFalse();
    assertThat(quiet.extract().nothingNew()).isTrue();
    assertThat(report.lakeFreshAsOf())
        .as("the quiet extract's run, not the first batch three days before")
        .isBetween(beforeQuiet, quiet.extract().startedAt());
    assertThat(report.warehouseFreshAsOf()).isEqualTo(report.lakeFreshAsOf());
    assertThat(report.lakeLag())
        .isEqualTo(Duration.between(report.lakeFreshAsOf(), report.at()))
        .isLessThan(Duration.ofMinutes(5));
    assertThat(report.warehouseLag()).isEqualTo(report.lakeLag());

    TableStatus currency = table(report, "currency");
    assertThat(currency.changeAge())
        .as("currency has not changed since the history began, two years ago")
        .isGreaterThan(Duration.ofDays(700))
        .isEqualTo(currency.lag());
    assertThat(table(report, "sales_order").changeAge())
        .as("the newest order is from the history's last day, before the three quiet days")
        .isGreaterThan(Duration.ofDays(3));
    assertThat(report.facts())
        .allSatisfy(f -> assertThat(f.changeAge()).isEqualTo(f.freshnessLag()));
  }

  @Test
  void aBatchNotYetLoadedHoldsTheWarehouseBackButNotTheLake() throws Exception {
    RunResult first = blackwater.pipeline(StageListener.NONE).run("first", () -> false);
    clock.jump(Duration.ofHours(2));
    try (Connection c = source.connect()) {
      new Simulator(clock).simulate(c, new SimulateOptions(30, 3));
    }
    Instant beforeExtract = clock.instant();
    ExtractResult extracted = blackwater.stages(StageListener.NONE).extract("extract-only");

    StatusReport report = blackwater.status().report();

    assertThat(extracted.nothingNew()).isFalse();
    assertThat(report.lakeFreshAsOf()).isBetween(beforeExtract, extracted.startedAt());
    assertThat(report.warehouseFreshAsOf())
        .as("the extract of the first batch, the newest the warehouse holds")
        .isEqualTo(BatchId.parse(first.extract().batch().orElseThrow()).time());
    assertThat(report.warehouseLag()).isGreaterThan(Duration.ofHours(2));
    assertThat(report.lakeLag()).isLessThan(Duration.ofMinutes(5));
    assertThat(table(report, "sales_order").changeAge()).isLessThan(Duration.ofMinutes(5));
  }

  @Test
  void withoutRunRecordsTheNewestBatchTellsTheLakesFreshness() {
    ExtractResult extracted =
        new Extractor(
                blackwater.source().current(),
                new LocalLakeStore(dir.resolve("ingestion")),
                ExtractSettings.defaults(),
                clock)
            .extract("no-record");
    StatusReport report =
        new StatusReporter(
                new LocalLakeStore(dir.resolve("ingestion")),
                new LocalLakeStore(dir.resolve("processed")),
                Optional.empty(),
                clock)
            .report();

    assertThat(report.lakeFreshAsOf())
        .isEqualTo(BatchId.parse(extracted.batch().orElseThrow()).time());
    assertThat(report.warehouseFreshAsOf()).isNull();
    assertThat(report.warehouseLag()).isNull();
    assertThat(report.facts()).isEmpty();
  }

  private static TableStatus table(StatusReport report, String name) {
    return report.tables().stream().filter(t -> t.table().equals(name)).findFirst().orElseThrow();
  }
}
