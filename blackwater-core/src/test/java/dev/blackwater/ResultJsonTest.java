package dev.blackwater;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.extract.TableExtract;
import dev.blackwater.lake.Manifest;
import dev.blackwater.transform.ProcessedBatch;
import dev.blackwater.transform.TransformResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultJsonTest {

  @Test
  void writesAnExtractResultWithoutItsManifestDetail() throws Exception {
    Manifest.Table entry =
        new Manifest.Table(
            3,
            List.of(),
            null,
            List.of(),
            List.of("id"),
            new Manifest.Watermark(null, "2026-01-01T00:00:00.000000", null),
            new Manifest.Overlap(
                "2025-12-31T23:45:00.000000", List.of("1|2026-01-01T00:00:00.000000")),
            List.of());
    ExtractResult result =
        new ExtractResult(
            "run-1",
            Optional.of("000001-20260101T000000Z"),
            Optional.empty(),
            "2026-01-01T00:00:01.000000",
            Instant.parse("2026-01-01T00:00:00Z"),
            Duration.ofMillis(1500),
            List.of(new TableExtract("item", 3, 0, 99, Duration.ofMillis(700), entry)),
            Map.of("item", 2L));

    JsonNode json = ResultJson.mapper().readTree(ResultJson.write(result));

    assertThat(json.get("batch").asText()).isEqualTo("000001-20260101T000000Z");
    assertThat(json.get("rows").asLong()).isEqualTo(3);
    assertThat(json.get("nothingNew").asBoolean()).isFalse();
    assertThat(json.get("deleted").get("item").asLong()).isEqualTo(2);
    assertThat(json.get("duration").asText()).isEqualTo("PT1.5S");
    assertThat(json.get("tables").get(0).get("watermark").asText())
        .isEqualTo("2026-01-01T00:00:00.000000");
    assertThat(json.get("tables").get(0).has("entry")).isFalse();
    assertThat(json.get("tables").get(0).get("duration").asText()).isEqualTo("PT0.7S");
    assertThat(Version.current()).isNotBlank().isNotEqualTo("unknown");
  }

  @Test
  void writesATransformResultWithItsBatchesAndTotals() throws Exception {
    TransformResult result =
        new TransformResult(
            "run-2",
            List.of(
                new ProcessedBatch(
                    "000001-20260101T000100Z",
                    "000001-20260101T000000Z",
                    Map.of("fact_payment", 5L, "dim_date", 2L),
                    Map.of("fact_payment", 900L, "dim_date", 400L),
                    Map.of("payment", 1L),
                    Duration.ofMillis(250))),
            Optional.of("000001-20260101T000000Z"),
            Instant.parse("2026-01-01T00:01:00Z"),
            Duration.ofMillis(300));

    JsonNode json = ResultJson.mapper().readTree(ResultJson.write(result));

    assertThat(json.get("nothingNew").asBoolean()).isFalse();
    assertThat(json.get("rows").asLong()).isEqualTo(7);
    assertThat(json.get("factRows").asLong()).isEqualTo(5);
    assertThat(json.get("rejectedRows").asLong()).isEqualTo(1);
    assertThat(json.get("lastConsumed").asText()).isEqualTo("000001-20260101T000000Z");
    JsonNode batch = json.get("batches").get(0);
    assertThat(batch.get("consumed").asText()).isEqualTo("000001-20260101T000000Z");
    assertThat(batch.get("tables").get("fact_payment").asLong()).isEqualTo(5);
    assertThat(batch.get("bytes").get("fact_payment").asLong()).isEqualTo(900);
    assertThat(batch.get("rejected").get("payment").asLong()).isEqualTo(1);
    assertThat(batch.get("duration").asText()).isEqualTo("PT0.25S");
  }
}
