package dev.blackwater.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsAndMemoryLimitTest {

  @Test
  void parsesShortAndIsoDurations() {
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse(" 15m ")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(Durations.parse("PT15M")).isEqualTo(Duration.ofMinutes(15));
    assertThatThrownBy(() -> Durations.parse("soon"))
        .hasMessageContaining("'soon' is not a duration");
  }

  @Test
  void normalizesMemoryLimits() {
    assertThat(MemoryLimit.normalize(" 512 mb")).isEqualTo("512MB");
    assertThat(MemoryLimit.normalize("2.5GB")).isEqualTo("2.5GB");
    assertThatThrownBy(() -> MemoryLimit.normalize("lots"))
        .hasMessageContaining("'lots' is not a size");
    assertThatThrownBy(() -> LoadSettings.defaults().withMemoryLimit("x"))
        .hasMessageContaining("memory limit");
  }
}
