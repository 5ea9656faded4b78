package dev.blackwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.ResultJson;
import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blackwater query} answers business questions over the lake's Iceberg tables with the
 * warehouse's numbers, before and after {@code lake compact} and {@code lake expire}, and after a
 * cycle that follows them (load reads no row twice); {@code lake migrate} brings a lake written
 * without a catalog into Iceberg with the same answers.
 */
class QueryCommandIT {

  /** Three business questions, in SQL that PostgreSQL and DuckDB both run. */
  static final Map<String, String> QUESTIONS =
      Map.of(
          "sales value by month",
          "SELECT CAST(extract(year FROM created_date) AS INTEGER) * 100"
              + " + CAST(extract(month FROM created_date) AS INTEGER) AS month,"
              + " sum(units_sold * unit_price) AS value FROM fact_sales_order_current"
              + " GROUP BY 1 ORDER BY 1",
          "top designs",
          "SELECT d.design_name, sum(f.units_sold) AS units FROM fact_sales_order_current f"
              + " JOIN dim_design d ON d.design_id = f.design_id GROUP BY d.design_name"
              + " ORDER BY units DESC",
          "sales by country",
          "SELECT l.country, count(*) AS orders, sum(f.units_sold * f.unit_price) AS value"
              + " FROM fact_sales_order_current f JOIN dim_location l"
              + " ON l.location_id = f.agreed_delivery_location_id GROUP BY l.country"
              + " ORDER BY value DESC");

  private final Clock clock = TestClock.ticking();
  private final Cli cli = new Cli(clock);
  private final Cli weekLater = new Cli(Clock.offset(clock, Duration.ofDays(8)));

  @TempDir Path dir;
  private TestDatabase source;
  private TestDatabase warehouse;

  @BeforeEach
  void sourceAndWarehouse() {
    source = PostgresServer.shared().createDatabase("query_source");
    warehouse = PostgresServer.shared().createDatabase("query_warehouse");
    ok(cli.run(args("totesys", "create")));
    ok(cli.run(args("totesys", "seed", "--scale", "0.02")));
  }

  @AfterEach
  void drop() {
    source.close();
    warehouse.close();
  }

  @Test
  void answersMatchTheWarehouseBeforeAndAfterCompactionAndExpiry() throws Exception {
    ok(cli.run(args("run")));
    for (int i = 1; i <= 3; i++) {
      ok(cli.run(args("totesys", "simulate", "--changes", "150", "--seed", Integer.toString(i))));
      ok(cli.run(args("run")));
    }
    assertAnswersMatch(cli);

    Cli.Outcome json =
        cli.run(args("query", "--format", "json", "SELECT count(*) AS n FROM dim_date"));
    ok(json);
    JsonNode rows = ResultJson.mapper().readTree(json.out());
    assertThat(rows.get(0).get("n").asLong())
        .isEqualTo(warehouse.queryLong("SELECT count(*) FROM dim_date"));
    Cli.Outcome table = cli.run(args("query", "SELECT count(*) AS n FROM dim_staff"));
    ok(table);
    assertThat(table.out()).contains("n", "(1 row)");

    Cli.Outcome compact = cli.run(args("lake", "compact"));
    ok(compact);
    assertThat(compact.out()).contains("fact_sales_order", "files replaced");
    assertAnswersMatch(cli);

    Cli.Outcome expire = weekLater.run(args("lake", "expire", "--iceberg-retention", "1d"));
    ok(expire);
    assertThat(expire.out()).contains("Expired");
    assertAnswersMatch(weekLater);

    ok(weekLater.run(args("totesys", "simulate", "--changes", "150", "--seed", "9")));
    ok(weekLater.run(args("run")));
    assertAnswersMatch(weekLater);

    Cli.Outcome bad = cli.run(args("query", "SELEC 1"));
    assertThat(bad.exitCode()).as(bad.all()).isEqualTo(2);
    assertThat(bad.err()).contains("syntax error");
  }

