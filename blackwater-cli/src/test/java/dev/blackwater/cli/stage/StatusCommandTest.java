package dev.blackwater.cli.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.Stage;
import dev.blackwater.pipeline.StatusReport;
import dev.blackwater.pipeline.StatusReport.FactStatus;
import dev.blackwater.pipeline.StatusReport.StageStatus;
import dev.blackwater.pipeline.StatusReport.TableStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code blackwater status} prints: freshness on its own lines, changes as ages. */
class StatusCommandTest {

  private static final Instant AT = Instant.parse("2026-11-27T16:20:00.250Z");

  private static final List<TableStatus> TABLES =
      List.of(
          new TableStatus(
              "currency",
              "2022-11-03T14:20:49.962",
              "000001-20261127T161728Z",
              Duration.ofDays(1485).plusHours(2),
              3L,
              1L));

  private static final List<StageStatus> STAGES =
      List.of(new StageStatus(Stage.EXTRACT, "000001-20261127T161728Z", null, null, null));

  @Test
  void theLakeAndTheWarehouseAreFreshWhileATableIsYearsUnchanged() {
    String text =
        StatusCommand.describe(
            new StatusReport(
                AT,
                AT.minusSeconds(125),
                AT.minusSeconds(125),
                TABLES,
                List.of(
                    new FactStatus(
                        "fact_sales_order",
                        "2026-11-24T09:00:00",
                        12,
                        Duration.ofDays(3).plusHours(7))),
                STAGES));

    assertThat(text)
        .containsPattern(
            "(?m)^\\s*currency\\s+2022-11-03T14:20:49.962 .* 1485d 2h ago\\s+3\\s+1\\s*$")
        .containsPattern("(?m)^\\s*fact_sales_order\\s+12 2026-11-24T09:00:00\\s+3d 7h ago\\s*$")
        .contains("Lake fresh as of 2026-11-27T16:17:55Z, lag 2m 5s (the last extract that read")
        .contains("Warehouse fresh as of 2026-11-27T16:17:55Z, lag 2m 5s (the extract of")
        .doesNotContainIgnoringCase("lake lag")
        .doesNotContain("Freshness lag");
  }

  @Test
  void beforeTheFirstExtractOrLoadFreshnessIsNotKnown() {
    String lakeOnly =
        StatusCommand.describe(new StatusReport(AT, null, null, List.of(), List.of(), STAGES));
    String unloaded =
        StatusCommand.describe(
            new StatusReport(
                AT,
                AT.minusSeconds(3),
                null,
                TABLES,
                List.of(new FactStatus("fact_payment", null, 0, null)),
                STAGES));

    assertThat(lakeOnly)
        .contains("The ingestion zone holds no batch yet.")
        .contains("Lake fresh as of: - (no extract has read the source yet)")
        .doesNotContain("Warehouse fresh");
    assertThat(unloaded)
        .contains("Lake fresh as of 2026-11-27T16:19:57Z, lag 3s")
        .contains("Warehouse fresh as of: - (nothing loaded yet)")
        .containsPattern("(?m)^\\s*fact_payment\\s+0\\s+-\\s+-\\s*$");
  }
}
