package dev.blackwater.totesys;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The fixed calendar of the generated history, in epoch milliseconds of UTC wall time (the source
 * columns are {@code timestamp without time zone}). Reference rows are created on Thursday 3
 * November 2022; orders fall on the 530 weekdays from Monday 7 November 2022 to Friday 15 November
 * 2024, between 08:00:00.000 and 18:59:59.999. Nothing here reads the wall clock.
 */
final class WorkingHours {

  static final long DAY_MILLIS = 86_400_000L;

  /** When the lookup rows (address, currency, department, payment type, first designs) appear. */
  static final long REFERENCE_CREATED =
      millis(LocalDateTime.of(2022, 11, 3, 14, 20, 49, 962_000_000));

  /** When counterparties and staff appear, a moment after the rows they refer to. */
  static final long PEOPLE_CREATED = millis(LocalDateTime.of(2022, 11, 3, 14, 20, 51, 563_000_000));

  static final int WORKING_DAYS = 530;

  private static final long FIRST_MONDAY = LocalDate.of(2022, 11, 7).toEpochDay();
  private static final long OPENS = 8 * 3_600_000L;
  private static final long OPEN_MILLIS = 11 * 3_600_000L;

  /** Milliseconds of office time in the whole history. */
  static final long SPAN = WORKING_DAYS * OPEN_MILLIS;

  /** The last moment of the history: Friday 15 November 2024, 18:59:59.999. */
  static final long END = at(SPAN - 1);

  private WorkingHours() {}

  /** The moment that lies {@code offset} milliseconds of office time into the history. */
  static long at(long offset) {
    long day = offset / OPEN_MILLIS;
    long epochDay = FIRST_MONDAY + day / 5 * 7 + day % 5;
    return epochDay * DAY_MILLIS + OPENS + offset % OPEN_MILLIS;
  }

  /**
   * An office-time offset for item {@code index} of {@code count} spread evenly over the history,
   * jittered by {@code fraction} in [0, 1): non-decreasing in {@code index}.
   */
  static long spread(long index, long count, double fraction) {
    long offset = (long) ((index + fraction) * ((double) SPAN / count));
    return Math.min(offset, SPAN - 1);
  }

  static long epochDay(long millis) {
    return Math.floorDiv(millis, DAY_MILLIS);
  }

  static long millis(LocalDateTime time) {
    return time.toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
