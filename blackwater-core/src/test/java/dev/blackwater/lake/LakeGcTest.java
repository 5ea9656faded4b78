package dev.blackwater.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.ZoneSweep.Disposal;
import dev.blackwater.testkit.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gc on a local zone holding what runs leave: committed batches (with a stray object their manifest
 * does not name), batches of dead runs, a batch being committed right now, a batch still being
 * written, unfinished writes of killed writers, bookkeeping and a file that is not the lake's.
 * Every time is the test clock's; gc's "now" is a day and a bit later.
 */
class LakeGcTest {

  private static final Duration GRACE = Duration.ofHours(24);
  private static final RunIdentity ME = new RunIdentity("host-a", ProcessHandle.current().pid());

  @TempDir Path dir;
  private final Instant t0 = TestClock.start();
  private final Instant now = t0.plus(GRACE).plus(Duration.ofHours(1));
  private LocalLakeStore lake;
  private final List<String> orphans = new ArrayList<>();
  private final List<String> kept = new ArrayList<>();

  @BeforeEach
  void aZoneAfterADayOfRuns() throws IOException {
    lake = new LocalLakeStore(dir);

    BatchId committed = new BatchId(1, t0);
    String named = write(committed.objectKey("item", ".csv.gz"), kept);
    String state = write(committed.objectKey("_state/staff", ".parquet"), kept);
    String rejected = write(committed.objectKey("_rejected/item", ".csv"), kept);
    String stray = write(committed.objectKey("item", ".part-00002.csv.gz"), orphans);
    new BatchLog(lake)
        .commit(
            Manifest.transform(
                committed,
                Optional.empty(),
                committed,
                "r1",
                t0,
                t0,
                Map.of("item", table(named)),
                Map.of("staff", table(state)),
                Map.of("item", table(rejected))),
            new Claim(committed.toString(), "r1", "host-a", 1, t0));
    kept.add(BatchLog.manifestKey(committed));
    kept.add("_claims/000001.json");
    assertThat(stray).isNotNull();

    BatchId deadOfTheSameNumber = new BatchId(1, t0.minusSeconds(30));
    write(deadOfTheSameNumber.objectKey("item", ".csv.gz"), orphans);

    BatchId dead = new BatchId(2, t0.plusSeconds(60));
    write(dead.objectKey("item", ".csv.gz"), orphans);
    write(dead.objectKey("_state/staff", ".parquet"), orphans);
    orphans.add(abandon(dead.objectKey("item", ".part-00002.csv.gz")));

    BatchId deadAtItsClaim = new BatchId(3, t0.plusSeconds(120));
    write(deadAtItsClaim.objectKey("item", ".csv.gz"), orphans);
    claim(deadAtItsClaim, t0.plusSeconds(130));
    kept.add("_claims/000003.json");
    orphans.add(abandon(BatchLog.manifestKey(deadAtItsClaim)));

    BatchId deadWritingItsClaim = new BatchId(4, t0.plusSeconds(180));
    write(deadWritingItsClaim.objectKey("item", ".csv.gz"), orphans);
    orphans.add(abandon("_claims/000004.json"));

    BatchId committingNow = new BatchId(5, t0.plusSeconds(240));
    write(committingNow.objectKey("item", ".csv.gz"), kept);
    claim(committingNow, now.minusSeconds(5));
    kept.add("_claims/000005.json");

    BatchId stillWriting = new BatchId(6, now.minus(Duration.ofHours(2)));
    write(stillWriting.objectKey("item", ".csv.gz"), kept);
    kept.add(abandon(stillWriting.objectKey("item", ".part-00002.csv.gz")));

    write("_runs/2026/12/31/235959.000Z-extract-success-r1.json", kept);
    write("README.txt", kept);
  }

  @Test
  void aDryRunListsExactlyWhatGcThenRemovesAndNothingElse() {
    List<String> before = files();

    GcResult dry = gc().collect("dry", true);

    assertThat(files()).as("a dry run removes nothing").isEqualTo(before);
    ZoneSweep listed = dry.zones().get(0);
    assertThat(listed.disposal()).isEqualTo(Disposal.WOULD_DELETE);
    assertThat(listed.orphans())
        .extracting(Orphan::key)
        .containsExactlyInAnyOrderElementsOf(orphans);
    assertThat(listed.unrecognised()).containsExactly("README.txt");
    assertThat(listed.inFlight())
        .as("batches 5 and 6: claimed now, and still writing")
        .isEqualTo(3);

    GcResult real = gc().collect("real", false);

    ZoneSweep removed = real.zones().get(0);
    assertThat(removed.disposal()).isEqualTo(Disposal.DELETED);
    assertThat(removed.orphans()).isEqualTo(listed.orphans());
    assertThat(removed.bytes()).isEqualTo(listed.bytes()).isPositive();
    List<String> left = files();
    assertThat(left)
        .filteredOn(k -> !k.startsWith(GcLog.PREFIX))
        .containsExactlyInAnyOrderElementsOf(kept);
    assertThat(left)
        .filteredOn(k -> k.startsWith(GcLog.PREFIX))
        .singleElement()
        .asString()
        .contains("-real.json");
    assertThat(gc().collect("again", true).zones().get(0).orphans()).isEmpty();
  }

