package dev.blackwater.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's binary COPY format, sent to a {@code COPY ... FROM STDIN (FORMAT binary)} as
 * they are written: the header, then per row the field count and each field as its length and its
 * bytes in the type's binary form (big-endian integers, a date as days since 2000-01-01, a time as
 * microseconds since midnight, a numeric as base-10000 digits), -1 for NULL; then the trailer. The
 * server parses none of it as text, which is what makes binary COPY cheaper for it than CSV.
 */
final class PgBinaryRows {

  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0
  };

  /** The largest fixed-size field and its length, and a row's field count. */
  private static final int ROOM = 64;

  private static final short NUMERIC_POSITIVE = 0x0000;
  private static final short NUMERIC_NEGATIVE = 0x4000;

  private final CopyIn copy;
  private final ByteBuffer buffer;
  private final short[] digits = new short[8];

  PgBinaryRows(CopyIn copy, int bufferBytes) {
    this.copy = copy;
    this.buffer = ByteBuffer.allocate(Math.max(ROOM * 4, bufferBytes));
    buffer.put(SIGNATURE).putInt(0).putInt(0);
  }

  /** Starts a row of {@code fields} fields. */
  void row(int fields) throws SQLException {
    room(ROOM);
    buffer.putShort((short) fields);
  }

  void nullField() throws SQLException {
    room(ROOM);
    buffer.putInt(-1);
  }

  void int4(int value) throws SQLException {
    room(ROOM);
    buffer.putInt(4).putInt(value);
  }

  void int8(long value) throws SQLException {
    room(ROOM);
    buffer.putInt(8).putLong(value);
  }

  /** A {@code date}: days since 2000-01-01. */
  void date(int daysSince2000) throws SQLException {
    int4(daysSince2000);
  }

  /** A {@code time}: microseconds since midnight. */
  void time(long micros) throws SQLException {
    int8(micros);
  }

  /** A timestamp: microseconds since 2000-01-01 00:00, as PostgreSQL keeps it. */
  void timestamp(long microsSince2000) throws SQLException {
    int8(microsSince2000);
  }

  void bool(boolean value) throws SQLException {
    room(ROOM);
    buffer.putInt(1).put(value ? (byte) 1 : 0);
  }

  /** Text in UTF-8 ({@code varchar}, {@code text}, {@code char}). */
  void text(String value) throws SQLException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    room(4);
    buffer.putInt(bytes.length);
    if (bytes.length > buffer.remaining()) {
      flush();
    }
    if (bytes.length > buffer.remaining()) {
      copy.writeToCopy(bytes, 0, bytes.length); // longer than the whole buffer: sent as it is
    } else {
      buffer.put(bytes);
    }
  }

  /**
   * A {@code numeric} of {@code unscaled} / 10^{@code scale} ({@code scale} at most 4), in
   * PostgreSQL's form: base-10000 digits without leading or trailing zero digits, the weight of the
   * first, the sign and the display scale.
   */
  void numeric(long unscaled, int scale) throws SQLException {
    if (scale < 0 || scale > 4) {
      throw new IllegalArgumentException("numeric scale " + scale + " is not 0 to 4");
    }
    long abs = Math.abs(unscaled);
    long pow = pow10(scale);
    long integer = abs / pow;
    int fraction = (int) (abs % pow * pow10(4 - scale));
    int count = 0;
    int weight = -1;
    if (integer > 0) {
      int groups = 0;
      for (long x = integer; x > 0; x /= 10000) {
        groups++;
      }
      weight = groups - 1;
      long x = integer;
      for (int i = groups - 1; i >= 0; i--) {
        digits[i] = (short) (x % 10000);
        x /= 10000;
      }
      count = groups;
    }
    if (fraction != 0) {
      digits[count++] = (short) fraction;
    }
    while (count > 0 && digits[count - 1] == 0) {
      count--;
    }
    if (count == 0) {
      weight = 0;
    }
    room(ROOM);
    buffer.putInt(8 + 2 * count);
    buffer.putShort((short) count).putShort((short) weight);
    buffer.putShort(unscaled < 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE).putShort((short) scale);
    for (int i = 0; i < count; i++) {
      buffer.putShort(digits[i]);
    }
  }

  /** Writes the trailer, sends what is left and ends the COPY; returns the rows it took. */
  long finish() throws SQLException {
    room(2);
    buffer.putShort((short) -1);
    flush();
    return copy.endCopy();
  }

  private void room(int bytes) throws SQLException {
    if (buffer.remaining() < bytes) {
      flush();
    }
  }

  private void flush() throws SQLException {
    if (buffer.position() > 0) {
      copy.writeToCopy(buffer.array(), 0, buffer.position());
      buffer.clear();
    }
  }

  private static long pow10(int n) {
    long p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }
}
