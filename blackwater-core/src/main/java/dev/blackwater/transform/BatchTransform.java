package dev.blackwater.transform;

import dev.blackwater.catalog.Column;
import dev.blackwater.config.TransformSettings;
import dev.blackwater.duckdb.DuckDbSession;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.LakeFiles;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.Manifest.ObjectRef;
import dev.blackwater.lake.StoredObject;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns one ingestion batch into one processed batch's objects: stages the batch in DuckDB, sets
 * rejected rows aside, brings the reference state up to date, runs every model into a Parquet file,
 * and uploads the files. Everything is computed before the first upload, so a batch that fails on
 * its data leaves nothing in the processed zone; the manifest, written by the caller, commits it.
 */
final class BatchTransform {

  private static final Logger LOG = LoggerFactory.getLogger(BatchTransform.class);

  private final LakeStore ingestion;
  private final LakeStore processed;
  private final TransformSettings settings;

  BatchTransform(LakeStore ingestion, LakeStore processed, TransformSettings settings) {
    this.ingestion = ingestion;
    this.processed = processed;
    this.settings = settings;
  }

  /** What a batch wrote (the manifest's tables, state and rejected rows) and what it warned of. */
  record Output(
      Map<String, Manifest.Table> tables,
      Map<String, Manifest.Table> state,
      Map<String, Manifest.Table> rejected,
      Map<String, Manifest.Table> deleted,
      List<String> warnings) {}

  /**
   * The source tables read by one model only, row for row, and that model: in a first attempt they
   * are not loaded into DuckDB but read where they lie as their model runs (see {@link #run}).
   */
  static final Map<String, String> READ_BY_ONE_MODEL =
      Map.of(
          "sales_order", "fact_sales_order",
          "purchase_order", "fact_purchase_order",
          "payment", "fact_payment",
          "transaction", "dim_transaction");

  /**
   * Transforms {@code source} into the objects of processed batch {@code batch}.
   *
   * <p>The first attempt loads only the small tables into DuckDB; each large table that one model
   * reads row for row is read by that model straight from its compressed objects, the models of
   * such tables running at once, each on its own DuckDB connection, so that nothing large is held
   * in memory and no row is parsed twice. A row that breaks a check stops that attempt ({@link
   * RowCheck#guard}), as does any row DuckDB cannot read; the batch is then transformed again with
   * every table loaded and every row checked, which names the row and sets rows aside when allowed,
   * as for a batch small enough to load whole.
   *
   * @param previous the processed zone's newest manifest (for its state), or null
   */
  Output run(Manifest source, BatchId batch, Manifest previous) {
    try {
      return attempt(source, batch, previous, READ_BY_ONE_MODEL.keySet());
    } catch (StreamFailed e) {
      LOG.info(
          "reading {} where it lies stopped ({}): transforming the batch again with every row"
              + " checked",
          e.model,
          e.reason);
      return attempt(source, batch, previous, Set.of());
    }
  }

  /** A model reading its table where it lies stopped: the batch is transformed again. */
  private static final class StreamFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String model;
    private final String reason;

