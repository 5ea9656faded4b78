package dev.blackwater.totesys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Takes the foreign keys of some tables off while a bulk load runs, and puts them back (which
 * checks every row at once) before the load commits. Checking per row would cost the load several
 * times over; inside the load's transaction, nobody sees the tables without their keys. The
 * definitions wait in a temporary table that goes away with the transaction.
 */
final class ForeignKeys {

  private static final String CREATE_STORE =
      """
      CREATE TEMPORARY TABLE blackwater_suspended_keys (
        table_oid regclass NOT NULL, name name NOT NULL, definition text NOT NULL
      ) ON COMMIT DROP
      """;

  private static final String REMEMBER =
      """
      INSERT INTO blackwater_suspended_keys (table_oid, name, definition)
      SELECT c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)
        FROM pg_constraint c
       WHERE c.contype = 'f'
         AND c.conrelid IN (SELECT to_regclass(quote_ident(t)) FROM unnest(?::text[]) AS t)
      """;

  private static final String DROP =
      """
      DO $$
      DECLARE k record;
      BEGIN
        FOR k IN SELECT * FROM blackwater_suspended_keys LOOP
          EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', k.table_oid, k.name);
        END LOOP;
      END $$
      """;

  private static final String ADD =
      """
      DO $$
      DECLARE k record;
      BEGIN
        FOR k IN SELECT * FROM blackwater_suspended_keys LOOP
          EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.table_oid, k.name, k.definition);
        END LOOP;
      END $$
      """;

  private final Connection connection;
  private final int count;

  private ForeignKeys(Connection connection, int count) {
    this.connection = connection;
    this.count = count;
  }

  /** Drops the foreign keys of {@code tables}; call {@link #restore()} in the same transaction. */
  static ForeignKeys suspend(Connection connection, List<String> tables) throws SQLException {
    int count;
    try (Statement statement = connection.createStatement();
        PreparedStatement remember = connection.prepareStatement(REMEMBER)) {
      statement.execute(CREATE_STORE);
      remember.setArray(1, connection.createArrayOf("text", tables.toArray()));
      count = remember.executeUpdate();
      statement.execute(DROP);
    }
    return new ForeignKeys(connection, count);
  }

  /** Adds the foreign keys back; fails if any row breaks one. */
  void restore() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(ADD);
    }
  }

  int count() {
    return count;
  }
}
