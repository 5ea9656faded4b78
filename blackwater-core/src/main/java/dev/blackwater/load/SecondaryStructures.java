package dev.blackwater.load;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys, constraints and indexes of a set of tables, dropped before a bulk COPY into them and
 * rebuilt afterwards in the same transaction: an index built once by sorting instead of row by row,
 * a foreign key checked with one join instead of one trigger per row. If anything fails, the
 * transaction rolls back and the tables keep them all.
 */
final class SecondaryStructures {

  private static final Logger LOG = LoggerFactory.getLogger(SecondaryStructures.class);

  private final Connection connection;
  private final List<String> keysAndUniques = new ArrayList<>();
  private final List<String> indexes = new ArrayList<>();
  private final List<String> foreignKeys = new ArrayList<>();

  private SecondaryStructures(Connection connection) {
    this.connection = connection;
  }

  /**
   * Drops the foreign keys of every table first (they depend on the others' primary keys), then
   * their primary keys, unique constraints and plain indexes, remembering how to rebuild them.
   */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "DDL takes no parameters; names and definitions come from the catalogue")
  static SecondaryStructures drop(Connection connection, List<String> qualifiedTables)
      throws SQLException {
    SecondaryStructures dropped = new SecondaryStructures(connection);
    List<String> dropForeignKeys = new ArrayList<>();
    List<String> dropOthers = new ArrayList<>();
    for (String table : qualifiedTables) {
      try (PreparedStatement s =
          connection.prepareStatement(
              "SELECT contype, quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint"
                  + " WHERE conrelid = ?::regclass AND contype IN ('f', 'u', 'p') ORDER BY conname")) {
        s.setString(1, table);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            String drop = "ALTER TABLE " + table + " DROP CONSTRAINT " + r.getString(2);
            String add =
                "ALTER TABLE " + table + " ADD CONSTRAINT " + r.getString(2) + " " + r.getString(3);
            if (r.getString(1).equals("f")) {
              dropForeignKeys.add(drop);
              dropped.foreignKeys.add(add);
            } else {
              dropOthers.add(drop);
              dropped.keysAndUniques.add(add);
            }
          }
        }
      }
      try (PreparedStatement s =
          connection.prepareStatement(
              "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index i"
                  + " WHERE indrelid = ?::regclass"
                  + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"
                  + " ORDER BY 1")) {
        s.setString(1, table);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            dropOthers.add("DROP INDEX " + r.getString(1));
            dropped.indexes.add(r.getString(2));
          }
        }
      }
    }
    try (Statement s = connection.createStatement()) {
      for (String drop : dropForeignKeys) {
        s.execute(drop);
      }
      for (String drop : dropOthers) {
        s.execute(drop);
      }
    }
    return dropped;
  }

  /** Rebuilds what was dropped, checking every row against the restored constraints. */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "DDL takes no parameters; definitions come from the catalogue")
  void restore() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("SET LOCAL maintenance_work_mem = '256MB'");
      s.execute("SET LOCAL work_mem = '64MB'");
      List<String> all = new ArrayList<>(keysAndUniques);
      all.addAll(indexes);
      all.addAll(foreignKeys);
      for (String statement : all) {
        long started = System.nanoTime();
        s.execute(statement);
        LOG.debug("{} ms: {}", (System.nanoTime() - started) / 1_000_000, statement);
      }
    }
  }

  /** How many keys, constraints and indexes were dropped. */
  int count() {
    return keysAndUniques.size() + indexes.size() + foreignKeys.size();
  }
}
