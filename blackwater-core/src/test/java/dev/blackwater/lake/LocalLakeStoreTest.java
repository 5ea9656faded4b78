package dev.blackwater.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLakeStoreTest {

  @TempDir Path dir;

  @Test
  void writesAnObjectOnceAndReportsSizeAndChecksum() throws Exception {
    LakeStore lake = new LocalLakeStore(dir);
    byte[] content = "hello, lake".getBytes(StandardCharsets.UTF_8);

    StoredObject stored = lake.put("a/b/c.txt", content);

    assertThat(stored.bytes()).isEqualTo(content.length);
    assertThat(stored.sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    assertThat(lake.read("a/b/c.txt")).isEqualTo(content);
    assertThat(Files.readString(dir.resolve("a/b/c.txt"))).isEqualTo("hello, lake");
  }

  @Test
  void refusesToOverwriteAnExistingObject() {
    LakeStore lake = new LocalLakeStore(dir);
    lake.put("k.txt", new byte[] {1});

    assertThatThrownBy(() -> lake.put("k.txt", new byte[] {2}))
        .isInstanceOf(LakeObjectExistsException.class)
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONCURRENCY))
        .hasMessageContaining("k.txt");
    assertThat(lake.read("k.txt")).containsExactly(1);
    assertThat(hiddenFiles()).isEmpty();
  }

  @Test
  void anUncommittedWriterLeavesNothingBehind() throws IOException {
    LakeStore lake = new LocalLakeStore(dir);
    try (LakeWriter writer = lake.create("x/y.bin")) {
      writer.write(new byte[1000]);
      assertThat(lake.exists("x/y.bin")).isFalse();
      assertThat(lake.list("x/", null).objects()).isEmpty();
    }
    assertThat(lake.exists("x/y.bin")).isFalse();
    assertThat(hiddenFiles()).isEmpty();
  }

  @Test
  void listsInKeyOrderInPagesByPrefixAndStartAfter() {
    LakeStore lake = new LocalLakeStore(dir, 2);
    for (String key : List.of("t/3", "t/1", "t/2", "u/1", "t/sub/4", "tx/5")) {
      lake.put(key, key.getBytes(StandardCharsets.UTF_8));
    }

    LakePage first = lake.list("t/", null);
    assertThat(first.objects()).extracting(LakeObject::key).containsExactly("t/1", "t/2");
    assertThat(first.nextStartAfter()).contains("t/2");
    LakePage second = lake.list("t/", "t/2");
    assertThat(second.objects()).extracting(LakeObject::key).containsExactly("t/3", "t/sub/4");
    assertThat(lake.listAll("t/", null))
        .extracting(LakeObject::key)
        .containsExactly("t/1", "t/2", "t/3", "t/sub/4");
    assertThat(lake.listAll("t", null)).hasSize(5);
    assertThat(lake.listAll("t/", "t/3")).extracting(LakeObject::size).containsExactly(7L);
    assertThat(lake.listAll("none/", null)).isEmpty();
  }

  @Test
  void aMissingObjectIsADataQualityFailureNamingIt() {
    LakeStore lake = new LocalLakeStore(dir);
    assertThatThrownBy(() -> lake.open("nope.csv.gz"))
        .isInstanceOf(LakeObjectMissingException.class)
        .hasMessageContaining("nope.csv.gz");
  }

  @Test
  void refusesKeysOutsideTheZone() {
    LakeStore lake = new LocalLakeStore(dir);
    assertThatThrownBy(() -> lake.create("../escape")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> lake.create("/abs")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void streamsLargeObjects() throws IOException {
    LakeStore lake = new LocalLakeStore(dir);
    byte[] chunk = new byte[1 << 20];
    try (LakeWriter writer = lake.create("big.bin")) {
      for (int i = 0; i < 8; i++) {
        writer.write(chunk);
      }
      assertThat(writer.commit().bytes()).isEqualTo(8L << 20);
    }
    try (InputStream in = lake.open("big.bin")) {
      assertThat(in.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(8L << 20);
    }
  }

  @Test
  void aWriterIsUsableOnlyUntilItCommits() throws IOException {
    LakeStore lake = new LocalLakeStore(dir);
    LakeWriter writer = lake.create("once");
    writer.write('a');
    assertThat(writer.key()).isEqualTo("once");
    assertThat(writer.commit().bytes()).isEqualTo(1);
    assertThatThrownBy(() -> writer.write('b')).isInstanceOf(IOException.class);
    assertThatThrownBy(writer::commit).isInstanceOf(IOException.class);
    writer.close();
    assertThat(lake.read("once")).containsExactly('a');
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
      throw new java.io.UncheckedIOException(e);
    }
  }
}
