package dev.blackwater.warehouse;

import dev.blackwater.Sql;
import dev.blackwater.config.Database;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.WarehouseMode;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The warehouse's schema: created and migrated by Flyway from the {@code db/warehouse} migrations,
 * or, when another team prepared it, checked without creating or altering anything.
 */
public final class WarehouseSchema {

  /** The bookkeeping table of loaded batches. */
  public static final String BOOKKEEPING = "blackwater_loaded_batch";

  static final String HISTORY = "blackwater_schema_history";
  private static final List<String> MIGRATIONS =
      List.of(
          "V1__star_schema.sql",
          "V2__pipeline.sql",
          "V3__newest_version.sql",
          "V10__deletions.sql",
          "V11__iceberg_snapshots.sql");

  private final Database database;
  private final String schema;

  public WarehouseSchema(DatabaseConfig database, String schema) {
    if (schema == null || !schema.matches("[a-z_][a-z0-9_]*")) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "warehouse schema '" + schema + "' is not a plain lower-case SQL identifier");
    }
    this.database = new Database(database);
    this.schema = schema;
  }

  /** The warehouse database. */
  public Database database() {
    return database;
  }

  /** The target schema. */
  public String schema() {
    return schema;
  }

  /** A table of the target schema, quoted. */
  public String qualified(String table) {
    return Sql.qualified(schema, table);
  }

  /**
   * Migrates or checks, as {@code mode} says.
   *
   * @return the number of migrations applied: 0 when checking or when none was pending
   */
  public int prepare(WarehouseMode mode) {
    if (mode == WarehouseMode.CHECK) {
      check();
      return 0;
    }
    return migrate();
  }

  /**
   * Applies pending migrations. Refuses, before changing anything, a schema that holds tables of
   * the star schema that Blackwater did not create.
   *
   * @return the number of migrations applied
   */
  public int migrate() {
    try (Connection c = database.open()) {
      if (upToDate(c)) {
        return 0; // nothing to apply: Flyway is not even started
      }
      if (!exists(c, HISTORY)) {
        List<String> foreign = new ArrayList<>();
        for (WarehouseTable t : WarehouseTable.values()) {
          if (exists(c, t.tableName())) {
            foreign.add(t.tableName());
          }
        }
        if (exists(c, BOOKKEEPING)) {
          foreign.add(BOOKKEEPING);
        }
        if (!foreign.isEmpty()) {
          throw new BlackwaterException(
              ErrorCode.DATA_QUALITY,
              "schema "
                  + schema
                  + " of the warehouse already holds "
                  + String.join(", ", foreign)
                  + ", not created by Blackwater: nothing was changed. Load into a schema another"
                  + " team prepared with --warehouse-mode check, or choose another --warehouse-schema");
        }
      }
    } catch (SQLException e) {
      throw database.failure(e);
    }
    try {
      MigrateResult result = flyway().migrate();
      return result.migrationsExecuted;
    } catch (FlywayException e) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "cannot migrate the warehouse schema " + schema + ": " + BlackwaterException.firstLine(e),
          e);
    }
  }

  /**
   * Checks that the schema has every star-schema table with its columns and types, and the
   * bookkeeping table, without changing anything.
   */
  public void check() {
    List<String> problems = new ArrayList<>();
    try (Connection c = database.open()) {
      for (WarehouseTable table : WarehouseTable.values()) {
        Map<String, String> actual = columns(c, table.tableName());
        if (actual.isEmpty()) {
          problems.add("table " + table.tableName() + " is missing");
          continue;
        }
        List<WarehouseTable.Column> expectedColumns = new ArrayList<>(table.columns());
        if (table.deletable()) {
          expectedColumns.add(WarehouseTable.DELETED_AT);
        }
        for (WarehouseTable.Column expected : expectedColumns) {
          String type = actual.get(expected.name());
          if (type == null) {
            problems.add(
                table.tableName()
                    + "."
                    + expected.name()
                    + " is missing"
                    + (expected.equals(WarehouseTable.DELETED_AT)
                        ? " (nullable timestamp for rows deleted from the source: see"
                            + " V10__deletions.sql in blackwater warehouse ddl)"
                        : ""));
          } else if (!compatible(expected.type(), type)) {
            problems.add(
                table.tableName()
                    + "."
                    + expected.name()
                    + " is "
                    + type
                    + ", expected "
                    + expected.type());
          }
        }
        if (table.recordId() != null && !actual.containsKey(table.recordId())) {
          problems.add(table.tableName() + "." + table.recordId() + " is missing");
        }
      }
      if (!exists(c, BOOKKEEPING)) {
        problems.add(
            "the bookkeeping table "
                + BOOKKEEPING
                + " is missing (its DDL: blackwater warehouse ddl)");
      }
    } catch (SQLException e) {
      throw database.failure(e);
    }
    if (!problems.isEmpty()) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "the warehouse schema "
              + schema
              + " does not fit the star schema: "
              + String.join("; ", problems));
    }
  }

  /** The DDL of every migration, for a team preparing the warehouse by hand. */
  public static String ddl() {
    StringBuilder sql = new StringBuilder();
    for (String migration : MIGRATIONS) {
      try (InputStream in =
          WarehouseSchema.class.getResourceAsStream("/db/warehouse/" + migration)) {
        sql.append("-- ").append(migration).append('\n');
        sql.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sql.toString();
  }

  private Flyway flyway() {
    return Flyway.configure(WarehouseSchema.class.getClassLoader())
        .dataSource(database.config().url(), database.config().user(), database.config().password())
        .schemas(schema)
        .defaultSchema(schema)
        .createSchemas(true)
        .table(HISTORY)
        .locations("classpath:db/warehouse")
        .validateMigrationNaming(true)
        .cleanDisabled(true)
        .load();
  }

  /**
   * Whether Flyway's history records every migration of this version as applied, by version and
   * script, and none failed: the schema is not behind, so there is nothing for Flyway to do. (A
   * schema ahead of this version, or with a failed migration, still goes to Flyway, which says what
   * is wrong.)
   */
  @SuppressFBWarnings(
      value = "SQL_PREPARED_STATEMENT_GENERATED_FROM_NONCONSTANT_STRING",
      justification = "the table is Blackwater's own, its schema name checked and quoted")
  private boolean upToDate(Connection c) throws SQLException {
    if (!exists(c, HISTORY)) {
      return false;
    }
    Map<String, String> applied = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT version, script, checksum, success FROM "
                + qualified(HISTORY)
                + " WHERE version IS NOT NULL")) {
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (!r.getBoolean(4)) {
            return false;
          }
          applied.put(r.getString(1), r.getString(2) + " " + r.getInt(3));
        }
      }
    }
    Map<String, String> known = new LinkedHashMap<>();
    for (String migration : MIGRATIONS) {
      known.put(
          migration.substring(1, migration.indexOf("__")), migration + " " + checksum(migration));
    }
    return applied.equals(known);
  }

  /** A migration's checksum as Flyway records it: CRC32 of its lines, without line ends. */
  static int checksum(String migration) {
    CRC32 crc = new CRC32();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(
                WarehouseSchema.class.getResourceAsStream("/db/warehouse/" + migration),
                StandardCharsets.UTF_8))) {
      String line = lines.readLine();
      if (line != null && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      while (line != null) {
        crc.update(line.getBytes(StandardCharsets.UTF_8));
        line = lines.readLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (int) crc.getValue();
  }

  private boolean exists(Connection c, String table) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT 1 FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE n.nspname = ? AND r.relname = ?")) {
      s.setString(1, schema);
      s.setString(2, table);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private Map<String, String> columns(Connection c, String table) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                + " JOIN pg_class r ON r.oid = a.attrelid JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE n.nspname = ? AND r.relname = ? AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY a.attnum")) {
      s.setString(1, schema);
      s.setString(2, table);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          columns.put(r.getString(1), r.getString(2));
        }
      }
    }
    return columns;
  }

  /** Whether a column of type {@code actual} can hold the values of {@code expected}. */
  static boolean compatible(String expected, String actual) {
    return family(expected).equals(family(actual));
  }

  private static String family(String type) {
    String t = type.replaceAll("\\(.*\\)", "").trim();
    return switch (t) {
      case "character varying", "text", "character" -> "text";
      case "integer", "bigint" -> "integer";
      case "time without time zone" -> "time";
      case "timestamp without time zone" -> "timestamp";
      default -> t;
    };
  }
}
