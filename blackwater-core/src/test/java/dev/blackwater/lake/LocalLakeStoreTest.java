package dev.blackwater.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the local store does: objects are plain files under the zone's directory, written
 * through hidden temporary files that never outlive a writer. The rest is {@link
 * LakeStoreContract}'s, checked by {@link LocalLakeStoreContractTest}.
 */
class LocalLakeStoreTest {

  @TempDir Path dir;

  @Test
  void anObjectIsAFileAtItsKeysPath() throws IOException {
    LakeStore lake = new LocalLakeStore(dir);

    lake.put("a/b/c.txt", "hello, lake".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.readString(dir.resolve("a/b/c.txt"))).isEqualTo("hello, lake");
    assertThat(hiddenFiles()).isEmpty();
    assertThat(lake.localFile("a/b/c.txt"))
        .as("offered in place")
        .contains(dir.resolve("a/b/c.txt"));
  }

  @Test
  void aWriterThatNeitherCommitsNorClosesIsAnUnfinishedWriteThatDeleteRemoves() throws IOException {
    LocalLakeStore lake = new LocalLakeStore(dir);
    lake.put("item/2026/12/31/000001-20261231T235958Z.csv.gz", new byte[] {1});
    LakeWriter killed = lake.create("item/2026/12/31/000002-20261231T235959Z.csv.gz");
    killed.write(new byte[] {1, 2, 3});

    List<LakeObject> unfinished = lake.unfinished();

    assertThat(unfinished)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.key())
                  .startsWith("item/2026/12/31/.000002-20261231T235959Z.csv.gz.")
                  .endsWith(".tmp");
              assertThat(o.size()).isEqualTo(3);
              assertThat(LakeLayout.batchOf(o.key()))
                  .contains(BatchId.parse("000002-20261231T235959Z"));
            });
    assertThat(lake.listAll("", null))
        .extracting(LakeObject::key)
        .containsExactly("item/2026/12/31/000001-20261231T235958Z.csv.gz");
    lake.delete(unfinished.get(0).key());
    assertThat(lake.unfinished()).isEmpty();
    assertThat(hiddenFiles()).isEmpty();
    killed.close(); // its temporary file is gone already: nothing to discard
  }

  @Test
  void deletingTheLastObjectOfAFolderRemovesTheFoldersItLeavesEmptyButNotTheZone() {
    LocalLakeStore lake = new LocalLakeStore(dir.resolve("zone"));
    lake.put("item/2026/12/31/a.csv.gz", new byte[] {1});
    lake.put("item/2026/12/30/b.csv.gz", new byte[] {1});

    lake.delete("item/2026/12/31/a.csv.gz");

    assertThat(dir.resolve("zone/item/2026/12/31")).doesNotExist();
    assertThat(dir.resolve("zone/item/2026/12/30/b.csv.gz")).exists();
    lake.delete("item/2026/12/30/b.csv.gz");
    assertThat(dir.resolve("zone/item")).doesNotExist();
    assertThat(dir.resolve("zone")).isDirectory();
    assertThat(lake.put("item/2026/12/31/a.csv.gz", new byte[] {2}).bytes()).isEqualTo(1);
  }

  @Test
  void aRefusedPutLeavesNoTemporaryFile() {
    LakeStore lake = new LocalLakeStore(dir);
    lake.put("k.txt", new byte[] {1});

    assertThatThrownBy(() -> lake.put("k.txt", new byte[] {2}))
        .isInstanceOf(LakeObjectExistsException.class);
    assertThat(hiddenFiles()).isEmpty();
  }

  @Test
  void anUncommittedWriterLeavesNoTemporaryFile() throws IOException {
    LakeStore lake = new LocalLakeStore(dir);
    try (LakeWriter writer = lake.create("x/y.bin")) {
      writer.write(new byte[1000]);
      assertThat(hiddenFiles()).hasSize(1);
    }
    assertThat(hiddenFiles()).isEmpty();
  }

  @Test
  void refusesKeysOutsideTheZone() {
    LakeStore lake = new LocalLakeStore(dir);
    assertThatThrownBy(() -> lake.create("../escape")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> lake.open("a/../../escape"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void opensByUri() {
    LakeStore lake = LakeStores.local().open(dir.toUri());
    lake.put("p", new byte[] {7});
    assertThat(lake.uri()).isEqualTo(dir.toUri());
    assertThat(LakeStores.local().open(dir.toUri()).read("p")).containsExactly(7);
    assertThatThrownBy(() -> LakeStores.local().open(java.net.URI.create("s3://bucket/zone")))
        .hasMessageContaining("no lake store for s3://bucket/zone (this process opens file zones)");
  }

  private List<Path> hiddenFiles() {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith(".")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
