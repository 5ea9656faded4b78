package dev.blackwater.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.CsvCodec;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.Manifest.ObjectRef;
import dev.blackwater.lake.SlowLakeStore;
import dev.blackwater.testkit.ChildJvm;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Extract under races and crashes: exactly one batch commits, nothing half-written is read. */
@ExtendWith(PostgresExtension.class)
class ExtractFaultsIT {

  /** One clock for everything this test runs, so its runs follow each other in time. */
  private final Clock clock = TestClock.ticking();

  private static final List<String> TABLES = List.of("item");
  @TempDir Path lakeDir;
  private TestDatabase db;

  @BeforeEach
  void schema(TestDatabase db) {
    this.db = db;
    db.execute(
        """
        DROP TABLE IF EXISTS item;
        CREATE TABLE item (item_id int PRIMARY KEY, name varchar NOT NULL,
          last_updated timestamp NOT NULL DEFAULT localtimestamp);
        INSERT INTO item SELECT g, md5(g::text), localtimestamp - g * interval '1 second'
          FROM generate_series(1, 20000) g;
        """);
  }

  private DatabaseConfig source() {
    return new DatabaseConfig("source", db.jdbcUrl(), db.user(), db.password());
  }

  @Test
  void ofTwoExtractsStartedAtOnceExactlyOneCommits() throws Exception {
    CountDownLatch bothAtClaim = new CountDownLatch(2);
    LakeStore lake = new LocalLakeStore(lakeDir);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<CompletableFuture<String>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String run = "run-" + i;
      Extractor extractor =
          new Extractor(
              source(),
              new SlowLakeStore(lake, 0, bothAtClaim, false),
              ExtractSettings.defaults().withTables(TABLES),
              clock);
      runs.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return "committed " + extractor.extract(run).batch().orElse("nothing");
                } catch (BlackwaterException e) {
                  return e.code() + ": " + e.getMessage();
                }
              },
              threads));
    }
    List<String> outcomes = runs.stream().map(CompletableFuture::join).toList();
    threads.shutdown();

    assertThat(outcomes).filteredOn(o -> o.startsWith("committed 000001-")).hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> o.startsWith(ErrorCode.CONCURRENCY + ": "))
        .singleElement()
        .asString()
        .contains("another run")
        .contains("this run committed nothing");
    BatchLog log = new BatchLog(lake);
    assertThat(log.committed()).hasSize(1);
    assertThat(log.latest().orElseThrow().tables().get("item").rows()).isEqualTo(20000);
    assertThat(
            new Extractor(source(), lake, ExtractSettings.defaults().withTables(TABLES), clock)
                .extract("after")
                .nothingNew())
        .isTrue();
  }

  @Test
  void aRunKilledWhileWritingObjectsLeavesNothingTheNextRunTakesForData() throws Exception {
    try (ChildJvm child = startChild("slow")) {
      child.awaitCondition(() -> countFiles(lakeDir.resolve("item")) >= 2, Duration.ofSeconds(60));
      child.killHard();
    }
    assertThat(Files.exists(lakeDir.resolve("_batches"))).isFalse();

    ExtractResult next = extractNow();

    assertCompleteSingleBatch(next);
  }

  @Test
  void aRunKilledBetweenItsClaimAndItsManifestIsTakenOver() throws Exception {
    try (ChildJvm child = startChild("hang-after-claim")) {
      child.awaitCondition(
          () -> Files.exists(lakeDir.resolve("_claims/000001.json")), Duration.ofSeconds(60));
      child.killHard();
    }

    ExtractResult next = extractNow();

    assertThat(next.batch().orElseThrow()).startsWith("000002-");
    assertCompleteSingleBatch(next);
  }

  @Test
  void anObjectLeftUnderTheSameBatchNameByADeadRunMakesTheNextRunTakeANewName() {
    Instant t0 = Instant.parse("2026-11-27T12:00:00.100Z");
    LakeStore lake = new LocalLakeStore(lakeDir);
    lake.put(
        new dev.blackwater.lake.BatchId(1, t0).objectKey("item", CsvCodec.ZSTD.suffix()),
        "left by a run killed in the same second"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Clock stepping =
        new Clock() {
          private final java.util.concurrent.atomic.AtomicLong calls =
              new java.util.concurrent.atomic.AtomicLong();

          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return t0.plusSeconds(calls.getAndIncrement());
          }
        };

    ExtractResult result =
        new Extractor(source(), lake, ExtractSettings.defaults().withTables(TABLES), stepping)
            .extract("next");

    assertThat(result.batch().orElseThrow())
        .startsWith("000001-")
        .isNotEqualTo("000001-20261127T120000Z");
    assertCompleteSingleBatch(result);
  }

  private ChildJvm startChild(String mode) {
    return ChildJvm.start(
        clock,
        ExtractInChildJvm.class,
        db.jdbcUrl(),
        db.user(),
        lakeDir.toString(),
        mode,
        String.join(",", TABLES),
        db.password());
  }

  private ExtractResult extractNow() {
    return new Extractor(
            source(),
            new LocalLakeStore(lakeDir),
            ExtractSettings.defaults().withTables(TABLES).withPartBytes(8 * 1024),
            clock)
        .extract("after-crash");
  }

  private void assertCompleteSingleBatch(ExtractResult next) {
    BatchLog log = new BatchLog(new LocalLakeStore(lakeDir));
    assertThat(log.committed()).hasSize(1);
    Manifest manifest = log.latest().orElseThrow();
    assertThat(manifest.batch()).isEqualTo(next.batch().orElseThrow());
    assertThat(manifest.parent()).isNull();
    Manifest.Table item = manifest.tables().get("item");
    assertThat(item.rows()).isEqualTo(20000);
    assertThat(item.objects())
        .extracting(ObjectRef::key)
        .allMatch(k -> k.contains(manifest.batch()));
    assertThat(item.objects().stream().mapToLong(ObjectRef::rows).sum()).isEqualTo(20000);
  }

  private static long countFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      return 0;
    }
  }
}
