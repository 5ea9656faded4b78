package dev.blackwater.load;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys, constraints and indexes of a set of tables, dropped before a bulk COPY into them and
 * rebuilt afterwards in the same transaction: primary keys, unique keys and indexes each built once
 * by sorting instead of row by row. Foreign keys come back {@code NOT VALID}: the load has checked
 * every row of the batch against them before copying ({@link ForeignKeyCheck}), they hold for every
 * row written later, and {@code blackwater verify} has PostgreSQL validate them. If anything fails,
 * the transaction rolls back and the tables keep them all, as they were.
 */
final class SecondaryStructures {

  private static final Logger LOG = LoggerFactory.getLogger(SecondaryStructures.class);

  /**
   * A foreign key: {@code columns} of {@code table} refer to {@code referencedColumns} of {@code
   * referenced} (table names without their schema).
   */
  record ForeignKey(
      String name,
      String table,
      List<String> columns,
      String referenced,
      List<String> referencedColumns) {}

  private final Connection connection;
  private final List<String> keysAndUniques = new ArrayList<>();
  private final List<String> indexes = new ArrayList<>();
  private final List<String> foreignKeyDefinitions = new ArrayList<>();
  private final List<ForeignKey> foreignKeys = new ArrayList<>();
  private final List<String> dropForeignKeys = new ArrayList<>();
  private final List<String> dropOthers = new ArrayList<>();

  private SecondaryStructures(Connection connection) {
    this.connection = connection;
  }

  /**
   * Reads the keys, constraints and indexes of {@code qualifiedTables}, remembering how to rebuild
   * them; nothing is dropped yet.
   */
  static SecondaryStructures read(Connection connection, List<String> qualifiedTables)
      throws SQLException {
    SecondaryStructures structures = new SecondaryStructures(connection);
    for (String table : qualifiedTables) {
      try (PreparedStatement s =
          connection.prepareStatement(
              "SELECT c.contype, quote_ident(c.conname), pg_get_constraintdef(c.oid),"
                  + " c.conname, t.relname, r.relname,"
                  + " (SELECT array_agg(a.attname::text ORDER BY k.n)"
                  + "    FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)"
                  + "    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),"
                  + " (SELECT array_agg(a.attname::text ORDER BY k.n)"
                  + "    FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)"
                  + "    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum)"
                  + " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
                  + " LEFT JOIN pg_class r ON r.oid = c.confrelid"
                  + " WHERE c.conrelid = ?::regclass AND c.contype IN ('f', 'u', 'p')"
                  + " ORDER BY c.conname")) {
        s.setString(1, table);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            String add =
                "ALTER TABLE " + table + " ADD CONSTRAINT " + r.getString(2) + " " + r.getString(3);
            String drop = "ALTER TABLE " + table + " DROP CONSTRAINT " + r.getString(2);
            if (r.getString(1).equals("f")) {
              structures.dropForeignKeys.add(drop);
              structures.foreignKeyDefinitions.add(add);
              structures.foreignKeys.add(
                  new ForeignKey(
                      r.getString(4),
                      r.getString(5),
                      names(r.getArray(7)),
                      r.getString(6),
                      names(r.getArray(8))));
            } else {
              structures.dropOthers.add(drop);
              structures.keysAndUniques.add(add);
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
            structures.dropOthers.add("DROP INDEX " + r.getString(1));
            structures.indexes.add(r.getString(2));
          }
        }
      }
    }
    return structures;
  }

  private static List<String> names(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  /** The foreign keys of the tables. */
  List<ForeignKey> foreignKeys() {
    return List.copyOf(foreignKeys);
  }

  /**
   * Drops the foreign keys of every table first (they depend on the others' primary keys), then
   * their primary keys, unique constraints and plain indexes.
   */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "DDL takes no parameters; names and definitions come from the catalogue")
  void drop() throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String drop : dropForeignKeys) {
        s.execute(drop);
      }
      for (String drop : dropOthers) {
        s.execute(drop);
      }
    }
  }

  /**
   * Rebuilds what was dropped: keys and indexes by sorting the rows once, foreign keys {@code NOT
   * VALID} (checked beforehand by the load, validated by {@code verify}).
   */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "DDL takes no parameters; definitions come from the catalogue")
  void restore() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("SET LOCAL maintenance_work_mem = '256MB'");
      s.execute("SET LOCAL work_mem = '64MB'");
      List<String> all = new ArrayList<>(keysAndUniques);
      all.addAll(indexes);
      for (String add : foreignKeyDefinitions) {
        all.add(add + " NOT VALID");
      }
      for (String statement : all) {
        long started = System.nanoTime();
        s.execute(statement);
        LOG.debug("{} ms: {}", (System.nanoTime() - started) / 1_000_000, statement);
      }
    }
  }

  /** How many keys, constraints and indexes there are. */
  int count() {
    return keysAndUniques.size() + indexes.size() + foreignKeyDefinitions.size();
  }
}
