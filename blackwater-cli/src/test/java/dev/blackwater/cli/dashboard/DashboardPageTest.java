package dev.blackwater.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.ResultJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DashboardPageTest {

  private static final String HOSTILE =
      "</script><script>alert('x')</script><!-- \"quoted\" & 'single' \u2028 {{data}} $1 \\";

  @Test
  void embeddedTextCannotEndTheScriptElementAndReadsBackUnchanged() throws Exception {
    String html = new DashboardPage().render(snapshot(HOSTILE, 12));

    assertThat(html).doesNotContain("<script>alert").doesNotContain("<!-- \"quoted");
    assertThat(PageHtml.count(html, "<script")).isEqualTo(PageHtml.count(html, "</script>"));
    JsonNode data = ResultJson.mapper().readTree(PageHtml.embeddedJson(html));
    assertThat(data.at("/views/top_designs/rows/0/3").asText()).isEqualTo(HOSTILE);
    assertThat(data.at("/views/top_designs/rows/0/7").decimalValue())
        .isEqualByComparingTo("1234.50");
    assertThat(data.at("/newestChange").asText()).isEqualTo("2025-02-28T17:45:12.25");
    assertThat(data.at("/freshAsOf").asText()).isEqualTo("2025-03-01T11:58:30Z");
    assertThat(data.at("/empty").asBoolean()).isFalse();
  }

  @Test
  void headerTextIsEscapedAndNamesWhereAndWhen() {
    String html = new DashboardPage().render(snapshot("Wooden", 12));

    assertThat(html)
        .contains("2025-03-01 12:00:00 UTC")
        .contains("db.example:5432/warehouse&lt;b&gt;, schema dw")
        .contains(">2025-02-28 17:45:12</dd>")
        .contains(">2025-03-01 11:58:30 UTC, 1m 30s before this page</dd>")
        .doesNotContain("id=\"empty\"")
        .doesNotContain("{{");
  }

  /**
   * The header's freshness is the warehouse's, from the lake; the newest change is only the
   * source's last change. Without the lake the page says the freshness is not known rather than
   * pass the newest change off as it.
   */
  @Test
  void freshnessIsTheWarehousesNotTheAgeOfTheNewestChange() {
    DashboardSnapshot known = snapshot("Wooden", 12);
    DashboardSnapshot unknown =
        new DashboardSnapshot(
            known.generatedAt(),
            known.warehouse(),
            known.schema(),
            Optional.empty(),
            known.views());

    assertThat(DashboardPage.freshAsOf(known))
        .isEqualTo("2025-03-01 11:58:30 UTC, 1m 30s before this page");
    assertThat(new DashboardPage().render(unknown))
        .contains(">not known (blackwater dashboard tells it when given the lake")
        .contains(">2025-02-28 17:45:12</dd>");
    assertThat(DashboardPage.sourceTime("2025-02-28T17:45:12.250"))
        .isEqualTo("2025-02-28 17:45:12");
    assertThat(DashboardPage.sourceTime("2025-02-28T17:45")).isEqualTo("2025-02-28 17:45");
  }

  @Test
  void anEmptyWarehouseSaysSo() {
    String html = new DashboardPage().render(snapshot("Wooden", 0));

    assertThat(html).contains("id=\"empty\"").contains("no facts yet");
  }

  @Test
  void theScriptsAndStylesCannotEndTheirElementsEarly() {
    String html = new DashboardPage().render(snapshot("Wooden", 12));

    assertThat(PageHtml.count(html, "<script")).isEqualTo(4);
    assertThat(PageHtml.count(html, "</script>")).isEqualTo(4);
    assertThat(PageHtml.count(html, "</style>")).isEqualTo(1);
  }

  @Test
  void htmlEscapesTheFiveSpecialCharacters() {
    assertThat(DashboardPage.html("<a href=\"x\">Tom & Jerry's</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  }

  private static DashboardSnapshot snapshot(String designName, long facts) {
    Map<DashboardView, ViewResult> views = new EnumMap<>(DashboardView.class);
    for (DashboardView view : DashboardView.values()) {
      views.put(view, new ViewResult(List.of("x"), List.of()));
    }
    views.put(
        DashboardView.FRESHNESS,
        new ViewResult(
            List.of("fact_table", "current_rows", "versions", "deleted", "last_updated"),
            List.of(
                java.util.Arrays.asList(
                    "fact_sales_order",
                    facts,
                    facts,
                    0L,
                    facts == 0 ? null : "2025-02-28T17:45:12.25"),
                java.util.Arrays.asList("fact_payment", 0L, 0L, 0L, null))));
    views.put(
        DashboardView.TOP_DESIGNS,
        new ViewResult(
            List.of(
                "currency_code",
                "sales_rank",
                "design_id",
                "design_name",
                "design_label",
                "orders",
                "units_sold",
                "sales_value"),
            List.of(
                List.of(
                    "GBP",
                    1L,
                    7L,
                    designName,
                    designName + " (#7)",
                    3L,
                    300L,
                    new BigDecimal("1234.50")))));
    return new DashboardSnapshot(
        Instant.parse("2025-03-01T12:00:00Z"),
        "db.example:5432/warehouse<b>",
        "dw",
        Optional.of(Instant.parse("2025-03-01T11:58:30Z")),
        views);
  }
}
