package dev.blackwater.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.ResultJson;
import dev.blackwater.Stage;
import dev.blackwater.cli.Cli;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.pipeline.RunLog;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.warehouse.WarehouseSchema;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders dashboards in headless Chromium, as of the test clock's today, and fails on any error the
 * page records or logs, on any chart without points, when the page never finishes rendering, and on
 * what a screenshot of each chart shows: a chart that is blank, or flat at zero across its months.
 * Two pages: the demo's, as a new user gets it (its history runs up to today, its designs share
 * names), and a sample warehouse's whose source has been quiet for a month but whose lake read it a
 * moment ago. Together they cover the dashboard's three promises: months without a gap up to this
 * one, a name that means one design, and freshness that is the warehouse's, not the age of the
 * newest change. Runs only with {@code -Pbrowser} (CI installs Chromium); the pages, their DOMs and
 * screenshots stay in {@code target/dashboard-browser/} for a look.
 */
@ExtendWith(PostgresExtension.class)
class DashboardBrowserIT {

  private static final Path OUT = Path.of("target", "dashboard-browser");
  private static final int CHARTS = 10;
  private static final Set<String> OVER_MONTHS =
      Set.of("sales_by_month", "purchases_by_month", "payments_by_month");
  private static final List<String> RANKINGS =
      List.of(
          "top_designs",
          "sales_by_department",
          "sales_by_staff",
          "sales_by_country",
          "sales_by_city");
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

  /** Every command line of this test reads one ticking test clock. */
  private static final Cli CLI = new Cli();

  @TempDir static Path lakes;

  private static SampleWarehouse sample;
  private static Path page;
  private static Path emptyPage;
  private static Instant quietExtract;
  private static Path demoPage;
  private static Instant demoStarted;
  private static Instant demoEnded;
  private static JsonNode demoStatus;

  @BeforeAll
  static void writePages(TestDatabase db) throws Exception {
    assertThat(HeadlessChromium.installed())
        .as(
            HeadlessChromium.EXECUTABLE
                + " is missing: install Debian's chromium package, or build without -Pbrowser")
        .isTrue();
    Files.createDirectories(OUT);
    sample = SampleWarehouse.fill(db, "public", day(CLI.clock().instant()));

    // A lake whose last extract, a moment ago, read the source and found nothing new.
    Path ingestion = Files.createDirectories(lakes.resolve("ingestion"));
    Path processed = Files.createDirectories(lakes.resolve("processed"));
    RunLog runs = new RunLog(new LocalLakeStore(ingestion), CLI.clock());
    runs.run(Stage.EXTRACT, "quiet", () -> "nothing new", result -> null);
    quietExtract = runs.latestSuccess(Stage.EXTRACT).orElseThrow().startedAt();

    page = OUT.resolve("dashboard.html");
    dashboard(db, page, "--ingestion", ingestion.toString(), "--processed", processed.toString());
    new WarehouseSchema(SampleWarehouse.config(db), "empty_dw").migrate();
    emptyPage = OUT.resolve("empty.html");
    dashboard(db, emptyPage, "--warehouse-schema", "empty_dw");

    Path demo = OUT.resolve("demo");
    demoStarted = CLI.clock().instant();
    Cli.Outcome ran = CLI.run("demo", "--dir", demo.toString(), "--rounds", "1");
    demoEnded = CLI.clock().instant();
    assertThat(ran.exitCode()).as(ran.all()).isZero();
    demoPage = demo.resolve("dashboard.html");
    Cli.Outcome status =
        CLI.run(
            "status",
            "--json",
            "--ingestion",
            demo.resolve("lake/ingestion").toString(),
            "--processed",
            demo.resolve("lake/processed").toString());
    assertThat(status.exitCode()).as(status.all()).isZero();
    demoStatus = ResultJson.mapper().readTree(status.out());
  }

