package dev.blackwater.load;

import dev.blackwater.ResultJson;
import dev.blackwater.Sql;
import dev.blackwater.Version;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.config.WarehouseMode;
import dev.blackwater.lake.LakeFiles;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.Manifest.ObjectRef;
import dev.blackwater.warehouse.WarehouseSchema;
import dev.blackwater.warehouse.WarehouseState;
import dev.blackwater.warehouse.WarehouseTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Loads one processed batch in one warehouse transaction: COPY each table into a temporary staging
 * table, merge it, record the batch, commit. A crash at any point leaves the warehouse as it was; a
 * batch another run recorded meanwhile is skipped.
 */
final class BatchLoad {

  private static final Logger LOG = LoggerFactory.getLogger(BatchLoad.class);

  private final Connection connection;
  private final WarehouseSchema schema;
  private final WarehouseState state;
  private final LakeStore processed;
  private final ParquetToCsv converter;
  private final Path workDirectory;
  private final LoadSettings settings;

  BatchLoad(
      Connection connection,
      WarehouseSchema schema,
      LoadSettings settings,
      LakeStore processed,
      ParquetToCsv converter,
      Path workDirectory) {
    this.settings = settings;
    this.connection = connection;
    this.schema = schema;
    this.state = new WarehouseState(connection, schema);
    this.processed = processed;
    this.converter = converter;
    this.workDirectory = workDirectory;
  }

  /** Loads {@code manifest}; null when another run loaded it first. */
  BatchLoadResult load(Manifest manifest) throws SQLException {
    long started = System.nanoTime();
    connection.setAutoCommit(false);
    boolean committed = false;
    try {
      lock();
      if (state.isLoaded(manifest.batch())) {
        LOG.info("batch {} was loaded by another run meanwhile: skipped", manifest.batch());
        return null;
      }
      Map<String, Long> rows = new LinkedHashMap<>();
      Map<String, Long> changed = new LinkedHashMap<>();
      Map<String, Long> bytes = new LinkedHashMap<>();
      Map<String, Duration> durations = new LinkedHashMap<>();
      SecondaryStructures dropped = bulk(manifest) ? dropAll() : null;
      for (WarehouseTable table : WarehouseTable.values()) {
        Manifest.Table entry = manifest.tables().get(table.tableName());
        if (entry == null || entry.rows() == 0) {
          continue;
        }
        MDC.put("table", table.tableName());
        try {
          long tableStarted = System.nanoTime();
          rows.put(table.tableName(), entry.rows());
          changed.put(
              table.tableName(), loadTable(manifest.batch(), table, entry, dropped != null));
          bytes.put(table.tableName(), entry.objects().stream().mapToLong(ObjectRef::bytes).sum());
          durations.put(table.tableName(), Duration.ofNanos(System.nanoTime() - tableStarted));
        } finally {
          MDC.remove("table");
        }
      }
      if (dropped != null) {
        long rebuilding = System.nanoTime();
        dropped.restore();
        LOG.info(
            "rebuilt {} keys, constraints and indexes in {} ms",
            dropped.count(),
            (System.nanoTime() - rebuilding) / 1_000_000);
      }
      record(manifest, rows);
      connection.commit();
      committed = true;
      return new BatchLoadResult(
          manifest.batch(),
          manifest.consumed().isEmpty() ? null : manifest.consumed().get(0),
          rows,
          changed,
          bytes,
          durations,
          Duration.ofNanos(System.nanoTime() - started));
    } finally {
      if (!committed) {
        connection.rollback();
      }
      connection.setAutoCommit(true);
    }
  }

