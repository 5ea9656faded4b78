package dev.blackwater.aws.handler;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.blackwater.Stage;
import dev.blackwater.StageResult;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.load.BatchLoadResult;
import dev.blackwater.load.LoadResult;
import dev.blackwater.pipeline.Backlog;
import dev.blackwater.transform.ProcessedBatch;
import dev.blackwater.transform.TransformResult;
import java.util.Optional;

/**
 * What a handler returns to the state machine: a summary of fixed size, whatever the run did. A
 * stage's full result grows with the batches it handled (a transform that catches up on 400 batches
 * lists 400 of them) and Step Functions refuses any state's data above 256 KB, so the details go to
 * the run record and the log, and this carries what the next states read. Every field is always
 * written (null where it has no value): the state machine's ResultSelector names them, and a path
 * that is not there would fail the execution with an error no catch can take.
 *
 * @param stage the stage's label
 * @param runId the run (the Lambda request id)
 * @param nothingNew whether the run found nothing to do (the AnythingNew choice reads it)
 * @param batches batches the run committed or loaded
 * @param newestBatch the newest of them, null when none
 * @param rows rows written or loaded
 * @param bytes bytes written (extract: compressed CSV; transform: Parquet) or read (load: Parquet)
 * @param durationMs how long the run took
 * @param freshnessLagSeconds load only: how far the warehouse trails the clock (null before it
 *     holds facts, and for the other stages)
 * @param delegated whether the function left the run to the Fargate task: its backlog was above
 *     {@code lambda-max-backlog}, and it did nothing
 * @param pendingBatches transform and load with a {@code lambda-max-backlog}: the batches pending
 *     when the run started (null when not measured)
 * @param pendingBytes their bytes (null when not measured)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StepResult(
    String stage,
    String runId,
    boolean nothingNew,
    int batches,
    String newestBatch,
    long rows,
    long bytes,
    long durationMs,
    Long freshnessLagSeconds,
    boolean delegated,
    Integer pendingBatches,
    Long pendingBytes) {

  /** A function that did nothing: {@code backlog} is the Fargate task's to take. */
  static StepResult delegated(Stage stage, String runId, Backlog backlog) {
    return new StepResult(
        stage.label(),
        runId,
        false,
        0,
        null,
        0,
        0,
        0,
        null,
        true,
        backlog.batches(),
        backlog.bytes());
  }

  /** The summary of {@code result}, a run of {@code stage}. */
  static StepResult of(Stage stage, StageResult result) {
    return of(stage, result, Optional.empty());
  }

  /** The summary of {@code result}, with the backlog measured before it ran, if it was. */
  static StepResult of(Stage stage, StageResult result, Optional<Backlog> measured) {
    int batches;
    long bytes;
    Long lag = null;
    switch (result) {
      case ExtractResult e -> {
        batches = e.nothingNew() ? 0 : 1;
        bytes = e.bytes();
      }
      case TransformResult t -> {
        batches = t.batches().size();
        bytes = t.batches().stream().mapToLong(StepResult::parquetBytes).sum();
      }
      case LoadResult l -> {
        batches = l.batches().size();
        bytes =
            l.batches().stream()
                .map(BatchLoadResult::bytes)
                .mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum())
                .sum();
        lag = l.freshnessLagSeconds();
      }
      default -> {
        batches = result.nothingNew() ? 0 : 1;
        bytes = 0;
      }
    }
    return new StepResult(
        stage.label(),
        result.runId(),
        result.nothingNew(),
        batches,
        result.newestBatch(),
        result.rows(),
        bytes,
        result.duration().toMillis(),
        lag,
        false,
        measured.map(Backlog::batches).orElse(null),
        measured.map(Backlog::bytes).orElse(null));
  }

  private static long parquetBytes(ProcessedBatch batch) {
    return batch.bytes().values().stream().mapToLong(Long::longValue).sum();
  }
}
