package dev.blackwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.config.PipelineConfig;
import dev.blackwater.config.SecretReader;
import dev.blackwater.config.WarehouseMode;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.extract.Extractor;
import dev.blackwater.iceberg.LakeSchemas;
import dev.blackwater.iceberg.LakeSql;
import dev.blackwater.iceberg.LakeTables;
import dev.blackwater.iceberg.SqliteCatalogs;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.LakeStores;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.load.Loader;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.verify.Verifier;
import dev.blackwater.verify.VerifyReport;
import dev.blackwater.warehouse.WarehouseSchema;
import dev.blackwater.warehouse.WarehouseTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows deleted from the source reach the warehouse: a deleted order or payment ends with a final
 * fact version and leaves the current views, a deleted dimension row stays with its deletion time,
 * a key that comes back is alive again; verify and a rebuild from the lake agree. Too many
 * deletions at once stop the extract before it writes anything.
 */
class HardDeletesIT {

  @TempDir Path dir;

  /**
   * The source's clock as the pipeline reads it (its sessions are in UTC, and deletions are stamped
   * with it); this test's own connections are in the JVM's zone, where {@code localtimestamp} would
   * be hours away from it in the far-from-UTC pass.
   */
  private static final String NOW = "(now() AT TIME ZONE 'UTC')";

  private final Clock clock = TestClock.ticking();
  private LocalPipeline local;
  private TestDatabase source;
  private TestDatabase warehouse;
  private PipelineConfig config;

  @BeforeEach
  void freshSourceLakeAndWarehouse() throws Exception {
    local =
        LocalPipeline.seeded(
            "deletes", dir, new SeedOptions(0.05, 21), LoadSettings.defaults().withBulkRows(1_000));
    source = local.source();
    warehouse = local.warehouse();
    config = local.config();
  }

  @AfterEach
  void dropDatabases() {
    local.close();
  }

  private static DatabaseConfig db(String role, TestDatabase db) {
    return LocalPipeline.db(role, db);
  }

  private RunResult cycle(String runId) {
    return new Blackwater(config, LakeStores.local(), SecretReader.none(), clock)
        .pipeline(StageListener.NONE)
        .run(runId, () -> false);
  }

