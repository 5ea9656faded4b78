package dev.blackwater.extract;

import dev.blackwater.catalog.SourceCatalog;
import dev.blackwater.catalog.SourceTable;
import dev.blackwater.config.Database;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.Claim;
import dev.blackwater.lake.LakeObjectExistsException;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.RunIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Extract: every new or changed row version of the source tables, read in one snapshot, lands in
 * the ingestion zone as one committed batch. The watermark moves only with the manifest that holds
 * it.
 */
public final class Extractor {

  private static final Logger LOG = LoggerFactory.getLogger(Extractor.class);

  private final Database source;
  private final LakeStore lake;
  private final ExtractSettings settings;
  private final Clock clock;
  private final RunIdentity identity;

  public Extractor(DatabaseConfig source, LakeStore lake, ExtractSettings settings, Clock clock) {
    this(source, lake, settings, clock, RunIdentity.current());
  }

  Extractor(
      DatabaseConfig source,
      LakeStore lake,
      ExtractSettings settings,
      Clock clock,
      RunIdentity identity) {
    this.source = new Database(source);
    this.lake = lake;
    this.settings = settings;
    this.clock = clock;
    this.identity = identity;
  }

  /**
   * Runs one extract. A run that finds an object of its own batch name already written (left by a
   * run that died in the same second without committing, or written by a run racing it) tries once
   * more a second later, under a new batch name.
   */
  public ExtractResult extract(String runId) {
    return extract(runId, () -> {});
  }

  /**
   * Runs one extract, calling {@code newRowsFound} (on a worker thread, perhaps more than once) as
   * soon as a table is found to have new rows, before they are read: a cycle can get the next stage
   * ready meanwhile.
   */
  public ExtractResult extract(String runId, Runnable newRowsFound) {
    try {
      return attempt(runId, newRowsFound);
    } catch (LakeObjectExistsException e) {
      LOG.info(
          "an object of this batch already exists ({}): trying again under a new name",
          e.getMessage());
      BatchLog.waitForANewName(clock);
    }
    try {
      return attempt(runId, newRowsFound);
    } catch (LakeObjectExistsException e) {
      throw new BlackwaterException(
          ErrorCode.CONCURRENCY,
          "another run is writing the same batch at the same time; this run committed nothing",
          e);
    }
  }

