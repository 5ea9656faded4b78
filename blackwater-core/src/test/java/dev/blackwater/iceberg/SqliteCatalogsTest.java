package dev.blackwater.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.lake.LakePage;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeWriter;
import dev.blackwater.lake.LocalLakeStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog setting, and Iceberg's file access over a zone. */
class SqliteCatalogsTest {

  @TempDir Path dir;

  @Test
  void autoPutsTheCatalogBesideALocalZoneNoneTurnsItOffAnythingElseIsRefused() {
    LocalLakeStore zone = new LocalLakeStore(dir.resolve("processed"));

    assertThat(new SqliteCatalogs("auto").open(zone)).isPresent();
    assertThat(dir.resolve("processed").resolve(SqliteCatalogs.CATALOG_KEY)).exists();
    assertThat(new SqliteCatalogs("none").open(zone)).isEmpty();
    assertThat(
            new SqliteCatalogs("jdbc:sqlite:" + dir.resolve("elsewhere/c.db"))
                .open(zone)
                .orElseThrow()
                .namespace())
        .isEqualTo(LakeCatalog.DEFAULT_NAMESPACE);
    assertThat(dir.resolve("elsewhere/c.db")).exists();
    assertThatThrownBy(() -> new SqliteCatalogs("glue"))
        .isInstanceOf(BlackwaterException.class)
        .hasMessageContaining("not auto, none or jdbc:sqlite:");
    assertThat(CatalogFactory.NONE.open(zone)).isEmpty();
  }

  @Test
  void aRemoteZoneGetsNoCatalogByAuto() {
    LocalLakeStore local = new LocalLakeStore(dir);
    LakeStore remote =
        new LakeStore() {
          @Override
          public URI uri() {
            return URI.create("s3://bucket/processed");
          }

          @Override
          public LakeWriter create(String key) {
            return local.create(key);
          }

          @Override
          public InputStream open(String key) {
            return local.open(key);
          }

          @Override
          public LakePage list(String prefix, String startAfter) {
            return local.list(prefix, startAfter);
          }

          @Override
          public boolean exists(String key) {
            return local.exists(key);
          }
        };
    assertThat(new SqliteCatalogs("auto").open(remote)).isEmpty();
    assertThat(new LakeFileIO(remote).key("s3://bucket/processed/a/b.json")).isEqualTo("a/b.json");
    assertThat(new LakeFileIO(local).key("file:" + dir + "/x.json")).isEqualTo("x.json");
    assertThatThrownBy(() -> new LakeFileIO(local).key("s3://other/x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void filesAreWrittenOnceReadWholeAndNeverDeleted() throws IOException {
    LocalLakeStore zone = new LocalLakeStore(dir);
    LakeFileIO io = new LakeFileIO(zone);
    String location = io.location("_iceberg/t/metadata/v1.json");
    try (PositionOutputStream out = io.newOutputFile(location).create()) {
      out.write("hello, iceberg".getBytes(StandardCharsets.UTF_8));
      assertThat(out.getPos()).isEqualTo(14);
    }
    assertThatThrownBy(
            () -> {
              try (PositionOutputStream out = io.newOutputFile(location).createOrOverwrite()) {
                out.write(1);
              }
            })
        .isInstanceOf(AlreadyExistsException.class);
    InputFile in = io.newOutputFile(location).toInputFile();
    assertThat(in.exists()).isTrue();
    assertThat(in.getLength()).isEqualTo(14);
    try (SeekableInputStream s = in.newStream()) {
      s.seek(7);
      assertThat(s.getPos()).isEqualTo(7);
      assertThat(new String(s.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("iceberg");
    }
    io.deleteFile(location);
    assertThat(zone.exists("_iceberg/t/metadata/v1.json")).as("nothing deletes").isTrue();
    assertThatThrownBy(() -> io.newInputFile(io.location("missing.json")).getLength())
        .isInstanceOf(NotFoundException.class);
  }
}