  private void lock() throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
      s.setString(1, "blackwater load " + schema.schema());
      s.execute();
    }
  }

  private long loadTable(String batch, WarehouseTable table, Manifest.Table entry, boolean bulk)
      throws SQLException {
    List<Path> parquet = new ArrayList<>();
    Path csv = workDirectory.resolve(table.tableName() + ".csv");
    try {
      for (ObjectRef object : entry.objects()) {
        Path local = workDirectory.resolve(table.tableName() + "-" + parquet.size() + ".parquet");
        LakeFiles.download(processed, batch, object, local);
        parquet.add(local);
      }
      long started = System.nanoTime();
      String target = schema.qualified(table.tableName());
      String columns =
          table.columnNames().stream().map(Sql::identifier).collect(Collectors.joining(", "));
      long merged;
      String how;
      long converted;
      if (bulk && table.recordId() != null) {
        long first = reserveRecordIds(target, table.recordId(), entry.rows());
        converter.convert(parquet, table.columnNames(), first, csv, table.tableName());
        converted = System.nanoTime();
        merged =
            copy(
                csv,
                target,
                Sql.identifier(table.recordId()) + ", " + columns,
                entry.rows(),
                table);
        how = "bulk copy with record ids " + first + " on";
      } else {
        converter.convert(parquet, table.columnNames(), 0, csv, table.tableName());
        converted = System.nanoTime();
        if (bulk || isEmpty(target)) {
          merged = copy(csv, target, columns, entry.rows(), table);
          how = bulk ? "bulk copy" : "copy";
        } else {
          String staging = Sql.identifier("stg_" + table.tableName());
          try (Statement s = connection.createStatement()) {
            s.execute(
                "CREATE TEMP TABLE "
                    + staging
                    + " ON COMMIT DROP AS SELECT "
                    + columns
                    + " FROM "
                    + target
                    + " WITH NO DATA");
          }
          copy(csv, staging, columns, entry.rows(), table);
          try (Statement s = connection.createStatement()) {
            merged = s.executeUpdate(MergeStatement.sql(table, target, staging));
          }
          how = "staged and merged";
        }
      }
      LOG.info(
          "{}: {} rows, {} written ({}; convert {} ms, load {} ms)",
          table.tableName(),
          entry.rows(),
          merged,
          how,
          (converted - started) / 1_000_000,
          (System.nanoTime() - converted) / 1_000_000);
      return merged;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot stage " + table.tableName() + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(csv);
      parquet.forEach(BatchLoad::deleteQuietly);
    }
  }

  /**
   * Whether to load the batch in bulk: Blackwater owns the schema, the batch is large, and every
   * table is empty (a first load, a rebuild), so dropping and rebuilding keys and indexes costs
   * only what the batch adds.
   */
  private boolean bulk(Manifest manifest) throws SQLException {
    if (settings.mode() != WarehouseMode.MIGRATE) {
      return false;
    }
    if (manifest.totalRows() < settings.bulkRows()) {
      return false;
    }
    for (WarehouseTable table : WarehouseTable.values()) {
      if (!isEmpty(schema.qualified(table.tableName()))) {
        return false;
      }
    }
    return true;
  }

  private SecondaryStructures dropAll() throws SQLException {
    List<String> tables = new ArrayList<>();
    for (WarehouseTable table : WarehouseTable.values()) {
      tables.add(schema.qualified(table.tableName()));
    }
    return SecondaryStructures.drop(connection, tables);
  }

  /** Takes {@code count} values of a record id's sequence at once; returns the first. */
  private long reserveRecordIds(String target, String column, long count) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT setval(seq, nextval(seq) + ? - 1) - ? + 1 FROM"
                + " (SELECT pg_get_serial_sequence(?, ?)::regclass AS seq) q")) {
      s.setLong(1, count);
      s.setLong(2, count);
      s.setString(3, target);
      s.setString(4, column);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private boolean isEmpty(String target) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + target + ")")) {
      r.next();
      return r.getBoolean(1);
    }
  }

  private long copy(Path csv, String into, String columns, long expected, WarehouseTable table)
      throws SQLException, IOException {
    long copied;
    try (InputStream in = Files.newInputStream(csv)) {
      copied =
          connection
              .unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn("COPY " + into + " (" + columns + ") FROM STDIN (FORMAT csv)", in);
    }
    if (copied != expected) {
      throw new SQLException(
          table.tableName()
              + " has "
              + copied
              + " rows in its Parquet, but its manifest says "
              + expected,
          "22000");
    }
    return copied;
  }

  private void record(Manifest manifest, Map<String, Long> rows) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "INSERT INTO "
                + schema.qualified(WarehouseSchema.BOOKKEEPING)
                + " (batch_id, source_batch, rows_per_table, code_version) VALUES (?, ?, ?::jsonb, ?)")) {
      s.setString(1, manifest.batch());
      s.setString(2, manifest.consumed().isEmpty() ? "" : String.join(",", manifest.consumed()));
      s.setString(3, ResultJson.write(rows));
      s.setString(4, Version.current());
      s.executeUpdate();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the work directory is removed at the end of the run
    }
  }
}
