package dev.blackwater.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.config.TransformSettings;
import dev.blackwater.extract.Extractor;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.Seeder;
import dev.blackwater.totesys.SimulateOptions;
import dev.blackwater.totesys.Simulator;
import dev.blackwater.totesys.TotesysSchema;
import dev.blackwater.warehouse.WarehouseTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transform of a generated totesys, checked row by row against the star schema computed from the
 * source by plain PostgreSQL: after the seed, and again after simulated changes (with a department
 * rename and an address change) extracted and transformed incrementally.
 */
@ExtendWith(PostgresExtension.class)
class TotesysTransformIT {

  /** One clock for everything this test runs, so its runs follow each other in time. */
  private final Clock clock = TestClock.ticking();

  private static final List<String> WAREHOUSE_TABLES =
      Arrays.stream(WarehouseTable.values()).map(WarehouseTable::tableName).toList();
  private static final List<String> FACTS =
      List.of("fact_sales_order", "fact_purchase_order", "fact_payment");
  private static final List<String> DIMENSIONS =
      List.of(
          "dim_staff",
          "dim_location",
          "dim_currency",
          "dim_design",
          "dim_counterparty",
          "dim_payment_type",
          "dim_transaction");

  @TempDir Path ingestionDir;
  @TempDir Path processedDir;
  @TempDir Path tempDir;

  @Test
  void seedThenChangesGiveTheStarSchemaOfTheSource(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      TotesysSchema.create(c);
      new Seeder().seed(c, new SeedOptions(0.1, 21));
    }
    Extractor extractor =
        new Extractor(
            new DatabaseConfig("source", db.jdbcUrl(), db.user(), db.password()),
            new LocalLakeStore(ingestionDir),
            ExtractSettings.defaults(),
            clock);
    Transformer transformer =
        new Transformer(
            new LocalLakeStore(ingestionDir),
            new LocalLakeStore(processedDir),
            TransformSettings.defaults().withTempDirectory(tempDir).withMemoryLimit("256MB"),
            clock);
    ProcessedZone zone = new ProcessedZone(processedDir);

    extractor.extract("seed");
    TransformResult first = transformer.transform("first");

    assertThat(first.batches()).hasSize(1);
    assertThat(first.batches().get(0).consumed()).startsWith("000001-");
    assertThat(first.batches().get(0).warnings()).as("the seed joins every row").isEmpty();
    Map<String, List<String>> atSeed = new HashMap<>();
    for (String table : WAREHOUSE_TABLES) {
      atSeed.put(table, ExpectedStarSchema.rows(db, table));
    }
    for (String table : FACTS) {
      assertThat(zone.facts(table)).as(table).isEqualTo(atSeed.get(table));
    }
    for (String table : DIMENSIONS) {
      assertThat(zone.dimension(table)).as(table).isEqualTo(atSeed.get(table));
    }
    assertThat(zone.dates()).isEqualTo(atSeed.get("dim_date"));
    assertThat(first.batches().get(0).tables().get("fact_sales_order"))
        .isEqualTo(db.queryLong("SELECT count(*) FROM sales_order"));
    assertThat(tempDir).isEmptyDirectory();
    assertTypes(db, zone, zone.manifests().get(0));

