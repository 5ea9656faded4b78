package dev.blackwater.config;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.time.Duration;
import java.util.List;

/**
 * How extract runs.
 *
 * @param tables the source tables, parents first
 * @param schema the source schema holding them
 * @param overlap how far below the previous watermark each run reads again, to catch rows committed
 *     late with an older {@code last_updated}
 * @param parallelism tables extracted at once (each on its own connection, one shared snapshot)
 * @param partBytes compressed size above which a table's object is split into parts
 * @param acceptAddedColumns accept columns added to a source table since the previous batch
 * @param claimLease how long an uncommitted claim of another host blocks new runs
 * @param deletes how rows deleted from the source are found
 */
public record ExtractSettings(
    List<String> tables,
    String schema,
    Duration overlap,
    int parallelism,
    long partBytes,
    boolean acceptAddedColumns,
    Duration claimLease,
    DeleteSettings deletes) {

  /** How long an uncommitted claim of another host blocks new runs. */
  public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(2);

  public ExtractSettings {
    tables = List.copyOf(tables);
    if (tables.isEmpty()) {
      throw new BlackwaterException(ErrorCode.CONFIGURATION, "no tables to extract");
    }
    for (String table : tables) {
      if (!table.matches("[a-z_][a-z0-9_]*")) {
        throw new BlackwaterException(
            ErrorCode.CONFIGURATION,
            "table name '" + table + "' is not a plain lower-case SQL identifier");
      }
    }
    if (overlap.isNegative()) {
      throw new BlackwaterException(ErrorCode.CONFIGURATION, "the overlap must not be negative");
    }
    if (parallelism < 1) {
      throw new BlackwaterException(ErrorCode.CONFIGURATION, "parallelism must be at least 1");
    }
    if (partBytes < 1024) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION, "the part size must be at least 1 KiB");
    }
  }

  /**
   * The defaults of {@link Settings}: the 11 totesys tables in {@code public}, 15 minutes overlap.
   */
  public static ExtractSettings defaults() {
    return Configuration.defaults().extract();
  }

  public ExtractSettings withTables(List<String> newTables) {
    return new ExtractSettings(
        newTables,
        schema,
        overlap,
        parallelism,
        partBytes,
        acceptAddedColumns,
        claimLease,
        deletes);
  }

  public ExtractSettings withOverlap(Duration newOverlap) {
    return new ExtractSettings(
        tables,
        schema,
        newOverlap,
        parallelism,
        partBytes,
        acceptAddedColumns,
        claimLease,
        deletes);
  }

  public ExtractSettings withParallelism(int newParallelism) {
    return new ExtractSettings(
        tables,
        schema,
        overlap,
        newParallelism,
        partBytes,
        acceptAddedColumns,
        claimLease,
        deletes);
  }

  public ExtractSettings withPartBytes(long newPartBytes) {
    return new ExtractSettings(
        tables,
        schema,
        overlap,
        parallelism,
        newPartBytes,
        acceptAddedColumns,
        claimLease,
        deletes);
  }

  public ExtractSettings withAcceptAddedColumns(boolean accept) {
    return new ExtractSettings(
        tables, schema, overlap, parallelism, partBytes, accept, claimLease, deletes);
  }

  public ExtractSettings withDeletes(DeleteSettings newDeletes) {
    return new ExtractSettings(
        tables,
        schema,
        overlap,
        parallelism,
        partBytes,
        acceptAddedColumns,
        claimLease,
        newDeletes);
  }

  public ExtractSettings withSchema(String newSchema) {
    return new ExtractSettings(
        tables,
        newSchema,
        overlap,
        parallelism,
        partBytes,
        acceptAddedColumns,
        claimLease,
        deletes);
  }
}
