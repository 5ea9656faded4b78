package dev.blackwater.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.ResultJson;
import dev.blackwater.cli.Cli;
import dev.blackwater.cli.dashboard.PageHtml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end, as the README's quick start runs it. */
class DemoIT {

  private final Cli cli = new Cli();

  @TempDir Path dir;

  @Test
  void runsThePipelineOnEmbeddedDefaultsAndEndsVerified() throws Exception {
    Path home = dir.resolve("demo");

    Instant before = cli.clock().instant();
    Cli.Outcome demo = cli.run("demo", "--dir", home.toString(), "--rounds", "1");
    Instant after = cli.clock().instant();

    assertThat(demo.exitCode()).as(demo.all()).isZero();
    assertThat(demo.out())
        .contains("48,066 rows in 11 tables")
        .contains("Simulated activity, round 1 of 1")
        .contains("checks passed: nothing was lost")
        .contains("Dashboard written to")
        .contains("bin/blackwater run --source-url");
    assertThat(Files.readString(home.resolve("dashboard.html")))
        .contains("application/json")
        .doesNotContain("<script src");
    assertThat(Files.readString(home.resolve(".env")))
        .contains("BLACKWATER_WAREHOUSE_URL=jdbc:postgresql://");
    assertThat(home.resolve("lake/ingestion/_batches")).isDirectory();
    assertThat(home.resolve("lake/processed/_batches")).isDirectory();
    assertHistoryRunsUpToToday(demo.out(), home, before, after);
    assertTheLakeIsFreshThoughReferenceTablesNeverChange(home, before, after);

    java.nio.file.attribute.FileTime firstPage =
        Files.getLastModifiedTime(home.resolve("dashboard.html"));
    Cli.Outcome again = cli.run("demo", "--dir", home.toString(), "--rounds", "0");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.out())
        .contains("checks passed: nothing was lost")
        .contains("Dashboard written to");
    assertThat(Files.getLastModifiedTime(home.resolve("dashboard.html")))
        .as("the page is written again")
        .isGreaterThan(firstPage);

    Path foreign = Files.createDirectories(dir.resolve("not-a-demo"));
    Files.writeString(foreign.resolve("precious.txt"), "keep me");
    Cli.Outcome refused = cli.run("demo", "--dir", foreign.toString());
    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.err()).contains("was not made by blackwater demo");
    assertThat(foreign.resolve("precious.txt")).exists();
  }

  /**
   * The seeded history ends the day before the demo's clock's today and the simulated activity
   * happens today, so the dashboard's months run without a gap from two years ago to this month,
   * every one of them with sales.
   */
  private static void assertHistoryRunsUpToToday(
      String out, Path home, Instant before, Instant after) throws Exception {
    Matcher seeded = Pattern.compile("history up to (\\d{4}-\\d{2}-\\d{2})").matcher(out);
    assertThat(seeded.find()).as(out).isTrue();
    LocalDate lastDay = LocalDate.parse(seeded.group(1));
    assertThat(lastDay).isBetween(day(before).minusDays(1), day(after).minusDays(1));

    JsonNode data =
        ResultJson.mapper()
            .readTree(PageHtml.embeddedJson(Files.readString(home.resolve("dashboard.html"))));
    String currency = data.at("/views/sales_by_currency/rows/0/0").asText();
    List<YearMonth> months = new ArrayList<>();
    for (JsonNode row : data.at("/views/sales_by_month/rows")) {
      if (row.get(1).asText().equals(currency)) {
        months.add(YearMonth.parse(row.get(0).asText().substring(0, 7)));
        assertThat(row.get(2).asLong()).as("orders in %s", row).isPositive();
      }
    }
    assertThat(months).as("sales months in " + currency).hasSizeGreaterThan(24);
    for (int i = 1; i < months.size(); i++) {
      assertThat(months.get(i))
          .as("the month after " + months.get(i - 1))
          .isEqualTo(months.get(i - 1).plusMonths(1));
    }
    assertThat(months.get(0))
        .isBetween(
            YearMonth.from(lastDay).minusMonths(26), YearMonth.from(lastDay).minusMonths(24));
    assertThat(months.get(months.size() - 1))
        .as("today's simulated orders are this month's")
        .isBetween(YearMonth.from(day(before)), YearMonth.from(day(after)));
  }

  /**
   * {@code status} on the demo's lake: the reference tables have not changed since the history
   * began, two years ago, but the lake is fresh as of the demo's last extract.
   */
  private void assertTheLakeIsFreshThoughReferenceTablesNeverChange(
      Path home, Instant before, Instant after) throws Exception {
    Cli.Outcome status =
        cli.run(
            "status",
            "--json",
            "--ingestion",
            home.resolve("lake/ingestion").toString(),
            "--processed",
            home.resolve("lake/processed").toString());
    assertThat(status.exitCode()).as(status.all()).isZero();
    JsonNode report = ResultJson.mapper().readTree(status.out());
    assertThat(Instant.parse(report.get("lakeFreshAsOf").asText())).isBetween(before, after);
    assertThat(Duration.parse(report.get("lakeLag").asText())).isLessThan(Duration.ofMinutes(5));
    for (JsonNode table : report.get("tables")) {
      if (table.get("table").asText().equals("currency")) {
        assertThat(Duration.parse(table.get("changeAge").asText()))
            .isGreaterThan(Duration.ofDays(700));
      }
    }
  }

  private static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }
}
