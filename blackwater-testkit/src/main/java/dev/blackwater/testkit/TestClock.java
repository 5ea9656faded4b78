package dev.blackwater.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The only "now" a test may use: hand the code under test one of these clocks and derive what a
 * test expects from what the code computed, never from a date that was true once.
 *
 * <p>A test clock starts at {@link #start()}: by default two seconds before midnight UTC on New
 * Year's Eve, so that a test's batches, run records and keys straddle a change of day, month and
 * year. The system property {@value #START_PROPERTY} moves it: {@code .ci/run}'s second pass
 * ({@code -Pfar-from-utc}) runs the JVM in {@code Pacific/Kiritimati}, UTC+14, and starts the clock
 * at local midnight on New Year's Day, so the machine's date is a day, a month and a year ahead of
 * the UTC date the code must use. Every clock is UTC-zoned; the JVM's own zone and locale are
 * whatever the run gives it.
 */
public final class TestClock {

  /** The system property that overrides {@link #DEFAULT_START}, as an ISO instant. */
  public static final String START_PROPERTY = "blackwater.test.clock.start";

  /** Two seconds before the UTC new year: days, months and years turn while a test runs. */
  public static final Instant DEFAULT_START = Instant.parse("2026-12-31T23:59:58Z");

  private TestClock() {}

  /** Where every test clock starts. */
  public static Instant start() {
    String configured = System.getProperty(START_PROPERTY);
    return configured == null || configured.isBlank()
        ? DEFAULT_START
        : Instant.parse(configured.trim());
  }

  /** A clock that starts at {@link #start()} now and ticks with real time. */
  public static Clock ticking() {
    return tickingFrom(start());
  }

  /** A clock that reads {@code start} now and ticks with real time. */
  public static Clock tickingFrom(Instant start) {
    Clock system = Clock.systemUTC();
    return Clock.offset(system, Duration.between(system.instant(), start));
  }

  /** A clock that always reads {@link #start()}. */
  public static Clock fixed() {
    return fixedAt(start());
  }

  /** A clock that always reads {@code instant}. */
  public static Clock fixedAt(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }
}
