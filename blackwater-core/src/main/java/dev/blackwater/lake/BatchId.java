package dev.blackwater.lake;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A batch's name: a zero-padded sequence number and the UTC time it was started, e.g. {@code
 * 000042-20261127T161728Z}. Names sort in commit order.
 */
public record BatchId(long sequence, Instant time) implements Comparable<BatchId> {

  private static final Pattern FORMAT = Pattern.compile("(\\d{6,})-(\\d{8}T\\d{6}Z)");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  public BatchId {
    if (sequence < 1) {
      throw new IllegalArgumentException("batch sequence starts at 1: " + sequence);
    }
    time = time.truncatedTo(ChronoUnit.SECONDS);
  }

  /** Parses a batch name. */
  public static BatchId parse(String name) {
    Matcher m = FORMAT.matcher(name);
    if (!m.matches()) {
      throw new BlackwaterException(ErrorCode.DATA_QUALITY, "not a batch name: " + name);
    }
    try {
      return new BatchId(Long.parseLong(m.group(1)), Instant.from(TIME.parse(m.group(2))));
    } catch (DateTimeParseException e) {
      throw new BlackwaterException(ErrorCode.DATA_QUALITY, "not a batch name: " + name, e);
    }
  }

  /** The zero-padded sequence number alone, e.g. {@code 000042}. */
  public static String sequenceText(long sequence) {
    return String.format(Locale.ROOT, "%06d", sequence);
  }

  /** The {@code yyyy/mm/dd} folder of the batch's objects. */
  public String datePath() {
    return DAY.format(time);
  }

  /** The key of this batch's object for {@code table}: {@code table/yyyy/mm/dd/<batch><suffix>}. */
  public String objectKey(String table, String suffix) {
    return table + "/" + datePath() + "/" + this + suffix;
  }

  @Override
  public int compareTo(BatchId other) {
    return Long.compare(sequence, other.sequence);
  }

  @Override
  public String toString() {
    return sequenceText(sequence) + "-" + TIME.format(time);
  }
}
