package dev.blackwater.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LakeStore} promises, whatever holds its objects: put-if-absent, nothing visible
 * before a commit, the size and SHA-256 of what was written, a missing key named, listings by
 * prefix in key order and in pages. A store's test extends this class and makes fresh, empty stores
 * ({@code LocalLakeStoreContractTest} here, {@code S3LakeStoreContractIT} in blackwater-aws); what
 * only one store does is tested beside it.
 */
public abstract class LakeStoreContract {

  private static final int MIB = 1024 * 1024;

  /** Big enough to be streamed in pieces by any store: three parts of a 5 MiB S3 store. */
  protected static final int LARGE = 12 * MIB + 7;

  /** A new, empty store that lists at most {@code pageSize} objects per page. */
  protected abstract LakeStore newStore(int pageSize);

  /**
   * Whether the store decides put-if-absents of one key that arrive at the same moment atomically,
   * as S3 and a local file system do. A test server that does not answers false, and that case is
   * skipped for it.
   */
  protected boolean decidesSimultaneousPutsAtomically() {
    return true;
  }

  /**
   * Whether an object stays when a large (streamed in pieces) write to its key is refused, as it
   * does in S3 and on disk. A test server that deletes it answers false, and that one check is left
   * out for it.
   */
  protected boolean keepsAnObjectWhenALargeWriteToItsKeyIsRefused() {
    return true;
  }

  private LakeStore newStore() {
    return newStore(1000);
  }

  @Test
  void anObjectReadsBackWithTheSizeAndSha256OfWhatWasWritten() {
    LakeStore lake = newStore();
    String key = "sales_order/2026/11/27/000042-20261127T161728Z.csv.gz";
    byte[] content = random(300_000, 1);

    StoredObject stored = lake.put(key, content);

    assertThat(stored).isEqualTo(new StoredObject(key, content.length, sha256(content)));
    assertThat(lake.read(key)).isEqualTo(content);
    assertThat(lake.exists(key)).isTrue();
    assertThat(lake.listAll("", null)).containsExactly(new LakeObject(key, content.length));
  }

  @Test
  void aLocalFileOfAnObjectWhenTheStoreOffersOneHoldsItsBytesAndNoneForAMissingKey()
      throws IOException {
    LakeStore lake = newStore();
    byte[] content = bytes("in place");
    lake.put("t/2026/11/27/000001-20261127T100000Z.csv.zst", content);

    java.util.Optional<java.nio.file.Path> file =
        lake.localFile("t/2026/11/27/000001-20261127T100000Z.csv.zst");

    if (file.isPresent()) {
      assertThat(java.nio.file.Files.readAllBytes(file.get())).isEqualTo(content);
    }
    assertThat(lake.localFile("t/nothing-here.csv.zst")).isEmpty();
  }

  @Test
  void anEmptyObjectIsAnObject() {
    LakeStore lake = newStore();

    StoredObject stored = lake.put("empty", new byte[0]);

    assertThat(stored).isEqualTo(new StoredObject("empty", 0, sha256(new byte[0])));
    assertThat(lake.read("empty")).isEmpty();
    assertThat(lake.exists("empty")).isTrue();
    assertThat(lake.listAll("", null)).containsExactly(new LakeObject("empty", 0));
  }

