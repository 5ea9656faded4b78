package dev.blackwater.totesys;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What to seed: {@code scale} 1 reproduces the sizes of the real snapshot (fractions such as 0.01
 * are fine), {@code seed} picks the values, and {@code lastDay} places the history in time: its 530
 * working days end on the last weekday on or before {@code lastDay} (by default the snapshot's,
 * Friday 15 November 2024). The same options always give the same rows; another last day gives the
 * same rows moved in time.
 *
 * @throws TotesysException of kind {@code BAD_ARGUMENT} if the scale is not a positive number, or
 *     so large that ids would overflow, or the last day lies outside {@value #FIRST_YEAR}–{@value
 *     #LAST_YEAR}
 */
public record SeedOptions(double scale, long seed, LocalDate lastDay) {

  static final int FIRST_YEAR = 1975;
  static final int LAST_YEAR = 9990;

  public SeedOptions {
    Volumes.of(scale);
    Objects.requireNonNull(lastDay, "lastDay");
    if (lastDay.getYear() < FIRST_YEAR || lastDay.getYear() > LAST_YEAR) {
      throw new TotesysException(
          TotesysException.Kind.BAD_ARGUMENT,
          "the history's last day must lie between the years "
              + FIRST_YEAR
              + " and "
              + LAST_YEAR
              + ", not "
              + lastDay);
    }
  }

  /** The snapshot's history: the 530 working days up to Friday 15 November 2024. */
  public SeedOptions(double scale, long seed) {
    this(scale, seed, WorkingHours.SNAPSHOT_LAST_DAY);
  }

  /** These options with a history that ends on the last weekday on or before {@code day}. */
  public SeedOptions endingOn(LocalDate day) {
    return new SeedOptions(scale, seed, day);
  }

  /** The calendar of the history. */
  WorkingHours calendar() {
    return WorkingHours.endingOn(lastDay);
  }
}
