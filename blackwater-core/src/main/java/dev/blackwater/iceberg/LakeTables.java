package dev.blackwater.iceberg;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.warehouse.WarehouseTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.mapping.NameMappingParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processed zone's 11 tables as Iceberg tables. After a processed batch's manifest commits, its
 * Parquet objects are appended, one snapshot per table that has rows, each snapshot's summary and
 * the table's property {@value #BATCH} naming the batch; the namespace's property {@value #BATCH}
 * then names the last batch every table has. The batch's deletion records ({@code _deleted/}
 * objects) are appended the same way to the tables {@code <table>_deleted} ({@link #deletions}),
 * the namespace's property {@value #DELETED_BATCH} naming the last batch they all have. What a
 * crash between a manifest and these commits left out is appended by the next {@link #catchUp()}
 * (each table skips batches its property already names, so it is idempotent). Commits do not retry
 * by themselves: a conflict is looked at again from the table's new state, so two runs never append
 * the same batch twice.
 */
public final class LakeTables {

  /** Metadata and everything else of Iceberg's in the zone is under this prefix. */
  public static final String PREFIX = "_iceberg/";

  /** The property (table, namespace, snapshot summary) naming the last processed batch it has. */
  public static final String BATCH = "blackwater.batch";

  /** The namespace's property naming the last processed batch every deletion table has. */
  public static final String DELETED_BATCH = "blackwater.deleted.batch";

  private static final Logger LOG = LoggerFactory.getLogger(LakeTables.class);
  private static final int ATTEMPTS = 5;

  private final Catalog catalog;
  private final Namespace namespace;
  private final LakeStore zone;
  private final LakeFileIO io;
  private final Path tempDirectory;

  public LakeTables(LakeCatalog catalog, LakeStore zone, Path tempDirectory) {
    this.catalog = catalog.catalog();
    this.namespace = catalog.namespace();
    this.zone = zone;
    this.io = new LakeFileIO(zone);
    this.tempDirectory = tempDirectory;
  }

  /** The zone's file access, for readers that resolve locations to keys. */
  public LakeFileIO io() {
    return io;
  }

  /** The table, created (empty) when missing. */
  public Table table(WarehouseTable table) {
    Schema schema = LakeSchemas.schema(table);
    return table(table.tableName(), schema, LakeSchemas.spec(table, schema));
  }

  /**
   * The table of a warehouse table's deletion records, {@code <table>}{@value
   * LakeSchemas#DELETED_SUFFIX} ({@code key}, {@code deleted_at}: the processed zone's {@code
   * _deleted/} objects as they are), created (empty) when missing.
   */
  public Table deletions(WarehouseTable table) {
    if (!table.deletable()) {
      throw new IllegalArgumentException(table.tableName() + " records no deletions");
    }
    return table(
        LakeSchemas.deletionsName(table),
        LakeSchemas.DELETIONS_SCHEMA,
        PartitionSpec.unpartitioned());
  }

  private Table table(String name, Schema schema, PartitionSpec spec) {
    TableIdentifier id = TableIdentifier.of(namespace, name);
    if (catalog.tableExists(id)) {
      return SchemaEvolution.evolve(catalog.loadTable(id), schema);
    }
    ensureNamespace();
    Table created =
        catalog
            .buildTable(id, schema)
            .withPartitionSpec(spec)
            .withProperty(TableProperties.COMMIT_NUM_RETRIES, "0")
            .withProperty(TableProperties.DEFAULT_WRITE_METRICS_MODE, "full")
            .withProperty(
                TableProperties.DEFAULT_NAME_MAPPING,
                NameMappingParser.toJson(LakeSchemas.nameMapping(schema)))
            .create();
    if (!created.schema().sameSchema(schema)) {
      throw new BlackwaterException(
          ErrorCode.INTERNAL,
          "the catalog gave "
              + name
              + " the field ids "
              + created.schema()
              + ", the transform writes "
              + schema);
    }
    LOG.info("created Iceberg table {}", id);
    return created;
  }

  void ensureNamespace() {
    SupportsNamespaces namespaces = namespaces();
    if (!namespaces.namespaceExists(namespace)) {
      namespaces.createNamespace(namespace, Map.of());
    }
  }

  /** The namespace of the tables. */
  Namespace namespace() {
    return namespace;
  }

  SupportsNamespaces namespaces() {
    if (catalog instanceof SupportsNamespaces n) {
      return n;
    }
    throw new BlackwaterException(
        ErrorCode.CONFIGURATION, "the Iceberg catalog " + catalog.name() + " has no namespaces");
  }

  /** The last processed batch every table has, by the namespace's property. */
  public Optional<BatchId> committedThrough() {
    try {
      return Optional.ofNullable(namespaces().loadNamespaceMetadata(namespace).get(BATCH))
          .map(BatchId::parse);
    } catch (NoSuchNamespaceException e) {
      return Optional.empty();
    }
  }

  /**
   * The last processed batch whose deletion records every deletion table has, by the namespace's
   * property {@value #DELETED_BATCH}: absent in a lake made Iceberg before the deletion tables
   * were.
   */
  public Optional<BatchId> deletionsThrough() {
    try {
      return Optional.ofNullable(namespaces().loadNamespaceMetadata(namespace).get(DELETED_BATCH))
          .map(BatchId::parse);
    } catch (NoSuchNamespaceException e) {
      return Optional.empty();
    }
  }

  /**
   * Appends a committed processed batch to every table it has rows for, and its deletion records to
   * the deletion tables.
   *
   * @param localFiles the batch's objects as local files, by key, when the caller has them (the
   *     transform that just wrote them); others are read from the zone
   * @return the tables appended to
   */
  public List<String> commit(Manifest manifest, Map<String, Path> localFiles) {
    return commit(manifest, localFiles, true);
  }

  private List<String> commit(Manifest manifest, Map<String, Path> localFiles, boolean rows) {
    BatchId batch = manifest.batchId();
    List<Append> appends = new ArrayList<>();
    for (WarehouseTable table : WarehouseTable.values()) {
      Manifest.Table entry = manifest.tables().get(table.tableName());
      if (rows && entry != null && entry.objects() != null && !entry.objects().isEmpty()) {
        appends.add(new Append(table.tableName(), () -> table(table), entry));
      }
    }
    for (WarehouseTable table : WarehouseTable.values()) {
      Manifest.Table entry =
          manifest.deleted() == null ? null : manifest.deleted().get(table.tableName());
      if (table.deletable()
          && entry != null
          && entry.objects() != null
          && !entry.objects().isEmpty()) {
        appends.add(new Append(LakeSchemas.deletionsName(table), () -> deletions(table), entry));
      }
    }
    List<String> appended = new ArrayList<>();
    if (!appends.isEmpty()) {
      ensureNamespace(); // before the tables are made, which may be at once
      Path work = workDirectory();
      try {
        ParquetObjects objects = new ParquetObjects(zone, io, work);
        List<Boolean> done =
            CommitThreads.run(
                appends, a -> append(a.name(), a.table(), batch, a.entry(), objects, localFiles));
        for (int i = 0; i < appends.size(); i++) {
          if (done.get(i)) {
            appended.add(appends.get(i).name());
          }
        }
      } finally {
        deleteTree(work);
      }
    }
    ensureNamespace();
    Map<String, String> properties = new java.util.LinkedHashMap<>();
    Optional<BatchId> through = committedThrough();
    if (through.isEmpty() || through.get().compareTo(batch) < 0) {
      properties.put(BATCH, batch.toString());
    }
    Optional<BatchId> deletedThrough = deletionsThrough();
    if (deletedThrough.isEmpty() || deletedThrough.get().compareTo(batch) < 0) {
      properties.put(DELETED_BATCH, batch.toString());
    }
    if (!properties.isEmpty()) {
      namespaces().setProperties(namespace, properties);
    }
    return appended;
  }

  /** One table's part of a batch: the rows, or the deletion records, the manifest names. */
  private record Append(String name, Supplier<Table> table, Manifest.Table entry) {}

  private boolean append(
      String name,
      Supplier<Table> tables,
      BatchId batch,
      Manifest.Table entry,
      ParquetObjects objects,
      Map<String, Path> localFiles) {
    List<DataFile> files = null;
    for (int attempt = 1; ; attempt++) {
      Table table = tables.get();
      table.refresh();
      String has = table.properties().get(BATCH);
      if (has != null && BatchId.parse(has).compareTo(batch) >= 0) {
        return false;
      }
      if (files == null) {
        files = new ArrayList<>();
        for (Manifest.ObjectRef object : entry.objects()) {
          files.addAll(
              objects.of(
                  table,
                  batch.toString(),
                  object,
                  Optional.ofNullable(localFiles.get(object.key()))));
        }
      }
      try {
        Transaction tx = table.newTransaction();
        AppendFiles append = tx.newAppend();
        files.forEach(append::appendFile);
        append.set(BATCH, batch.toString());
        append.commit();
        tx.updateProperties().set(BATCH, batch.toString()).commit();
        tx.commitTransaction();
        LOG.debug("appended {} file(s) of batch {} to {}", files.size(), batch, table.name());
        return true;
      } catch (CommitFailedException e) {
        if (attempt >= ATTEMPTS) {
          throw new BlackwaterException(
              ErrorCode.CONCURRENCY,
              "cannot append batch "
                  + batch
                  + " to the Iceberg table "
                  + name
                  + ": another run keeps changing it ("
                  + e.getMessage()
                  + ")",
              e);
        }
        LOG.debug("{} changed while appending {}: looking again", table.name(), batch);
      }
    }
  }

  /**
   * Appends every committed processed batch that the tables do not have yet (after a crash between
   * a manifest and its Iceberg commit, or for a lake written before Iceberg), oldest first; and the
   * deletion records of batches the deletion tables do not have yet (a lake made Iceberg before
   * they existed gets all of its records, its batches' rows not appended again).
   *
   * @return the batches appended
   */
  public List<String> catchUp() {
    BatchLog log = new BatchLog(zone);
    Optional<BatchId> rowsThrough = committedThrough();
    Optional<BatchId> deletedThrough = deletionsThrough();
    BatchId from =
        rowsThrough.isEmpty() || deletedThrough.isEmpty()
            ? null
            : (rowsThrough.get().compareTo(deletedThrough.get()) < 0
                ? rowsThrough.get()
                : deletedThrough.get());
    List<String> done = new ArrayList<>();
    for (BatchId batch : log.committedAfter(from)) {
      Manifest manifest = log.read(batch);
      boolean rows = rowsThrough.isEmpty() || rowsThrough.get().compareTo(batch) < 0;
      if (!rows && manifest.deleted() == null) {
        continue;
      }
      commit(manifest, Map.of(), rows);
      done.add(batch.toString());
    }
    // every batch up to the rows' property has been looked at for deletion records by now
    Optional<BatchId> through = committedThrough();
    Optional<BatchId> deleted = deletionsThrough();
    if (through.isPresent() && (deleted.isEmpty() || deleted.get().compareTo(through.get()) < 0)) {
      namespaces().setProperties(namespace, Map.of(DELETED_BATCH, through.get().toString()));
    }
    if (!done.isEmpty()) {
      LOG.info(
          "appended {} committed processed batch(es) the Iceberg tables did not have, up to {}",
          done.size(),
          done.get(done.size() - 1));
    }
    return done;
  }

  /**
   * Per table, the snapshot that appended {@code batch} to it (tables it had rows for, and deletion
   * tables it had records for).
   */
  public Map<String, Long> snapshotsOf(BatchId batch) {
    return snapshotsByBatch().getOrDefault(batch.toString(), Map.of());
  }

  /**
   * For every batch the tables have, per table the snapshot that appended it: each table read once,
   * for a load of many batches.
   */
  public Map<String, Map<String, Long>> snapshotsByBatch() {
    List<String> names = new ArrayList<>();
    for (WarehouseTable warehouseTable : WarehouseTable.values()) {
      names.add(warehouseTable.tableName());
    }
    for (WarehouseTable warehouseTable : WarehouseTable.values()) {
      if (warehouseTable.deletable()) {
        names.add(LakeSchemas.deletionsName(warehouseTable));
      }
    }
    Map<String, Map<String, Long>> byBatch = new java.util.HashMap<>();
    for (String name : names) {
      TableIdentifier id = TableIdentifier.of(namespace, name);
      if (!catalog.tableExists(id)) {
        continue;
      }
      for (org.apache.iceberg.Snapshot snapshot : catalog.loadTable(id).snapshots()) {
        String batch = snapshot.summary().get(BATCH);
        if (batch != null) {
          byBatch
              .computeIfAbsent(batch, b -> new java.util.LinkedHashMap<>())
              .put(name, snapshot.snapshotId());
        }
      }
    }
    return byBatch;
  }

  /** The keys of the data files of the table's current snapshot. */
  public List<String> currentFiles(WarehouseTable warehouseTable) {
    return currentFiles(table(warehouseTable));
  }

  /** The keys of the data files of the current snapshot of the table's deletion records. */
  public List<String> currentDeletionFiles(WarehouseTable warehouseTable) {
    return currentFiles(deletions(warehouseTable));
  }

  private List<String> currentFiles(Table table) {
    List<String> keys = new ArrayList<>();
    if (table.currentSnapshot() == null) {
      return keys;
    }
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        keys.add(io.key(task.file().location()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot plan a scan of " + table.name(), e);
    }
    keys.sort(Comparator.naturalOrder());
    return keys;
  }

  private Path workDirectory() {
    try {
      Files.createDirectories(tempDirectory);
      return Files.createTempDirectory(tempDirectory, "blackwater-iceberg-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a working folder in " + tempDirectory, e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir, e);
    }
  }
}