  @Test
  void aSecondPutOfAKeyIsRefusedAndTheFirstObjectStays() {
    LakeStore lake = newStore();
    lake.put("_claims/000001.json", bytes("first"));

    assertThatThrownBy(() -> lake.put("_claims/000001.json", bytes("second")))
        .isInstanceOf(LakeObjectExistsException.class)
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONCURRENCY))
        .hasMessageContaining("_claims/000001.json already exists in " + lake.uri());
    assertThat(lake.read("_claims/000001.json")).isEqualTo(bytes("first"));
    assertThat(lake.listAll("", null)).containsExactly(new LakeObject("_claims/000001.json", 5));
  }

  @Test
  void aLargeWriteToATakenKeyIsRefused() throws IOException {
    LakeStore lake = newStore();
    lake.put("taken.bin", bytes("original"));

    try (LakeWriter writer = lake.create("taken.bin")) {
      writeInPieces(writer, random(LARGE, 3));
      assertThatThrownBy(writer::commit)
          .isInstanceOf(LakeObjectExistsException.class)
          .hasMessageContaining("taken.bin already exists in " + lake.uri());
    }

    if (keepsAnObjectWhenALargeWriteToItsKeyIsRefused()) {
      assertThat(lake.read("taken.bin")).isEqualTo(bytes("original"));
    }
  }

  @Test
  void ofTwoWritersOfOneKeyTheFirstToCommitWins() throws IOException {
    LakeStore lake = newStore();

    try (LakeWriter early = lake.create("k");
        LakeWriter late = lake.create("k")) {
      early.write(bytes("early"));
      late.write(bytes("late"));
      late.commit();

      assertThatThrownBy(early::commit).isInstanceOf(LakeObjectExistsException.class);
    }

    assertThat(lake.read("k")).isEqualTo(bytes("late"));
    assertThat(lake.listAll("", null)).containsExactly(new LakeObject("k", 4));
  }

  @Test
  void ofWritersCommittingOneKeyAtTheSameMomentExactlyOneWins() throws Exception {
    assumeThat(decidesSimultaneousPutsAtomically())
        .as("the store under test decides simultaneous puts atomically")
        .isTrue();
    LakeStore lake = newStore();
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int round = 0; round < 10; round++) {
        String key = "_claims/" + round + ".json";
        CyclicBarrier together = new CyclicBarrier(writers);
        List<Future<String>> attempts = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          String content = "writer " + w;
          attempts.add(
              pool.submit(
                  () -> {
                    try (LakeWriter writer = lake.create(key)) {
                      writer.write(bytes(content));
                      together.await(10, TimeUnit.SECONDS);
                      writer.commit();
                      return content;
                    } catch (LakeObjectExistsException e) {
                      return null;
                    }
                  }));
        }
        List<String> winners = new ArrayList<>();
        for (Future<String> attempt : attempts) {
          String won = attempt.get(30, TimeUnit.SECONDS);
          if (won != null) {
            winners.add(won);
          }
        }

        assertThat(winners).as("writers that committed %s", key).hasSize(1);
        assertThat(new String(lake.read(key), StandardCharsets.UTF_8)).isEqualTo(winners.get(0));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aMissingKeyIsNamed() {
    LakeStore lake = newStore();

    assertThat(lake.exists("nope.json")).isFalse();
    assertThatThrownBy(() -> lake.open("nope.json"))
        .isInstanceOf(LakeObjectMissingException.class)
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.DATA_QUALITY))
        .hasMessageContaining("nope.json is missing from " + lake.uri());
    assertThatThrownBy(() -> lake.read("nope.json")).isInstanceOf(LakeObjectMissingException.class);
  }

  @Test
  void nothingIsVisibleBeforeTheCommitAndAWriterClosedWithoutOneLeavesNoTrace() throws IOException {
    LakeStore lake = newStore();

    try (LakeWriter writer = lake.create("x/y.bin")) {
      writer.write(new byte[1000]);
      assertThat(lake.exists("x/y.bin")).isFalse();
      assertThat(lake.list("x/", null).objects()).isEmpty();
    }

    assertThat(lake.exists("x/y.bin")).isFalse();
    assertThat(lake.listAll("", null)).isEmpty();
    assertThat(lake.put("x/y.bin", bytes("later")).bytes()).isEqualTo(5);
  }

  @Test
  void aWriterCountsWhatPassesAndIsDoneOnceItCommits() throws IOException {
    LakeStore lake = newStore();
    byte[] content = bytes("abcdef");

    LakeWriter writer = lake.create("once");
    writer.write('a');
    writer.write(content, 1, 5);
    assertThat(writer.key()).isEqualTo("once");
    assertThat(writer.bytesWritten()).isEqualTo(6);
    assertThat(writer.commit()).isEqualTo(new StoredObject("once", 6, sha256(content)));

    assertThatThrownBy(() -> writer.write('g')).isInstanceOf(IOException.class);
    assertThatThrownBy(writer::commit).isInstanceOf(IOException.class);
    writer.close();
    assertThat(lake.read("once")).isEqualTo(content);
  }

  @Test
  void aLargeObjectStreamsInAndOut() throws IOException {
    LakeStore lake = newStore();
    byte[] content = random(LARGE, 2);

    StoredObject stored;
    try (LakeWriter writer = lake.create("big/object.bin")) {
      writeInPieces(writer, content);
      stored = writer.commit();
    }

    assertThat(stored).isEqualTo(new StoredObject("big/object.bin", LARGE, sha256(content)));
    MessageDigest read = sha256Digest();
    long bytes = 0;
    try (InputStream in = lake.open("big/object.bin")) {
      byte[] buffer = new byte[100_000];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        read.update(buffer, 0, n);
        bytes += n;
      }
    }
    assertThat(bytes).isEqualTo(LARGE);
    assertThat(HexFormat.of().formatHex(read.digest())).isEqualTo(stored.sha256());
    assertThat(lake.listAll("big/", null)).containsExactly(new LakeObject("big/object.bin", LARGE));
  }

  @Test
  void listsByPrefixInKeyOrderOnePagePerCall() {
    LakeStore lake = newStore(2);
    for (String key : List.of("t/3", "u/1", "t/1", "t/sub/5", "tx/6", "t/4", "t-1", "t/2")) {
      lake.put(key, bytes(key));
    }

    LakePage first = lake.list("t/", null);
    assertThat(first.objects()).extracting(LakeObject::key).containsExactly("t/1", "t/2");
    assertThat(first.nextStartAfter()).contains("t/2");
    LakePage second = lake.list("t/", first.nextStartAfter().orElseThrow());
    assertThat(second.objects()).extracting(LakeObject::key).containsExactly("t/3", "t/4");
    assertThat(second.nextStartAfter()).contains("t/4");
    LakePage last = lake.list("t/", "t/4");
    assertThat(last.objects()).containsExactly(new LakeObject("t/sub/5", 7));
    assertThat(last.nextStartAfter()).isEmpty();

    assertThat(lake.listAll("t/", null))
        .extracting(LakeObject::key)
        .containsExactly("t/1", "t/2", "t/3", "t/4", "t/sub/5");
    assertThat(lake.listAll("t", null))
        .extracting(LakeObject::key)
        .as("a prefix is a prefix of the key, not a folder")
        .containsExactly("t-1", "t/1", "t/2", "t/3", "t/4", "t/sub/5", "tx/6");
    assertThat(lake.listAll("t/s", null)).extracting(LakeObject::key).containsExactly("t/sub/5");
    assertThat(lake.listAll("", null)).hasSize(8);
    assertThat(lake.listAll("t/", "t/3"))
        .containsExactly(new LakeObject("t/4", 3), new LakeObject("t/sub/5", 7));
    assertThat(lake.listAll("t/", "t/25"))
        .as("after a key that is not there")
        .extracting(LakeObject::key)
        .containsExactly("t/3", "t/4", "t/sub/5");
  }

  @Test
  void aPrefixWithNothingUnderItListsNothing() {
    LakeStore lake = newStore(2);
    lake.put("t/1", bytes("t/1"));

    LakePage page = lake.list("none/", null);

    assertThat(page.objects()).isEmpty();
    assertThat(page.nextStartAfter()).isEmpty();
    assertThat(lake.listAll("none/", null)).isEmpty();
    assertThat(lake.listAll("t/", "t/1")).isEmpty();
  }

  @Test
  void anEmptyOrAbsoluteKeyIsRefused() {
    LakeStore lake = newStore();

    for (String key : List.of("", "/abs")) {
      assertThatThrownBy(() -> lake.create(key)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> lake.open(key)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> lake.exists(key)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  /**
   * The commit state the store keeps on an object ({@code uncommitted} or {@code committed}: on S3
   * its tag, which the bucket's lifecycle rule reads), or empty when it keeps none on that object.
   * A store that keeps none at all (a local zone: gc asks the manifests) answers empty throughout.
   */
  protected Optional<String> commitState(String zoneUri, String key) {
    return Optional.empty();
  }

  /** Whether the store keeps a commit state on objects ({@link #commitState}). */
  protected boolean keepsCommitState() {
    return false;
  }

  private static final String DATA = "sales_order/2026/11/27/000042-20261127T161728Z.csv.gz";
  private static final String PART =
      "sales_order/2026/11/27/000042-20261127T161728Z.part-00002.csv.gz";

  @Test
  void anObjectOfABatchIsUncommittedUntilMarkedCommittedAndBookkeepingNeverIs() throws IOException {
    LakeStore lake = newStore();
    List<String> bookkeeping =
        List.of(
            "_batches/000041-20261127T160000Z.json",
            "_claims/000042.json",
            "_runs/2026/11/27/161728.000Z-extract-success-r.json",
            "_gc/2026/11/27/161728.000Z-r.json");
    lake.put(DATA, bytes("rows"));
    byte[] large = random(LARGE, 4);
    try (LakeWriter writer = lake.create(PART)) {
      writeInPieces(writer, large);
      writer.commit();
    }
    bookkeeping.forEach(key -> lake.put(key, bytes(key)));
    String zone = lake.uri().toString();
    boolean tracks = keepsCommitState();
    assertThat(commitState(zone, DATA).isPresent()).isEqualTo(tracks);
    if (tracks) {
      assertThat(commitState(zone, DATA)).contains("uncommitted");
      assertThat(commitState(zone, PART)).as("a large object too").contains("uncommitted");
      bookkeeping.forEach(key -> assertThat(commitState(zone, key)).as(key).isEmpty());
    }

    lake.markCommitted(List.of(DATA, PART));
    lake.markCommitted(List.of(DATA));

    if (tracks) {
      assertThat(commitState(zone, DATA)).contains("committed");
      assertThat(commitState(zone, PART)).contains("committed");
    }
    assertThat(lake.read(DATA)).isEqualTo(bytes("rows"));
    assertThat(lake.read(PART)).isEqualTo(large);
    assertThat(lake.listAll("", null)).hasSize(2 + bookkeeping.size());
  }

  @Test
  void markingAMissingObjectCommittedNamesIt() {
    LakeStore lake = newStore();
    lake.put(DATA, bytes("rows"));
    String missing = "sales_order/2026/11/27/000043-20261127T161729Z.csv.gz";

    assertThatThrownBy(() -> lake.markCommitted(List.of(DATA, missing)))
        .isInstanceOf(LakeObjectMissingException.class)
        .hasMessageContaining(missing + " is missing from " + lake.uri());
  }

  @Test
  void aStoreDeletesUncommittedObjectsUnlessItExpiresThemItself() {
    LakeStore lake = newStore();
    lake.put(DATA, bytes("rows"));
    lake.put(PART, bytes("more rows"));

    if (lake.expiresUncommitted()) {
      assertThatThrownBy(() -> lake.delete(DATA))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("expires uncommitted objects by itself");
      assertThat(lake.exists(DATA)).isTrue();
      return;
    }
    lake.delete(DATA);
    lake.delete(DATA);

    assertThat(lake.exists(DATA)).isFalse();
    assertThat(lake.listAll("", null)).containsExactly(new LakeObject(PART, 9));
    assertThatThrownBy(() -> lake.open(DATA)).isInstanceOf(LakeObjectMissingException.class);
    lake.delete(PART);
    assertThat(lake.listAll("", null)).isEmpty();
    assertThat(lake.put(DATA, bytes("again")).bytes()).isEqualTo(5);
  }

  @Test
  void aWriterClosedWithoutACommitLeavesNoUnfinishedWrite() throws IOException {
    LakeStore lake = newStore();

    try (LakeWriter writer = lake.create(DATA)) {
      writeInPieces(writer, random(LARGE, 5));
    }

    assertThat(lake.unfinished()).isEmpty();
    assertThat(lake.listAll("", null)).isEmpty();
  }

  /** Writes {@code content} in 64 KiB pieces, as a download or a Parquet upload does. */
  private static void writeInPieces(LakeWriter writer, byte[] content) throws IOException {
    for (int off = 0; off < content.length; off += 64 * 1024) {
      writer.write(content, off, Math.min(64 * 1024, content.length - off));
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] random(int size, long seed) {
    byte[] content = new byte[size];
    new Random(seed).nextBytes(content);
    return content;
  }

  private static String sha256(byte[] content) {
    return HexFormat.of().formatHex(sha256Digest().digest(content));
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
