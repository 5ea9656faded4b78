package dev.blackwater.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.error.BlackwaterException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TransformSettingsTest {

  @Test
  void defaultsToAutoMemoryTheSystemTempDirectoryAndEveryProcessor() {
    TransformSettings s = TransformSettings.defaults();
    assertThat(s.memoryLimit()).as("auto: at most 1GB").matches("\\d+MB");
    assertThat(Long.parseLong(s.memoryLimit().replace("MB", ""))).isBetween(64L, 1024L);
    assertThat(s.tempDirectory()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    assertThat(s.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(s.maxRejectedRows()).isZero();
  }

  @Test
  void copiesWithChangesAndNormalisesTheMemoryLimit() {
    TransformSettings s =
        TransformSettings.defaults()
            .withMemoryLimit(" 1.5 gb")
            .withTempDirectory(Path.of("/work/tmp"))
            .withThreads(3)
            .withMaxRejectedRows(10);
    assertThat(s.memoryLimit()).isEqualTo("1.5GB");
    assertThat(s.tempDirectory()).isEqualTo(Path.of("/work/tmp"));
    assertThat(s.threads()).isEqualTo(3);
    assertThat(s.maxRejectedRows()).isEqualTo(10);
  }

  @Test
  void rejectsNonsense() {
    TransformSettings d = TransformSettings.defaults();
    assertThatThrownBy(() -> d.withMemoryLimit("lots"))
        .isInstanceOf(BlackwaterException.class)
        .hasMessageContaining("'lots' is not a size");
    assertThatThrownBy(() -> d.withMemoryLimit(null)).isInstanceOf(BlackwaterException.class);
    assertThatThrownBy(() -> d.withTempDirectory(null))
        .hasMessageContaining("no temporary directory");
    assertThatThrownBy(() -> d.withThreads(0)).hasMessageContaining("threads");
    assertThatThrownBy(() -> d.withMaxRejectedRows(-1)).hasMessageContaining("negative");
  }
}
