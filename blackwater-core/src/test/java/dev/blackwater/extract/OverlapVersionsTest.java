package dev.blackwater.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OverlapVersionsTest {

  private static final long SECOND = 1_000_000L;

  @Test
  void encodesVersionsAsKeyAndTimestamp() {
    String v = OverlapVersions.encode("12", 3 * SECOND + 4000);

    assertThat(v).isEqualTo("12|1970-01-01T00:00:03.004000");
    assertThat(OverlapVersions.micros(v)).isEqualTo(3 * SECOND + 4000);
  }

  @Test
  void keepsTheRememberedVersionsAfterTheWindowsStartAndEveryFoundOneOnce() {
    String old = OverlapVersions.encode("1", 90 * SECOND);
    String kept = OverlapVersions.encode("2", 100 * SECOND);
    String found = OverlapVersions.encode("3", 101 * SECOND);

    assertThat(OverlapVersions.after(95 * SECOND, List.of(old, kept), List.of(found, kept)))
        .containsExactly(kept, found);
  }
}
