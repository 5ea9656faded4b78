package dev.blackwater.config;

import java.nio.file.Path;

/**
 * How load runs.
 *
 * @param schema the warehouse schema to load into
 * @param mode migrate the schema, or only check one another team prepared
 * @param tempDirectory where Parquet objects are staged on their way into the warehouse
 * @param memoryLimit DuckDB's memory limit while converting them, e.g. {@code 1GB}
 * @param bulkRows rows from which a COPY into an empty table (a first load, a rebuild) drops the
 *     table's foreign keys and secondary indexes and rebuilds them afterwards in the same
 *     transaction (only when Blackwater owns the schema)
 */
public record LoadSettings(
    String schema, WarehouseMode mode, Path tempDirectory, String memoryLimit, long bulkRows) {

  public LoadSettings {
    memoryLimit = MemoryLimit.normalize(memoryLimit);
  }

  /** Rows from which a COPY into an empty table takes the bulk path (see {@code bulkRows}). */
  public static final long DEFAULT_BULK_ROWS = 10_000;

  /**
   * The defaults of {@link Settings} on this machine: load into {@code public}, migrating it,
   * staging in the system temp directory.
   */
  public static LoadSettings defaults() {
    return Configuration.defaults().load();
  }

  public LoadSettings withSchema(String newSchema) {
    return new LoadSettings(newSchema, mode, tempDirectory, memoryLimit, bulkRows);
  }

  public LoadSettings withMode(WarehouseMode newMode) {
    return new LoadSettings(schema, newMode, tempDirectory, memoryLimit, bulkRows);
  }

  public LoadSettings withTempDirectory(Path directory) {
    return new LoadSettings(schema, mode, directory, memoryLimit, bulkRows);
  }

  public LoadSettings withMemoryLimit(String limit) {
    return new LoadSettings(schema, mode, tempDirectory, limit, bulkRows);
  }

  public LoadSettings withBulkRows(long rows) {
    return new LoadSettings(schema, mode, tempDirectory, memoryLimit, rows);
  }
}
