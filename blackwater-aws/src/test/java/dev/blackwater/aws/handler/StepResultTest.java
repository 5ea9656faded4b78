package dev.blackwater.aws.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.ResultJson;
import dev.blackwater.Stage;
import dev.blackwater.load.BatchLoadResult;
import dev.blackwater.load.LoadResult;
import dev.blackwater.transform.ProcessedBatch;
import dev.blackwater.transform.TransformResult;
import dev.blackwater.warehouse.WarehouseTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the handlers hand to the state machine stays small whatever the run did: a transform and a
 * load that catch up on 400 batches (an outage's backlog) return a few hundred bytes, while their
 * full results, which the state machine used to carry, pass Step Functions' 256 KB limit.
 */
class StepResultTest {

  private static final int STEP_FUNCTIONS_LIMIT = 256 * 1024;
  private static final int BACKLOG = 400;

  @Test
  void aTransformAndALoadOf400BatchesReturnAFewHundredBytes() throws Exception {
    List<ProcessedBatch> processed = new ArrayList<>();
    List<BatchLoadResult> loaded = new ArrayList<>();
    for (int i = 1; i <= BACKLOG; i++) {
      Map<String, Long> rows = new LinkedHashMap<>();
      Map<String, Long> bytes = new LinkedHashMap<>();
      Map<String, Duration> durations = new LinkedHashMap<>();
      for (WarehouseTable t : WarehouseTable.values()) {
        rows.put(t.tableName(), 1000L + i);
        bytes.put(t.tableName(), 50_000L + i);
        durations.put(t.tableName(), Duration.ofMillis(120));
      }
      String batch = String.format(Locale.ROOT, "%06d-20261231T235958Z", i);
      processed.add(new ProcessedBatch(batch, batch, rows, bytes, Map.of(), Duration.ofSeconds(1)));
      loaded.add(
          new BatchLoadResult(batch, batch, rows, rows, bytes, durations, Duration.ofMillis(900)));
    }
    TransformResult transform =
        new TransformResult(
            "run-t",
            processed,
            Optional.of("000400-20261231T235958Z"),
            Instant.EPOCH,
            Duration.ofMinutes(7));
    LoadResult load =
        new LoadResult(
            "run-l",
            "public",
            0,
            loaded,
            0,
            Instant.EPOCH,
            Duration.ofMinutes(9),
            "2026-12-31T23:59:58",
            Instant.EPOCH.plus(Duration.ofMinutes(9)).minusSeconds(42),
            Duration.ofSeconds(42));

    assertThat(ResultJson.mapper().writeValueAsBytes(transform).length)
        .as("the full transform result")
        .isGreaterThan(STEP_FUNCTIONS_LIMIT);
    assertThat(ResultJson.mapper().writeValueAsBytes(load).length)
        .as("the full load result")
        .isGreaterThan(STEP_FUNCTIONS_LIMIT);

    byte[] transformStep =
        ResultJson.mapper().writeValueAsBytes(StepResult.of(Stage.TRANSFORM, transform));
    byte[] loadStep = ResultJson.mapper().writeValueAsBytes(StepResult.of(Stage.LOAD, load));
    assertThat(transformStep.length).isLessThan(512);
    assertThat(loadStep.length).isLessThan(512);

    JsonNode t = ResultJson.mapper().readTree(transformStep);
    assertThat(t.path("batches").asInt()).isEqualTo(BACKLOG);
    assertThat(t.path("newestBatch").asText()).isEqualTo("000400-20261231T235958Z");
    assertThat(t.path("rows").asLong()).isEqualTo(transform.rows());
    assertThat(t.path("nothingNew").asBoolean()).isFalse();
    JsonNode l = ResultJson.mapper().readTree(loadStep);
    assertThat(l.path("freshnessLagSeconds").asLong()).isEqualTo(42);
    assertThat(l.path("durationMs").asLong()).isEqualTo(Duration.ofMinutes(9).toMillis());
  }
}
