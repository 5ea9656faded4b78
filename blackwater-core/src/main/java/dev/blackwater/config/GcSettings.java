package dev.blackwater.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How gc removes what killed runs left in the lake.
 *
 * @param grace how old an object no committed manifest names must be before gc takes it: longer
 *     than any run
 * @param interval how often {@code run} runs gc in the local zones; empty: never
 */
public record GcSettings(Duration grace, Optional<Duration> interval) {

  /** The default grace period: a day, far past the longest run AWS allows (a 4-hour execution). */
  public static final Duration DEFAULT_GRACE = Duration.ofHours(24);

  /** The defaults: a day's grace, gc once a day. */
  public static GcSettings defaults() {
    return new GcSettings(DEFAULT_GRACE, Optional.of(Duration.ofHours(24)));
  }
}
