package dev.blackwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.ResultJson;
import dev.blackwater.Stage;
import dev.blackwater.pipeline.StatusReport.FactStatus;
import dev.blackwater.pipeline.StatusReport.StageStatus;
import dev.blackwater.pipeline.StatusReport.TableStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code status --json} prints, field by field, and that docs/operations.md names each. */
class StatusReportTest {

  private static final Instant AT = Instant.parse("2026-11-27T16:20:00Z");

  private static StatusReport report(Instant lake, Instant warehouse) {
    return new StatusReport(
        AT,
        lake,
        warehouse,
        List.of(
            new TableStatus(
                "currency",
                "2022-11-03T14:20:49.962",
                "000001-20261127T161728Z",
                Duration.ofDays(1485))),
        List.of(
            new FactStatus(
                "fact_sales_order", "2026-11-27T16:17:01.123", 12, Duration.ofSeconds(179))),
        List.of(new StageStatus(Stage.LOAD, "000001-20261127T161728Z", 0, null, null)));
  }

  @Test
  void lagsAreMeasuredFromTheReportsTimeAndTheChangeAgesKeepTheirOldNames() throws Exception {
    StatusReport report = report(AT.minusSeconds(125), AT.minusSeconds(300));
    JsonNode json = ResultJson.mapper().readTree(ResultJson.write(report));

    assertThat(report.lakeLag()).isEqualTo(Duration.ofSeconds(125));
    assertThat(report.warehouseLag()).isEqualTo(Duration.ofMinutes(5));
    assertThat(json.get("lakeFreshAsOf").asText()).isEqualTo("2026-11-27T16:17:55Z");
    assertThat(json.get("lakeLag").asText()).isEqualTo("PT2M5S");
    assertThat(json.get("warehouseLag").asText()).isEqualTo("PT5M");
    JsonNode currency = json.get("tables").get(0);
    assertThat(currency.get("changeAge").asText()).isEqualTo("PT35640H");
    assertThat(currency.get("lag").asText()).isEqualTo(currency.get("changeAge").asText());
    JsonNode fact = json.get("facts").get(0);
    assertThat(fact.get("changeAge").asText()).isEqualTo("PT2M59S");
    assertThat(fact.get("freshnessLag").asText()).isEqualTo(fact.get("changeAge").asText());
    assertThat(report.freshnessLag()).isEqualTo(Duration.ofSeconds(179));

    StatusReport nothingYet = report(null, null);
    assertThat(nothingYet.lakeLag()).isNull();
    assertThat(nothingYet.warehouseLag()).isNull();
    JsonNode empty = ResultJson.mapper().readTree(ResultJson.write(nothingYet));
    assertThat(empty.get("lakeLag").isNull()).isTrue();
  }

  @Test
  void everyFieldOfTheJsonIsDocumented() throws Exception {
    JsonNode json = ResultJson.mapper().readTree(ResultJson.write(report(AT.minusSeconds(1), AT)));
    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactlyInAnyOrder(
            "at",
            "lakeFreshAsOf",
            "lakeLag",
            "warehouseFreshAsOf",
            "warehouseLag",
            "tables",
            "facts",
            "stages");
    json.get("tables").get(0).fieldNames().forEachRemaining(f -> fields.add("tables[]." + f));
    json.get("facts").get(0).fieldNames().forEachRemaining(f -> fields.add("facts[]." + f));
    json.get("stages").get(0).fieldNames().forEachRemaining(fields::add);

    String docs = Files.readString(Path.of("../docs/operations.md"));
    for (String field : fields) {
      String name = field.substring(field.lastIndexOf('.') + 1);
      assertThat(docs).as(field).containsPattern("[`.]" + name + "(\\[])?`");
    }
  }
}
