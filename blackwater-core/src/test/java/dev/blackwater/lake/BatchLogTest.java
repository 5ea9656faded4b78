package dev.blackwater.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchLogTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final RunIdentity ME = new RunIdentity("host-a", ProcessHandle.current().pid());

  @TempDir Path dir;

  @Test
  void numbersBatchesAfterTheNewestCommitted() {
    BatchLog log = new BatchLog(new LocalLakeStore(dir));
    assertThat(log.latest()).isEmpty();

    BatchId first = log.next(Optional.empty(), T0, LEASE, ME);
    log.commit(manifest(first, null), claim(first, "host-a", 1));
    BatchId second = log.next(log.latestId(), T0.plusSeconds(60), LEASE, ME);
    log.commit(manifest(second, first), claim(second, "host-a", 1));

    assertThat(first.sequence()).isEqualTo(1);
    assertThat(second.sequence()).isEqualTo(2);
    assertThat(log.committed()).containsExactly(first, second);
    assertThat(log.committedAfter(first)).containsExactly(second);
    assertThat(log.latest().orElseThrow().parent()).isEqualTo(first.toString());
    assertThat(log.read(first).batch()).isEqualTo(first.toString());
  }

  @Test
  void ordersBatchesByNumberPastSixDigits() {
    BatchLog log = new BatchLog(new LocalLakeStore(dir));
    BatchId last6 = new BatchId(999_999, T0);
    BatchId first7 = new BatchId(1_000_000, T0.plusSeconds(1));
    log.commit(manifest(last6, null), claim(last6, "host-a", 1));
    log.commit(manifest(first7, last6), claim(first7, "host-a", 1));

    assertThat(log.committed()).containsExactly(last6, first7);
    assertThat(log.committedAfter(last6)).containsExactly(first7);
    assertThat(log.latestId()).contains(first7);
    assertThat(log.next(log.latestId(), T0.plusSeconds(9), LEASE, ME).sequence())
        .isEqualTo(1_000_001);
  }

  /**
   * After a batch, only the manifests named after it are listed (a long log costs a few requests,
   * not one per thousand batches); near the seven-digit rollover, where names stop sorting in
   * commit order, the whole log is, and seven-digit batches are not missed.
   */
  @Test
  void listsOnlyTheManifestsAfterABatchButTheWholeLogNearTheRollover() {
    List<String> listedAfter = new ArrayList<>();
    BatchLog log = new BatchLog(recordingListings(listedAfter));
    List<BatchId> batches =
        commitAll(log, 1, 2, 3, 989_999, 990_000, 999_999, 1_000_000, 1_000_001);

    listedAfter.clear();
    assertThat(log.committedAfter(batches.get(1)))
        .as("every later batch, seven-digit ones included")
        .containsExactlyElementsOf(batches.subList(2, batches.size()));
    assertThat(listedAfter)
        .as("from the batch's name, then the whole log, as the listing reached the rollover")
        .containsExactly(BatchLog.manifestKey(batches.get(1)), "null");

    listedAfter.clear();
    assertThat(log.committedAfter(batches.get(6))).containsExactly(batches.get(7));
    assertThat(listedAfter).as("past the rollover: the whole log").containsExactly("null");
  }

  @Test
  void aListingAfterAnEarlyBatchStartsAtItsName() {
    List<String> listedAfter = new ArrayList<>();
    BatchLog log = new BatchLog(recordingListings(listedAfter));
    List<BatchId> batches = commitAll(log, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);

    listedAfter.clear();
    assertThat(log.committedAfter(batches.get(9)))
        .containsExactly(batches.get(10), batches.get(11));
    assertThat(log.committedAfter(batches.get(11))).isEmpty();
    assertThat(listedAfter)
        .containsExactly(
            BatchLog.manifestKey(batches.get(9)), BatchLog.manifestKey(batches.get(11)));
  }

  /**
   * The newest batch of a log many pages long is found in a few listings, not by listing every
   * page; numbers skipped by runs that died after their claim do not mislead it.
   */
  @Test
  void findsTheNewestBatchOfALongLogInAFewListings() {
    List<String> pages = new ArrayList<>();
    LakeStore lake =
        new ForwardingLakeStore(new LocalLakeStore(dir, 10)) {
          @Override
          public LakePage list(String prefix, String startAfter) {
            pages.add(String.valueOf(startAfter));
            return super.list(prefix, startAfter);
          }
        };
    BatchLog log = new BatchLog(lake);
    assertThat(log.latestId()).as("an empty log").isEmpty();
    assertThat(pages).hasSize(1);

    long[] sequences = new long[400];
    for (int i = 0; i < sequences.length; i++) {
      // after 200, every third number only: the others died after their claim
      sequences[i] = i < 200 ? i + 1 : 200 + 3L * (i - 199);
    }
    List<BatchId> batches = commitAll(log, sequences);
    BatchId newest = batches.get(batches.size() - 1);

    pages.clear();
    assertThat(log.latestId()).contains(newest);
    assertThat(pages.size())
        .as("listings asked for, against %s pages of the whole log", sequences.length / 10)
        .isLessThanOrEqualTo(15);
    assertThat(log.latest().orElseThrow().batch()).isEqualTo(newest.toString());

    commitAll(new BatchLog(new LocalLakeStore(dir.resolve("short"), 10)), 1, 2, 3);
    assertThat(new BatchLog(new LocalLakeStore(dir.resolve("short"), 10)).latestId())
        .hasValueSatisfying(id -> assertThat(id.sequence()).isEqualTo(3));
  }

  /** The local zone, noting where each of its listings starts ("null": at the start). */
  private LakeStore recordingListings(List<String> listedAfter) {
    return new ForwardingLakeStore(new LocalLakeStore(dir)) {
      @Override
      public List<LakeObject> listAll(String prefix, String startAfter) {
        listedAfter.add(String.valueOf(startAfter));
        return super.listAll(prefix, startAfter);
      }
    };
  }

  /** Commits a batch of each sequence number, each the parent of the next. */
  private static List<BatchId> commitAll(BatchLog log, long... sequences) {
    List<BatchId> batches = new ArrayList<>();
    for (long n : sequences) {
      BatchId id = new BatchId(n, T0.plusSeconds(n));
      log.commit(
          manifest(id, batches.isEmpty() ? null : batches.get(batches.size() - 1)),
          claim(id, "host-a", 1));
      batches.add(id);
    }
    return batches;
  }

  @Test
  void ofTwoRunsCommittingTheSameNumberOnlyTheFirstCommits() {
    BatchLog log = new BatchLog(new LocalLakeStore(dir));
    BatchId a = new BatchId(1, T0);
    BatchId b = new BatchId(1, T0.plusSeconds(3));
    log.commit(manifest(a, null), claim(a, "host-a", 1));

    assertThatThrownBy(() -> log.commit(manifest(b, null), claim(b, "host-b", 2)))
        .isInstanceOf(BlackwaterException.class)
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONCURRENCY))
        .hasMessageContaining("claimed batch number 000001 first; this run committed nothing");
    assertThat(log.committed()).containsExactly(a);
  }

  @Test
  void aFreshUncommittedClaimOfAnotherHostBlocksNewRuns() {
    LakeStore lake = new LocalLakeStore(dir);
    BatchLog log = new BatchLog(lake);
    writeClaim(lake, new BatchId(1, T0), "host-b", 99, T0);

    assertThatThrownBy(() -> log.next(Optional.empty(), T0.plusSeconds(30), LEASE, ME))
        .isInstanceOf(BlackwaterException.class)
        .hasMessageContaining("is being committed by run")
        .hasMessageContaining("host-b");
  }

  @Test
  void anExpiredOrDeadClaimIsSkipped() {
    LakeStore lake = new LocalLakeStore(dir);
    BatchLog log = new BatchLog(lake);
    writeClaim(lake, new BatchId(1, T0), "host-b", 99, T0);
    assertThat(log.next(Optional.empty(), T0.plus(LEASE).plusSeconds(1), LEASE, ME).sequence())
        .isEqualTo(2);

    long deadPid = deadPid();
    writeClaim(lake, new BatchId(2, T0), "host-a", deadPid, T0.plus(LEASE));
    assertThat(log.next(Optional.empty(), T0.plus(LEASE).plusSeconds(2), LEASE, ME).sequence())
        .isEqualTo(3);
  }

  @Test
  void aClaimWhoseManifestLandedMeansAnotherRunJustCommitted() {
    LakeStore lake = new LocalLakeStore(dir);
    BatchLog log = new BatchLog(lake);
    BatchId one = new BatchId(1, T0);
    log.commit(manifest(one, null), claim(one, "host-b", 5));

    assertThatThrownBy(() -> log.next(Optional.empty(), T0, LEASE, ME))
        .hasMessageContaining("another run committed batch " + one);
  }

  @Test
  void aDamagedManifestOrClaimIsNamed() {
    LakeStore lake = new LocalLakeStore(dir);
    lake.put("_batches/000001-20261127T100000Z.json", "{oops".getBytes(StandardCharsets.UTF_8));
    lake.put("_claims/000002.json", "nope".getBytes(StandardCharsets.UTF_8));
    BatchLog log = new BatchLog(lake);

    assertThatThrownBy(log::latest)
        .hasMessageContaining("_batches/000001-20261127T100000Z.json is not valid JSON");
    assertThatThrownBy(() -> log.next(Optional.empty(), T0, LEASE, ME))
        .hasMessageContaining("claim _claims/000002.json is not valid JSON");
  }

  @Test
  void aCommitMarksEveryObjectItsManifestNamesCommittedBeforeWritingIt() {
    List<String> marked = new ArrayList<>();
    LakeStore lake =
        new ForwardingLakeStore(new LocalLakeStore(dir)) {
          @Override
          public void markCommitted(Collection<String> keys) {
            assertThat(exists("_claims/000001.json")).as("claimed first").isTrue();
            assertThat(exists(BatchLog.manifestKey(first()))).as("manifest last").isFalse();
            super.markCommitted(keys);
            marked.addAll(keys);
          }
        };
    BatchId batch = first();
    String data = batch.objectKey("item", ".csv.gz");
    String state = batch.objectKey("_state/staff", ".parquet");
    String carried = new BatchId(1, T0.minusSeconds(600)).objectKey("_state/address", ".parquet");
    String rejected = batch.objectKey("_rejected/sales_order", ".csv");
    for (String key : List.of(data, state, carried, rejected)) {
      lake.put(key, key.getBytes(StandardCharsets.UTF_8));
    }
    Manifest manifest =
        Manifest.transform(
            batch,
            Optional.empty(),
            batch,
            "run",
            T0,
            T0,
            Map.of("item", table(data)),
            Map.of("staff", table(state), "address", table(carried)),
            Map.of("sales_order", table(rejected)));

    new BatchLog(lake).commit(manifest, claim(batch, "host-a", 1));

    assertThat(marked).containsExactlyInAnyOrder(data, state, carried, rejected);
    assertThat(lake.exists(BatchLog.manifestKey(batch))).isTrue();
  }

  @Test
  void aManifestNamingAGoneObjectIsNeverWrittenAndTheRunIsToldWhy() {
    LakeStore lake = new LocalLakeStore(dir);
    BatchId batch = first();
    String gone = batch.objectKey("item", ".csv.gz");
    Manifest manifest =
        Manifest.extract(
            batch, Optional.empty(), "run", T0, T0, T0.toString(), Map.of("item", table(gone)));

    assertThatThrownBy(() -> new BatchLog(lake).commit(manifest, claim(batch, "host-a", 1)))
        .isInstanceOf(BlackwaterException.class)
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONCURRENCY))
        .hasMessageContaining("batch " + batch + " cannot commit: " + gone + " is missing from")
        .hasMessageContaining("grace period")
        .hasMessageContaining("this run committed nothing");
    assertThat(lake.exists(BatchLog.manifestKey(batch))).isFalse();
    assertThat(new BatchLog(lake).committed()).isEmpty();
  }

  private static BatchId first() {
    return new BatchId(1, T0);
  }

  private static Manifest.Table table(String key) {
    return Manifest.Table.of(
        1, List.of(new Manifest.ObjectRef(key, 1, key.length(), "sha")), List.of());
  }

  private static long deadPid() {
    try {
      Process p = new ProcessBuilder("true").start();
      p.waitFor();
      return p.pid();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeClaim(LakeStore lake, BatchId id, String host, long pid, Instant at) {
    String json =
        "{\"batch\":\""
            + id
            + "\",\"runId\":\"r\",\"host\":\""
            + host
            + "\",\"pid\":"
            + pid
            + ",\"claimedAt\":\""
            + at
            + "\"}";
    lake.put(
        "_claims/" + BatchId.sequenceText(id.sequence()) + ".json",
        json.getBytes(StandardCharsets.UTF_8));
  }

  private static Claim claim(BatchId id, String host, long pid) {
    return new Claim(id.toString(), "run", host, pid, T0);
  }

  private static Manifest manifest(BatchId id, BatchId parent) {
    return Manifest.extract(
        id, Optional.ofNullable(parent), "run", T0, T0, T0.toString(), Map.of());
  }
}
