package dev.blackwater.extract;

import dev.blackwater.Sql;
import dev.blackwater.catalog.SourceTable;
import dev.blackwater.catalog.TableCatalog;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The SQL one table's extract runs in the snapshot. The server does all the row work: which rows
 * are new (read from {@code from}, less the versions the lake already holds), how many, the newest
 * {@code last_updated}, and the versions inside the new overlap window. The client only streams the
 * rows it is sent into objects, never parsing one.
 *
 * <p>A version is {@code <primary key>|<last_updated>}: the key's columns as text joined by commas,
 * the time as {@code 2024-01-02T03:04:05.678000}, the form manifests have always recorded.
 */
final class ExtractQueries {

  private static final String ISO = "'YYYY-MM-DD\"T\"HH24:MI:SS.US'";

  private final SourceTable table;
  private final String lastUpdated;
  private final String window;
  private final String skip;
  private String keyColumn;

  /**
   * @param from the lower bound ({@code last_updated > from}), null to read everything
   * @param heldUpTo the previous watermark: only versions at or before it can be held already
   * @param held the versions the lake holds inside the window ({@code key|time}); may be empty
   */
  ExtractQueries(SourceTable table, Long from, Long heldUpTo, Collection<String> held) {
    this.table = table;
    this.lastUpdated = Sql.identifier(TableCatalog.LAST_UPDATED);
    this.window = from == null ? "TRUE" : lastUpdated + " > " + timestamp(from);
    this.skip =
        heldUpTo == null || held.isEmpty()
            ? "FALSE"
            : "("
                + lastUpdated
                + " <= "
                + timestamp(heldUpTo)
                + " AND "
                + version()
                + " = ANY ("
                + textArray(held)
                + "))";
  }

  /**
   * Makes {@link #summary()} also list the keys of the new rows (its fifth column, an {@code
   * int[]}), so the lake learns the keys a batch adds without reading the table's keys.
   */
  ExtractQueries collectingKeys(String column) {
    this.keyColumn = column;
    return this;
  }

  /** The version of a row, computed by the server. */
  String version() {
    String key =
        table.primaryKey().stream()
            .map(c -> Sql.identifier(c) + "::text")
            .collect(Collectors.joining(", "));
    return "concat_ws(',', " + key + ") || '|' || to_char(" + lastUpdated + ", " + ISO + ")";
  }

  /**
   * One row: the new rows, the newest {@code last_updated} among them (ISO), the rows read again
   * and skipped because the lake holds them, the rows without a {@code last_updated}, and (when
   * {@link #collectingKeys}) the new rows' keys.
   */
  String summary() {
    return "SELECT count(*) FILTER (WHERE NOT skip),"
        + " to_char(max(last_updated) FILTER (WHERE NOT skip), "
        + ISO
        + "), count(*) FILTER (WHERE skip), count(*) FILTER (WHERE last_updated IS NULL)"
        + (keyColumn == null ? "" : ", array_agg(key) FILTER (WHERE NOT skip)")
        + " FROM (SELECT "
        + lastUpdated
        + " AS last_updated, "
        + (keyColumn == null ? "" : Sql.identifier(keyColumn) + "::int4 AS key, ")
        + skip
        + " AS skip FROM "
        + qualified()
        + " WHERE "
        + window
        + ") rows";
  }

  /** The new rows as CSV with a header. */
  String copy() {
    String columns =
        table.columnNames().stream().map(Sql::identifier).collect(Collectors.joining(", "));
    return "COPY (SELECT "
        + columns
        + " FROM "
        + qualified()
        + " WHERE "
        + window
        + " AND NOT "
        + skip
        + ") TO STDOUT (FORMAT csv, HEADER)";
  }

  /** The versions of every row newer than {@code since}. */
  String versionsAfter(long since) {
    return "SELECT "
        + version()
        + " FROM "
        + qualified()
        + " WHERE "
        + lastUpdated
        + " > "
        + timestamp(since);
  }

  private String qualified() {
    return Sql.qualified(table.schema(), table.name());
  }

  private static String timestamp(long micros) {
    return Sql.literal(SourceTimestamp.sql(micros)) + "::timestamp";
  }

  /** A {@code text[]} constant: one literal, however many elements. */
  static String textArray(Collection<String> values) {
    String elements =
        values.stream()
            .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
            .collect(Collectors.joining(",", "{", "}"));
    return Sql.literal(elements) + "::text[]";
  }
}
