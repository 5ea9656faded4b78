package dev.blackwater.totesys;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;

/**
 * Writes rows in PostgreSQL's COPY text format: tab between columns, {@code \N} for NULL, backslash
 * escapes. Timestamps, dates and amounts are formatted by hand, without allocating.
 */
final class CopyRowWriter {

  private final Writer out;
  private final char[] scratch = new char[24];
  private boolean midRow;
  private long rows;

  CopyRowWriter(Writer out) {
    this.out = out;
  }

  CopyRowWriter integer(long value) throws IOException {
    separate();
    out.write(Long.toString(value));
    return this;
  }

  CopyRowWriter text(String value) throws IOException {
    separate();
    if (value == null) {
      out.write("\\N");
      return this;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.write("\\\\");
        case '\t' -> out.write("\\t");
        case '\n' -> out.write("\\n");
        case '\r' -> out.write("\\r");
        default -> out.write(c);
      }
    }
    return this;
  }

  CopyRowWriter nullValue() throws IOException {
    return text(null);
  }

  CopyRowWriter bool(boolean value) throws IOException {
    separate();
    out.write(value ? 't' : 'f');
    return this;
  }

  /** A non-negative amount given in hundredths, e.g. {@code 12345} as {@code 123.45}. */
  CopyRowWriter money(long cents) throws IOException {
    separate();
    out.write(Long.toString(cents / 100));
    scratch[0] = '.';
    scratch[1] = (char) ('0' + cents / 10 % 10);
    scratch[2] = (char) ('0' + cents % 10);
    out.write(scratch, 0, 3);
    return this;
  }

  /** A date as {@code YYYY-MM-DD}. */
  CopyRowWriter date(long epochDay) throws IOException {
    separate();
    out.write(scratch, 0, formatDate(epochDay, 0));
    return this;
  }

  /** A timestamp as {@code YYYY-MM-DD HH:MM:SS.mmm}. */
  CopyRowWriter timestamp(long epochMillis) throws IOException {
    separate();
    int at = formatDate(WorkingHours.epochDay(epochMillis), 0);
    long millisOfDay = Math.floorMod(epochMillis, WorkingHours.DAY_MILLIS);
    scratch[at++] = ' ';
    at = twoDigits(millisOfDay / 3_600_000, at);
    scratch[at++] = ':';
    at = twoDigits(millisOfDay / 60_000 % 60, at);
    scratch[at++] = ':';
    at = twoDigits(millisOfDay / 1000 % 60, at);
    scratch[at++] = '.';
    long millis = millisOfDay % 1000;
    scratch[at++] = (char) ('0' + millis / 100);
    at = twoDigits(millis % 100, at);
    out.write(scratch, 0, at);
    return this;
  }

  void endRow() throws IOException {
    out.write('\n');
    midRow = false;
    rows++;
  }

  long rows() {
    return rows;
  }

  private int formatDate(long epochDay, int start) {
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    int year = date.getYear();
    int at = start;
    at = twoDigits(year / 100, at);
    at = twoDigits(year % 100, at);
    scratch[at++] = '-';
    at = twoDigits(date.getMonthValue(), at);
    scratch[at++] = '-';
    return twoDigits(date.getDayOfMonth(), at);
  }

  private int twoDigits(long value, int at) {
    scratch[at] = (char) ('0' + value / 10);
    scratch[at + 1] = (char) ('0' + value % 10);
    return at + 2;
  }

  private void separate() throws IOException {
    if (midRow) {
      out.write('\t');
    }
    midRow = true;
  }
}