    Set<Integer> renamed;
    Set<Integer> moved;
    String since = db.queryString("SELECT max(last_updated)::text FROM department");
    String addressSince = db.queryString("SELECT max(last_updated)::text FROM address");
    try (Connection c = db.connect()) {
      new Simulator().simulate(c, new SimulateOptions(150, 4));
    }
    // Some counterparty's legal address changes, so dim_counterparty must emit it again.
    long legalAddress =
        db.queryLong("SELECT legal_address_id FROM counterparty ORDER BY counterparty_id LIMIT 1");
    db.execute(
        "UPDATE address SET phone = '0113 496 0999', last_updated = clock_timestamp()"
            + " WHERE address_id = "
            + legalAddress);
    renamed = ids(db, "SELECT department_id FROM department WHERE last_updated > '" + since + "'");
    moved = ids(db, "SELECT address_id FROM address WHERE last_updated > '" + addressSince + "'");
    assertThat(renamed).isNotEmpty();
    assertThat(moved).contains((int) legalAddress);
    Set<Integer> staffOfRenamed =
        ids(db, "SELECT staff_id FROM staff WHERE department_id IN (" + join(renamed) + ")");
    Set<Integer> counterpartiesOfMoved =
        ids(
            db,
            "SELECT counterparty_id FROM counterparty WHERE legal_address_id IN ("
                + join(moved)
                + ")");
    assertThat(staffOfRenamed).isNotEmpty();
    assertThat(counterpartiesOfMoved).isNotEmpty();
    extractor.extract("changes");
    TransformResult second = transformer.transform("second");

    assertThat(second.batches()).hasSize(1);
    ProcessedBatch incremental = second.batches().get(0);
    assertThat(incremental.consumed()).startsWith("000002-");
    assertThat(incremental.batch()).startsWith("000002-");
    for (String table : FACTS) {
      List<String> processed = zone.facts(table);
      TreeSet<String> expected = new TreeSet<>(atSeed.get(table));
      expected.addAll(ExpectedStarSchema.rows(db, table));
      assertThat(processed).as(table + ": each version once").doesNotHaveDuplicates();
      assertThat(processed).as(table).containsExactlyElementsOf(expected);
    }
    assertThat(amendedWithBothVersions(zone.facts("fact_sales_order"))).isTrue();
    for (String table : DIMENSIONS) {
      assertThat(zone.dimension(table)).as(table).isEqualTo(ExpectedStarSchema.rows(db, table));
    }
    TreeSet<String> dates = new TreeSet<>(atSeed.get("dim_date"));
    dates.addAll(ExpectedStarSchema.rows(db, "dim_date"));
    assertThat(zone.dates()).containsExactlyElementsOf(dates);

    Manifest latest = zone.manifests().get(1);
    assertThat(keys(zone.rows(latest, "dim_staff")))
        .as("every staff member of a renamed department is emitted again")
        .containsAll(staffOfRenamed);
    assertThat(keys(zone.rows(latest, "dim_counterparty")))
        .as("every counterparty of a changed address is emitted again")
        .containsAll(counterpartiesOfMoved);
    assertThat(keys(zone.rows(latest, "dim_location"))).containsAll(moved);
    assertThat(latest.consumed()).containsExactly(incremental.consumed());
    assertThat(latest.parent()).isEqualTo(first.batches().get(0).batch());
    assertThat(latest.state()).containsKeys("address", "counterparty", "department", "staff");
    assertThat(latest.state().get("department").objects().get(0).key())
        .startsWith("_state/department/")
        .endsWith(latest.batch() + ".parquet");

    List<Path> before = files(processedDir);
    TransformResult nothing = transformer.transform("again");