  private static void dashboard(TestDatabase db, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "dashboard",
                "--out",
                out.toString(),
                "--warehouse-url",
                db.jdbcUrl(),
                "--warehouse-user",
                db.user(),
                "--warehouse-password",
                db.password()));
    args.addAll(List.of(more));
    Cli.Outcome outcome = CLI.run(args.toArray(String[]::new));
    assertThat(outcome.exitCode()).as(outcome.all()).isZero();
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
    assertThat(chartProblems(rendered, screenshot(page, rendered, "profile"))).isEmpty();
  }

  /**
   * The demo's page as a new user gets it today: every chart drawn and visible, and the months run
   * without a gap, none of them flat at zero, from two years ago up to this month, when today's
   * simulated orders were made.
   */
  @Test
  void theDemosPageShowsEveryMonthUpToThisOne() throws Exception {
    HeadlessChromium.Rendered rendered = HeadlessChromium.render(demoPage, OUT.resolve("demo"));

    assertThat(rendered.problems()).isEmpty();
    assertThat(rendered.charts()).hasSize(CHARTS);
    assertThat(chartProblems(rendered, screenshot(demoPage, rendered, "demo"))).isEmpty();
    for (String view : List.of("sales_by_month", "purchases_by_month")) {
      List<YearMonth> months =
          rendered.marks(view).stream()
              .map(title -> YearMonth.parse(title.substring(0, title.indexOf(':')), MONTH))
              .toList();
      assertThat(months).as(view).hasSizeGreaterThan(24);
      for (int i = 1; i < months.size(); i++) {
        assertThat(months.get(i)).as(view).isEqualTo(months.get(i - 1).plusMonths(1));
      }
      assertThat(months.get(months.size() - 1))
          .as(view + ": the last month is the one of today's simulated orders")
          .isBetween(YearMonth.from(day(demoStarted)), YearMonth.from(day(demoEnded)));
    }
  }

  /**
   * A name means one design: every bar of a ranking is another label, and Top designs labels each
   * design with its id. The sample's two Granites show as two designs; the demo's top ten hold
   * designs that share a name too, told apart the same way.
   */
  @Test
  void aDesignNameMeansOneDesign() throws Exception {
    HeadlessChromium.Rendered sampled = HeadlessChromium.render(page, OUT.resolve("designs"));
    HeadlessChromium.Rendered demo = HeadlessChromium.render(demoPage, OUT.resolve("demo-designs"));

    for (HeadlessChromium.Rendered rendered : List.of(sampled, demo)) {
      for (String view : RANKINGS) {
        assertThat(rendered.categories(view)).as(view).isNotEmpty().doesNotHaveDuplicates();
      }
      assertThat(rendered.categories("top_designs")).allMatch(l -> l.matches(".+ \\(#\\d+\\)"));
    }
    assertThat(sampled.categories("top_designs")).contains("Granite (#3)", "Granite (#12)");
    List<String> names =
        demo.categories("top_designs").stream()
            .map(l -> l.substring(0, l.lastIndexOf(" (#")))
            .toList();
    assertThat(names)
        .as("the demo's top ten hold designs that share a name: the trap is really there")
        .hasSizeGreaterThan(new HashSet<>(names).size());
  }

  /**
   * The header's freshness is the warehouse's, from the lake: the sample's source has been quiet
   * for a month, yet the page is up to date as of the extract that read it a moment ago, and the
   * newest change is shown as a time, apart. The demo's page is up to date as of its last extract.
   */
  @Test
  void freshnessIsTheWarehousesNotTheAgeOfTheNewestChange() throws Exception {
    HeadlessChromium.Rendered quiet = HeadlessChromium.render(page, OUT.resolve("freshness"));
    HeadlessChromium.Rendered demo =
        HeadlessChromium.render(demoPage, OUT.resolve("demo-freshness"));

    LocalDateTime newest = sample.newestUpdate();
    assertThat(Duration.between(newest.toInstant(ZoneOffset.UTC), quietExtract))
        .as("the sample's source has been quiet for weeks")
        .isGreaterThan(Duration.ofDays(SampleWarehouse.QUIET_DAYS));
    assertThat(quiet.text("fresh-as-of"))
        .startsWith(SHOWN.format(quietExtract) + ", ")
        .matches(".*, (\\d+ms|\\d+s|\\d+m \\d+s) before this page");
    assertThat(quiet.text("newest-change")).isEqualTo(DashboardPage.sourceTime(newest.toString()));
    assertThat(quiet.text("freshness"))
        .contains("Sales orders", "Purchase orders", "Payments")
        .doesNotContainPattern("(?i)\\blag\\b|\\bago\\b|stale");
    assertThat(
            HeadlessChromium.Rendered.attribute(
                quiet.startTag("freshness"), "section", "data-rows"))
        .isEqualTo("3");

    // Status read the demo's lake alone: with nothing waiting for transform or load after the
    // demo's
    // last cycle, the warehouse the page showed was as fresh as the lake.
    Instant demoFresh = Instant.parse(demoStatus.get("lakeFreshAsOf").asText());
    assertThat(demoFresh).isBetween(demoStarted, demoEnded);
    assertThat(demo.text("fresh-as-of")).startsWith(SHOWN.format(demoFresh) + ", ");
    assertThat(demo.text("newest-change").substring(0, 10))
        .as("today's simulated changes are the newest")
        .isBetween(day(demoStarted).toString(), day(demoEnded).toString());
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
    assertThat(rendered.text("fresh-as-of")).startsWith("not known");
  }

  @Test
  void aScriptThatDoesNotParseFailsTheCheck() throws Exception {
    HeadlessChromium.Rendered rendered =
        sabotaged(
            page, "syntax", "window.dashboardErrors.done();", "window.dashboardErrors.done(;");

    assertThat(rendered.problems())
        .anySatisfy(p -> assertThat(p).contains("never marked itself rendered"))
        .anySatisfy(p -> assertThat(p).contains("empty chart"))
        .anySatisfy(p -> assertThat(p).contains("console: ").contains("SyntaxError"));
  }

  @Test
  void aChartThatThrowsFailsTheCheck() throws Exception {
    HeadlessChromium.Rendered rendered =
        sabotaged(
            page,
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
        sabotaged(page, "empty", "var shown = list.slice(0, limit);", "var shown = [];");

    assertThat(rendered.problems())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p).contains("empty chart (data-points=0)"));
  }

  /** Marks drawn but invisible: the DOM counts points, only the screenshot shows nothing. */
  @Test
  void chartsDrawnInvisiblyFailTheScreenshotCheck() throws Exception {
    String invisible = "var COLOURS = ['transparent', 'transparent', 'transparent', ";
    Path copy = sabotage(page, "invisible", "var COLOURS = ['#2b6cb0', '#dd6b20', ", invisible);
    HeadlessChromium.Rendered rendered =
        HeadlessChromium.render(copy, OUT.resolve("profile-invisible"));

    assertThat(rendered.problems()).isEmpty();
    assertThat(chartProblems(rendered, screenshot(copy, rendered, "profile-invisible")))
        .hasSize(CHARTS - 1 + OVER_MONTHS.size())
        .anySatisfy(p -> assertThat(p).contains("chart top_designs is blank in the screenshot"))
        .noneSatisfy(p -> assertThat(p).contains("sales_by_currency"));
  }

  /** The demo's page as it was before its history reached today: months flat at zero. */
  @Test
  void monthsFlatAtZeroFailTheScreenshotCheck() throws Exception {
    Path copy =
        sabotage(
            demoPage, "flat", "return values[name][m] == null ? 0 : values[name][m];", "return 0;");
    HeadlessChromium.Rendered rendered = HeadlessChromium.render(copy, OUT.resolve("profile-flat"));

    assertThat(rendered.problems()).isEmpty();
    List<String> problems = chartProblems(rendered, screenshot(copy, rendered, "profile-flat"));
    assertThat(problems)
        .allSatisfy(p -> assertThat(p).containsAnyOf(OVER_MONTHS.toArray(String[]::new)));
    for (String view : OVER_MONTHS) {
      assertThat(problems)
          .anySatisfy(p -> assertThat(p).startsWith("chart " + view + " lies flat on zero"));
    }
  }

  /** Top designs by name alone, as before: the sample's two Granites are one name twice. */
  @Test
  void aDesignNameShownTwiceFailsTheCheck() throws Exception {
    Path copy = sabotage(page, "names", "return r.design_label;", "return r.design_name;");
    HeadlessChromium.Rendered rendered =
        HeadlessChromium.render(copy, OUT.resolve("profile-names"));

    assertThat(chartProblems(rendered, screenshot(copy, rendered, "profile-names")))
        .containsExactly("chart top_designs shows Granite twice");
  }

  /**
   * What the page's DOM and a screenshot of it show wrong with each chart: a ranking that shows a
   * label twice; a chart blank in the screenshot; a chart over months flat at zero.
   */
  private static List<String> chartProblems(
      HeadlessChromium.Rendered rendered, BufferedImage screenshot) {
    List<String> problems = new ArrayList<>();
    for (String view : RANKINGS) {
      Map<String, Long> labels =
          rendered.categories(view).stream()
              .collect(Collectors.groupingBy(l -> l, Collectors.counting()));
      labels.forEach(
          (label, count) -> {
            if (count > 1) {
              problems.add(
                  "chart "
                      + view
                      + " shows "
                      + label
                      + (count == 2 ? " twice" : " " + count + " times"));
            }
          });
    }
    Map<String, int[]> boxes = rendered.boxes();
    assertThat(boxes).hasSize(CHARTS);
    boxes.forEach(
        (view, box) ->
            problems.addAll(
                ChartPicture.cut(screenshot, view, box)
                    .problems(OVER_MONTHS.contains(view) ? rendered.zeroLine(view) : null)));
    return problems;
  }

  private static BufferedImage screenshot(
      Path file, HeadlessChromium.Rendered rendered, String name) throws Exception {
    return HeadlessChromium.screenshot(file, OUT.resolve(name), rendered.height());
  }

  /** Renders a copy of the page with one piece of its script replaced. */
  private static HeadlessChromium.Rendered sabotaged(
      Path original, String name, String code, String broken) throws Exception {
    return HeadlessChromium.render(
        sabotage(original, name, code, broken), OUT.resolve("profile-" + name));
  }

  /** A copy of the page with one piece of its script replaced. */
  private static Path sabotage(Path original, String name, String code, String broken)
      throws Exception {
    String html = Files.readString(original);
    assertThat(html).contains(code);
    Path copy = OUT.resolve("sabotaged-" + name + ".html");
    Files.writeString(copy, html.replace(code, broken));
    return copy;
  }

  private static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  /** Text as the DOM serialises it. */
  private static String text(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
