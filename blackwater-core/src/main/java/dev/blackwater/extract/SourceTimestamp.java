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