    assertThat(nothing.nothingNew()).isTrue();
    assertThat(nothing.lastConsumed()).contains(incremental.consumed());
    assertThat(files(processedDir)).isEqualTo(before);
    assertThat(tempDir).isEmptyDirectory();
  }

  /** Each table's Parquet has the warehouse table's columns, in order, with matching types. */
  private static void assertTypes(TestDatabase db, ProcessedZone zone, Manifest manifest)
      throws Exception {
    db.execute("CREATE SCHEMA warehouse; SET search_path = warehouse; " + starSchema());
    for (String table : WAREHOUSE_TABLES) {
      Manifest.Table entry = manifest.tables().get(table);
      List<String> expected = warehouseColumns(db, table);
      if (table.startsWith("fact_")) {
        // one object per month of last_updated_date, each holding that month's rows only
        assertThat(entry.objects()).as(table).hasSizeGreaterThan(1);
        for (Manifest.ObjectRef object : entry.objects()) {
          String month = object.key().replaceAll(".*\\.(\\d{4}-\\d{2})\\.parquet$", "$1");
          assertThat(
                  ProcessedZone.read(
                      "SELECT DISTINCT strftime(last_updated_date, '%Y-%m') FROM read_parquet('"
                          + zone.file(object)
                          + "')"))
              .as(object.key())
              .containsExactly(month);
        }
        assertThat(entry.objects().stream().mapToLong(Manifest.ObjectRef::rows).sum())
            .as(table)
            .isEqualTo(entry.rows());
      } else {
        assertThat(entry.objects()).as(table).hasSize(1);
      }
      for (Manifest.ObjectRef object : entry.objects()) {
        assertThat(zone.schema(object)).as(object.key()).isEqualTo(expected);
        assertThat(zone.codecs(object)).as(object.key()).containsExactly("ZSTD");
      }
      assertThat(entry.columns().stream().map(c -> c.name() + " " + c.type()).toList())
          .as(table)
          .isEqualTo(expected);
    }
    assertThat(
            ProcessedZone.read(
                "SELECT name || ' ' || type || ' ' || coalesce(logical_type, converted_type, '')"
                    + " FROM parquet_schema('"
                    + zone.file(manifest.tables().get("fact_payment").objects().get(0))
                    + "') WHERE name IN ('payment_amount', 'created_time', 'paid')"
                    + " ORDER BY name"))
        .satisfiesExactly(
            t -> assertThat(t).startsWith("created_time INT64 TimeType"),
            t -> assertThat(t).isEqualTo("paid BOOLEAN "),
            t -> assertThat(t).contains("DecimalType(scale=2, precision=10)"));
  }

  /** The columns of a warehouse table as DuckDB names their types, minus the SERIAL record id. */
  private static List<String> warehouseColumns(TestDatabase db, String table) throws Exception {
    List<String> columns = new ArrayList<>();
    try (Connection c = db.connect();
        var s =
            c.prepareStatement(
                "SELECT column_name, data_type, numeric_precision, numeric_scale, column_default"
                    + " FROM information_schema.columns WHERE table_schema = 'warehouse'"
                    + " AND table_name = ? ORDER BY ordinal_position")) {
      s.setString(1, table);
      try (var r = s.executeQuery()) {
        while (r.next()) {
          if (String.valueOf(r.getString(5)).startsWith("nextval(")) {
            continue;
          }
          String type =
              switch (r.getString(2)) {
                case "integer" -> "INTEGER";
                case "date" -> "DATE";
                case "time without time zone" -> "TIME";
                case "character varying" -> "VARCHAR";
                case "boolean" -> "BOOLEAN";
                case "numeric" -> "DECIMAL(" + r.getInt(3) + "," + r.getInt(4) + ")";
                default -> throw new IllegalStateException(r.getString(2));
              };
          columns.add(r.getString(1) + " " + type);
        }
      }
    }
    return columns;
  }

  private static String starSchema() throws IOException {
    try (InputStream in =
        TotesysTransformIT.class.getResourceAsStream("/db/warehouse/V1__star_schema.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Whether some sales order has two versions (an amendment) among the fact rows. */
  private static boolean amendedWithBothVersions(List<String> facts) {
    return facts.stream()
        .collect(Collectors.groupingBy(r -> r.substring(0, r.indexOf('|')), Collectors.counting()))
        .values()
        .stream()
        .anyMatch(n -> n >= 2);
  }

  private static Set<Integer> keys(List<String> rows) {
    return rows.stream()
        .map(r -> Integer.parseInt(r.substring(0, r.indexOf('|'))))
        .collect(Collectors.toSet());
  }

  private static Set<Integer> ids(TestDatabase db, String sql) throws Exception {
    Set<Integer> ids = new TreeSet<>();
    try (Connection c = db.connect();
        var s = c.createStatement();
        var r = s.executeQuery(sql)) {
      while (r.next()) {
        ids.add(r.getInt(1));
      }
    }
    return ids;
  }

  private static String join(Set<Integer> ids) {
    return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
