package dev.blackwater.cli.dashboard;

import static dev.blackwater.cli.dashboard.SampleWarehouse.HOSTILE_CITY;
import static dev.blackwater.cli.dashboard.SampleWarehouse.HOSTILE_DESIGN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.ResultJson;
import dev.blackwater.Stage;
import dev.blackwater.cli.Cli;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.pipeline.RunLog;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.warehouse.WarehouseSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class DashboardIT {

  private final Cli cli = new Cli();

  private static final Clock CLOCK = TestClock.fixed();

  private static SampleWarehouse sample;
  private static DashboardSnapshot snapshot;

  @BeforeAll
  static void fill(TestDatabase db) {
    sample =
        SampleWarehouse.fill(db, "public", LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC));
    snapshot = new Dashboard(SampleWarehouse.config(db), "public", CLOCK).read(Optional.empty());
  }

  @Test
  void salesViewsAddUpTheCurrentVersionOfEachOrderPerCurrency() {
    assertThat(sums(DashboardView.SALES_BY_MONTH, "sales_value", "month", "currency_code"))
        .isEqualTo(
            expected(
                sample.sales,
                s -> s.created().withDayOfMonth(1) + "|" + s.currency(),
                SampleWarehouse.Sale::value));
    assertThat(sums(DashboardView.SALES_BY_CURRENCY, "sales_value", "currency_code"))
        .isEqualTo(
            expected(sample.sales, SampleWarehouse.Sale::currency, SampleWarehouse.Sale::value));
    assertThat(sums(DashboardView.SALES_BY_CURRENCY, "units_sold", "currency_code"))
        .isEqualTo(
            expected(
                sample.sales, SampleWarehouse.Sale::currency, s -> BigDecimal.valueOf(s.units())));
    assertThat(sums(DashboardView.SALES_BY_STAFF, "sales_value", "staff_name", "currency_code"))
        .isEqualTo(
            expected(
                sample.sales,
                s -> s.staff().name() + "|" + s.currency(),
                SampleWarehouse.Sale::value));
    assertThat(
            sums(
                DashboardView.SALES_BY_DEPARTMENT,
                "sales_value",
                "department_name",
                "currency_code"))
        .isEqualTo(
            expected(
                sample.sales,
                s -> s.staff().department() + "|" + s.currency(),
                SampleWarehouse.Sale::value));
    assertThat(sums(DashboardView.SALES_BY_COUNTRY, "orders", "country", "currency_code"))
        .isEqualTo(
            expected(
                sample.sales,
                s -> s.location().country() + "|" + s.currency(),
                s -> BigDecimal.ONE));
    assertThat(sums(DashboardView.SALES_BY_CITY, "sales_value", "city", "country", "currency_code"))
        .isEqualTo(
            expected(
                sample.sales,
                s -> s.location().city() + "|" + s.location().country() + "|" + s.currency(),
                SampleWarehouse.Sale::value));
    assertThat(snapshot.view(DashboardView.SALES_BY_CITY).column("city")).contains(HOSTILE_CITY);
  }

  @Test
  void topDesignsAreTheTenBestSellersOfEachCurrency() {
    ViewResult top = snapshot.view(DashboardView.TOP_DESIGNS);
    for (String currency : SampleWarehouse.CURRENCIES) {
      Map<Integer, BigDecimal> byDesign =
          sample.sales.stream()
              .filter(s -> s.currency().equals(currency))
              .collect(
                  Collectors.groupingBy(
                      SampleWarehouse.Sale::design,
                      Collectors.reducing(
                          BigDecimal.ZERO, SampleWarehouse.Sale::value, BigDecimal::add)));
      List<Long> expectedOrder =
          byDesign.entrySet().stream()
              .sorted(
                  Map.Entry.<Integer, BigDecimal>comparingByValue(Comparator.reverseOrder())
                      .thenComparing(Map.Entry.comparingByKey()))
              .limit(10)
              .map(e -> (long) e.getKey())
              .toList();
      List<Object> actualOrder = new ArrayList<>();
      List<Object> ranks = new ArrayList<>();
      for (List<Object> row : top.rows()) {
        if (row.get(top.columns().indexOf("currency_code")).equals(currency)) {
          actualOrder.add(row.get(top.columns().indexOf("design_id")));
          ranks.add(row.get(top.columns().indexOf("sales_rank")));
        }
      }
      assertThat(actualOrder).as(currency).isEqualTo(new ArrayList<Object>(expectedOrder));
      assertThat(ranks).isEqualTo(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L));
    }
    assertThat(top.rows())
        .as("the hostile design sells best in GBP")
        .anySatisfy(
            row -> assertThat(row.subList(0, 4)).isEqualTo(List.of("GBP", 1L, 1L, HOSTILE_DESIGN)));
  }

  /**
   * A design is its id and names repeat (designs 3 and 12 are both Granite): each row's label is
   * its name and id, so no label stands for two designs, and both Granites are told apart.
   */
  @Test
  void topDesignsLabelEachDesignWithItsIdSoANameMeansOneDesign() {
    ViewResult top = snapshot.view(DashboardView.TOP_DESIGNS);
    int currency = top.columns().indexOf("currency_code");
    int id = top.columns().indexOf("design_id");
    int name = top.columns().indexOf("design_name");
    int label = top.columns().indexOf("design_label");
    assertThat(label).as("design_label follows design_name").isEqualTo(name + 1);
    Map<Object, List<Object>> labels = new TreeMap<>();
    for (List<Object> row : top.rows()) {
      assertThat(row.get(label)).isEqualTo(row.get(name) + " (#" + row.get(id) + ")");
      labels.computeIfAbsent(row.get(currency), c -> new ArrayList<>()).add(row.get(label));
    }
    assertThat(labels).containsOnlyKeys(SampleWarehouse.CURRENCIES.toArray());
    labels.forEach((code, list) -> assertThat(list).as(code.toString()).doesNotHaveDuplicates());
    assertThat(top.rows())
        .filteredOn(row -> row.get(currency).equals("GBP"))
        .filteredOn(row -> row.get(name).equals(SampleWarehouse.SHARED_DESIGN_NAME))
        .as("both Granites sell in GBP's top ten, told apart")
        .extracting(row -> row.get(label))
        .containsExactlyInAnyOrder("Granite (#3)", "Granite (#12)");
  }

  @Test
  void purchaseAndPaymentViewsAddUpTheCurrentVersions() {
    assertThat(sums(DashboardView.PURCHASES_BY_MONTH, "purchase_value", "month", "currency_code"))
        .isEqualTo(
            expected(
                sample.purchases,
                p -> p.created().withDayOfMonth(1) + "|" + p.currency(),
                SampleWarehouse.Purchase::value));
    assertThat(
            sums(
                DashboardView.PAYMENTS_BY_MONTH,
                "amount",
                "month",
                "currency_code",
                "transaction_type"))
        .isEqualTo(
            expected(
                sample.payments,
                p -> p.paymentDate().withDayOfMonth(1) + "|" + p.currency() + "|" + p.type(),
                SampleWarehouse.Payment::amount));
    assertThat(
            sums(
                DashboardView.PAYMENTS_BY_MONTH,
                "paid_amount",
                "month",
                "currency_code",
                "transaction_type"))
        .isEqualTo(
            expected(
                sample.payments,
                p -> p.paymentDate().withDayOfMonth(1) + "|" + p.currency() + "|" + p.type(),
                p -> p.paid() ? p.amount() : BigDecimal.ZERO));
    assertThat(
            sums(
                DashboardView.PAID_VS_UNPAID,
                "amount",
                "currency_code",
                "transaction_type",
                "paid"))
        .isEqualTo(
            expected(
                sample.payments,
                p -> p.currency() + "|" + p.type() + "|" + p.paid(),
                SampleWarehouse.Payment::amount));
    assertThat(sums(DashboardView.PAID_VS_UNPAID, "payments", "paid"))
        .containsOnlyKeys("true", "false")
        .isEqualTo(expected(sample.payments, p -> String.valueOf(p.paid()), p -> BigDecimal.ONE));
  }

  @Test
  void freshnessCountsFactsVersionsAndTheNewestUpdate() {
    assertThat(sums(DashboardView.FRESHNESS, "current_rows", "fact_table"))
        .containsEntry("fact_sales_order", money(300))
        .containsEntry("fact_purchase_order", money(120))
        .containsEntry("fact_payment", money(360));
    assertThat(sums(DashboardView.FRESHNESS, "versions", "fact_table"))
        .containsEntry("fact_sales_order", money(300 + sample.olderSales))
        .containsEntry("fact_purchase_order", money(120 + sample.olderPurchases))
        .containsEntry("fact_payment", money(360 + sample.olderPayments));
    assertThat(snapshot.newestChange()).contains(sample.newestUpdate().toString());
    assertThat(snapshot.freshAsOf()).isEmpty();
    assertThat(snapshot.facts()).isEqualTo(780);
    assertThat(snapshot.generatedAt()).isEqualTo(CLOCK.instant());
  }

  @Test
  void aFactDeletedFromTheSourceIsCountedApartAndLeftOutOfTheCharts(TestDatabase db)
      throws SQLException {
    SampleWarehouse deletions =
        SampleWarehouse.fill(db, "deletions", LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC));
    try (Connection c = db.connect()) {
      c.setSchema("deletions");
      List<String> columns = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT column_name FROM information_schema.columns WHERE table_schema ="
                      + " 'deletions' AND table_name = 'fact_sales_order' AND column_name <>"
                      + " 'sales_record_id' ORDER BY ordinal_position")) {
        while (r.next()) {
          columns.add(r.getString(1));
        }
      }
      String values =
          columns.stream()
              .map(
                  col ->
                      switch (col) {
                        case "last_updated_time" -> "time '23:59:59.999'";
                        case "deleted_at" -> "last_updated_date + time '23:59:59.999'";
                        default -> col;
                      })
              .collect(Collectors.joining(", "));
      try (Statement s = c.createStatement()) {
        // what load writes for a deleted fact: a final version recording the deletion
        s.executeUpdate(
            "INSERT INTO fact_sales_order ("
                + String.join(", ", columns)
                + ") SELECT "
                + values
                + " FROM fact_sales_order_current WHERE sales_order_id ="
                + " (SELECT max(sales_order_id) FROM fact_sales_order_current)");
      }
    }

    DashboardSnapshot after =
        new Dashboard(SampleWarehouse.config(db), "deletions", CLOCK).read(Optional.empty());
    assertThat(sums(after, DashboardView.FRESHNESS, "current_rows", "fact_table"))
        .containsEntry("fact_sales_order", money(299))
        .containsEntry("fact_payment", money(360));
    assertThat(sums(after, DashboardView.FRESHNESS, "deleted", "fact_table"))
        .containsEntry("fact_sales_order", money(1))
        .containsEntry("fact_purchase_order", money(0))
        .containsEntry("fact_payment", money(0));
    assertThat(sums(after, DashboardView.FRESHNESS, "versions", "fact_table"))
        .containsEntry("fact_sales_order", money(300 + deletions.olderSales + 1));
    assertThat(
            sums(after, DashboardView.SALES_BY_COUNTRY, "orders", "country").values().stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .as("the deleted order is in no chart")
        .isEqualByComparingTo(BigDecimal.valueOf(299));
  }

  /** QuickSight runs a custom SQL data set as a subquery: every file must work as one. */
  @Test
  void everyQueryRunsAsASubqueryWithUnqualifiedNames(TestDatabase db) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      c.setSchema("public");
      for (DashboardView view : DashboardView.values()) {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM (" + view.sql() + ") AS q")) {
          r.next();
          assertThat(r.getLong(1)).as(view.viewName()).isPositive();
        }
      }
    }
  }

  /**
   * QuickSight's custom-SQL data sets declare their columns (terraform/modules/quicksight/
   * dataset_columns.json): the same names, in the same order, with the QuickSight type of what each
   * query returns.
   */
  @Test
  void quickSightColumnsAreWhatEachQueryReturns(TestDatabase db) throws Exception {
    JsonNode declared =
        ResultJson.mapper()
            .readTree(Path.of("../terraform/modules/quicksight/dataset_columns.json").toFile());
    List<String> names = new ArrayList<>();
    declared.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactlyInAnyOrderElementsOf(
            java.util.Arrays.stream(DashboardView.values()).map(DashboardView::viewName).toList());
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      c.setSchema("public");
      for (DashboardView view : DashboardView.values()) {
        List<String> actual = new ArrayList<>();
        try (ResultSet r = s.executeQuery("SELECT * FROM (" + view.sql() + ") AS q LIMIT 0")) {
          java.sql.ResultSetMetaData meta = r.getMetaData();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            actual.add(meta.getColumnLabel(i) + " " + quickSightType(meta.getColumnTypeName(i)));
          }
        }
        List<String> expected = new ArrayList<>();
        declared
            .path(view.viewName())
            .forEach(
                col -> expected.add(col.path("name").asText() + " " + col.path("type").asText()));
        assertThat(expected).as(view.viewName()).isEqualTo(actual);
      }
    }
  }

  /** The QuickSight input column type of a PostgreSQL result type. */
  private static String quickSightType(String postgres) {
    return switch (postgres) {
      case "text", "varchar", "bpchar", "name" -> "STRING";
      case "int2", "int4", "int8" -> "INTEGER";
      case "numeric", "float4", "float8" -> "DECIMAL";
      case "date", "timestamp", "timestamptz" -> "DATETIME";
      case "bool" -> "BOOLEAN";
      default -> "unmapped PostgreSQL type " + postgres;
    };
  }

  @Test
  void commandWritesASelfContainedPage(TestDatabase db, @TempDir Path dir) throws Exception {
    Path page = dir.resolve("dashboard.html");
    String password = db.password().isEmpty() ? "not-in-the-page-7c1d" : db.password();

    Cli.Outcome outcome =
        cli.run(
            "dashboard",
            "--out",
            page.toString(),
            "--warehouse-url",
            db.jdbcUrl(),
            "--warehouse-user",
            db.user(),
            "--warehouse-password",
            password);

    assertThat(outcome.exitCode()).as(outcome.all()).isZero();
    assertThat(outcome.out())
        .contains("written to " + page.toAbsolutePath())
        .contains("780 facts")
        .contains(sample.newestUpdate().toString().replace('T', ' '));
    String html = Files.readString(page);
    assertThat(html)
        .doesNotContainPattern("(?i)<script[^>]*\\ssrc\\s*=")
        .doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//")
        .doesNotContainPattern("(?i)@import|url\\(")
        .doesNotContain("</script><script>document.title")
        .doesNotContain("<img src=x")
        .doesNotContain(password)
        .contains(SampleWarehouse.config(db).location())
        .contains(sample.newestUpdate().toString().replace('T', ' '));
    assertThat(PageHtml.count(html, "<script"))
        .isEqualTo(PageHtml.count(html, "</script>"))
        .isEqualTo(4);
    JsonNode data = ResultJson.mapper().readTree(PageHtml.embeddedJson(html));
    List<String> designs = new ArrayList<>();
    data.at("/views/top_designs/rows").forEach(row -> designs.add(row.get(3).asText()));
    assertThat(designs).contains(HOSTILE_DESIGN);
    assertThat(data.at("/empty").asBoolean()).isFalse();
    assertThat(data.at("/views").size()).isEqualTo(DashboardView.values().length);
  }

  /**
   * Given the lake, the page is up to date as of the warehouse's freshness that status tells: here
   * the extract a moment ago that found nothing new, while the sample's newest change is weeks old.
   * The newest change stays apart, a time, not a lag.
   */
  @Test
  void givenTheLakeThePageSaysHowFreshTheWarehouseIs(TestDatabase db, @TempDir Path dir)
      throws Exception {
    Path ingestion = Files.createDirectories(dir.resolve("ingestion"));
    Path processed = Files.createDirectories(dir.resolve("processed"));
    RunLog runs = new RunLog(new LocalLakeStore(ingestion), cli.clock());
    runs.run(Stage.EXTRACT, "quiet", () -> "nothing new", result -> null);
    Instant extracted = runs.latestSuccess(Stage.EXTRACT).orElseThrow().startedAt();
    Path page = dir.resolve("dashboard.html");

    Cli.Outcome outcome =
        cli.run(
            "dashboard",
            "--out",
            page.toString(),
            "--warehouse-url",
            db.jdbcUrl(),
            "--warehouse-user",
            db.user(),
            "--ingestion",
            ingestion.toString(),
            "--processed",
            processed.toString());

    assertThat(outcome.exitCode()).as(outcome.all()).isZero();
    String shown =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC)
            .format(extracted);
    assertThat(outcome.out())
        .contains("newest change " + DashboardPage.sourceTime(sample.newestUpdate().toString()))
        .contains("up to date as of " + shown + ", ");
    String html = Files.readString(page);
    assertThat(html)
        .containsPattern("id=\"fresh-as-of\"[^>]*>" + shown + ", [^<]* before this page<");
    JsonNode data = ResultJson.mapper().readTree(PageHtml.embeddedJson(html));
    assertThat(Instant.parse(data.at("/freshAsOf").asText())).isEqualTo(extracted);
    assertThat(data.at("/newestChange").asText()).isEqualTo(sample.newestUpdate().toString());
  }

  @Test
  void aSchemaWithoutFactsGivesAPageThatSaysSo(TestDatabase db, @TempDir Path dir)
      throws Exception {
    new WarehouseSchema(SampleWarehouse.config(db), "empty_dw").migrate();
    Path page = dir.resolve("empty.html");

    Cli.Outcome outcome =
        cli.run(
            "dashboard",
            "--out",
            page.toString(),
            "--warehouse-url",
            db.jdbcUrl(),
            "--warehouse-user",
            db.user(),
            "--warehouse-schema",
            "empty_dw");

    assertThat(outcome.exitCode()).as(outcome.all()).isZero();
    assertThat(outcome.out()).contains("schema empty_dw").contains("no facts yet");
    String html = Files.readString(page);
    assertThat(html).contains("id=\"empty\"").contains("no facts yet");
    assertThat(ResultJson.mapper().readTree(PageHtml.embeddedJson(html)).at("/empty").asBoolean())
        .isTrue();
  }

  @Test
  void aSchemaWithoutTheStarSchemaFailsWithOneLine(TestDatabase db, @TempDir Path dir) {
    Cli.Outcome outcome =
        cli.run(
            "dashboard",
            "--out",
            dir.resolve("x.html").toString(),
            "--warehouse-url",
            db.jdbcUrl(),
            "--warehouse-user",
            db.user(),
            "--warehouse-schema",
            "nowhere");

    assertThat(outcome.exitCode()).isEqualTo(ErrorCode.DATA_QUALITY.exitCode());
    assertThat(outcome.err())
        .contains("the warehouse schema nowhere")
        .contains("does not hold the star schema");
    assertThat(outcome.err().strip().lines()).hasSize(1);
    assertThat(dir.resolve("x.html")).doesNotExist();
  }

  @Test
  void aMissingFolderIsAConfigurationError(TestDatabase db, @TempDir Path dir) {
    Cli.Outcome outcome =
        cli.run(
            "dashboard",
            "--out",
            dir.resolve("no/such/folder/x.html").toString(),
            "--warehouse-url",
            db.jdbcUrl(),
            "--warehouse-user",
            db.user());

    assertThat(outcome.exitCode()).isEqualTo(ErrorCode.CONFIGURATION.exitCode());
    assertThat(outcome.err()).contains("does not exist");
  }

  @Test
  void anUnreachableWarehouseIsAConnectionError() {
    assertThatThrownBy(
            () ->
                new Dashboard(
                        new dev.blackwater.config.DatabaseConfig(
                            "warehouse", "jdbc:postgresql://127.0.0.1:1/none", "x", "y"),
                        "public",
                        CLOCK)
                    .read(Optional.empty()))
        .isInstanceOf(BlackwaterException.class)
        .extracting(e -> ((BlackwaterException) e).code())
        .isEqualTo(ErrorCode.CONNECTION);
  }

  /** A numeric view column summed by the text of its key columns, as "a|b". */
  private static Map<String, BigDecimal> sums(
      DashboardView view, String valueColumn, String... keyColumns) {
    return sums(snapshot, view, valueColumn, keyColumns);
  }

  private static Map<String, BigDecimal> sums(
      DashboardSnapshot snapshot, DashboardView view, String valueColumn, String... keyColumns) {
    ViewResult result = snapshot.view(view);
    Map<String, BigDecimal> sums = new TreeMap<>();
    for (List<Object> row : result.rows()) {
      String key =
          java.util.Arrays.stream(keyColumns)
              .map(k -> String.valueOf(row.get(result.columns().indexOf(k))))
              .collect(Collectors.joining("|"));
      Object value = row.get(result.columns().indexOf(valueColumn));
      BigDecimal amount = value == null ? BigDecimal.ZERO : new BigDecimal(value.toString());
      sums.merge(key, money(amount), BigDecimal::add);
    }
    return sums;
  }

  private static <T> Map<String, BigDecimal> expected(
      Collection<T> facts, Function<T, String> key, Function<T, BigDecimal> value) {
    return facts.stream()
        .collect(
            Collectors.groupingBy(
                key,
                TreeMap::new,
                Collectors.reducing(money(0), v -> money(value.apply(v)), BigDecimal::add)));
  }

  private static BigDecimal money(long value) {
    return money(BigDecimal.valueOf(value));
  }

  private static BigDecimal money(BigDecimal value) {
    return value.setScale(2, RoundingMode.UNNECESSARY);
  }
}