  @Test
  void lakeMigrateBringsALakeWrittenWithoutACatalogIntoIceberg() throws Exception {
    ok(cli.run(args("run", "--catalog", "none")));
    ok(cli.run(args("totesys", "simulate", "--changes", "150", "--seed", "4")));
    ok(cli.run(args("run", "--catalog", "none")));
    assertThat(dir.resolve("processed/_iceberg")).doesNotExist();

    Cli.Outcome migrate = cli.run(args("lake", "migrate"));
    ok(migrate);
    assertThat(migrate.out()).contains("Appended 2 processed batch(es)");
    assertThat(cli.run(args("lake", "migrate")).out()).contains("nothing to do");
    assertAnswersMatch(cli);

    Cli.Outcome statements =
        withStdin(
            "SELECT count(*) AS designs FROM dim_design; -- a comment; with a semicolon\n"
                + "SELECT 'a;b' AS text;\n",
            () -> cli.run(args("query", "--format", "csv")));
    ok(statements);
    assertThat(statements.out().strip().lines())
        .containsExactly(
            "designs",
            Long.toString(warehouse.queryLong("SELECT count(*) FROM dim_design")),
            "text",
            "a;b");
    Cli.Outcome prompt =
        withStdin(
            "SELECT 40 + 2\n  AS answer;\nSELEC 1;\n.quit\nSELECT 'never' AS run;\n",
            () -> cli.run(args("query", "--interactive")));
    ok(prompt);
    assertThat(prompt.out()).contains("answer", "42").doesNotContain("never");
    assertThat(prompt.err()).contains("blackwater> ", "...> ", "syntax error");
  }

  private static Cli.Outcome withStdin(String input, java.util.function.Supplier<Cli.Outcome> run) {
    java.io.InputStream stdin = System.in;
    System.setIn(
        new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    try {
      return run.get();
    } finally {
      System.setIn(stdin);
    }
  }

  private void assertAnswersMatch(Cli at) throws Exception {
    for (Map.Entry<String, String> q : QUESTIONS.entrySet()) {
      Cli.Outcome answer = at.run(args("query", "--format", "csv", q.getValue()));
      ok(answer);
      List<String> lake = new ArrayList<>(answer.out().strip().lines().toList());
      List<String> expected = warehouseCsv(q.getValue());
      assertThat(lake.size()).as(q.getKey()).isGreaterThan(2);
      assertThat(lake.get(0)).as(q.getKey()).isEqualTo(expected.get(0));
      List<String> lakeRows = new ArrayList<>(lake.subList(1, lake.size()));
      List<String> warehouseRows = new ArrayList<>(expected.subList(1, expected.size()));
      lakeRows.sort(null);
      warehouseRows.sort(null);
      assertThat(lakeRows).as(q.getKey()).isEqualTo(warehouseRows);
    }
  }

  private List<String> warehouseCsv(String sql) throws Exception {
    List<String> lines = new ArrayList<>();
    try (Connection c = warehouse.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      ResultSetMetaData meta = r.getMetaData();
      List<String> header = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        header.add(meta.getColumnLabel(i));
      }
      lines.add(String.join(",", header));
      while (r.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          String v = r.getString(i);
          row.add(v == null ? "" : v.contains(",") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        }
        lines.add(String.join(",", row));
      }
    }
    return lines;
  }

  private static void ok(Cli.Outcome outcome) {
    assertThat(outcome.exitCode()).as(outcome.all()).isZero();
  }

  private String[] args(String... command) {
    List<String> all = new ArrayList<>(List.of(command));
    if (command[0].equals("totesys") || command[0].equals("run")) {
      all.addAll(List.of("--source-url", source.jdbcUrl(), "--source-user", source.user()));
    }
    if (command[0].equals("run")) {
      all.addAll(
          List.of("--warehouse-url", warehouse.jdbcUrl(), "--warehouse-user", warehouse.user()));
    }
    if (!command[0].equals("totesys")) {
      all.addAll(
          List.of(
              "--temp-dir",
              dir.resolve("work").toString(),
              "--ingestion",
              dir.resolve("ingestion").toString(),
              "--processed",
              dir.resolve("processed").toString()));
    }
    return all.toArray(String[]::new);
  }
}