  private ExtractResult attempt(String runId, Runnable newRowsFound) {
    Instant started = clock.instant();
    BatchLog log = new BatchLog(lake);
    Optional<Manifest> latest = log.latest();
    Optional<BatchId> parent = latest.map(Manifest::batchId);
    BatchId batch = log.next(parent, started, settings.claimLease(), identity);
    LOG.info(
        "extracting {} tables into {} as batch {}", settings.tables().size(), lake.uri(), batch);

    List<TableExtract> results;
    List<KeyChange> keyChanges = List.of();
    String snapshotTime;
    long planned = System.nanoTime();
    Map<String, Fingerprint> fingerprints = Map.of();
    // every batch keeps the lake's keys up to date with the rows it extracts; only a batch due for
    // a check looks for deletions
    boolean checkKeys = settings.deletes().enabled();
    boolean due = checkKeys && KeyCheck.due(settings.deletes(), batch);
    try (SnapshotSession session =
        new SnapshotSession(
            source,
            due
                ? c -> Fingerprint.read(c, settings.schema(), settings.tables())
                : c -> Map.<String, Fingerprint>of())) {
      fingerprints = session.before();
      snapshotTime = session.snapshotTime();
      List<TableExtraction> extractions = new ArrayList<>();
      Map<String, SourceTable> described =
          SourceCatalog.describeAll(session.coordinator(), settings.schema(), settings.tables());
      Map<String, Long> sizes = sizes(session, settings.tables());
      for (String name : settings.tables()) {
        SourceTable table = described.get(name);
        PreviousTable previous =
            latest
                .map(m -> m.tables().get(name))
                .map(PreviousTable::of)
                .orElse(PreviousTable.none());
        List<String> added =
            ColumnDrift.check(
                name,
                parent.map(BatchId::toString).orElse(""),
                previous.columns(),
                table.columns(),
                settings.acceptAddedColumns());
        extractions.add(
            new TableExtraction(
                table, previous, settings, lake, batch, added, sizes.getOrDefault(name, 0L)));
      }
      LOG.debug("snapshot and catalogue in {} ms", (System.nanoTime() - planned) / 1_000_000);
      try (Workers workers =
          new Workers(session, Math.min(settings.parallelism(), extractions.size()))) {
        Map<String, TableExtraction> byTable = new LinkedHashMap<>();
        extractions.forEach(e -> byTable.put(e.table().name(), e));
        if (checkKeys) {
          keyChanges = readKeys(workers, extractions, latest, due, fingerprints);
          // before anything is written: a refused run leaves no object and moves no watermark
          KeyCheck.guard(keyChanges, settings.deletes());
          for (KeyChange change : keyChanges) {
            if (!change.readInFull()) {
              byTable
                  .get(change.table())
                  .collectKeys(
                      KeyReader.keyColumn(byTable.get(change.table()).table()).orElseThrow());
            }
          }
        }
        results = runAll(workers, extractions, newRowsFound);
        for (KeyChange change : keyChanges) {
          change.add(byTable.get(change.table()).newKeys());
        }
      }
    } catch (SQLException e) {
      throw source.failure(e);
    }

    Duration took = Duration.between(started, clock.instant());
    long rows = results.stream().mapToLong(TableExtract::rows).sum();
    boolean keysChanged = keyChanges.stream().anyMatch(KeyChange::changed);
    if (rows == 0 && !keysChanged) {
      LOG.info("nothing new in the source since batch {}: no batch written", parent.orElse(null));
      return new ExtractResult(
          runId,
          Optional.empty(),
          parent.map(BatchId::toString),
          snapshotTime,
          started,
          took,
          results,
          Map.of());
    }
    Map<String, Manifest.Table> tables = new LinkedHashMap<>();
    for (TableExtract r : results) {
      tables.put(r.table(), r.entry());
    }
    latest.ifPresent(previous -> carryForward(previous, tables));
    KeyCheck.Written keys =
        keyChanges.isEmpty()
            ? new KeyCheck.Written(latest.map(Manifest::keys).orElse(Map.of()), Map.of())
            : KeyCheck.write(lake, batch, keyChanges, snapshotTime, latest);
    Instant finished = clock.instant();
    Manifest manifest =
        Manifest.extract(batch, parent, runId, started, finished, snapshotTime, tables)
            .withDeletions(keys.keys(), keys.deleted());
    log.commit(
        manifest, new Claim(batch.toString(), runId, identity.host(), identity.pid(), finished));
    Map<String, Long> deleted = new LinkedHashMap<>();
    keys.deleted().forEach((table, entry) -> deleted.put(table, entry.rows()));
    LOG.info(
        "committed batch {}: {} rows{}",
        batch,
        String.format(Locale.ROOT, "%,d", rows),
        deleted.isEmpty() ? "" : ", deletion records " + deleted);
    return new ExtractResult(
        runId,
        Optional.of(batch.toString()),
        parent.map(BatchId::toString),
        snapshotTime,
        started,
        Duration.between(started, clock.instant()),
        results,
        deleted);
  }

  /**
   * Reads every table's keys in the snapshot, on the workers at once, and compares them with what
   * the lake knows. A table whose key is not one integer column is left out (logged).
   */
  private List<KeyChange> readKeys(
      Workers workers,
      List<TableExtraction> extractions,
      Optional<Manifest> latest,
      boolean due,
      Map<String, Fingerprint> fingerprints)
      throws SQLException {
    long t0 = System.nanoTime();
    List<Task<KeyChange>> tasks = new ArrayList<>();
    for (TableExtraction extraction : extractions) {
      SourceTable table = extraction.table();
      Optional<String> key = KeyReader.keyColumn(table);
      if (key.isEmpty()) {
        LOG.warn(
            "{}: its primary key is not one integer column; deleted rows are not looked for",
            table.name());
        continue;
      }
      Fingerprint fingerprint = fingerprints.get(table.name());
      tasks.add(
          new Task<>(
              extraction.sizeBytes(),
              connection -> {
                LiveKeys known = KeyCheck.known(lake, latest, table.name());
                return new KeyChange(
                    table.name(),
                    known,
                    KeyChange.mustRead(known, due, fingerprint)
                        ? KeyReader.read(connection, table, key.get())
                        : null,
                    fingerprint);
              }));
    }
    List<KeyChange> changes = workers.run(tasks);
    for (KeyChange change : changes) {
      long gone = change.vanished().getLongCardinality();
      long back = change.revived().getLongCardinality();
      if (gone > 0 || back > 0) {
        LOG.info("{}: {} key(s) deleted, {} back", change.table(), gone, back);
      }
    }
    LOG.info(
        "key check in {} ms: read the keys of {} of {} tables in full (the others saw no deletion)",
        (System.nanoTime() - t0) / 1_000_000,
        changes.stream().filter(KeyChange::readInFull).count(),
        changes.size());
    return changes;
  }

