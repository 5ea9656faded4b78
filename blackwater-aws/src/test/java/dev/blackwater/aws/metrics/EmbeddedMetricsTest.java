package dev.blackwater.aws.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EmbeddedMetricsTest {

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final EmbeddedMetrics metrics =
      new EmbeddedMetrics(
          new PrintStream(bytes, true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aTableLineDeclaresRowsBytesAndDurationPerStageAndTable() throws Exception {
    metrics.table("extract", "sales_order", 1234, 56_789, Duration.ofMillis(4321));

    JsonNode line = onlyLine();
    JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
    assertThat(line.at("/_aws/Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
    assertThat(directive.get("Namespace").asText()).isEqualTo("Blackwater");
    assertThat(directive.get("Dimensions").toString())
        .isEqualTo("[[\"stage\",\"table\"],[\"stage\"]]");
    assertThat(directive.get("Metrics").toString())
        .isEqualTo(
            "[{\"Name\":\"Rows\",\"Unit\":\"Count\"},{\"Name\":\"Bytes\",\"Unit\":\"Bytes\"},"
                + "{\"Name\":\"DurationMs\",\"Unit\":\"Milliseconds\"}]");
    assertThat(line.get("stage").asText()).isEqualTo("extract");
    assertThat(line.get("table").asText()).isEqualTo("sales_order");
    assertThat(line.get("Rows").asLong()).isEqualTo(1234);
    assertThat(line.get("Bytes").asLong()).isEqualTo(56_789);
    assertThat(line.get("DurationMs").asLong()).isEqualTo(4321);
  }

  @Test
  void aTableWithoutItsOwnTimingDeclaresNoDurationAndTheStageLineDoes() throws Exception {
    metrics.table("transform", "dim_date", 42, 900, null);
    metrics.stage("transform", Duration.ofMillis(1500));

    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    JsonNode table = new ObjectMapper().readTree(lines[0]);
    assertThat(table.at("/_aws/CloudWatchMetrics/0/Metrics").toString())
        .doesNotContain("DurationMs");
    assertThat(table.has("DurationMs")).isFalse();
    JsonNode stage = new ObjectMapper().readTree(lines[1]);
    assertThat(stage.at("/_aws/CloudWatchMetrics/0/Dimensions").toString())
        .isEqualTo("[[\"stage\"]]");
    assertThat(stage.get("DurationMs").asLong()).isEqualTo(1500);
    assertThat(stage.has("table")).isFalse();
  }

  @Test
  void freshnessIsPerStageInWholeSecondsNeverNegative() throws Exception {
    metrics.freshness("load", Duration.ofMillis(95_999));
    metrics.freshness("load", Duration.ofSeconds(-3));

    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(2);
    JsonNode first = new ObjectMapper().readTree(lines[0]);
    assertThat(first.at("/_aws/CloudWatchMetrics/0/Dimensions").toString())
        .isEqualTo("[[\"stage\"]]");
    assertThat(first.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText())
        .isEqualTo("FreshnessLagSeconds");
    assertThat(first.at("/_aws/CloudWatchMetrics/0/Metrics/0/Unit").asText()).isEqualTo("Seconds");
    assertThat(first.get("stage").asText()).isEqualTo("load");
    assertThat(first.get("FreshnessLagSeconds").asLong()).isEqualTo(95);
    assertThat(new ObjectMapper().readTree(lines[1]).get("FreshnessLagSeconds").asLong()).isZero();
  }

  @Test
  void theNewestChangesAgeIsAMetricOfItsOwnNotTheLag() throws Exception {
    metrics.changeAge("load", Duration.ofDays(3).plusMillis(999));

    JsonNode line = onlyLine();
    assertThat(line.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText())
        .isEqualTo("NewestChangeAgeSeconds");
    assertThat(line.get("NewestChangeAgeSeconds").asLong())
        .isEqualTo(Duration.ofDays(3).toSeconds());
    assertThat(line.has("FreshnessLagSeconds")).isFalse();
  }

  private JsonNode onlyLine() throws Exception {
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n").doesNotContain("\n\n");
    assertThat(text.strip().lines()).hasSize(1);
    return new ObjectMapper().readTree(text);
  }
}
