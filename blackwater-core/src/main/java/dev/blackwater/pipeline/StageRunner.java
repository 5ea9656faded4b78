package dev.blackwater.pipeline;

import dev.blackwater.Stage;
import dev.blackwater.StageResult;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.extract.Extractor;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.load.LoadResult;
import dev.blackwater.load.Loader;
import dev.blackwater.transform.TransformResult;
import dev.blackwater.transform.Transformer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one stage the one way a command and a Lambda handler both do: the run and stage on every log
 * line, the run recorded in its zone's run log (success, nothing new, or failure with its {@link
 * dev.blackwater.error.ErrorCode}), the result told to the listener (progress lines, metrics), a
 * failure rethrown for the caller to turn into an exit code or a {@code StageFailure}.
 */
public final class StageRunner {

  private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);

  private final Blackwater blackwater;
  private final StageListener listener;

  StageRunner(Blackwater blackwater, StageListener listener) {
    this.blackwater = blackwater;
    this.listener = listener;
  }

  /** Runs {@code stage} as run {@code runId}. */
  public StageResult run(Stage stage, String runId) {
    return switch (stage) {
      case EXTRACT -> extract(runId);
      case TRANSFORM -> transform(runId);
      case LOAD -> load(runId);
    };
  }

  /** New or changed source rows into one ingestion batch, recorded in the ingestion zone. */
  public ExtractResult extract(String runId) {
    return extract(runId, () -> {});
  }

  /**
   * As {@link #extract(String)}, calling {@code newRowsFound} as soon as a table is found to have
   * new rows.
   */
  public ExtractResult extract(String runId, Runnable newRowsFound) {
    LakeStore ingestion = blackwater.ingestion();
    ExtractResult result =
        recorded(
            Stage.EXTRACT,
            ingestion,
            runId,
            () ->
                blackwater
                    .source()
                    .withCredentials(
                        source ->
                            new Extractor(
                                    source,
                                    ingestion,
                                    blackwater.config().extract(),
                                    blackwater.clock())
                                .extract(runId, newRowsFound)));
    return told(Stage.EXTRACT, result, listener::extracted);
  }

  /** Each new ingestion batch into a processed batch, recorded in the processed zone. */
  public TransformResult transform(String runId) {
    LakeStore processed = blackwater.processed();
    TransformResult result =
        recorded(
            Stage.TRANSFORM,
            processed,
            runId,
            () ->
                new Transformer(
                        blackwater.ingestion(),
                        processed,
                        blackwater.config().transform(),
                        blackwater.clock(),
                        blackwater.lakeTables())
                    .transform(runId));
    return told(Stage.TRANSFORM, result, listener::transformed);
  }

  /** Each new processed batch into the warehouse, recorded in the processed zone beside them. */
  public LoadResult load(String runId) {
    LakeStore processed = blackwater.processed();
    LoadResult result =
        recorded(
            Stage.LOAD,
            processed,
            runId,
            () ->
                blackwater
                    .warehouse()
                    .withCredentials(
                        warehouse ->
                            new Loader(
                                    warehouse,
                                    processed,
                                    blackwater.config().load(),
                                    blackwater.clock(),
                                    blackwater.lakeTables())
                                .load(runId)));
    return told(Stage.LOAD, withFreshness(result), listener::loaded);
  }

  /**
   * The load's result with the warehouse's freshness after it, read from both zones; a zone that
   * cannot be read (a role without read access to the ingestion zone's manifests and run records)
   * leaves it unknown, with a warning: the load itself succeeded. Unknown, too, for a load given no
   * ingestion zone.
   */
  private LoadResult withFreshness(LoadResult result) {
    if (blackwater.config().ingestion().isEmpty()) {
      return result; // a load given only the processed zone cannot tell what the source had
    }
    try {
      return result.withWarehouseFreshAsOf(
          new WarehouseFreshness(blackwater.ingestion(), blackwater.processed(), blackwater.clock())
              .afterLoad(result.newestBatch()));
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot tell how fresh the warehouse is after load {}: {}", result.runId(), e.toString());
      return result;
    }
  }

  /**
   * Tells the listener; a failure there comes after the run was recorded as succeeded, so the data
   * is safe, and the failure says so.
   */
  private static <T extends StageResult> T told(Stage stage, T result, Consumer<T> listener) {
    try {
      listener.accept(result);
    } catch (RuntimeException e) {
      throw new BlackwaterException(
          ErrorCode.INTERNAL,
          stage.label()
              + " run "
              + result.runId()
              + " succeeded, but reporting its result failed: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage(),
          e);
    }
    return result;
  }

  private <T extends StageResult> T recorded(
      Stage stage, LakeStore zone, String runId, Supplier<T> work) {
    String previous = MDC.get("stage");
    MDC.put("runId", runId);
    MDC.put("stage", stage.label());
    try {
      return new RunLog(zone, blackwater.clock())
          .run(stage, runId, work, (Function<T, String>) StageResult::newestBatch);
    } finally {
      if (previous == null) {
        MDC.remove("stage");
      } else {
        MDC.put("stage", previous);
      }
    }
  }
}