  /**
   * Runs statements on the source, its statistics flushed when they end: extract reads a table's
   * keys when the statistics count a deletion, and they may otherwise lag by a second or more.
   */
  private void sql(String... statements) throws Exception {
    try (Connection c = source.connect();
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        // one round trip: the flush comes as the server answers it
        s.execute(statement + "; SELECT pg_stat_force_next_flush()");
      }
    }
  }

  @Test
  void deletionsOfEveryKindReachTheWarehouseAndARebuildFromTheLakeAgrees() throws Exception {
    // a design no order uses: an unreferenced dimension row
    sql(
        "INSERT INTO design (design_id, design_name, file_location, file_name, last_updated)"
            + " VALUES (9001, 'Lonely', '/designs', 'lonely.json', "
            + NOW
            + ")");
    cycle("first");
    int transaction =
        (int)
            source.queryLong(
                "SELECT min(t.transaction_id) FROM transaction t WHERE t.sales_order_id IS NOT NULL"
                    + " AND EXISTS (SELECT 1 FROM payment p WHERE p.transaction_id = t.transaction_id)");
    int salesOrder =
        (int)
            source.queryLong(
                "SELECT sales_order_id FROM transaction WHERE transaction_id = " + transaction);
    long paymentsOfIt =
        source.queryLong("SELECT count(*) FROM payment WHERE transaction_id = " + transaction);
    int payment =
        (int)
            source.queryLong(
                "SELECT min(payment_id) FROM payment WHERE transaction_id <> " + transaction);
    sql(
        "CREATE TABLE kept_payment AS SELECT * FROM payment WHERE payment_id = " + payment,
        "CREATE TABLE kept_order AS SELECT * FROM sales_order WHERE sales_order_id = " + salesOrder,
        // a sales order (a fact), the transaction behind it (a dimension row facts refer to), its
        // payments (facts), one more payment, and the lonely design
        "DELETE FROM payment WHERE transaction_id = " + transaction + " OR payment_id = " + payment,
        "DELETE FROM transaction WHERE transaction_id = " + transaction,
        "DELETE FROM sales_order WHERE sales_order_id = " + salesOrder,
        "DELETE FROM design WHERE design_id = 9001",
        // and a payment that changes: this month's fact files, two batches of them by the third
        "UPDATE payment SET last_updated = "
            + NOW
            + " WHERE payment_id = (SELECT"
            + " max(payment_id) FROM payment WHERE transaction_id <> "
            + transaction
            + ")");

    RunResult second = cycle("second");

    Manifest ingested = latestIngestion();
    assertThat(ingested.deleted().keySet())
        .containsExactlyInAnyOrder("payment", "transaction", "sales_order", "design");
    assertThat(ingested.deletedOf("payment").rows()).isEqualTo(paymentsOfIt + 1);
    assertThat(second.extract().deleted())
        .containsEntry("sales_order", 1L)
        .containsEntry("design", 1L);
    String seen = ingested.snapshotTime().replace('T', ' ');
    assertThat(
            warehouse.queryLong(
                "SELECT count(*) FROM fact_sales_order_current WHERE sales_order_id = "
                    + salesOrder))
        .as("a deleted fact leaves the current view")
        .isZero();
    assertThat(
            warehouse.queryString(
                "SELECT deleted_at::text || ' ' || (last_updated_date + last_updated_time)::text"
                    + " FROM fact_sales_order WHERE deleted_at IS NOT NULL AND sales_order_id = "
                    + salesOrder))
        .as("its history ends with a version marking when the deletion was seen")
        .isEqualTo(pgTimestamp(seen) + " " + pgTimestamp(seen));
    assertThat(
            warehouse.queryLong("SELECT count(*) FROM fact_payment WHERE deleted_at IS NOT NULL"))
        .isEqualTo(paymentsOfIt + 1);
    assertThat(
            warehouse.queryString(
                "SELECT deleted_at::text FROM dim_transaction WHERE transaction_id = "
                    + transaction))
        .as("a deleted dimension row facts refer to stays, marked")
        .isEqualTo(pgTimestamp(seen));
    assertThat(
            warehouse.queryString("SELECT deleted_at::text FROM dim_design WHERE design_id = 9001"))
        .isEqualTo(pgTimestamp(seen));
    assertThat(
            warehouse.queryLong("SELECT count(*) FROM dim_currency WHERE deleted_at IS NOT NULL"))
        .isZero();
    assertWarehouseEqualsSource();
    assertLakeEqualsWarehouse("public");
    assertThat(verify("public").failures()).isEmpty();
    assertThat(tableStatus("design").deletedKeys()).isEqualTo(1);
    assertThat(tableStatus("sales_order").deletedKeys()).isEqualTo(1);
    assertThat(tableStatus("sales_order").liveKeys())
        .isEqualTo(source.queryLong("SELECT count(*) FROM sales_order"));

    // the design and the payment come back (the payment as a new version)
    sql(
        "INSERT INTO design (design_id, design_name, file_location, file_name, last_updated)"
            + " VALUES (9001, 'Lonely again', '/designs', 'lonely.json', "
            + NOW
            + ")",
        "INSERT INTO payment SELECT * FROM kept_payment",
        "UPDATE payment SET last_updated = "
            + NOW
            + " + interval '1 second' WHERE payment_id = "
            + payment);
    RunResult third = cycle("third");

    assertThat(third.extract().deleted()).containsEntry("design", 1L).containsEntry("payment", 1L);
    assertThat(warehouse.queryLong("SELECT count(*) FROM dim_design WHERE deleted_at IS NOT NULL"))
        .as("a key that comes back is alive again")
        .isZero();
    assertThat(warehouse.queryString("SELECT design_name FROM dim_design WHERE design_id = 9001"))
        .isEqualTo("Lonely again");
    assertThat(
            warehouse.queryLong(
                "SELECT count(*) FROM fact_payment_current WHERE payment_id = " + payment))
        .isEqualTo(1);
    assertWarehouseEqualsSource();
    assertLakeEqualsWarehouse("public");
    assertThat(
            new Blackwater(config, LakeStores.local(), SecretReader.none(), clock)
                .lakeMaintenance()
                .orElseThrow()
                .compact(2)
                .replaced())
        .as("fact files renamed by compaction: the lake knows no batch of their rows")
        .isNotEmpty();
    assertLakeEqualsWarehouse("public");
    assertThat(verify("public").failures()).isEmpty();
    assertThat(tableStatus("design").deletedKeys()).isZero();
    assertThat(tableStatus("payment").deletedKeys()).isEqualTo(paymentsOfIt);

    // a rebuild from the lake reproduces every deletion exactly
    new Loader(
            db("warehouse", warehouse),
            new LocalLakeStore(dir.resolve("processed")),
            config.load().withSchema("rebuilt").withMode(WarehouseMode.MIGRATE),
            clock)
        .load("rebuild");
    for (String table :
        List.of(
            "fact_sales_order",
            "fact_purchase_order",
            "fact_payment",
            "dim_transaction",
            "dim_design",
            "dim_staff",
            "dim_counterparty",
            "dim_location",
            "dim_currency",
            "dim_payment_type",
            "dim_date")) {
      assertThat(contents("rebuilt", table)).as(table).isEqualTo(contents("public", table));
    }
    assertThat(verify("rebuilt").failures()).isEmpty();
    assertLakeEqualsWarehouse("rebuilt");

    // lake migrate into a new catalog appends the deletion records with the rows
    String migrated = "jdbc:sqlite:" + dir.resolve("migrated").resolve("catalog.db");
    Blackwater other =
        new Blackwater(
            config, LakeStores.local(), SecretReader.none(), clock, new SqliteCatalogs(migrated));
    assertThat(other.requireLakeTables().catchUp()).hasSize(3);
    assertLakeEqualsWarehouse(other, "public");
    // a lake made Iceberg before its deletion tables existed: they get every record, and the
    // tables of rows no batch again
    Namespace namespace = Namespace.of("blackwater");
    try (JdbcCatalog catalog =
        SqliteCatalogs.open(migrated, new LocalLakeStore(dir.resolve("processed")))) {
      for (WarehouseTable table : WarehouseTable.values()) {
        if (table.deletable()) {
          catalog.dropTable(TableIdentifier.of(namespace, LakeSchemas.deletionsName(table)), false);
        }
      }
      catalog.removeProperties(namespace, Set.of(LakeTables.DELETED_BATCH));
    }
    long salesSnapshot =
        other
            .requireLakeTables()
            .table(WarehouseTable.FACT_SALES_ORDER)
            .currentSnapshot()
            .snapshotId();
    assertThat(other.requireLakeTables().catchUp())
        .as("the two batches with deletion records")
        .hasSize(2);
    assertThat(
            other
                .requireLakeTables()
                .table(WarehouseTable.FACT_SALES_ORDER)
                .currentSnapshot()
                .snapshotId())
        .isEqualTo(salesSnapshot);
    assertThat(other.requireLakeTables().deletionsThrough())
        .isEqualTo(other.requireLakeTables().committedThrough());
    assertThat(other.requireLakeTables().catchUp()).as("nothing left").isEmpty();
    assertLakeEqualsWarehouse(other, "public");

    // deleted again: the payment that came back as a new version (a second final version, a copy
    // of that version), and the sales order restored with its old last_updated, seen back when
    // another order's deletion makes extract read the keys (deleted again with no version since:
    // no second final version)
    int otherOrder =
        (int)
            source.queryLong(
                "SELECT max(sales_order_id) FROM sales_order WHERE sales_order_id <> "
                    + salesOrder);
    sql(
        "INSERT INTO sales_order SELECT * FROM kept_order",
        "DELETE FROM payment WHERE payment_id = "
            + payment
            + " OR transaction_id IN (SELECT transaction_id FROM transaction WHERE sales_order_id = "
            + otherOrder
            + ")",
        "DELETE FROM transaction WHERE sales_order_id = " + otherOrder,
        "DELETE FROM sales_order WHERE sales_order_id = " + otherOrder);
    cycle("fourth");
    assertThat(latestIngestion().deletedOf("sales_order").rows())
        .as("one order deleted, one back")
        .isEqualTo(2);
    assertThat(
            warehouse.queryLong(
                "SELECT count(*) FROM fact_payment WHERE deleted_at IS NOT NULL AND payment_id = "
                    + payment))
        .isEqualTo(2);
    assertLakeEqualsWarehouse("public");
    sql("DELETE FROM sales_order WHERE sales_order_id = " + salesOrder);
    cycle("fifth");
    assertThat(latestIngestion().deletedOf("sales_order").rows()).isEqualTo(1);
    assertThat(
            warehouse.queryLong(
                "SELECT count(*) FROM fact_sales_order WHERE deleted_at IS NOT NULL"
                    + " AND sales_order_id = "
                    + salesOrder))
        .as("its newest version already marks a deletion")
        .isEqualTo(1);
    assertLakeEqualsWarehouse("public");
    new Loader(
            db("warehouse", warehouse),
            new LocalLakeStore(dir.resolve("processed")),
            config.load().withSchema("rebuilt_again").withMode(WarehouseMode.MIGRATE),
            clock)
        .load("rebuild again");
    assertLakeEqualsWarehouse("rebuilt_again");
  }

  /**
   * What {@code blackwater query} reads through the Iceberg tables (every table and current view,
   * whole rows with {@code deleted_at}) is the warehouse's.
   */
  private void assertLakeEqualsWarehouse(String schema) throws Exception {
    assertLakeEqualsWarehouse(
        new Blackwater(config, LakeStores.local(), SecretReader.none(), clock), schema);
  }

  private void assertLakeEqualsWarehouse(Blackwater blackwater, String schema) throws Exception {
    LakeTables tables = blackwater.requireLakeTables();
    try (LakeSql lake = LakeSql.open(tables, blackwater.processed(), "256MB", dir)) {
      LakeMatchesWarehouse.assertSameRows(lake, warehouse, schema);
    }
  }

  @Test
  void aMassDeleteIsRefusedWithNothingWrittenUntilTheUserAllowsIt() throws Exception {
    cycle("first");
    long payments = source.queryLong("SELECT count(*) FROM payment");
    sql("DELETE FROM payment WHERE payment_id % 2 = 0");
    assertThat(
            source.queryLong("SELECT n_tup_del FROM pg_stat_user_tables WHERE relname = 'payment'"))
        .as("the statistics count the deletion")
        .isPositive();
    long deleted = payments - source.queryLong("SELECT count(*) FROM payment");
    LocalLakeStore ingestion = new LocalLakeStore(dir.resolve("ingestion"));
    List<String> before = files(dir.resolve("ingestion"));
    Manifest latest = latestIngestion();

    assertThatThrownBy(() -> extractor(ingestion, false).extract("refused"))
        .isInstanceOfSatisfying(
            BlackwaterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MASS_DELETE))
        .hasMessageContaining(
            String.format(java.util.Locale.ROOT, "payment: %,d of %,d keys", deleted, payments))
        .hasMessageContaining("--allow-mass-delete")
        .hasMessageContaining("nothing was written");
    assertThat(files(dir.resolve("ingestion"))).as("nothing written").isEqualTo(before);
    assertThat(latestIngestion()).as("no watermark moved").isEqualTo(latest);

    ExtractResult allowed = extractor(ingestion, true).extract("allowed");
    assertThat(allowed.deleted()).containsEntry("payment", deleted);
    assertThat(latestIngestion().batch()).isEqualTo(allowed.batch().orElseThrow());

    sql("DELETE FROM payment");
    assertThatThrownBy(() -> extractor(ingestion, false).extract("emptied"))
        .hasMessageContaining("the table is empty");
  }

  @Test
  void withAKeyCheckEveryThirdBatchABatchInBetweenStillTeachesTheLakeItsKeys() throws Exception {
    cycle("first");
    LocalLakeStore ingestion = new LocalLakeStore(dir.resolve("ingestion"));
    ExtractSettings everyThird =
        config.extract().withDeletes(config.extract().deletes().withCheckEvery(3));
    int payment = (int) source.queryLong("SELECT min(payment_id) FROM payment");
    sql(
        "DELETE FROM payment WHERE payment_id = " + payment,
        "INSERT INTO design (design_id, design_name, file_location, file_name, last_updated)"
            + " VALUES (9002, 'Brief', '/designs', 'brief.json', "
            + NOW
            + ")");

    ExtractResult second =
        new Extractor(db("source", source), ingestion, everyThird, clock).extract("second");
    assertThat(second.batch()).as("batch 2: the new design").isPresent();
    assertThat(second.deleted()).as("batch 2 is not due for a check").isEmpty();

    sql("DELETE FROM design WHERE design_id = 9002");
    ExtractResult third =
        new Extractor(db("source", source), ingestion, everyThird, clock).extract("third");
    assertThat(third.deleted())
        .as("batch 3 checks: the payment, and the design that batch 2 taught the lake")
        .containsExactlyInAnyOrderEntriesOf(Map.of("payment", 1L, "design", 1L));
  }

  private Extractor extractor(LocalLakeStore ingestion, boolean allow) {
    ExtractSettings settings =
        config.extract().withDeletes(config.extract().deletes().withAllowMassDelete(allow));
    return new Extractor(db("source", source), ingestion, settings, clock);
  }

  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .filter(p -> !p.startsWith("_runs"))
          .sorted()
          .toList();
    }
  }

  private Manifest latestIngestion() {
    return new BatchLog(new LocalLakeStore(dir.resolve("ingestion"))).latest().orElseThrow();
  }

  /** An ISO time as PostgreSQL prints a timestamp (trailing zeros of the fraction dropped). */
  private static String pgTimestamp(String iso) {
    return iso.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** A table's rows as text, without the record id the warehouse numbers facts with. */
  private String contents(String schema, String table) {
    return warehouse.queryString(
        "SELECT md5(string_agg(r, E'\\n' ORDER BY r)) FROM (SELECT (to_jsonb(t)"
            + " - 'sales_record_id' - 'purchase_record_id' - 'payment_record_id')::text AS r FROM "
            + schema
            + "."
            + table
            + " t) x");
  }

  private StatusReport.TableStatus tableStatus(String table) {
    return new StatusReporter(
            new LocalLakeStore(dir.resolve("ingestion")),
            new LocalLakeStore(dir.resolve("processed")),
            Optional.of(new WarehouseSchema(db("warehouse", warehouse), "public")),
            clock)
        .report().tables().stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow();
  }

  private VerifyReport verify(String schema) {
    return new Verifier(
            db("source", source),
            new LocalLakeStore(dir.resolve("ingestion")),
            new LocalLakeStore(dir.resolve("processed")),
            new WarehouseSchema(db("warehouse", warehouse), schema),
            true)
        .verify();
  }

  private void assertWarehouseEqualsSource() {
    for (Map.Entry<String, String[]> q : ExpectedStarSchema.QUERIES.entrySet()) {
      List<String> expected = ExpectedStarSchema.rows(source, q.getValue()[0]);
      List<String> actual = ExpectedStarSchema.rows(warehouse, q.getValue()[1]);
      assertThat(actual).as(q.getKey()).isEqualTo(expected);
    }
  }
}
