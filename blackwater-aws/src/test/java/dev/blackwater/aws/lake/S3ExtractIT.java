package dev.blackwater.aws.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.Sql;
import dev.blackwater.aws.TestAws;
import dev.blackwater.catalog.TableCatalog;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.extract.Extractor;
import dev.blackwater.extract.TableExtract;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.Claim;
import dev.blackwater.lake.LakeObject;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.RunIdentity;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.S3Extension;
import dev.blackwater.testkit.S3TestServer;
import dev.blackwater.testkit.TestBucket;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.Seeder;
import dev.blackwater.totesys.SimulateOptions;
import dev.blackwater.totesys.Simulator;
import dev.blackwater.totesys.TotesysSchema;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/** The core's extract and batch log, unchanged, on an s3:// lake. */
@ExtendWith({PostgresExtension.class, S3Extension.class})
class S3ExtractIT {

  /** One clock for everything this test runs, so its runs follow each other in time. */
  private final Clock clock = TestClock.ticking();

  private static S3Client s3;

  @BeforeAll
  static void client() {
    s3 = TestAws.clients(S3TestServer.shared().endpoint()).s3();
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @Test
  void extractsATotesysIntoAnS3LakeThenOnlyTheChanges(TestDatabase db, TestBucket bucket)
      throws Exception {
    try (Connection c = db.connect()) {
      TotesysSchema.create(c);
      new Seeder().seed(c, new SeedOptions(0.05, 7));
    }
    DatabaseConfig source = new DatabaseConfig("source", db.jdbcUrl(), db.user(), db.password());
    LakeStore lake = new S3LakeStore(s3, bucket.zone("ingestion"));
    Extractor extractor = new Extractor(source, lake, ExtractSettings.defaults(), clock);

    ExtractResult full = extractor.extract("full");

    Map<String, Long> rows =
        full.tables().stream().collect(Collectors.toMap(TableExtract::table, TableExtract::rows));
    for (String table : TableCatalog.TOTESYS) {
      assertThat(rows.get(table))
          .as(table)
          .isEqualTo(db.queryLong("SELECT count(*) FROM " + Sql.identifier(table)));
    }
    Manifest manifest = new BatchLog(lake).latest().orElseThrow();
    assertThat(manifest.batch()).isEqualTo(full.batch().orElseThrow());
    for (Manifest.Table table : manifest.tables().values()) {
      for (Manifest.ObjectRef object : table.objects()) {
        byte[] stored = lake.read(object.key());
        assertThat(stored).hasSize((int) object.bytes());
        assertThat(S3LakeStoreIT.sha256(stored)).as(object.key()).isEqualTo(object.sha256());
      }
    }
    assertThat(lake.listAll("_claims/", null)).extracting(LakeObject::key).hasSize(1);

    try (Connection c = db.connect()) {
      new Simulator().simulate(c, new SimulateOptions(100, 5));
    }
    ExtractResult changes = extractor.extract("changes");

    assertThat(changes.rows()).isGreaterThan(100);
    assertThat(new BatchLog(lake).committed())
        .extracting(BatchId::toString)
        .containsExactly(full.batch().orElseThrow(), changes.batch().orElseThrow());
    assertThat(new BatchLog(lake).latest().orElseThrow().parent())
        .isEqualTo(full.batch().orElseThrow());
    assertThat(extractor.extract("again").nothingNew()).isTrue();
  }

  @Test
  void ofTwoRunsRacingForABatchNumberOnS3ExactlyOneCommits(TestBucket bucket) {
    LakeStore lake = new S3LakeStore(s3, bucket.zone("ingestion"));
    Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
    Duration lease = Duration.ofMinutes(2);
    BatchLog first = new BatchLog(lake);
    BatchLog second = new BatchLog(lake);
    // Both runs pick their number before either claims it: the race the claim decides.
    BatchId a = first.next(Optional.empty(), t0, lease, new RunIdentity("host-a", 1));
    BatchId b =
        second.next(Optional.empty(), t0.plusSeconds(1), lease, new RunIdentity("host-b", 2));
    assertThat(a.sequence()).isEqualTo(b.sequence()).isEqualTo(1);

    first.commit(manifest(a), new Claim(a.toString(), "run-a", "host-a", 1, t0));

    // S3Mock checks If-None-Match and writes in two steps, so two truly simultaneous puts can both
    // land there; S3 decides them atomically. The second claim therefore follows the first here.
    assertThatThrownBy(
            () -> second.commit(manifest(b), new Claim(b.toString(), "run-b", "host-b", 2, t0)))
        .isInstanceOf(BlackwaterException.class)
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONCURRENCY))
        .hasMessageContaining("another run claimed batch number 000001 first");
    assertThat(new BatchLog(lake).committed()).containsExactly(a);
    assertThat(lake.exists(BatchLog.manifestKey(b))).isFalse();
  }

  private static Manifest manifest(BatchId id) {
    Instant at = id.time();
    return Manifest.extract(id, Optional.empty(), "run", at, at, at.toString(), Map.of());
  }
}
