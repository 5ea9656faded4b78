package dev.blackwater.load;

import dev.blackwater.config.Database;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.duckdb.DuckDbSession;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.iceberg.LakeTables;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.warehouse.WarehouseSchema;
import dev.blackwater.warehouse.WarehouseState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load: every processed batch not yet in the warehouse, in order, each in one transaction. The
 * warehouse's bookkeeping table says what is loaded; a rerun loads nothing twice.
 */
public final class Loader {

  private static final Logger LOG = LoggerFactory.getLogger(Loader.class);

  private final Database warehouse;
  private final LakeStore processed;
  private final LoadSettings settings;
  private final Clock clock;
  private final Optional<LakeTables> tables;

  public Loader(DatabaseConfig warehouse, LakeStore processed, LoadSettings settings, Clock clock) {
    this(warehouse, processed, settings, clock, Optional.empty());
  }

  /**
   * @param tables the processed zone's Iceberg tables: load first appends what a crashed transform
   *     left out of them, and records, per batch, the snapshot of each table that holds it
   */
  public Loader(
      DatabaseConfig warehouse,
      LakeStore processed,
      LoadSettings settings,
      Clock clock,
      Optional<LakeTables> tables) {
    this.warehouse = new Database(warehouse);
    this.processed = processed;
    this.settings = settings;
    this.clock = clock;
    this.tables = tables;
  }

  private LoadResult result(
      String runId,
      WarehouseSchema schema,
      int migrations,
      List<BatchLoadResult> loaded,
      int skipped,
      Instant started,
      String newestVersion) {
    Instant finished = clock.instant();
    return new LoadResult(
        runId,
        schema.schema(),
        migrations,
        loaded,
        skipped,
        started,
        Duration.between(started, finished),
        newestVersion,
        null,
        null);
  }

  /** Loads every pending batch. */
  public LoadResult load(String runId) {
    Instant started = clock.instant();
    WarehouseSchema schema = new WarehouseSchema(warehouse.config(), settings.schema());
    int migrations = schema.prepare(settings.mode());
    if (migrations > 0) {
      LOG.info("applied {} migrations to warehouse schema {}", migrations, schema.schema());
    }
    BatchLog log = new BatchLog(processed);
    tables.ifPresent(LakeTables::catchUp);
    List<BatchLoadResult> loaded = new ArrayList<>();
    int skipped = 0;
    try (Connection connection = warehouse.open()) {
      WarehouseState state = new WarehouseState(connection, schema);
      List<Manifest> pending = pending(log, state.loadedBatches());
      if (pending.isEmpty()) {
        LOG.info("nothing to load: every processed batch is in the warehouse");
        return result(runId, schema, migrations, loaded, 0, started, state.newestVersion());
      }
      Files.createDirectories(settings.tempDirectory());
      Path work = Files.createTempDirectory(settings.tempDirectory(), "blackwater-load-");
      // the Iceberg snapshot of each pending batch, every table read once for the whole load
      Map<String, Map<String, Long>> snapshots =
          tables.map(LakeTables::snapshotsByBatch).orElse(Map.of());
      try (DuckDbSession duckdb = duckdb(work)) {
        BatchLoad batchLoad =
            new BatchLoad(
                connection,
                schema,
                settings,
                processed,
                duckdb.connection(),
                work,
                m -> snapshots.getOrDefault(m.batch(), Map.of()));
        for (Manifest manifest : pending) {
          LOG.info("loading batch {} into schema {}", manifest.batch(), schema.schema());
          BatchLoadResult result = loadOne(batchLoad, manifest);
          if (result == null) {
            skipped++;
          } else {
            loaded.add(result);
          }
        }
      } finally {
        deleteTree(work);
      }
      return result(runId, schema, migrations, loaded, skipped, started, state.newestVersion());
    } catch (SQLException e) {
      throw warehouse.failure(e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot use the temp directory " + settings.tempDirectory(), e);
    }
  }

  private DuckDbSession duckdb(Path work) {
    try {
      return new DuckDbSession(
          settings.memoryLimit(),
          Runtime.getRuntime().availableProcessors(),
          work.resolve("duckdb"));
    } catch (SQLException e) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION, "cannot start DuckDB for load: " + e.getMessage(), e);
    }
  }

  private BatchLoadResult loadOne(BatchLoad batchLoad, Manifest manifest) {
    try {
      return batchLoad.load(manifest);
    } catch (SQLException e) {
      throw failure(manifest.batch(), e);
    }
  }

  /**
   * The manifests of the committed batches not loaded yet, checking that each follows the one
   * before it.
   */
  private static List<Manifest> pending(BatchLog log, Set<String> loaded) {
    List<Manifest> pending = new ArrayList<>();
    String previous = null;
    for (BatchId batch : log.committed()) {
      if (loaded.contains(batch.toString())) {
        previous = batch.toString();
        continue;
      }
      Manifest manifest = log.read(batch);
      if (manifest.parent() != null && !manifest.parent().equals(previous)) {
        throw new BlackwaterException(
            ErrorCode.DATA_QUALITY,
            "processed batch "
                + batch
                + " follows "
                + manifest.parent()
                + ", but the batch before it in the processed zone is "
                + previous);
      }
      pending.add(manifest);
      previous = batch.toString();
    }
    return pending;
  }

  /** A batch's failure, classified as every database failure is ({@link Database}). */
  private BlackwaterException failure(String batch, SQLException e) {
    String where = "batch " + batch + " was not loaded (the warehouse is as it was): ";
    ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    String detail = server == null ? e.getMessage() : describe(server);
    BlackwaterException mapped = warehouse.failure(e);
    String problem =
        switch (mapped.code()) {
          case DATA_QUALITY -> detail;
          case CONNECTION ->
              "42501".equals(e.getSQLState())
                  ? "missing permission: " + detail
                  : mapped.getMessage();
          default -> mapped.getMessage();
        };
    return new BlackwaterException(mapped.code(), where + problem, e);
  }

  private static String describe(ServerErrorMessage server) {
    StringBuilder text = new StringBuilder();
    if (server.getTable() != null) {
      text.append(server.getTable()).append(": ");
    }
    text.append(server.getMessage());
    if (server.getDetail() != null) {
      text.append(" (").append(server.getDetail()).append(')');
    }
    return text.toString();
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not remove {}: {}", root, e.getMessage());
    }
  }
}
