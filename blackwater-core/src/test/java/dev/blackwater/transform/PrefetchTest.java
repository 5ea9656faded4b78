package dev.blackwater.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.lake.LakePage;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeWriter;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.lake.Manifest.ObjectRef;
import dev.blackwater.lake.StoredObject;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transform's downloads run at most a fixed number of objects ahead of the reader. */
class PrefetchTest {

  @TempDir Path lakeDir;
  @TempDir Path localDir;

  private final List<String> opened = new CopyOnWriteArrayList<>();

  @Test
  void downloadsAtMostThreadsObjectsAheadOfTheOneBeingRead() throws Exception {
    LakeStore lake = counting(new LocalLakeStore(lakeDir));
    List<ObjectRef> objects = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      objects.add(object(lake, "t/part-" + i + ".csv.gz", "a\n" + i + "\n"));
    }

    try (Prefetch prefetch = new Prefetch(2)) {
      for (ObjectRef object : objects) {
        prefetch.plan(lake, "b", object, localDir.resolve(object.key().replace("/", "-")));
      }
      Path first = prefetch.await(objects.get(0).key());
      assertThat(Files.readString(first, StandardCharsets.UTF_8)).isEqualTo("a\n0\n");
      waitForOpened(3);
      Thread.sleep(300);
      assertThat(opened)
          .as("two ahead of the first object, no more")
          .containsExactlyInAnyOrder("t/part-0.csv.gz", "t/part-1.csv.gz", "t/part-2.csv.gz");
      Files.delete(first);

      for (int i = 1; i < 5; i++) {
        Path local = prefetch.await(objects.get(i).key());
        Thread.sleep(100);
        assertThat(opened.size())
            .as("reading object %d: at most two ahead of it", i)
            .isLessThanOrEqualTo(Math.min(5, i + 3));
        assertThat(Files.readString(local, StandardCharsets.UTF_8)).isEqualTo("a\n" + i + "\n");
        Files.delete(local);
      }
    }
    assertThat(opened).hasSize(5);
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

  private void waitForOpened(int count) throws InterruptedException {
    for (int i = 0; i < 500 && opened.size() < count; i++) {
      Thread.sleep(10);
    }
  }

  private static ObjectRef object(LakeStore lake, String key, String csv) {
    StoredObject stored = lake.put(key, IngestionFixture.gzip(csv));
    return new ObjectRef(key, 1, stored.bytes(), stored.sha256());
  }

  private LakeStore counting(LakeStore delegate) {
    return new LakeStore() {
      @Override
      public URI uri() {
        return delegate.uri();
      }

      @Override
      public LakeWriter create(String key) {
        return delegate.create(key);
      }

      @Override
      public InputStream open(String key) {
        opened.add(key);
        return delegate.open(key);
      }

      @Override
      public LakePage list(String prefix, String startAfter) {
        return delegate.list(prefix, startAfter);
      }

      @Override
      public boolean exists(String key) {
        return delegate.exists(key);
      }
    };
  }
}
