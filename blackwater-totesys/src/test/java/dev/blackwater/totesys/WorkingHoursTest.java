package dev.blackwater.totesys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkingHoursTest {

  private static final WorkingHours SNAPSHOT = WorkingHours.SNAPSHOT;

  private static LocalDateTime time(long millis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  @Test
  void theSnapshotsHistoryRunsFromMondayMorningToFridayEvening() {
    assertThat(time(SNAPSHOT.at(0))).isEqualTo(LocalDateTime.of(2022, 11, 7, 8, 0));
    assertThat(time(SNAPSHOT.end()))
        .isEqualTo(LocalDateTime.of(2024, 11, 15, 18, 59, 59, 999_000_000));
    assertThat(time(SNAPSHOT.referenceCreated()))
        .isEqualTo(LocalDateTime.of(2022, 11, 3, 14, 20, 49, 962_000_000));
    assertThat(time(SNAPSHOT.peopleCreated()))
        .isEqualTo(LocalDateTime.of(2022, 11, 3, 14, 20, 51, 563_000_000));
    assertThat(SNAPSHOT.peopleCreated()).isLessThan(SNAPSHOT.at(0));
  }

  @Test
  void officeTimeSkipsNightsAndWeekends() {
    long day = 11 * 3_600_000L;
    assertThat(time(SNAPSHOT.at(day - 1)))
        .isEqualTo(LocalDateTime.of(2022, 11, 7, 18, 59, 59, 999_000_000));
    assertThat(time(SNAPSHOT.at(day))).isEqualTo(LocalDateTime.of(2022, 11, 8, 8, 0));
    assertThat(time(SNAPSHOT.at(5 * day))).isEqualTo(LocalDateTime.of(2022, 11, 14, 8, 0));
    assertOfficeHoursOnly(SNAPSHOT);
  }

  /**
   * A history can end on any day: on its last weekday, 530 weekdays after it began, each day of it
   * used once, the reference rows created the Thursday before its first week.
   */
  @Test
  void aHistoryEndsOnTheLastWeekdayOnOrBeforeItsLastDay() {
    LocalDate monday = LocalDate.of(2031, 3, 3);
    for (int d = 0; d < 7; d++) {
      LocalDate lastDay = monday.plusDays(d);
      WorkingHours history = WorkingHours.endingOn(lastDay);
      LocalDate expectedLast =
          switch (lastDay.getDayOfWeek()) {
            case SATURDAY -> lastDay.minusDays(1);
            case SUNDAY -> lastDay.minusDays(2);
            default -> lastDay;
          };
      LocalDateTime end = time(history.end());
      assertThat(end).as("%s", lastDay).isEqualTo(expectedLast.atTime(18, 59, 59, 999_000_000));

      LocalDate first = time(history.at(0)).toLocalDate();
      assertThat(weekdaysBetween(first, expectedLast)).as("%s", lastDay).isEqualTo(530);
      LocalDate reference = time(history.referenceCreated()).toLocalDate();
      assertThat(reference.getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
      assertThat(ChronoUnit.DAYS.between(reference, first)).isBetween(4L, 8L);
      assertThat(history.peopleCreated()).isLessThan(history.at(0));

      Set<LocalDate> days = new HashSet<>();
      for (long offset = 0; offset < WorkingHours.SPAN; offset += 11 * 3_600_000L) {
        days.add(time(history.at(offset)).toLocalDate());
      }
      assertThat(days).hasSize(530).contains(first, expectedLast);
      assertOfficeHoursOnly(history);
    }
  }

  @Test
  void theSnapshotsLastDayGivesTheSnapshotsCalendar() {
    WorkingHours sameDay = WorkingHours.endingOn(LocalDate.of(2024, 11, 15));
    WorkingHours weekendAfter = WorkingHours.endingOn(LocalDate.of(2024, 11, 17));
    for (long offset = 0; offset < WorkingHours.SPAN; offset += 7_654_321L) {
      assertThat(sameDay.at(offset)).isEqualTo(SNAPSHOT.at(offset));
      assertThat(weekendAfter.at(offset)).isEqualTo(SNAPSHOT.at(offset));
    }
    assertThat(weekendAfter.referenceCreated()).isEqualTo(SNAPSHOT.referenceCreated());
  }

  @Test
  void spreadIsEvenAndNeverGoesBackwards() {
    long previous = -1;
    for (int i = 0; i < 1000; i++) {
      long offset = WorkingHours.spread(i, 1000, i % 2 == 0 ? 0.999_999 : 0.0);
      assertThat(offset).isGreaterThanOrEqualTo(previous).isLessThan(WorkingHours.SPAN);
      previous = offset;
    }
    assertThat(WorkingHours.spread(0, 1, 0.5)).isEqualTo(WorkingHours.SPAN / 2);
    assertThat(WorkingHours.spread(0, 1, 1.0)).isEqualTo(WorkingHours.SPAN - 1);
  }

  @Test
  void epochDayRoundsDown() {
    assertThat(WorkingHours.epochDay(-1)).isEqualTo(-1);
    assertThat(WorkingHours.epochDay(WorkingHours.DAY_MILLIS)).isEqualTo(1);
  }

  private static void assertOfficeHoursOnly(WorkingHours history) {
    long previous = Long.MIN_VALUE;
    for (long offset = 0; offset < WorkingHours.SPAN; offset += 3_599_999L) {
      long at = history.at(offset);
      LocalDateTime t = time(at);
      assertThat(t.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
      assertThat(t.getHour()).isBetween(8, 18);
      assertThat(at).isGreaterThan(previous);
      previous = at;
    }
  }

  private static long weekdaysBetween(LocalDate first, LocalDate last) {
    long count = 0;
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
        count++;
      }
    }
    return count;
  }
}
