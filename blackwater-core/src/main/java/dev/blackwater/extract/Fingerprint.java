package dev.blackwater.extract;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What tells, without reading a table, that no key can have gone from it since the last check: the
 * rows PostgreSQL's statistics count as deleted from it ({@code pg_stat_user_tables.n_tup_del}) and
 * its file node ({@code pg_class.relfilenode}, new after a {@code TRUNCATE}). Read before the
 * snapshot is taken, so a deletion the statistics count has been committed before the snapshot; one
 * they have not counted yet (they lag by up to a second or so) shows at the next run. Unknown when
 * the server does not count ({@code track_counts} off) and on a standby (a read replica counts none
 * of the primary's deletions): then the keys are read every time.
 *
 * @param fileNode the table's file node
 * @param deletes rows deleted from it, as the statistics count them
 */
record Fingerprint(long fileNode, long deletes) {

  /** The fingerprints of {@code tables} of {@code schema}; empty when the server does not count. */
  @SuppressFBWarnings(
      value = "SQL_PREPARED_STATEMENT_GENERATED_FROM_NONCONSTANT_STRING",
      justification = "constant SQL")
  static Map<String, Fingerprint> read(Connection connection, String schema, List<String> tables)
      throws SQLException {
    Map<String, Fingerprint> prints = new HashMap<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT c.relname, c.relfilenode::bigint, coalesce(s.n_tup_del, 0),"
                + " current_setting('track_counts')::boolean AND NOT pg_is_in_recovery()"
                + " FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid"
                + " WHERE n.nspname = ? AND c.relname = ANY (?)")) {
      s.setString(1, schema);
      s.setArray(2, connection.createArrayOf("text", tables.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (!r.getBoolean(4)) {
            return Map.of();
          }
          prints.put(r.getString(1), new Fingerprint(r.getLong(2), r.getLong(3)));
        }
      }
    }
    return prints;
  }
}