    StreamFailed(String model, String reason, Throwable cause) {
      super(model + ": " + reason, cause);
      this.model = model;
      this.reason = reason;
    }
  }

  private Output attempt(
      Manifest source, BatchId batch, Manifest previous, Set<String> streamable) {
    try (Workspace workspace = Workspace.create(settings.tempDirectory());
        DuckDbSession duck =
            new DuckDbSession(settings.memoryLimit(), settings.threads(), workspace.spill())) {
      long t0 = System.nanoTime();
      duck.execute(RowCheck.rules());
      SourceStaging staging = new SourceStaging(duck, ingestion, workspace, settings.threads());
      Set<String> streamed = staging.stage(source, streamable);
      LOG.debug("staged in {} ms", (System.nanoTime() - t0) / 1_000_000);
      t0 = System.nanoTime();
      Map<String, RejectedRows.Rejected> rejected =
          streamed.isEmpty()
              ? new RejectedRows(duck, workspace)
                  .setAside(source.batch(), batch, staging.objectKeys(), settings.maxRejectedRows())
              : Map.of(); // the streamed tables' rows are checked as their models read them
      ReferenceState reference = new ReferenceState(duck, workspace);
      reference.build(processed, previous == null ? null : previous.batch(), stateOf(previous));
      List<String> warnings = new ArrayList<>(reference.warnUnjoined());
      CurrencyNames.create(duck);
      warnings.addAll(CurrencyNames.warnUnknown(duck));
      LOG.debug("checked and built reference state in {} ms", (System.nanoTime() - t0) / 1_000_000);
      Map<String, LocalTable> outputs = new LinkedHashMap<>();
      Map<String, LocalTable> streamedOutputs =
          writeStreamed(duck, workspace, source, batch, streamed);
      for (Model model : Model.all()) {
        LocalTable done = streamedOutputs.get(model.name());
        if (done != null) {
          outputs.put(model.name(), done);
          continue;
        }
        MDC.put("table", model.name());
        try {
          long m0 = System.nanoTime();
          Path target = workspace.file("out", batch.objectKey(model.name(), ""));
          List<Column> columns = describe(duck.connection(), model, source.batch());
          ModelParquet.Written written =
              write(duck.connection(), model, target, columns, source.batch());
          LOG.debug("{} written in {} ms", model.name(), (System.nanoTime() - m0) / 1_000_000);
          outputs.put(model.name(), new LocalTable(written.parts(), written.rows(), columns));
        } finally {
          MDC.remove("table");
        }
      }
      Map<String, LocalTable> state = new LinkedHashMap<>();
      for (Map.Entry<String, Path> e : reference.write(batch).entrySet()) {
        String table = e.getKey();
        state.put(
            table,
            new LocalTable(
                List.of(new ModelParquet.Part(e.getValue(), ".parquet", reference.rows(table))),
                reference.rows(table),
                reference.columns(table)));
      }
      Map<String, DeletionRecords.Local> deleted =
          new DeletionRecords(duck, workspace, ingestion).write(source, batch);
      t0 = System.nanoTime();
      Output output = upload(batch, outputs, state, rejected, deleted, previous, warnings);
      LOG.debug("uploaded in {} ms", (System.nanoTime() - t0) / 1_000_000);
      return output;
    } catch (SQLException e) {
      throw new BlackwaterException(
          ErrorCode.INTERNAL,
          "DuckDB failed on ingestion batch "
              + source.batch()
              + ": "
              + BlackwaterException.firstLine(e),
          e);
    }
  }

  /**
   * Runs the models of the streamed tables at once, up to {@code --threads} of them, each on a
   * connection of its own; checks that each read as many rows as its table's manifest says.
   *
   * @throws StreamFailed when a model stops on a row (a check, or a row DuckDB cannot read)
   */
  private Map<String, LocalTable> writeStreamed(
      DuckDbSession duck, Workspace workspace, Manifest source, BatchId batch, Set<String> streamed)
      throws SQLException {
    Map<String, LocalTable> outputs = new LinkedHashMap<>();
    if (streamed.isEmpty()) {
      return outputs;
    }
    Map<String, Model> models = new LinkedHashMap<>();
    for (Model model : Model.all()) {
      models.put(model.name(), model);
    }
    List<String> order = new ArrayList<>(streamed);
    order.sort(Comparator.comparingLong((String t) -> source.tables().get(t).rows()).reversed());
    Map<String, String> context = MDC.getCopyOfContextMap();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(settings.threads(), order.size())),
            r -> {
              Thread t = new Thread(r, "blackwater-model");
              t.setDaemon(true);
              return t;
            });
    Map<String, Future<LocalTable>> running = new LinkedHashMap<>();
    try {
      for (String table : order) {
        Model model = models.get(READ_BY_ONE_MODEL.get(table));
        running.put(
            table,
            pool.submit(
                () -> {
                  if (context != null) {
                    MDC.setContextMap(context);
                  }
                  MDC.put("table", model.name());
                  try (Connection connection = duck.newConnection()) {
                    long m0 = System.nanoTime();
                    Path target = workspace.file("out", batch.objectKey(model.name(), ""));
                    List<Column> columns = describe(connection, model, source.batch());
                    ModelParquet.Written written;
                    try {
                      written = ModelParquet.write(connection, model, target);
                    } catch (SQLException e) {
                      throw new StreamFailed(model.name(), BlackwaterException.firstLine(e), e);
                    }
                    long rows = written.rows();
                    long expected = source.tables().get(table).rows();
                    if (rows != expected) {
                      throw new BlackwaterException(
                          ErrorCode.DATA_QUALITY,
                          "table "
                              + table
                              + " of ingestion batch "
                              + source.batch()
                              + " has "
                              + rows
                              + " rows in its objects, the manifest says "
                              + expected);
                    }
                    ModelParquet.view(connection, model, written, columns);
                    LOG.debug(
                        "{} written in {} ms, read where it lies",
                        model.name(),
                        (System.nanoTime() - m0) / 1_000_000);
                    return new LocalTable(written.parts(), rows, columns);
                  } finally {
                    MDC.remove("table");
                  }
                }));
      }
    } finally {
      pool.shutdown();
    }
    RuntimeException failure = null;
    for (String table : order) {
      try {
        LocalTable written = running.get(table).get();
        outputs.put(READ_BY_ONE_MODEL.get(table), written);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pool.shutdownNow();
        throw new BlackwaterException(ErrorCode.INTERNAL, "transform interrupted", e);
      } catch (ExecutionException e) {
        RuntimeException cause =
            e.getCause() instanceof RuntimeException runtime
                ? runtime
                : new IllegalStateException(e.getCause());
        if (failure == null
            || (cause instanceof StreamFailed && !(failure instanceof StreamFailed))) {
          failure = cause;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return outputs;
  }

  private static Map<String, Manifest.Table> stateOf(Manifest previous) {
    return previous == null || previous.state() == null ? Map.of() : previous.state();
  }

  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "the models are the transform's own SQL resources")
  private static List<Column> describe(Connection duck, Model model, String source) {
    List<Column> columns = new ArrayList<>();
    try (Statement s = duck.createStatement();
        ResultSet r = s.executeQuery("DESCRIBE " + model.sql())) {
      while (r.next()) {
        columns.add(new Column(r.getString(1), r.getString(2)));
      }
    } catch (SQLException e) {
      throw modelFailed(model, source, e);
    }
    model.checkColumns(columns);
    return columns;
  }

  private static ModelParquet.Written write(
      Connection duck, Model model, Path target, List<Column> columns, String source) {
    try {
      ModelParquet.Written written = ModelParquet.write(duck, model, target);
      ModelParquet.view(duck, model, written, columns);
      LOG.debug("{}: {} rows in {} file(s)", model.name(), written.rows(), written.parts().size());
      return written;
    } catch (SQLException e) {
      throw modelFailed(model, source, e);
    }
  }

  private static BlackwaterException modelFailed(Model model, String source, SQLException e) {
    return new BlackwaterException(
        ErrorCode.DATA_QUALITY,
        "model "
            + model.name()
            + " failed on ingestion batch "
            + source
            + ": "
            + BlackwaterException.firstLine(e),
        e);
  }

  /** A table written to local Parquet files, not yet uploaded. */
  private record LocalTable(List<ModelParquet.Part> parts, long rows, List<Column> columns) {}

  /**
   * Uploads the tables (an empty one has no object), the changed state (carrying the rest forward
   * from {@code previous}) and the rejected rows.
   */
  private Output upload(
      BatchId batch,
      Map<String, LocalTable> outputs,
      Map<String, LocalTable> changedState,
      Map<String, RejectedRows.Rejected> rejected,
      Map<String, DeletionRecords.Local> deleted,
      Manifest previous,
      List<String> warnings) {
    Map<String, Manifest.Table> tables = new LinkedHashMap<>();
    for (Map.Entry<String, LocalTable> e : outputs.entrySet()) {
      LocalTable t = e.getValue();
      List<ObjectRef> objects = new ArrayList<>();
      if (t.rows() > 0) {
        for (ModelParquet.Part part : t.parts()) {
          objects.add(uploadOne(part.file(), batch, e.getKey(), part.rows(), part.suffix()));
        }
      }
      tables.put(e.getKey(), Manifest.Table.of(t.rows(), objects, t.columns()));
    }
    Map<String, Manifest.Table> state = new TreeMap<>(stateOf(previous));
    for (Map.Entry<String, LocalTable> e : changedState.entrySet()) {
      LocalTable t = e.getValue();
      ObjectRef object =
          uploadOne(
              t.parts().get(0).file(),
              batch,
              ReferenceState.PREFIX + e.getKey(),
              t.rows(),
              ".parquet");
      state.put(e.getKey(), Manifest.Table.of(t.rows(), List.of(object), t.columns()));
    }
    Map<String, Manifest.Table> rejects = new LinkedHashMap<>();
    for (Map.Entry<String, RejectedRows.Rejected> e : rejected.entrySet()) {
      RejectedRows.Rejected r = e.getValue();
      StoredObject stored = LakeFiles.upload(processed, r.file(), r.key());
      rejects.put(
          e.getKey(),
          Manifest.Table.of(
              r.rows(),
              List.of(new ObjectRef(stored.key(), r.rows(), stored.bytes(), stored.sha256())),
              List.of()));
    }
    Map<String, Manifest.Table> deletions = new LinkedHashMap<>();
    for (Map.Entry<String, DeletionRecords.Local> e : deleted.entrySet()) {
      DeletionRecords.Local d = e.getValue();
      ObjectRef object =
          uploadOne(d.file(), batch, DeletionRecords.PREFIX + e.getKey(), d.rows(), ".parquet");
      deletions.put(
          e.getKey(), Manifest.Table.of(d.rows(), List.of(object), DeletionRecords.COLUMNS));
    }
    return new Output(tables, state, rejects, deletions, List.copyOf(warnings));
  }

  private ObjectRef uploadOne(Path file, BatchId batch, String table, long rows, String suffix) {
    StoredObject stored = LakeFiles.upload(processed, file, batch.objectKey(table, suffix));
    return new ObjectRef(stored.key(), rows, stored.bytes(), stored.sha256());
  }
}
