package dev.blackwater.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.cli.Cli;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.warehouse.WarehouseSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Renders the dashboard of a filled warehouse in headless Chromium and fails on any error the page
 * records or logs, on any chart without points, or when the page never finishes rendering. Runs
 * only with {@code -Pbrowser} (CI installs Chromium); the page and its DOM stay in {@code
 * target/dashboard-browser/} for a look.
 */
@ExtendWith(PostgresExtension.class)
class DashboardBrowserIT {

  private static final Path OUT = Path.of("target", "dashboard-browser");
  private static final int CHARTS = 10;

  private static Path page;
  private static Path emptyPage;

  @BeforeAll
  static void writePages(TestDatabase db) throws Exception {
    assertThat(HeadlessChromium.installed())
        .as(
            HeadlessChromium.EXECUTABLE
                + " is missing: install Debian's chromium package, or build without -Pbrowser")
        .isTrue();
    SampleWarehouse.fill(
        db, "public", LocalDate.ofInstant(TestClock.ticking().instant(), ZoneOffset.UTC));
    Files.createDirectories(OUT);
    page = OUT.resolve("dashboard.html");
    Cli.Outcome outcome =
        new Cli()
            .run(
                "dashboard",
                "--out",
                page.toString(),
                "--warehouse-url",
                db.jdbcUrl(),
                "--warehouse-user",
                db.user(),
                "--warehouse-password",
                db.password());
    assertThat(outcome.exitCode()).as(outcome.all()).isZero();
    new WarehouseSchema(SampleWarehouse.config(db), "empty_dw").migrate();
    emptyPage = OUT.resolve("empty.html");
    Cli.Outcome empty =
        new Cli()
            .run(
                "dashboard",
                "--out",
                emptyPage.toString(),
                "--warehouse-url",
                db.jdbcUrl(),
                "--warehouse-user",
                db.user(),
                "--warehouse-password",
                db.password(),
                "--warehouse-schema",
                "empty_dw");
    assertThat(empty.exitCode()).as(empty.all()).isZero();
  }

  @Test
  void everyChartDrawsItsPointsWithoutAnError() throws Exception {
    HeadlessChromium.Rendered rendered = HeadlessChromium.render(page, OUT.resolve("profile"));

    assertThat(rendered.problems()).isEmpty();
    assertThat(rendered.charts()).hasSize(CHARTS);
    assertThat(rendered.dom())
        .contains("<title>Totesys sales dashboard</title>")
        .contains(text(SampleWarehouse.HOSTILE_DESIGN))
        .contains(text(SampleWarehouse.HOSTILE_CITY))
        .contains("<option value=\"GBP\">GBP</option>");
  }

  @Test
  void anEmptyWarehouseShowsItsNoticeInsteadOfCharts() throws Exception {
    HeadlessChromium.Rendered rendered =
        HeadlessChromium.render(emptyPage, OUT.resolve("profile-no-facts"));

    assertThat(rendered.problems())
        .hasSize(CHARTS)
        .allSatisfy(p -> assertThat(p).startsWith("empty chart (data-points=null)"));
    assertThat(rendered.dom())
        .contains("id=\"empty\"")
        .contains("<main id=\"charts\" hidden=\"\">");
  }

  @Test
  void aScriptThatDoesNotParseFailsTheCheck() throws Exception {
    HeadlessChromium.Rendered rendered =
        sabotaged("syntax", "window.dashboardErrors.done();", "window.dashboardErrors.done(;");

    assertThat(rendered.problems())
        .anySatisfy(p -> assertThat(p).contains("never marked itself rendered"))
        .anySatisfy(p -> assertThat(p).contains("empty chart"))
        .anySatisfy(p -> assertThat(p).contains("console: ").contains("SyntaxError"));
  }

  @Test
  void aChartThatThrowsFailsTheCheck() throws Exception {
    HeadlessChromium.Rendered rendered =
        sabotaged(
            "throws",
            "return Charts.line(plot(section), spec);",
            "return Charts.lines(plot(section), spec);");

    assertThat(rendered.problems())
        .anySatisfy(p -> assertThat(p).contains("recorded errors").contains("sales_by_month"))
        .anySatisfy(p -> assertThat(p).contains("empty chart"));
  }

  @Test
  void aChartWithoutPointsFailsTheCheck() throws Exception {
    HeadlessChromium.Rendered rendered =
        sabotaged("empty", "var shown = list.slice(0, limit);", "var shown = [];");

    assertThat(rendered.problems())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p).contains("empty chart (data-points=0)"));
  }

  /** Renders a copy of the page with one piece of its script replaced. */
  private static HeadlessChromium.Rendered sabotaged(String name, String code, String broken)
      throws Exception {
    String html = Files.readString(page);
    assertThat(html).contains(code);
    Path copy = OUT.resolve("sabotaged-" + name + ".html");
    Files.writeString(copy, html.replace(code, broken));
    return HeadlessChromium.render(copy, OUT.resolve("profile-" + name));
  }

  /** Text as the DOM serialises it. */
  private static String text(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
