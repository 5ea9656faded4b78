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
