package dev.blackwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.extract.TableExtract;
import dev.blackwater.lake.Manifest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultJsonTest {

  @Test
  void writesAnExtractResultWithoutItsManifestDetail() throws Exception {
    Manifest.Table entry =
        new Manifest.Table(
            3,
            List.of(),
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
            List.of(new TableExtract("item", 3, 0, 99, entry)));

    JsonNode json = ResultJson.mapper().readTree(ResultJson.write(result));

    assertThat(json.get("batch").asText()).isEqualTo("000001-20260101T000000Z");
    assertThat(json.get("rows").asLong()).isEqualTo(3);
    assertThat(json.get("nothingNew").asBoolean()).isFalse();
    assertThat(json.get("duration").asText()).isEqualTo("PT1.5S");
    assertThat(json.get("tables").get(0).get("watermark").asText())
        .isEqualTo("2026-01-01T00:00:00.000000");
    assertThat(json.get("tables").get(0).has("entry")).isFalse();
    assertThat(Version.current()).isNotBlank().isNotEqualTo("unknown");
  }
}
