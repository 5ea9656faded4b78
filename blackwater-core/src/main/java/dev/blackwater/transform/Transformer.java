package dev.blackwater.transform;

import dev.blackwater.Stage;
import dev.blackwater.config.TransformSettings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.iceberg.LakeTables;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.Claim;
import dev.blackwater.lake.LakeObjectExistsException;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.RunIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Transform: every committed ingestion batch not yet transformed, oldest first, becomes one
 * processed batch of the warehouse's star schema as Parquet, committed by a manifest that names the
 * ingestion batch it consumed. Takes lake zones as ports; DuckDB runs the SQL models on local
 * copies.
 */
public final class Transformer {

  private static final Logger LOG = LoggerFactory.getLogger(Transformer.class);

  private final LakeStore ingestion;
  private final LakeStore processed;
  private final TransformSettings settings;
  private final Clock clock;
  private final RunIdentity identity;
  private final Optional<LakeTables> tables;

  /** A transform of a processed zone without Iceberg tables. */
  public Transformer(
      LakeStore ingestion, LakeStore processed, TransformSettings settings, Clock clock) {
    this(ingestion, processed, settings, clock, Optional.empty());
  }

  /**
   * @param tables the processed zone's Iceberg tables, each batch appended to them once its
   *     manifest commits
   */
  public Transformer(
      LakeStore ingestion,
      LakeStore processed,
      TransformSettings settings,
      Clock clock,
      Optional<LakeTables> tables) {
    this(ingestion, processed, settings, clock, RunIdentity.current(), tables);
  }

  Transformer(
      LakeStore ingestion,
      LakeStore processed,
      TransformSettings settings,
      Clock clock,
      RunIdentity identity,
      Optional<LakeTables> tables) {
    this.ingestion = ingestion;
    this.processed = processed;
    this.settings = settings;
    this.clock = clock;
    this.identity = identity;
    this.tables = tables;
  }

  /** Runs one transform: every pending ingestion batch, in order. */
  public TransformResult transform(String runId) {
    Instant started = clock.instant();
    BatchLog sources = new BatchLog(ingestion);
    BatchLog outputs = new BatchLog(processed);
    Optional<Manifest> latest = outputs.latest();
    // batches a run that died between its manifest and its Iceberg commit left out
    tables.ifPresent(LakeTables::catchUp);
    Optional<BatchId> lastConsumed = latest.map(Transformer::consumedBy);
    List<BatchId> pending = sources.committedAfter(lastConsumed.orElse(null));
    if (pending.isEmpty()) {
      LOG.info(
          "nothing to transform: {}",
          lastConsumed
              .map(b -> "ingestion batch " + b + " is the newest and is already transformed")
              .orElse("the ingestion zone has no batch yet"));
      return new TransformResult(
          runId,
          List.of(),
          lastConsumed.map(BatchId::toString),
          started,
          Duration.between(started, clock.instant()));
    }
    LOG.info(
        "transforming {} ingestion batch{} from {} into {}",
        pending.size(),
        pending.size() == 1 ? "" : "es",
        ingestion.uri(),
        processed.uri());
    List<ProcessedBatch> done = new ArrayList<>();
    Manifest previous = latest.orElse(null);
    BatchId consumed = lastConsumed.orElse(null);
    for (BatchId next : pending) {
      Manifest source = sources.read(next);
      checkChain(source, consumed);
      MDC.put("batch", next.toString());
      try {
        Committed committed = transformOne(runId, outputs, source, previous);
        previous = committed.manifest();
        done.add(committed.summary());
      } finally {
        MDC.remove("batch");
      }
      consumed = next;
    }
    return new TransformResult(
        runId,
        done,
        Optional.ofNullable(consumed).map(BatchId::toString),
        started,
        Duration.between(started, clock.instant()));
  }

