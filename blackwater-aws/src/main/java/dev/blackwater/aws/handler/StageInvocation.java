package dev.blackwater.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blackwater.ResultJson;
import dev.blackwater.Stage;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.pipeline.RunLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What every handler does around its stage, once per invocation: names the run after the Lambda
 * request, puts the run and stage on every log line, records the run in its zone ({@link RunLog}),
 * reports metrics, writes the result as JSON for the state machine, and turns a failure into one
 * {@link StageFailure} line.
 */
final class StageInvocation {

  private static final Logger LOG = LoggerFactory.getLogger(StageInvocation.class);

  private final Stage stage;
  private final RunLog runs;
  private final Clock clock;

  StageInvocation(Stage stage, RunLog runs, Clock clock) {
    this.stage = stage;
    this.runs = runs;
    this.clock = clock;
  }

  /**
   * Runs {@code work} as this invocation's run of the stage.
   *
   * @param batchOf the batch a result committed or loaded last, null when nothing was new
   * @param report reports a result's metrics and returns its JSON, with {@code nothingNew}
   */
  <T> void handle(
      Context context,
      InputStream input,
      OutputStream output,
      Function<String, T> work,
      Function<T, String> batchOf,
      Function<T, ObjectNode> report)
      throws IOException {
    input.transferTo(OutputStream.nullOutputStream());
    String runId = runId(context);
    MDC.put("runId", runId);
    MDC.put("stage", stage.label());
    byte[] json;
    try {
      LOG.info("{} run {} started", stage.label(), runId);
      json = run(runId, work, batchOf, report);
    } catch (RuntimeException e) {
      StageFailure failure = StageFailure.of(stage, e);
      LOG.error(failure.getMessage(), e);
      throw failure;
    } finally {
      MDC.clear();
    }
    output.write(json);
  }

  /**
   * Runs the stage, reports its result and returns the JSON for the state machine. Reporting
   * (metrics, JSON) may fail after the run was recorded as succeeded: the data is safe then, and
   * the failure, saying so, is still the handler's one-line {@link StageFailure}.
   */
  private <T> byte[] run(
      String runId,
      Function<String, T> work,
      Function<T, String> batchOf,
      Function<T, ObjectNode> report) {
    T result = runs.run(stage, runId, () -> work.apply(runId), batchOf);
    try {
      ObjectNode json = report.apply(result);
      LOG.info(
          "{} run {} finished: {}",
          stage.label(),
          runId,
          json.path("nothingNew").asBoolean() ? "nothing new" : "batch " + batchOf.apply(result));
      return ResultJson.mapper().writeValueAsBytes(json);
    } catch (RuntimeException | JsonProcessingException e) {
      throw new BlackwaterException(
          ErrorCode.INTERNAL,
          stage.label()
              + " run "
              + runId
              + " succeeded, but reporting its result failed: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private String runId(Context context) {
    String requestId = context == null ? null : context.getAwsRequestId();
    return requestId == null || requestId.isBlank()
        ? "local-" + clock.instant().toEpochMilli()
        : requestId;
  }
}
