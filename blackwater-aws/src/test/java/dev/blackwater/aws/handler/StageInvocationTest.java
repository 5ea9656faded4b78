package dev.blackwater.aws.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.pipeline.ErrorCode;
import dev.blackwater.pipeline.ResultJson;
import dev.blackwater.pipeline.RunLog;
import dev.blackwater.pipeline.RunRecord;
import dev.blackwater.pipeline.Stage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StageInvocation around a stage, on a local zone. */
class StageInvocationTest {

  @TempDir Path zone;

  @Test
  void aRunWritesItsResultAsJson() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    invocation()
        .handle(
            new TestContext("request-1"),
            new ByteArrayInputStream(new byte[0]),
            output,
            runId -> "000001-20261127T100000Z",
            batch -> batch,
            batch -> ResultJson.mapper().createObjectNode().put("batch", batch));

    assertThat(output.toString(StandardCharsets.UTF_8))
        .isEqualTo("{\"batch\":\"000001-20261127T100000Z\"}");
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
    return new StageInvocation(Stage.TRANSFORM, runs(), Clock.systemUTC());
  }

  private RunLog runs() {
    return new RunLog(new LocalLakeStore(zone), Clock.systemUTC());
  }
}