  private static BatchId consumedBy(Manifest manifest) {
    if (manifest.consumed() == null || manifest.consumed().size() != 1) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "processed batch "
              + manifest.batch()
              + " should name exactly one consumed ingestion batch, it names "
              + manifest.consumed());
    }
    return BatchId.parse(manifest.consumed().get(0));
  }

  private static void checkChain(Manifest source, BatchId consumed) {
    String expected = consumed == null ? null : consumed.toString();
    if (!Objects.equals(source.parent(), expected)) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "ingestion batch "
              + source.batch()
              + " follows batch "
              + (source.parent() == null ? "(none)" : source.parent())
              + ", but the last batch transformed is "
              + (expected == null ? "(none)" : expected)
              + ": the ingestion zone's chain is broken");
    }
    if (source.stage() != Stage.EXTRACT) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "batch "
              + source.batch()
              + " of the ingestion zone has stage '"
              + (source.stage() == null ? null : source.stage().label())
              + "'");
    }
  }

  /** A processed batch this run committed: its manifest and its summary. */
  private record Committed(Manifest manifest, ProcessedBatch summary) {}

  /**
   * Transforms one batch. An object already there under the batch's name (left by a run killed in
   * the same second, which held the same number) makes it try once more a second later, under a new
   * name, as extract does; a second clash is another run writing now.
   */
  private Committed transformOne(
      String runId, BatchLog outputs, Manifest source, Manifest previous) {
    try {
      return attempt(runId, outputs, source, previous);
    } catch (NameTaken e) {
      LOG.info(
          "an object of processed batch {} already exists ({}): trying again under a new name",
          e.batch,
          e.getCause().getMessage());
      BatchLog.waitForANewName(clock);
    }
    try {
      return attempt(runId, outputs, source, previous);
    } catch (NameTaken e) {
      throw new BlackwaterException(
          ErrorCode.CONCURRENCY,
          "another run is writing processed batch "
              + e.batch
              + " at the same time; this run committed nothing",
          e.getCause());
    }
  }

  /** An object of the batch was already there. */
  private static final class NameTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient BatchId batch;

    NameTaken(BatchId batch, LakeObjectExistsException cause) {
      super(cause);
      this.batch = batch;
    }
  }

  private Committed attempt(String runId, BatchLog outputs, Manifest source, Manifest previous) {
    Instant started = clock.instant();
    Optional<BatchId> parent = Optional.ofNullable(previous).map(Manifest::batchId);
    BatchId batch = outputs.next(parent, started, settings.claimLease(), identity);
    LOG.info("transforming ingestion batch {} into processed batch {}", source.batch(), batch);
    BatchTransform.Output output;
    try {
      output = new BatchTransform(ingestion, processed, settings).run(source, batch, previous);
    } catch (LakeObjectExistsException e) {
      throw new NameTaken(batch, e);
    }
    Instant finished = clock.instant();
    Manifest manifest =
        Manifest.transform(
                batch,
                parent,
                source.batchId(),
                runId,
                started,
                finished,
                output.tables(),
                output.state(),
                output.rejected())
            .withDeletions(null, output.deleted());
    outputs.commit(
        manifest, new Claim(batch.toString(), runId, identity.host(), identity.pid(), finished));
    tables.ifPresent(
        t -> {
          long t0 = System.nanoTime();
          List<String> appended = t.commit(manifest, Map.of());
          LOG.info(
              "appended processed batch {} to {} Iceberg table(s) in {} ms",
              batch,
              appended.size(),
              (System.nanoTime() - t0) / 1_000_000);
        });
    ProcessedBatch summary = summary(manifest, output.warnings());
    LOG.info(
        "committed processed batch {} from ingestion batch {}: {} rows ({} fact rows), {} rejected,"
            + " in {} ms",
        batch,
        source.batch(),
        String.format(Locale.ROOT, "%,d", summary.rows()),
        String.format(Locale.ROOT, "%,d", summary.factRows()),
        summary.rejectedRows(),
        summary.duration().toMillis());
    return new Committed(manifest, summary);
  }

  private static ProcessedBatch summary(Manifest manifest, List<String> warnings) {
    Map<String, Long> rows = new LinkedHashMap<>();
    Map<String, Long> bytes = new LinkedHashMap<>();
    manifest
        .tables()
        .forEach(
            (table, entry) -> {
              rows.put(table, entry.rows());
              bytes.put(table, entry.objects().stream().mapToLong(Manifest.ObjectRef::bytes).sum());
            });
    Map<String, Long> rejected = new LinkedHashMap<>();
    if (manifest.rejected() != null) {
      manifest.rejected().forEach((table, entry) -> rejected.put(table, entry.rows()));
    }
    return new ProcessedBatch(
        manifest.batch(),
        manifest.consumed().get(0),
        rows,
        bytes,
        rejected,
        Duration.between(manifest.startedAt(), manifest.finishedAt()),
        warnings);
  }
}
