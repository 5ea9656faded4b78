package dev.blackwater.iceberg;

import dev.blackwater.Sql;
import dev.blackwater.duckdb.DuckDbSession;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LakeFiles;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.warehouse.WarehouseTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.io.CloseableIterable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Iceberg tables quick to read: compaction rewrites a fact partition's many small files
 * (one per 5-minute batch) into one, committed as an Iceberg replace (the rows are the same, so
 * readers see no change and load, which reads batches by their manifests, loads nothing again);
 * expiry drops snapshots older than the retention from the tables' metadata. Neither deletes a
 * file: the batch's own objects stay, named by their committed manifests (the lake's history, from
 * which a warehouse is rebuilt), and on S3 the pipeline may not delete anyway.
 */
public final class LakeMaintenance {

  /** The snapshot summary property a compaction's replace carries. */
  public static final String COMPACTED = "blackwater.compacted";

  /** The namespace property saying when maintenance last ran. */
  public static final String MAINTAINED_AT = "blackwater.maintained-at";

  private static final Logger LOG = LoggerFactory.getLogger(LakeMaintenance.class);

  private final LakeTables tables;
  private final LakeStore zone;
  private final Clock clock;
  private final Path tempDirectory;
  private final String memoryLimit;

  public LakeMaintenance(
      LakeTables tables, LakeStore zone, Clock clock, Path tempDirectory, String memoryLimit) {
    this.tables = tables;
    this.zone = zone;
    this.clock = clock;
    this.tempDirectory = tempDirectory;
    this.memoryLimit = memoryLimit;
  }

  /** What a compaction did: per table, files replaced and files written. */
  public record Compaction(Map<String, Integer> replaced, Map<String, Integer> written) {}

  /**
   * Rewrites every fact partition of the current snapshots that has at least {@code minFiles} files
   * into one file, one replace snapshot per table.
   */
  public Compaction compact(int minFiles) {
    Map<String, Integer> replaced = new LinkedHashMap<>();
    Map<String, Integer> written = new LinkedHashMap<>();
    for (WarehouseTable warehouseTable : WarehouseTable.facts()) {
      Table table = tables.table(warehouseTable);
      Snapshot base = table.currentSnapshot();
      if (base == null) {
        continue;
      }
      Map<Integer, List<DataFile>> partitions = new LinkedHashMap<>();
      Map<Integer, StructLike> structs = new LinkedHashMap<>();
      try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
        for (FileScanTask task : tasks) {
          DataFile file = task.file();
          Integer month = file.partition().get(0, Integer.class);
          partitions.computeIfAbsent(month, m -> new ArrayList<>()).add(file);
          structs.putIfAbsent(month, file.partition());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot plan " + table.name(), e);
      }
      List<DataFile> old = new ArrayList<>();
      List<DataFile> fresh = new ArrayList<>();
      Path work = workDirectory();
      try (DuckDbSession duck = new DuckDbSession(memoryLimit, 2, work.resolve("spill"))) {
        ParquetObjects objects = new ParquetObjects(zone, tables.io(), work);
        for (Map.Entry<Integer, List<DataFile>> p : partitions.entrySet()) {
          if (p.getValue().size() < Math.max(2, minFiles)) {
            continue;
          }
          String key =
              LakeTables.PREFIX
                  + "data/"
                  + warehouseTable.tableName()
                  + "/compacted-"
                  + base.snapshotId()
                  + "-"
                  + p.getKey()
                  + ".parquet";
          Path out = work.resolve("compacted-" + p.getKey() + ".parquet");
          List<String> files = new ArrayList<>();
          for (DataFile f : p.getValue()) {
            files.add(
                Sql.literal(
                    LakeFiles.localOrCopy(zone, tables.io().key(f.location()), work).toString()));
          }
          String columns =
              String.join(
                  ", ", warehouseTable.columnNames().stream().map(Sql::identifier).toList());
          duck.execute(
              "COPY (SELECT "
                  + columns
                  + " FROM read_parquet(["
                  + String.join(", ", files)
                  + "]) ORDER BY "
                  + String.join(
                      ", ", warehouseTable.versionKey().stream().map(Sql::identifier).toList())
                  + ") TO "
                  + Sql.literal(out.toString())
                  + " (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 3, "
                  + LakeSchemas.fieldIdsOption(warehouseTable)
                  + ")");
          LakeFiles.upload(zone, out, key);
          fresh.add(objects.inPartition(table, out, key, structs.get(p.getKey())));
          old.addAll(p.getValue());
        }
      } catch (SQLException e) {
        throw new BlackwaterException(
            ErrorCode.INTERNAL,
            "DuckDB failed compacting " + table.name() + ": " + BlackwaterException.firstLine(e),
            e);
      } finally {
        LakeTables.deleteTree(work);
      }
      if (old.isEmpty()) {
        continue;
      }
      try {
        RewriteFiles rewrite = table.newRewrite().validateFromSnapshot(base.snapshotId());
        old.forEach(rewrite::deleteFile);
        fresh.forEach(rewrite::addFile);
        rewrite.set(COMPACTED, Integer.toString(old.size()));
        rewrite.commit();
      } catch (CommitFailedException e) {
        throw new BlackwaterException(
            ErrorCode.CONCURRENCY,
            "compacting " + table.name() + " met another commit; run it again: " + e.getMessage(),
            e);
      }
      replaced.put(warehouseTable.tableName(), old.size());
      written.put(warehouseTable.tableName(), fresh.size());
      LOG.info("compacted {}: {} file(s) into {}", table.name(), old.size(), fresh.size());
    }
    return new Compaction(replaced, written);
  }

