package dev.blackwater.lake;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.blackwater.ResultJson;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The record gc keeps in each zone it removes from, one immutable object per run under {@code
 * _gc/<yyyy>/<mm>/<dd>/}: what it removed, and when, which is how {@code run} knows whether gc is
 * due.
 */
final class GcLog {

  static final String PREFIX = "_gc/";
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HHmmss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME_OF_DAY =
      DateTimeFormatter.ofPattern("HHmmss.SSS", Locale.ROOT);

  private final LakeStore zone;

  GcLog(LakeStore zone) {
    this.zone = zone;
  }

  /**
   * One gc run in a zone.
   *
   * @param runId the run
   * @param at its "now"
   * @param olderThan the grace period it kept
   * @param removed the keys it deleted
   * @param bytes their size together
   */
  record GcRecord(String runId, Instant at, Duration olderThan, List<String> removed, long bytes) {}

  /** Writes a record. */
  void record(GcRecord record) {
    String key =
        PREFIX
            + DAY.format(record.at())
            + "/"
            + TIME.format(record.at())
            + "-"
            + record.runId()
            + ".json";
    try {
      zone.put(key, ResultJson.mapper().writeValueAsBytes(record));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** When gc last ran in this zone, if within {@code within} before {@code now}. */
  Optional<Instant> latest(Instant now, Duration within) {
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate first = LocalDate.ofInstant(now.minus(within), ZoneOffset.UTC);
    for (; !day.isBefore(first); day = day.minusDays(1)) {
      List<LakeObject> records =
          zone.listAll(PREFIX + DAY.format(day.atStartOfDay(ZoneOffset.UTC)) + "/", null);
      for (int i = records.size() - 1; i >= 0; i--) {
        Optional<Instant> at = timeOf(day, records.get(i).key());
        if (at.isPresent()) {
          return at.get().isBefore(now.minus(within)) ? Optional.empty() : at;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Instant> timeOf(LocalDate day, String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    if (name.length() < "HHmmss.SSSZ".length()) {
      return Optional.empty();
    }
    try {
      LocalTime time = LocalTime.parse(name.substring(0, "HHmmss.SSS".length()), TIME_OF_DAY);
      return Optional.of(day.atTime(time).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
