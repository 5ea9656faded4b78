package dev.blackwater.cli.bench;

import dev.blackwater.Sql;
import dev.blackwater.config.Database;
import dev.blackwater.config.DatabaseConfig;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The warehouse's own keys and indexes built on the unindexed copies {@link RawCopy#copyIn} made,
 * the fastest way PostgreSQL builds them, after the rows are in: each primary key, unique key and
 * index by one sort, each foreign key added {@code NOT VALID} as a bulk load adds them (it checks
 * them itself, on the batch). With the COPY in, it is what a hand-made bulk load of the same rows
 * into the same schema costs. What validating the foreign keys would add (one join each, what
 * {@code verify} has PostgreSQL do) is measured apart, for the record, and not counted.
 */
final class RawKeys {

  /**
   * Seconds spent on keys and indexes and on adding the foreign keys (the limit), and what
   * validating the foreign keys took (not counted).
   */
  record Outcome(
      int keysAndIndexes,
      double keysSeconds,
      int foreignKeys,
      double foreignSeconds,
      double validationSeconds) {
    double seconds() {
      return keysSeconds + foreignSeconds;
    }
  }

  private RawKeys() {}

  /**
   * Reads the definitions of {@code tables} in {@code schema} and builds them on the copies in
   * {@code copies}, in one transaction with the load's memory settings; returns the time.
   */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "DDL takes no parameters; definitions come from the catalogue")
  static Outcome build(DatabaseConfig db, String schema, List<String> tables, String copies)
      throws SQLException {
    List<String> keys = new ArrayList<>();
    List<String> foreign = new ArrayList<>();
    List<String> validations = new ArrayList<>();
    try (Connection c = new Database(db).open()) {
      try (Statement s = c.createStatement()) {
        // definitions name the tables they refer to without a schema: resolved in the copies
        s.execute("SET search_path = " + Sql.identifier(schema));
      }
      for (String table : tables) {
        String copy = Sql.qualified(copies, table);
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT contype, quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint"
                    + " WHERE conrelid = ?::regclass AND contype IN ('p', 'u', 'f') ORDER BY conname")) {
          s.setString(1, Sql.qualified(schema, table));
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              String definition = r.getString(3).replace(" NOT VALID", "");
              String add = "ALTER TABLE " + copy + " ADD CONSTRAINT " + r.getString(2) + " ";
              if (r.getString(1).equals("f")) {
                foreign.add(add + definition + " NOT VALID");
                validations.add("ALTER TABLE " + copy + " VALIDATE CONSTRAINT " + r.getString(2));
              } else {
                keys.add(add + definition);
              }
            }
          }
        }
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT quote_ident(ic.relname), am.amname, pg_get_expr(i.indexprs, i.indrelid),"
                    + " (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.n)"
                    + "    FROM unnest(i.indkey) WITH ORDINALITY k(attnum, n)"
                    + "    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum)"
                    + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                    + " JOIN pg_am am ON am.oid = ic.relam"
                    + " WHERE i.indrelid = ?::regclass"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"
                    + " ORDER BY 1")) {
          s.setString(1, Sql.qualified(schema, table));
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              if (r.getString(3) != null) {
                throw new IllegalStateException("an expression index cannot be copied: " + table);
              }
              keys.add(
                  "CREATE INDEX "
                      + r.getString(1)
                      + " ON "
                      + copy
                      + " USING "
                      + r.getString(2)
                      + " ("
                      + r.getString(4)
                      + ")");
            }
          }
        }
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL search_path = " + Sql.identifier(copies));
        s.execute("SET LOCAL maintenance_work_mem = '256MB'");
        s.execute("SET LOCAL work_mem = '64MB'");
        long started = System.nanoTime();
        for (String statement : keys) {
          s.execute(statement);
        }
        long keysDone = System.nanoTime();
        for (String statement : foreign) {
          s.execute(statement);
        }
        long done = System.nanoTime();
        c.commit();
        for (String statement : validations) {
          s.execute(statement);
        }
        c.commit();
        return new Outcome(
            keys.size(),
            (keysDone - started) / 1e9,
            foreign.size(),
            (done - keysDone) / 1e9,
            (System.nanoTime() - done) / 1e9);
      } finally {
        if (!c.getAutoCommit()) {
          c.rollback();
          c.setAutoCommit(true);
        }
      }
    }
  }
}
