package dev.blackwater.aws.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.ResultJson;
import dev.blackwater.Stage;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.pipeline.RunLog;
import dev.blackwater.pipeline.RunRecord;
import dev.blackwater.testkit.TestClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StageInvocation around a stage, on a local zone. */
class StageInvocationTest {

  /** One clock for everything this test runs, so its runs follow each other in time. */
  private final Clock clock = TestClock.ticking();

  @TempDir Path zone;

  @Test
  void aRunWritesItsResultAsJson() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    List<String> runIds = new ArrayList<>();

    invocation()
        .handle(
            new TestContext("request-1"),
            new ByteArrayInputStream(new byte[0]),
            output,
            runId -> {
              runIds.add(runId);
              return "000001-20261127T100000Z";
            },
            batch -> batch,
            batch -> ResultJson.mapper().createObjectNode().put("batch", batch));

    assertThat(output.toString(StandardCharsets.UTF_8))
        .isEqualTo("{\"batch\":\"000001-20261127T100000Z\"}");
    assertThat(runIds).as("the request id is the run id").containsExactly("request-1");
    assertThat(runs().latestSuccess(Stage.TRANSFORM))
        .get()
        .extracting(RunRecord::runId, RunRecord::outcome, RunRecord::batch)
        .containsExactly("request-1", RunRecord.SUCCESS, "000001-20261127T100000Z");
  }

  @Test
  void aLakeOrDiskFailureIsAConnectionFailureInTheErrorAndTheRunRecord() {
    assertThatThrownBy(
            () ->
                invocation()
                    .<String>handle(
                        new TestContext("request-3"),
                        new ByteArrayInputStream(new byte[0]),
                        new ByteArrayOutputStream(),
                        runId -> {
                          throw new UncheckedIOException(
                              new IOException("No space left on device"));
                        },
                        batch -> batch,
                        batch -> ResultJson.mapper().createObjectNode()))
        .isInstanceOf(StageFailure.class)
        .satisfies(e -> assertThat(((StageFailure) e).code()).isEqualTo(ErrorCode.CONNECTION))
        .hasMessageStartingWith("transform failed (CONNECTION): ");
    assertThat(runs().latestFailure(Stage.TRANSFORM))
        .get()
        .extracting(RunRecord::runId, RunRecord::error)
        .containsExactly("request-3", ErrorCode.CONNECTION);
  }

  @Test
  void aReportThatFailsAfterTheRunSucceededIsOneStageFailureLine() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    assertThatThrownBy(
            () ->
                invocation()
                    .handle(
                        new TestContext("request-2"),
                        new ByteArrayInputStream(new byte[0]),
                        output,
                        runId -> "000002-20261127T100500Z",
                        batch -> batch,
                        batch -> {
                          throw new IllegalStateException("metrics stream closed");
                        }))
        .isInstanceOf(StageFailure.class)
        .satisfies(e -> assertThat(((StageFailure) e).code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessage(
            "transform failed (INTERNAL): transform run request-2 succeeded, but reporting its"
                + " result failed: IllegalStateException: metrics stream closed");
    assertThat(output.size()).isZero();
    assertThat(runs().latestSuccess(Stage.TRANSFORM))
        .get()
        .extracting(RunRecord::outcome, RunRecord::batch)
        .containsExactly(RunRecord.SUCCESS, "000002-20261127T100500Z");
  }

  private StageInvocation invocation() {
    return new StageInvocation(Stage.TRANSFORM, runs(), clock);
  }

  private RunLog runs() {
    return new RunLog(new LocalLakeStore(zone), clock);
  }
}
