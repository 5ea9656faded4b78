package dev.blackwater.extract;

import java.nio.charset.StandardCharsets;

/**
 * Picks fields out of one CSV row as PostgreSQL's {@code COPY ... (FORMAT csv)} writes it:
 * comma-separated, fields with special characters in double quotes, quotes doubled inside.
 */
final class CsvFields {

  private CsvFields() {}

  /**
   * The text of the fields at {@code positions} (ascending, 0-based); a field not found (short row)
   * is null.
   */
  static String[] pick(byte[] row, int length, int[] positions) {
    String[] values = new String[positions.length];
    int wanted = 0;
    int field = 0;
    int i = 0;
    while (i <= length && wanted < positions.length) {
      int start = i;
      boolean quoted = i < length && row[i] == '"';
      StringBuilder unquoted = null;
      if (quoted) {
        i++;
        unquoted = new StringBuilder();
        while (i < length) {
          if (row[i] == '"') {
            if (i + 1 < length && row[i + 1] == '"') {
              unquoted.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          int runStart = i;
          while (i < length && row[i] != '"') {
            i++;
          }
          unquoted.append(new String(row, runStart, i - runStart, StandardCharsets.UTF_8));
        }
      }
      while (i < length && row[i] != ',' && row[i] != '\n' && row[i] != '\r') {
        i++;
      }
      if (field == positions[wanted]) {
        values[wanted++] =
            quoted
                ? unquoted.toString()
                : new String(row, start, i - start, StandardCharsets.UTF_8);
      }
      field++;
      if (i >= length || row[i] != ',') {
        break;
      }
      i++;
    }
    return values;
  }
}
