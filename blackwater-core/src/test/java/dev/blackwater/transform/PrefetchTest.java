package dev.blackwater.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.lake.LakeFiles;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.lake.Manifest.ObjectRef;
import dev.blackwater.lake.StoredObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transform's downloads run at most a fixed number of objects ahead of the reader. Every
 * download waits at a gate the test opens (see {@link GatedLakeStore}), and the test looks only
 * once the downloads have settled, so what it sees not started could not have started.
 */
class PrefetchTest {

  private static final int THREADS = 2;
  private static final int OBJECTS = 6;

  @TempDir Path lakeDir;
  @TempDir Path localDir;

  @Test
  void downloadsAtMostThreadsObjectsAheadOfTheOneBeingRead() throws Exception {
    GatedLakeStore lake = new GatedLakeStore(new LocalLakeStore(lakeDir));
    List<ObjectRef> objects = new ArrayList<>();
    for (int i = 0; i < OBJECTS; i++) {
      objects.add(object(lake, key(i), "a\n" + i + "\n"));
    }

    try (Prefetch prefetch = new Prefetch(THREADS)) {
      for (ObjectRef object : objects) {
        prefetch.plan(lake, "b", object, localDir.resolve(object.key().replace("/", "-")));
      }
      lake.awaitOpened(key(0));
      lake.awaitOpened(key(1));
      lake.awaitSettled();
      assertThat(lake.opened())
          .as("before anything is read, %d downloads start", THREADS)
          .containsExactlyInAnyOrder(key(0), key(1));
      release(lake, 0, 1);
      assertThat(lake.opened())
          .as("with both downloaded and the threads free, the third waits for the reader")
          .containsExactlyInAnyOrder(key(0), key(1));
      assertThat(localFiles()).hasSize(THREADS);

      for (int i = 0; i < OBJECTS; i++) {
        Path local = prefetch.await(key(i)).file();
        int next = i + THREADS;
        List<String> started = keys(Math.min(next, OBJECTS - 1));
        if (next < OBJECTS) {
          lake.awaitOpened(key(next));
          lake.awaitSettled();
          assertThat(lake.opened())
              .as("reading object %d starts exactly object %d", i, next)
              .containsExactlyInAnyOrderElementsOf(started);
          release(lake, next);
        }
        assertThat(lake.opened())
            .as("reading object %d, with every download done: none more than %d ahead", i, THREADS)
            .containsExactlyInAnyOrderElementsOf(started);
        assertThat(localFiles())
            .as("local copies while reading object %d", i)
            .hasSize(Math.min(THREADS + 1, OBJECTS - i));
        assertThat(Files.readAllBytes(local))
            .as("a copy, still compressed")
            .isEqualTo(IngestionFixture.gzip("a\n" + i + "\n"));
        Files.delete(local);
      }
    }
    assertThat(lake.opened()).containsExactlyInAnyOrderElementsOf(keys(OBJECTS - 1));
  }

  @Test
  void anObjectOfALocalZoneIsCheckedInPlaceNeverCopiedAndNeverDiscarded() throws Exception {
    LakeStore lake = new LocalLakeStore(lakeDir);
    ObjectRef object = object(lake, "t/a.csv.gz", "a\n1\n");
    try (Prefetch prefetch = new Prefetch(1)) {
      prefetch.plan(lake, "b", object, localDir.resolve("a.csv.gz"));

      LakeFiles.LocalObject local = prefetch.await(object.key());
      local.discard();

      assertThat(local.file()).isEqualTo(lakeDir.resolve(object.key()));
      assertThat(local.temporary()).isFalse();
      assertThat(local.file()).exists();
      assertThat(localFiles()).isEmpty();
    }
  }

  @Test
  void anObjectOfALocalZoneThatIsNotTheManifestsFailsItsCheck() throws Exception {
    LakeStore lake = new LocalLakeStore(lakeDir);
    ObjectRef object = object(lake, "t/a.csv.gz", "a\n1\n");
    ObjectRef wrong = new ObjectRef(object.key(), 1, object.bytes(), "00".repeat(32));
    try (Prefetch prefetch = new Prefetch(1)) {
      prefetch.plan(lake, "b", wrong, localDir.resolve("a.csv.gz"));

      assertThatThrownBy(() -> prefetch.await(object.key()))
          .hasMessageContaining("object t/a.csv.gz of batch b is corrupt");
    }
  }

  @Test
  void anObjectAwaitedOutOfReadOrderIsRefused() throws Exception {
    LakeStore lake = new LocalLakeStore(lakeDir);
    ObjectRef first = object(lake, "t/a.csv.gz", "a\n1\n");
    ObjectRef second = object(lake, "t/b.csv.gz", "a\n2\n");
    try (Prefetch prefetch = new Prefetch(1)) {
      prefetch.plan(lake, "b", first, localDir.resolve("a.csv"));
      prefetch.plan(lake, "b", second, localDir.resolve("b.csv"));

      assertThatThrownBy(() -> prefetch.await(second.key()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("t/b.csv.gz was not planned, or not in read order");
    }
  }

  /** Lets the downloads of objects {@code indexes} finish and waits until they have. */
  private static void release(GatedLakeStore lake, int... indexes) {
    for (int i : indexes) {
      lake.release(key(i));
    }
    lake.awaitSettled();
  }

  private static String key(int i) {
    return "t/part-" + i + ".csv.gz";
  }

  /** The keys of objects 0 to {@code last}. */
  private static List<String> keys(int last) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i <= last; i++) {
      keys.add(key(i));
    }
    return keys;
  }

  private List<Path> localFiles() throws IOException {
    try (Stream<Path> files = Files.list(localDir)) {
      return files.toList();
    }
  }

  private static ObjectRef object(LakeStore lake, String key, String csv) {
    StoredObject stored = lake.put(key, IngestionFixture.gzip(csv));
    return new ObjectRef(key, 1, stored.bytes(), stored.sha256());
  }
}
