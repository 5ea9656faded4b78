package dev.blackwater.load;

import dev.blackwater.ResultJson;
import dev.blackwater.Sql;
import dev.blackwater.Version;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.config.WarehouseMode;
import dev.blackwater.lake.LakeFiles;
import dev.blackwater.lake.LakeFiles.LocalObject;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.Manifest.ObjectRef;
import dev.blackwater.warehouse.WarehouseSchema;
import dev.blackwater.warehouse.WarehouseState;
import dev.blackwater.warehouse.WarehouseTable;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Loads one processed batch in one warehouse transaction: COPY each table into a temporary staging
 * table, merge it, record the batch, commit. A crash at any point leaves the warehouse as it was; a
 * batch another run recorded meanwhile is skipped. Each Parquet object is checked once against its
 * manifest (in place for a local zone, while it downloads for a remote one) and its rows streamed
 * into a binary COPY by DuckDB ({@link ParquetCopy}).
 */
final class BatchLoad {

  private static final Logger LOG = LoggerFactory.getLogger(BatchLoad.class);

  private final Connection connection;
  private final WarehouseSchema schema;
  private final WarehouseState state;
  private final LakeStore processed;
  private final Connection duckdb;
  private final ParquetCopy parquet;
  private final ForeignKeyCheck foreignKeys;
  private final Path workDirectory;
  private final LoadSettings settings;
  private final Function<Manifest, Map<String, Long>> snapshots;

  BatchLoad(
      Connection connection,
      WarehouseSchema schema,
      LoadSettings settings,
      LakeStore processed,
      Connection duckdb,
      Path workDirectory,
      Function<Manifest, Map<String, Long>> snapshots) {
    this.settings = settings;
    this.snapshots = snapshots;
    this.connection = connection;
    this.schema = schema;
    this.state = new WarehouseState(connection, schema);
    this.processed = processed;
    this.duckdb = duckdb;
    this.parquet = new ParquetCopy(duckdb);
    this.foreignKeys = new ForeignKeyCheck(duckdb);
    this.workDirectory = workDirectory;
  }

