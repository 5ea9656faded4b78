package dev.blackwater.transform;

import static dev.blackwater.Sql.identifier;
import static dev.blackwater.Sql.literal;

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
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
      List<String> warnings) {}

  /**
   * Transforms {@code source} into the objects of processed batch {@code batch}.
   *
   * @param previous the processed zone's newest manifest (for its state), or null
   */
  Output run(Manifest source, BatchId batch, Manifest previous) {
    try (Workspace workspace = Workspace.create(settings.tempDirectory());
        DuckDbSession duck =
            new DuckDbSession(settings.memoryLimit(), settings.threads(), workspace.spill())) {
      long t0 = System.nanoTime();
      SourceStaging staging = new SourceStaging(duck, ingestion, workspace, settings.threads());
      staging.stage(source);
      LOG.debug("staged in {} ms", (System.nanoTime() - t0) / 1_000_000);
      t0 = System.nanoTime();
      Map<String, RejectedRows.Rejected> rejected =
          new RejectedRows(duck, workspace)
              .setAside(source.batch(), batch, staging.objectKeys(), settings.maxRejectedRows());
      ReferenceState reference = new ReferenceState(duck, workspace);
      reference.build(processed, previous == null ? null : previous.batch(), stateOf(previous));
      List<String> warnings = new ArrayList<>(reference.warnUnjoined());
      CurrencyNames.create(duck);
      warnings.addAll(CurrencyNames.warnUnknown(duck));
      LOG.debug("checked and built reference state in {} ms", (System.nanoTime() - t0) / 1_000_000);
      Map<String, LocalTable> outputs = new LinkedHashMap<>();
      for (Model model : Model.all()) {
        MDC.put("table", model.name());
        try {
          long m0 = System.nanoTime();
          Path file = workspace.file("out", batch.objectKey(model.name(), ".parquet"));
          List<Column> columns = describe(duck, model, source.batch());
          long rows = write(duck, model, file, source.batch());
          LOG.debug("{} written in {} ms", model.name(), (System.nanoTime() - m0) / 1_000_000);
          outputs.put(model.name(), new LocalTable(file, rows, columns));
        } finally {
          MDC.remove("table");
        }
      }
      Map<String, LocalTable> state = new LinkedHashMap<>();
      for (Map.Entry<String, Path> e : reference.write(batch).entrySet()) {
        String table = e.getKey();
        state.put(
            table, new LocalTable(e.getValue(), reference.rows(table), reference.columns(table)));
      }
      t0 = System.nanoTime();
      Output output = upload(batch, outputs, state, rejected, previous, warnings);
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

  private static Map<String, Manifest.Table> stateOf(Manifest previous) {
    return previous == null || previous.state() == null ? Map.of() : previous.state();
  }

  private static List<Column> describe(DuckDbSession duck, Model model, String source) {
    try {
      List<Column> columns =
          duck.query("DESCRIBE " + model.sql()).stream()
              .map(r -> new Column(r.get(0), r.get(1)))
              .toList();
      model.checkColumns(columns);
      return columns;
    } catch (SQLException e) {
      throw modelFailed(model, source, e);
    }
  }

  private static long write(DuckDbSession duck, Model model, Path file, String source) {
    try {
      long rows =
          duck.update(
              "COPY ("
                  + model.sql()
                  + ") TO "
                  + literal(file.toString())
                  + " (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)");
      duck.execute(
          "CREATE VIEW "
              + identifier(model.name())
              + " AS SELECT * FROM read_parquet("
              + literal(file.toString())
              + ")");
      LOG.debug("{}: {} rows", model.name(), rows);
      return rows;
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

  /** A table written to a local Parquet file, not yet uploaded. */
  private record LocalTable(Path file, long rows, List<Column> columns) {}

  /**
   * Uploads the tables (an empty one has no object), the changed state (carrying the rest forward
   * from {@code previous}) and the rejected rows.
   */
  private Output upload(
      BatchId batch,
      Map<String, LocalTable> outputs,
      Map<String, LocalTable> changedState,
      Map<String, RejectedRows.Rejected> rejected,
      Manifest previous,
      List<String> warnings) {
    Map<String, Manifest.Table> tables = new LinkedHashMap<>();
    for (Map.Entry<String, LocalTable> e : outputs.entrySet()) {
      LocalTable t = e.getValue();
      List<ObjectRef> objects =
          t.rows() == 0 ? List.of() : List.of(uploadOne(t.file(), batch, e.getKey(), t.rows()));
      tables.put(e.getKey(), Manifest.Table.of(t.rows(), objects, t.columns()));
    }
    Map<String, Manifest.Table> state = new TreeMap<>(stateOf(previous));
    for (Map.Entry<String, LocalTable> e : changedState.entrySet()) {
      LocalTable t = e.getValue();
      ObjectRef object = uploadOne(t.file(), batch, ReferenceState.PREFIX + e.getKey(), t.rows());
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
    return new Output(tables, state, rejects, List.copyOf(warnings));
  }

  private ObjectRef uploadOne(Path file, BatchId batch, String table, long rows) {
    StoredObject stored = LakeFiles.upload(processed, file, batch.objectKey(table, ".parquet"));
    return new ObjectRef(stored.key(), rows, stored.bytes(), stored.sha256());
  }
}