  @Test
  void eachOrphanSaysWhyItIsNotData() {
    List<Orphan> found = gc().collect("dry", true).zones().get(0).orphans();

    assertThat(found)
        .filteredOn(o -> o.key().endsWith("000001-" + batchTime(t0) + ".part-00002.csv.gz"))
        .singleElement()
        .extracting(Orphan::why, Orphan::batch)
        .containsExactly(Orphan.NOT_NAMED, new BatchId(1, t0).toString());
    assertThat(found)
        .filteredOn(o -> o.key().startsWith("_claims/"))
        .singleElement()
        .extracting(Orphan::why, Orphan::batch)
        .containsExactly(Orphan.UNFINISHED, null);
    assertThat(found).filteredOn(o -> o.why().equals(Orphan.NO_MANIFEST)).hasSize(5);
  }

  @Test
  void theGracePeriodDecidesWhatIsOldEnough() {
    Clock earlier = TestClock.fixedAt(t0.plus(GRACE).plusSeconds(90));

    List<Orphan> found =
        new LakeGc(List.of(lake), earlier, GRACE).collect("dry", true).zones().get(0).orphans();

    assertThat(found)
        .extracting(Orphan::batch)
        .as("only batches 1 (two of them) and 2 started more than a day before")
        .containsOnly(
            new BatchId(1, t0.minusSeconds(30)).toString(),
            new BatchId(1, t0).toString(),
            new BatchId(2, t0.plusSeconds(60)).toString());
  }

  @Test
  void aBatchThatCommitsWhileGcLooksKeepsItsObjects() {
    BatchId dead = new BatchId(2, t0.plusSeconds(60));
    LakeStore committingDuringTheSearch =
        new ForwardingLakeStore(lake) {
          @Override
          public List<LakeObject> unfinished() {
            lake.put(BatchLog.manifestKey(dead), "{}".getBytes(StandardCharsets.UTF_8));
            return super.unfinished();
          }
        };

    GcResult result =
        new LakeGc(List.of(committingDuringTheSearch), TestClock.fixedAt(now), GRACE)
            .collect("race", false);

    assertThat(result.zones().get(0).orphans())
        .extracting(Orphan::batch)
        .doesNotContain(dead.toString());
    assertThat(lake.exists(dead.objectKey("item", ".csv.gz"))).isTrue();
    assertThat(lake.exists(dead.objectKey("_state/staff", ".parquet"))).isTrue();
  }

  @Test
  void aZoneThatExpiresUncommittedObjectsItselfIsOnlyListed() {
    LakeStore expiring =
        new ForwardingLakeStore(lake) {
          @Override
          public boolean expiresUncommitted() {
            return true;
          }
        };
    List<String> before = files();

    GcResult result =
        new LakeGc(List.of(expiring), TestClock.fixedAt(now), GRACE).collect("s3", false);

    assertThat(result.zones().get(0).disposal()).isEqualTo(Disposal.LEFT_TO_EXPIRE);
    assertThat(result.zones().get(0).orphans())
        .extracting(Orphan::key)
        .containsExactlyInAnyOrderElementsOf(orphans);
    assertThat(files()).isEqualTo(before);
    assertThat(
            new LakeGc(List.of(expiring), TestClock.fixedAt(now), GRACE)
                .collectIfDue("run", Duration.ofHours(24)))
        .as("run leaves such a zone to its store")
        .isEmpty();
  }

  @Test
  void runCollectsOncePerIntervalByTheRecordsGcLeaves() {
    Duration day = Duration.ofHours(24);

    Optional<GcResult> first = gc().collectIfDue("c1", day);
    Optional<GcResult> soon =
        new LakeGc(List.of(lake), TestClock.fixedAt(now.plus(Duration.ofHours(23))), GRACE)
            .collectIfDue("c2", day);
    Optional<GcResult> later =
        new LakeGc(List.of(lake), TestClock.fixedAt(now.plus(Duration.ofHours(25))), GRACE)
            .collectIfDue("c3", day);

    assertThat(first).isPresent();
    assertThat(first.get().orphans()).isEqualTo(orphans.size());
    assertThat(soon).isEmpty();
    assertThat(later).isPresent();
    assertThat(files()).filteredOn(k -> k.startsWith(GcLog.PREFIX)).hasSize(2);
  }

  @Test
  void aGracePeriodUnderAnHourIsRefused() {
    assertThatThrownBy(
            () -> new LakeGc(List.of(lake), TestClock.fixedAt(now), Duration.ofMinutes(59)))
        .isInstanceOf(BlackwaterException.class)
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONFIGURATION))
        .hasMessageContaining("shorter than PT1H");
  }

  private LakeGc gc() {
    return new LakeGc(List.of(lake), TestClock.fixedAt(now), GRACE);
  }

  private String write(String key, List<String> expected) {
    lake.put(key, key.getBytes(StandardCharsets.UTF_8));
    expected.add(key);
    return key;
  }

  /** Starts a write and leaves it as a killed writer does: its temporary file, unfinished. */
  private String abandon(String key) throws IOException {
    LakeWriter writer = lake.create(key);
    writer.write(key.getBytes(StandardCharsets.UTF_8));
    List<String> found =
        lake.unfinished().stream()
            .map(LakeObject::key)
            .filter(k -> k.contains("/." + key.substring(key.lastIndexOf('/') + 1) + "."))
            .toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private void claim(BatchId batch, Instant at) {
    lake.put(
        BatchLog.claimKey(batch.sequence()),
        ("{\"batch\":\""
                + batch
                + "\",\"runId\":\"r\",\"host\":\"elsewhere\",\"pid\":1,\"claimedAt\":\""
                + at
                + "\"}")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static Manifest.Table table(String key) {
    return Manifest.Table.of(
        1, List.of(new Manifest.ObjectRef(key, 1, key.length(), "sha")), List.of());
  }

  private static String batchTime(Instant t) {
    return new BatchId(1, t).toString().substring("000001-".length());
  }

  /** Every file under the zone, hidden ones too, as keys. */
  private List<String> files() {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
