package dev.blackwater.totesys;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * The calendar of a generated history, in epoch milliseconds of UTC wall time (the source columns
 * are {@code timestamp without time zone}): 530 weekdays of office hours, 08:00:00.000 to
 * 18:59:59.999, ending on the last weekday on or before a chosen day. The real snapshot's calendar
 * ({@link #SNAPSHOT}) ends on Friday 15 November 2024 and so starts on Monday 7 November 2022; its
 * reference rows are created on the Thursday before the history's first week (3 November 2022).
 * Every moment follows from the last day alone: nothing here reads the wall clock.
 */
final class WorkingHours {

  static final long DAY_MILLIS = 86_400_000L;

  static final int WORKING_DAYS = 530;

  /** The last day of the real snapshot's history. */
  static final LocalDate SNAPSHOT_LAST_DAY = LocalDate.of(2024, 11, 15);

  /** The real snapshot's calendar: Monday 7 November 2022 to Friday 15 November 2024. */
  static final WorkingHours SNAPSHOT = endingOn(SNAPSHOT_LAST_DAY);

  private static final long OPENS = 8 * 3_600_000L;
  private static final long OPEN_MILLIS = 11 * 3_600_000L;
  private static final LocalTime REFERENCE_TIME = LocalTime.of(14, 20, 49, 962_000_000);
  private static final long PEOPLE_AFTER_REFERENCE = 1_601L;

  /** Milliseconds of office time in the whole history. */
  static final long SPAN = WORKING_DAYS * OPEN_MILLIS;

  /** The Monday of the history's first week. */
  private final long firstMonday;

  /** The weekday of the first day, counted from Monday = 0. */
  private final int firstWeekday;

  private WorkingHours(long firstMonday, int firstWeekday) {
    this.firstMonday = firstMonday;
    this.firstWeekday = firstWeekday;
  }

  /** The history whose last working day is the last weekday on or before {@code lastDay}. */
  static WorkingHours endingOn(LocalDate lastDay) {
    LocalDate last = lastDay;
    while (last.getDayOfWeek() == DayOfWeek.SATURDAY || last.getDayOfWeek() == DayOfWeek.SUNDAY) {
      last = last.minusDays(1);
    }
    int lastWeekday = last.getDayOfWeek().getValue() - 1;
    int firstWeekday = Math.floorMod(lastWeekday - (WORKING_DAYS - 1), 5);
    int weekdaysFromFirstMonday = WORKING_DAYS - 1 + firstWeekday;
    long lastMonday = last.toEpochDay() - lastWeekday;
    return new WorkingHours(lastMonday - weekdaysFromFirstMonday / 5 * 7L, firstWeekday);
  }

  /** The moment that lies {@code offset} milliseconds of office time into the history. */
  long at(long offset) {
    long weekday = offset / OPEN_MILLIS + firstWeekday;
    long epochDay = firstMonday + weekday / 5 * 7 + weekday % 5;
    return epochDay * DAY_MILLIS + OPENS + offset % OPEN_MILLIS;
  }

  /** The last moment of the history: 18:59:59.999 on its last working day. */
  long end() {
    return at(SPAN - 1);
  }

  /**
   * When the lookup rows (address, currency, department, payment type, first designs) appear: the
   * Thursday before the history's first week, at 14:20:49.962.
   */
  long referenceCreated() {
    return millis(LocalDate.ofEpochDay(firstMonday - 4).atTime(REFERENCE_TIME));
  }

  /** When counterparties and staff appear, a moment after the rows they refer to. */
  long peopleCreated() {
    return referenceCreated() + PEOPLE_AFTER_REFERENCE;
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
