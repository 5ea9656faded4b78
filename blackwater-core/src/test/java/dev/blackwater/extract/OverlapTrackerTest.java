package dev.blackwater.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OverlapTrackerTest {

  private static final long SECOND = 1_000_000L;

  @Test
  void keepsOnlyTheVersionsWithinTheWindowBelowTheNewest() {
    OverlapTracker tracker = new OverlapTracker(10 * SECOND, 0);
    tracker.add(100 * SECOND, "a");
    tracker.add(95 * SECOND, "b");
    tracker.add(80 * SECOND, "c");
    tracker.add(105 * SECOND, "d");
    tracker.add(91 * SECOND, "e");

    assertThat(tracker.newest()).isEqualTo(105 * SECOND);
    assertThat(tracker.since()).isEqualTo(95 * SECOND);
    assertThat(tracker.versions())
        .containsExactly(
            OverlapTracker.encode("a", 100 * SECOND), OverlapTracker.encode("d", 105 * SECOND));
    assertThat(tracker.wouldKeep(96 * SECOND)).isTrue();
    assertThat(tracker.wouldKeep(95 * SECOND)).isFalse();
    assertThat(tracker.wouldKeep(200 * SECOND)).isTrue();
  }

  @Test
  void encodesVersionsAsKeyAndTimestamp() {
    String v = OverlapTracker.encode("12", 3 * SECOND + 4000);
    assertThat(v).isEqualTo("12|1970-01-01T00:00:03.004000");
    assertThat(OverlapTracker.key(v)).isEqualTo("12");
    assertThat(OverlapTracker.micros(v)).isEqualTo(3 * SECOND + 4000);
  }

  @Test
  void aZeroWindowRemembersNothingButTheNewest() {
    OverlapTracker tracker = new OverlapTracker(0, 0);
    tracker.add(5, "x");
    assertThat(tracker.versions()).isEmpty();
    assertThat(tracker.newest()).isEqualTo(5);
  }
}
