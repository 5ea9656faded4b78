package dev.blackwater.aws.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.aws.TestAws;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.config.TransformSettings;
import dev.blackwater.extract.Extractor;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.ForwardingLakeStore;
import dev.blackwater.lake.GcResult;
import dev.blackwater.lake.LakeGc;
import dev.blackwater.lake.LakeLayout;
import dev.blackwater.lake.LakeObject;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeWriter;
import dev.blackwater.lake.Orphan;
import dev.blackwater.lake.ZoneSweep;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.S3Extension;
import dev.blackwater.testkit.S3TestServer;
import dev.blackwater.testkit.TestBucket;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.Seeder;
import dev.blackwater.totesys.TotesysSchema;
import dev.blackwater.transform.Transformer;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The lake's commit and gc on S3 (S3Mock in this JVM): an extract and a transform that die in the
 * middle of a batch leave objects tagged uncommitted, the runs after them commit batches whose
 * every object is re-tagged committed (bookkeeping stays untagged), and gc a day later lists
 * exactly the dead runs' objects as left to the bucket's lifecycle rule and deletes nothing. That
 * the rule then expires them is S3's part: S3Mock stores lifecycle rules but never runs them, so
 * the rule itself is checked on the Terraform plan ({@code LakeLifecyclePlanIT}).
 */
@ExtendWith({PostgresExtension.class, S3Extension.class})
class S3LakeGcIT {

  private static S3Client s3;
  private final Clock clock = TestClock.ticking();
  @TempDir Path work;

  @BeforeAll
  static void client() {
    s3 = TestAws.clients(S3TestServer.shared().endpoint()).s3();
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @Test
  void deadRunsLeaveUncommittedObjectsThatGcLeavesToTheLifecycleRule(
      TestDatabase db, TestBucket bucket) throws Exception {
    try (Connection c = db.connect()) {
      TotesysSchema.create(c);
      new Seeder().seed(c, new SeedOptions(0.01, 3));
    }
    DatabaseConfig source = new DatabaseConfig("source", db.jdbcUrl(), db.user(), db.password());
    LakeStore ingestion = new S3LakeStore(s3, bucket.zone("ingestion"));
    LakeStore processed = new S3LakeStore(s3, bucket.zone("processed"));
    ExtractSettings extract = ExtractSettings.defaults().withParallelism(1);
    TransformSettings transform =
        TransformSettings.defaults().withTempDirectory(work).withThreads(1);

    assertThatThrownBy(
            () ->
                new Extractor(source, new DyingStore(ingestion, 4), extract, clock).extract("dies"))
        .hasStackTraceContaining(DyingStore.DEATH);
    new Extractor(source, ingestion, extract, clock).extract("commits");
    assertThatThrownBy(
            () ->
                new Transformer(ingestion, new DyingStore(processed, 6), transform, clock)
                    .transform("dies"))
        .hasStackTraceContaining(DyingStore.DEATH);
    new Transformer(ingestion, processed, transform, clock).transform("commits");

    // what the dying runs left: every object that is neither bookkeeping nor named by the one
    // committed manifest (a dead extract's table threads may still finish their objects after the
    // run failed, so this is listed once both zones are quiet)
    Set<String> deadExtract = uncommitted(ingestion);
    Set<String> deadTransform = uncommitted(processed);
    assertThat(deadExtract).isNotEmpty();
    assertThat(deadTransform).isNotEmpty();
    for (String key : deadExtract) {
      assertThat(tag(bucket, "ingestion", key)).as(key).contains(S3ObjectState.UNCOMMITTED);
    }
    for (String key : deadTransform) {
      assertThat(tag(bucket, "processed", key)).as(key).contains(S3ObjectState.UNCOMMITTED);
    }
    for (String zone : List.of("ingestion", "processed")) {
      LakeStore store = zone.equals("ingestion") ? ingestion : processed;
      BatchLog log = new BatchLog(store);
      List<BatchId> committed = log.committed();
      assertThat(committed).hasSize(1);
      List<String> named = LakeLayout.namedBy(log.read(committed.get(0)));
      assertThat(named).isNotEmpty();
      for (String key : named) {
        assertThat(tag(bucket, zone, key)).as(key).contains(S3ObjectState.COMMITTED);
      }
      for (LakeObject o : store.listAll("", null)) {
        if (LakeLayout.isBookkeeping(o.key())) {
          assertThat(tag(bucket, zone, o.key())).as(o.key()).isEmpty();
        }
      }
    }

    Set<String> before = new HashSet<>(keys(ingestion));
    before.addAll(keys(processed));
    GcResult gc =
        new LakeGc(
                List.of(ingestion, processed),
                Clock.offset(clock, Duration.ofHours(25)),
                Duration.ofHours(24))
            .collect("gc", false);

    assertThat(gc.zones())
        .extracting(ZoneSweep::disposal)
        .containsOnly(ZoneSweep.Disposal.LEFT_TO_EXPIRE);
    assertThat(gc.zones().get(0).orphans())
        .extracting(Orphan::key)
        .containsExactlyInAnyOrderElementsOf(deadExtract);
    assertThat(gc.zones().get(1).orphans())
        .extracting(Orphan::key)
        .containsExactlyInAnyOrderElementsOf(deadTransform);
    Set<String> after = new HashSet<>(keys(ingestion));
    after.addAll(keys(processed));
    assertThat(after).as("nothing deleted, no gc record written").isEqualTo(before);
  }

  private static Set<String> uncommitted(LakeStore zone) {
    BatchLog log = new BatchLog(zone);
    List<BatchId> committed = log.committed();
    assertThat(committed).hasSize(1);
    Set<String> dead = keys(zone);
    dead.removeAll(LakeLayout.namedBy(log.read(committed.get(0))));
    dead.removeIf(LakeLayout::isBookkeeping);
    return dead;
  }

  private static Set<String> keys(LakeStore zone) {
    Set<String> keys = new HashSet<>();
    zone.listAll("", null).forEach(o -> keys.add(o.key()));
    return keys;
  }

  private static Optional<String> tag(TestBucket bucket, String zone, String key) {
    return s3.getObjectTagging(r -> r.bucket(bucket.name()).key(zone + "/" + key)).tagSet().stream()
        .filter(t -> t.key().equals(S3ObjectState.TAG))
        .map(t -> t.value())
        .findFirst();
  }

  /**
   * A run that dies at its n-th write: what it wrote before stays, the n-th object never appears (a
   * writer killed before its PutObject), and nothing of it is cleaned up.
   */
  private static final class DyingStore extends ForwardingLakeStore {
    static final String DEATH = "killed in the middle of a write";
    private final int diesAt;
    private final AtomicInteger writes = new AtomicInteger();

    DyingStore(LakeStore real, int diesAt) {
      super(real);
      this.diesAt = diesAt;
    }

    @Override
    public LakeWriter create(String key) {
      if (writes.incrementAndGet() < diesAt) {
        return delegate.create(key);
      }
      return new LakeWriter(key) {
        @Override
        protected void writeContent(byte[] b, int off, int len) {
          throw new IllegalStateException(DEATH);
        }

        @Override
        protected void publish() {
          throw new IllegalStateException(DEATH);
        }

        @Override
        protected void discard() {}
      };
    }
  }
}