  /** Loads {@code manifest}; null when another run loaded it first. */
  BatchLoadResult load(Manifest manifest) throws SQLException {
    long started = System.nanoTime();
    connection.setAutoCommit(false);
    boolean committed = false;
    Map<String, List<LocalObject>> objects = new LinkedHashMap<>();
    try {
      lock();
      if (state.isLoaded(manifest.batch())) {
        LOG.info("batch {} was loaded by another run meanwhile: skipped", manifest.batch());
        return null;
      }
      Map<String, List<Path>> files = fetch(manifest, objects);
      Map<String, Long> rows = new LinkedHashMap<>();
      Map<String, Long> changed = new LinkedHashMap<>();
      Map<String, Long> bytes = new LinkedHashMap<>();
      Map<String, Duration> durations = new LinkedHashMap<>();
      SecondaryStructures structures = bulk(manifest) ? prepareBulk(files) : null;
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
              table.tableName(),
              loadTable(table, entry, files.get(table.tableName()), structures != null));
          bytes.put(table.tableName(), entry.objects().stream().mapToLong(ObjectRef::bytes).sum());
          durations.put(table.tableName(), Duration.ofNanos(System.nanoTime() - tableStarted));
        } finally {
          MDC.remove("table");
        }
      }
      if (structures != null) {
        long rebuilding = System.nanoTime();
        structures.restore();
        LOG.info(
            "rebuilt {} keys, constraints and indexes in {} ms (foreign keys checked before the"
                + " COPY, added NOT VALID)",
            structures.count(),
            (System.nanoTime() - rebuilding) / 1_000_000);
      }
      applyDeletions(manifest, objects, changed);
      record(manifest, rows, files);
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
      objects.values().forEach(list -> list.forEach(LocalObject::discard));
    }
  }

  /**
   * Applies the batch's deletion records (after its rows, and after a bulk load has rebuilt its
   * keys): dimension rows marked deleted or alive again, final versions of deleted facts.
   */
  private void applyDeletions(
      Manifest manifest, Map<String, List<LocalObject>> objects, Map<String, Long> changed)
      throws SQLException {
    if (manifest.deleted() == null) {
      return;
    }
    DeletionLoad deletions = new DeletionLoad(connection, schema, parquet);
    for (WarehouseTable table : WarehouseTable.values()) {
      Manifest.Table entry = manifest.deleted().get(table.tableName());
      if (entry == null || entry.rows() == 0 || !table.deletable()) {
        continue;
      }
      List<LocalObject> local = new ArrayList<>();
      objects.put("deleted " + table.tableName(), local);
      for (ObjectRef object : entry.objects()) {
        Path target =
            workDirectory.resolve("deleted-" + table.tableName() + "-" + local.size() + ".parquet");
        local.add(LakeFiles.checked(processed, manifest.batch(), object, target));
      }
      long applied =
          deletions.apply(table, local.stream().map(LocalObject::file).toList(), entry.rows());
      changed.merge(table.tableName(), applied, Long::sum);
      LOG.info(
          "{}: {} deletion record(s), {} row(s) {}",
          table.tableName(),
          entry.rows(),
          applied,
          table.kind() == WarehouseTable.Kind.FACT ? "ended by a final version" : "marked");
    }
  }

  private void lock() throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
      s.setString(1, "blackwater load " + schema.schema());
      s.execute();
    }
  }

  /**
   * Every object of the batch, checked against the manifest: the zone's own file when it is local,
   * else a download into the work directory (removed when the batch ends).
   */
  private Map<String, List<Path>> fetch(Manifest manifest, Map<String, List<LocalObject>> objects) {
    Map<String, List<Path>> files = new LinkedHashMap<>();
    for (WarehouseTable table : WarehouseTable.values()) {
      Manifest.Table entry = manifest.tables().get(table.tableName());
      if (entry == null || entry.rows() == 0) {
        continue;
      }
      List<LocalObject> local = new ArrayList<>();
      objects.put(table.tableName(), local);
      for (ObjectRef object : entry.objects()) {
        Path target = workDirectory.resolve(table.tableName() + "-" + local.size() + ".parquet");
        local.add(LakeFiles.checked(processed, manifest.batch(), object, target));
      }
      files.put(table.tableName(), local.stream().map(LocalObject::file).toList());
    }
    return files;
  }

  /**
   * A bulk load: checks the batch's foreign keys on its Parquet, then drops every key, constraint
   * and index of the star schema and empties its (empty) tables in this transaction, so that COPY
   * writes their rows frozen and the keys are built once at the end.
   */
  private SecondaryStructures prepareBulk(Map<String, List<Path>> files) throws SQLException {
    List<String> tables = new ArrayList<>();
    for (WarehouseTable table : WarehouseTable.values()) {
      tables.add(schema.qualified(table.tableName()));
    }
    SecondaryStructures structures = SecondaryStructures.read(connection, tables);
    long checking = System.nanoTime();
    foreignKeys.check(structures.foreignKeys(), files);
    LOG.info(
        "checked {} foreign keys on the batch in {} ms",
        structures.foreignKeys().size(),
        (System.nanoTime() - checking) / 1_000_000);
    structures.drop();
    try (Statement s = connection.createStatement()) {
      // a table emptied in this transaction takes COPY ... FREEZE: its rows are written frozen and
      // all-visible, so building its keys and indexes reads them without checking each one
      s.execute("TRUNCATE " + String.join(", ", tables));
    }
    return structures;
  }

  private long loadTable(WarehouseTable table, Manifest.Table entry, List<Path> files, boolean bulk)
      throws SQLException {
    long started = System.nanoTime();
    String target = schema.qualified(table.tableName());
    long merged;
    String how;
    if (bulk && table.recordId() != null) {
      long first = reserveRecordIds(target, table.recordId(), entry.rows());
      merged = copy(files, table, first, target, entry.rows(), true);
      how = "bulk copy with record ids " + first + " on";
    } else if (bulk || isEmpty(target)) {
      merged = copy(files, table, 0, target, entry.rows(), bulk);
      how = bulk ? "bulk copy" : "copy";
    } else {
      String staging = Sql.identifier("stg_" + table.tableName());
      String columns =
          table.columnNames().stream().map(Sql::identifier).collect(Collectors.joining(", "));
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
      copy(files, table, 0, staging, entry.rows(), false);
      try (Statement s = connection.createStatement()) {
        merged = s.executeUpdate(MergeStatement.sql(table, target, staging));
      }
      how = "staged and merged";
    }
    LOG.info(
        "{}: {} rows, {} written ({}, {} ms)",
        table.tableName(),
        entry.rows(),
        merged,
        how,
        (System.nanoTime() - started) / 1_000_000);
    return merged;
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

  private long copy(
      List<Path> files,
      WarehouseTable table,
      long firstRecordId,
      String into,
      long expected,
      boolean freeze)
      throws SQLException {
    List<String> columns = new ArrayList<>();
    if (firstRecordId > 0) {
      columns.add(table.recordId());
    }
    columns.addAll(table.columnNames());
    long copied =
        parquet.copy(
            files,
            table,
            firstRecordId,
            into,
            types(into, columns),
            connection.unwrap(PGConnection.class),
            freeze);
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

  /** The types ({@code pg_type.typname}) of {@code columns} of table {@code into}. */
  private List<String> types(String into, List<String> columns) throws SQLException {
    List<String> types = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                + " WHERE a.attrelid = ?::regclass AND a.attname = ? AND NOT a.attisdropped")) {
      for (String column : columns) {
        s.setString(1, into);
        s.setString(2, column);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            throw new SQLException(into + " has no column " + column, "42703");
          }
          types.add(r.getString(1));
        }
      }
    }
    return types;
  }

  private void record(Manifest manifest, Map<String, Long> rows, Map<String, List<Path>> files)
      throws SQLException {
    boolean newest = state.recordsNewestVersions();
    Map<String, Long> icebergSnapshots =
        state.recordsIcebergSnapshots() ? snapshots.apply(manifest) : Map.of();
    boolean iceberg = !icebergSnapshots.isEmpty();
    try (PreparedStatement s =
        connection.prepareStatement(
            "INSERT INTO "
                + schema.qualified(WarehouseSchema.BOOKKEEPING)
                + " (batch_id, source_batch, rows_per_table, code_version"
                + (newest ? ", newest_version" : "")
                + (iceberg ? ", iceberg_snapshots" : "")
                + ") VALUES (?, ?, ?::jsonb, ?"
                + (newest ? ", ?::timestamp" : "")
                + (iceberg ? ", ?::jsonb" : "")
                + ")")) {
      s.setString(1, manifest.batch());
      s.setString(2, manifest.consumed().isEmpty() ? "" : String.join(",", manifest.consumed()));
      s.setString(3, ResultJson.write(rows));
      s.setString(4, Version.current());
      if (newest) {
        s.setString(5, newestVersion(files));
      }
      if (iceberg) {
        s.setString(newest ? 6 : 5, ResultJson.write(icebergSnapshots));
      }
      s.executeUpdate();
    }
  }

  /** The newest {@code last_updated} among the batch's facts, read from their Parquet; or null. */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "files are literals")
  private String newestVersion(Map<String, List<Path>> files) throws SQLException {
    List<String> parts = new ArrayList<>();
    for (WarehouseTable fact : WarehouseTable.facts()) {
      List<Path> parquet = files.get(fact.tableName());
      if (parquet != null && !parquet.isEmpty()) {
        parts.add(
            "SELECT max(last_updated_date + last_updated_time) AS v FROM read_parquet(["
                + parquet.stream()
                    .map(p -> Sql.literal(p.toString()))
                    .collect(Collectors.joining(", "))
                + "])");
      }
    }
    if (parts.isEmpty()) {
      return null;
    }
    try (Statement s = duckdb.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT strftime(max(v), '%Y-%m-%d %H:%M:%S.%f') FROM ("
                    + String.join(" UNION ALL ", parts)
                    + ")")) {
      r.next();
      return r.getString(1);
    }
  }
}
