package dev.blackwater.extract;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * A {@code timestamp without time zone} of the source, as microseconds since 1970-01-01T00:00 on
 * the source's own clock: compared cheaply while streaming, written to manifests as ISO text.
 */
public final class SourceTimestamp {

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS", Locale.ROOT);
  private static final DateTimeFormatter SQL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

  private SourceTimestamp() {}

  /**
   * Parses PostgreSQL's ISO output ({@code 2022-11-03 14:20:52.186}, 0 to 6 fraction digits).
   *
   * @return microseconds, or {@link Long#MIN_VALUE} when the text is not such a timestamp
   */
  public static long parseCopyText(CharSequence text) {
    int n = text.length();
    if (n < 19
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != ' '
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return Long.MIN_VALUE;
    }
    try {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 7);
      int day = digits(text, 8, 10);
      int hour = digits(text, 11, 13);
      int minute = digits(text, 14, 16);
      int second = digits(text, 17, 19);
      int micros = 0;
      if (n > 19) {
        if (text.charAt(19) != '.' || n > 26 || n == 20) {
          return Long.MIN_VALUE;
        }
        micros = digits(text, 20, n);
        for (int i = n; i < 26; i++) {
          micros *= 10;
        }
      }
      long seconds =
          LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
      return seconds * 1_000_000L + micros;
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return Long.MIN_VALUE;
    }
  }

  private static int digits(CharSequence text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException();
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** The manifest form: {@code 2022-11-03T14:20:52.186000}. */
  public static String iso(long micros) {
    return ISO.format(toLocal(micros));
  }

  /** A SQL timestamp literal's content: {@code 2022-11-03 14:20:52.186000}. */
  public static String sql(long micros) {
    return SQL.format(toLocal(micros));
  }

  /** Parses the manifest form. */
  public static long parseIso(String iso) {
    try {
      LocalDateTime t = LocalDateTime.parse(iso);
      return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
    } catch (DateTimeParseException e) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY, "not a watermark timestamp in a manifest: " + iso, e);
    }
  }

  /** As a {@link LocalDateTime}. */
  public static LocalDateTime toLocal(long micros) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), 0, ZoneOffset.UTC)
        .plus(Math.floorMod(micros, 1_000_000L), ChronoUnit.MICROS);
  }
}
