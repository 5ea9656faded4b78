package dev.blackwater.totesys;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The 11 tables of totesys, created exactly as the source has them (see {@code schema.sql} next to
 * this class): column names and order, types, nullability, primary and foreign keys. Tables are
 * looked up and created in the connection's current schema ({@code search_path}).
 */
public final class TotesysSchema {

  private static final List<String> TABLES =
      List.of(
          "address",
          "currency",
          "department",
          "design",
          "payment_type",
          "counterparty",
          "staff",
          "sales_order",
          "purchase_order",
          "transaction",
          "payment");

  private static final String EXISTING =
      """
      SELECT t FROM unnest(?::text[]) WITH ORDINALITY AS u (t, n)
       WHERE to_regclass(quote_ident(t)) IS NOT NULL
       ORDER BY n
      """;

  private static final String DUPLICATE_TABLE = "42P07";

  private TotesysSchema() {}

  /** The table names, in an order in which every table comes after the tables it refers to. */
  public static List<String> tables() {
    return TABLES;
  }

  /** Whether all 11 tables exist. */
  public static boolean exists(Connection connection) throws SQLException {
    return existingTables(connection).size() == TABLES.size();
  }

  /**
   * Creates the 11 tables in one transaction.
   *
   * @throws TotesysException of kind {@code SCHEMA_EXISTS}, naming them, if any of the tables
   *     already exists; then nothing is created
   */
  public static void create(Connection connection) throws SQLException {
    String ddl = ddl();
    try {
      JdbcTransaction.run(
          connection,
          () -> {
            List<String> existing = existingTables(connection);
            if (!existing.isEmpty()) {
              throw new TotesysException(
                  TotesysException.Kind.SCHEMA_EXISTS,
                  "totesys tables already exist: "
                      + String.join(", ", existing)
                      + "; nothing was created (use an empty database)");
            }
            try (Statement statement = connection.createStatement()) {
              statement.execute(ddl);
            }
            return null;
          });
    } catch (SQLException e) {
      if (DUPLICATE_TABLE.equals(e.getSQLState())) {
        throw new TotesysException(
            TotesysException.Kind.SCHEMA_EXISTS,
            "totesys tables were created concurrently: " + e.getMessage(),
            e);
      }
      throw e;
    }
  }

  /** The DDL that {@link #create} runs. */
  static String ddl() {
    try (InputStream in = TotesysSchema.class.getResourceAsStream("schema.sql")) {
      if (in == null) {
        throw new IllegalStateException("schema.sql is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read schema.sql", e);
    }
  }

  /** The totesys tables that exist, in {@link #tables()} order. */
  static List<String> existingTables(Connection connection) throws SQLException {
    List<String> existing = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(EXISTING)) {
      query.setArray(1, connection.createArrayOf("text", TABLES.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          existing.add(rows.getString(1));
        }
      }
    }
    return existing;
  }

  /**
   * Fails unless all 11 tables exist.
   *
   * @throws TotesysException of kind {@code SCHEMA_MISSING} naming the missing tables
   */
  static void requireTables(Connection connection) throws SQLException {
    List<String> existing = existingTables(connection);
    if (existing.size() != TABLES.size()) {
      String missing =
          TABLES.stream().filter(t -> !existing.contains(t)).collect(Collectors.joining(", "));
      throw new TotesysException(
          TotesysException.Kind.SCHEMA_MISSING,
          "totesys tables are missing: " + missing + " (run `blackwater totesys create` first)");
    }
  }

  /** The tables of totesys that hold no rows, in {@link #tables()} order. */
  static List<String> emptyTables(Connection connection) throws SQLException {
    List<String> empty = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet rows =
            statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + quoted(table) + ")")) {
          rows.next();
          if (!rows.getBoolean(1)) {
            empty.add(table);
          }
        }
      }
    }
    return empty;
  }

  /** All table names, quoted and comma-separated, for statements that take a list. */
  static String quotedList() {
    return TABLES.stream().map(TotesysSchema::quoted).collect(Collectors.joining(", "));
  }

  /**
   * A table name as a quoted SQL identifier, embedded double quotes doubled: the rule of core's
   * {@code dev.blackwater.Sql.identifier}, which this module, standing below core, cannot use.
   */
  static String quoted(String table) {
    return '"' + table.replace("\"", "\"\"") + '"';
  }
}
