package dev.blackwater.totesys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WorkingHoursTest {

  private static LocalDateTime time(long millis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  @Test
  void theHistoryRunsFromMondayMorningToFridayEvening() {
    assertThat(time(WorkingHours.at(0))).isEqualTo(LocalDateTime.of(2022, 11, 7, 8, 0));
    assertThat(time(WorkingHours.END))
        .isEqualTo(LocalDateTime.of(2024, 11, 15, 18, 59, 59, 999_000_000));
    assertThat(time(WorkingHours.REFERENCE_CREATED)).isBefore(time(WorkingHours.PEOPLE_CREATED));
    assertThat(WorkingHours.PEOPLE_CREATED).isLessThan(WorkingHours.at(0));
  }

  @Test
  void officeTimeSkipsNightsAndWeekends() {
    long day = 11 * 3_600_000L;
    assertThat(time(WorkingHours.at(day - 1)))
        .isEqualTo(LocalDateTime.of(2022, 11, 7, 18, 59, 59, 999_000_000));
    assertThat(time(WorkingHours.at(day))).isEqualTo(LocalDateTime.of(2022, 11, 8, 8, 0));
    assertThat(time(WorkingHours.at(5 * day))).isEqualTo(LocalDateTime.of(2022, 11, 14, 8, 0));
    for (long offset = 0; offset < WorkingHours.SPAN; offset += 3_599_999L) {
      LocalDateTime t = time(WorkingHours.at(offset));
      assertThat(t.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
      assertThat(t.getHour()).isBetween(8, 18);
    }
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
}
