package dev.blackwater.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.catalog.TableCatalog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractSettingsTest {

  @Test
  void defaultsToTheElevenTotesysTables() {
    ExtractSettings s = ExtractSettings.defaults();
    assertThat(s.tables()).isEqualTo(TableCatalog.TOTESYS).hasSize(11);
    assertThat(s.overlap()).isEqualTo(Duration.ofMinutes(15));
    assertThat(s.schema()).isEqualTo("public");
  }

  @Test
  void copiesWithChanges() {
    ExtractSettings s =
        ExtractSettings.defaults()
            .withTables(List.of("a"))
            .withSchema("src")
            .withOverlap(Duration.ZERO)
            .withParallelism(4)
            .withPartBytes(4096)
            .withAcceptAddedColumns(true);
    assertThat(s.tables()).containsExactly("a");
    assertThat(s.schema()).isEqualTo("src");
    assertThat(s.overlap()).isZero();
    assertThat(s.parallelism()).isEqualTo(4);
    assertThat(s.partBytes()).isEqualTo(4096);
    assertThat(s.acceptAddedColumns()).isTrue();
  }

  @Test
  void rejectsNonsense() {
    ExtractSettings d = ExtractSettings.defaults();
    assertThatThrownBy(() -> d.withTables(List.of())).hasMessageContaining("no tables");
    assertThatThrownBy(() -> d.withTables(List.of("Robert'); DROP TABLE x;--")))
        .hasMessageContaining("not a plain lower-case SQL identifier");
    assertThatThrownBy(() -> d.withOverlap(Duration.ofMinutes(-1))).hasMessageContaining("overlap");
    assertThatThrownBy(() -> d.withParallelism(0)).hasMessageContaining("parallelism");
    assertThatThrownBy(() -> d.withPartBytes(10)).hasMessageContaining("part size");
  }
}