  /**
   * Drops from every table's metadata (the deletion tables' too) the snapshots replaced longer ago
   * than {@code retention} (the current one always stays); deletes no file. Returns how many went,
   * per table.
   */
  public Map<String, Integer> expire(Duration retention) {
    Instant cutoff = clock.instant().minus(retention);
    Map<String, Integer> expired = new LinkedHashMap<>();
    List<Table> all = new ArrayList<>();
    for (WarehouseTable warehouseTable : WarehouseTable.values()) {
      all.add(tables.table(warehouseTable));
      if (warehouseTable.deletable()) {
        all.add(tables.deletions(warehouseTable));
      }
    }
    for (Table table : all) {
      int before = size(table.snapshots());
      if (before <= 1) {
        continue;
      }
      table
          .expireSnapshots()
          .expireOlderThan(cutoff.toEpochMilli())
          .retainLast(1)
          .cleanExpiredFiles(false)
          .commit();
      table.refresh();
      int gone = before - size(table.snapshots());
      if (gone > 0) {
        expired.put(table.name().substring(table.name().lastIndexOf('.') + 1), gone);
      }
    }
    return expired;
  }

  /** What one maintenance did: the compaction, and per table the snapshots expired. */
  public record Maintenance(Compaction compaction, Map<String, Integer> expired) {

    /** Files replaced by compaction, over all tables. */
    public int filesReplaced() {
      return compaction.replaced().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Files compaction wrote, over all tables. */
    public int filesWritten() {
      return compaction.written().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Snapshots expired, over all tables. */
    public int snapshotsExpired() {
      return expired.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /**
   * Compacts and expires when it last did so longer ago than {@code interval} (the time is kept in
   * the catalog's namespace, so every process that shares the catalog agrees); else nothing.
   */
  public Optional<Maintenance> maintainIfDue(Duration interval, Duration retention) {
    Instant now = clock.instant();
    SupportsNamespaces namespaces = tables.namespaces();
    String last = namespaces.loadNamespaceMetadata(tables.namespace()).get(MAINTAINED_AT);
    if (last != null && Instant.parse(last).plus(interval).isAfter(now)) {
      return Optional.empty();
    }
    Compaction done = compact(2);
    Map<String, Integer> expired = expire(retention);
    namespaces.setProperties(tables.namespace(), Map.of(MAINTAINED_AT, now.toString()));
    LOG.info(
        "lake maintenance: compaction replaced {} file(s) with {}; expiry dropped {}",
        done.replaced(),
        done.written(),
        expired.isEmpty() ? "no snapshot" : expired);
    return Optional.of(new Maintenance(done, expired));
  }

  private static int size(Iterable<?> items) {
    int n = 0;
    for (Object ignored : items) {
      n++;
    }
    return n;
  }

  private Path workDirectory() {
    try {
      Files.createDirectories(tempDirectory);
      return Files.createTempDirectory(tempDirectory, "blackwater-compact-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a working folder in " + tempDirectory, e);
    }
  }
}
