package dev.blackwater.load;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's foreign keys, unique constraints (other than its primary key) and plain indexes,
 * dropped before a bulk COPY into it and rebuilt afterwards in the same transaction: a foreign key
 * re-added is checked with one join instead of one trigger per row, an index built once instead of
 * row by row. If anything fails, the transaction rolls back and the table keeps them all.
 */
final class SecondaryStructures {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(SecondaryStructures.class);

  private final Connection connection;
  private final String table;
  private final List<String> restore = new ArrayList<>();

  private SecondaryStructures(Connection connection, String table) {
    this.connection = connection;
    this.table = table;
  }

  /** Drops them from {@code qualifiedTable}, remembering how to rebuild them. */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "DDL takes no parameters; names and definitions come from the catalogue")
  static SecondaryStructures drop(Connection connection, String qualifiedTable)
      throws SQLException {
    SecondaryStructures dropped = new SecondaryStructures(connection, qualifiedTable);
    List<String> drops = new ArrayList<>();
    List<String> uniques = new ArrayList<>();
    List<String> foreignKeys = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT contype, quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = ?::regclass AND contype IN ('f', 'u') ORDER BY conname")) {
      s.setString(1, qualifiedTable);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          drops.add("ALTER TABLE " + qualifiedTable + " DROP CONSTRAINT " + r.getString(2));
          String add =
              "ALTER TABLE "
                  + qualifiedTable
                  + " ADD CONSTRAINT "
                  + r.getString(2)
                  + " "
                  + r.getString(3);
          (r.getString(1).equals("u") ? uniques : foreignKeys).add(add);
        }
      }
    }
    List<String> indexes = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index i"
                + " WHERE indrelid = ?::regclass AND NOT indisprimary"
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"
                + " ORDER BY 1")) {
      s.setString(1, qualifiedTable);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          drops.add("DROP INDEX " + r.getString(1));
          indexes.add(r.getString(2));
        }
      }
    }
    try (Statement s = connection.createStatement()) {
      for (String drop : drops) {
        s.execute(drop);
      }
    }
    dropped.restore.addAll(uniques);
    dropped.restore.addAll(indexes);
    dropped.restore.addAll(foreignKeys);
    return dropped;
  }

  /** Rebuilds what was dropped, checking every row against the restored constraints. */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "DDL takes no parameters; definitions come from the catalogue")
  void restore() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("SET LOCAL maintenance_work_mem = '256MB'");
      for (String statement : restore) {
        long started = System.nanoTime();
        s.execute(statement);
        LOG.debug("{} ms: {}", (System.nanoTime() - started) / 1_000_000, statement);
      }
    }
  }

  /** How many structures were dropped. */
  int count() {
    return restore.size();
  }
}