  /** The tables' sizes on the source, to start the largest tables first. */
  private Map<String, Long> sizes(SnapshotSession session, List<String> tables)
      throws SQLException {
    Map<String, Long> sizes = new HashMap<>();
    try (PreparedStatement s =
        session
            .coordinator()
            .prepareStatement(
                "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = ? AND c.relname = ANY (?)")) {
      s.setString(1, settings.schema());
      s.setArray(2, session.coordinator().createArrayOf("text", tables.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          sizes.put(r.getString(1), r.getLong(2));
        }
      }
    }
    return sizes;
  }

  /**
   * Keeps, unchanged, the tables of the previous batch that this run did not extract (a run with
   * fewer {@code --tables}), so their watermarks and remembered versions are not lost.
   */
  private static void carryForward(Manifest previous, Map<String, Manifest.Table> tables) {
    previous
        .tables()
        .forEach(
            (name, entry) -> {
              if (!tables.containsKey(name)) {
                Manifest.Watermark watermark =
                    entry.watermark() == null
                        ? null
                        : new Manifest.Watermark(
                            entry.watermark().to(), entry.watermark().to(), null);
                tables.put(
                    name,
                    new Manifest.Table(
                        0,
                        List.of(),
                        null,
                        entry.columns(),
                        entry.primaryKey(),
                        watermark,
                        entry.overlap(),
                        List.of()));
              }
            });
  }

  private List<TableExtract> runAll(
      Workers workers, List<TableExtraction> extractions, Runnable newRowsFound)
      throws SQLException {
    List<Task<TableExtract>> tasks = new ArrayList<>();
    for (TableExtraction extraction : extractions) {
      tasks.add(
          new Task<>(
              extraction.sizeBytes(), connection -> extraction.run(connection, newRowsFound)));
    }
    return workers.run(tasks);
  }

  /** Work on one table, done on a connection of the snapshot. */
  @FunctionalInterface
  private interface Work<T> {
    T on(Connection connection) throws SQLException, IOException;
  }

  /** A table's work and the table's size, to start the largest first. */
  private record Task<T>(long sizeBytes, Work<T> work) {}

  /** The connections reading the shared snapshot, and the threads using them. */
  private static final class Workers implements AutoCloseable {
    private final BlockingQueue<Connection> connections;
    private final ExecutorService pool;

    Workers(SnapshotSession session, int threads) throws SQLException {
      int n = Math.max(1, threads);
      connections = new ArrayBlockingQueue<>(n);
      for (int i = 0; i < n; i++) {
        connections.add(session.worker());
      }
      pool =
          Executors.newFixedThreadPool(
              n,
              r -> {
                Thread t = new Thread(r, "blackwater-extract");
                t.setDaemon(true);
                return t;
              });
    }

    /**
     * Runs the tasks, the largest tables first so that no connection is left with a large one at
     * the end; the results stay in the order of the tasks.
     */
    <T> List<T> run(List<Task<T>> tasks) throws SQLException {
      Map<String, String> context = MDC.getCopyOfContextMap();
      List<Future<T>> futures = new ArrayList<>(tasks.size());
      for (int i = 0; i < tasks.size(); i++) {
        futures.add(null);
      }
      List<Integer> largestFirst = new ArrayList<>();
      for (int i = 0; i < tasks.size(); i++) {
        largestFirst.add(i);
      }
      largestFirst.sort(
          Comparator.comparingLong((Integer i) -> tasks.get(i).sizeBytes()).reversed());
      for (int i : largestFirst) {
        Task<T> task = tasks.get(i);
        futures.set(
            i,
            pool.submit(
                () -> {
                  if (context != null) {
                    MDC.setContextMap(context);
                  }
                  Connection connection = connections.take();
                  try {
                    return task.work().on(connection);
                  } finally {
                    connections.add(connection);
                  }
                }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(await(future));
      }
      return results;
    }

    @Override
    public void close() {
      pool.shutdownNow();
      awaitQuietly(pool);
    }
  }

  /**
   * Gives cancelled workers a moment to stop; one still streaming a COPY stops when the session
   * closes its connection right after.
   */
  private static void awaitQuietly(ExecutorService pool) {
    try {
      if (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
        LOG.debug("extract workers still running; closing their connections stops them");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static <T> T await(Future<T> future) throws SQLException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BlackwaterException(ErrorCode.INTERNAL, "extract interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException sql) {
        throw sql;
      }
      if (cause instanceof IOException io) {
        throw new UncheckedIOException(
            "cannot write to the ingestion zone: " + io.getMessage(), io);
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
  }
}
