package dev.blackwater.aws.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackwater.Stage;
import dev.blackwater.aws.AwsClients;
import dev.blackwater.aws.catalog.DeploymentCatalogs;
import dev.blackwater.aws.metrics.EmbeddedMetrics;
import dev.blackwater.aws.secrets.SecretsManagerTestServer;
import dev.blackwater.config.Configuration;
import dev.blackwater.config.Machine;
import dev.blackwater.config.SettingSource;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.iceberg.LakeSql;
import dev.blackwater.lake.LakeObject;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeStores;
import dev.blackwater.pipeline.Blackwater;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.S3Extension;
import dev.blackwater.testkit.S3TestServer;
import dev.blackwater.testkit.TestBucket;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.testkit.TlsPostgresServer;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.Seeder;
import dev.blackwater.totesys.TotesysSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three handlers end to end, as Lambda calls them: a stream in, JSON out, configuration from
 * environment variables, credentials from a Secrets Manager (an in-process one), zones on the S3
 * test server, totesys and the warehouse on the embedded PostgreSQL.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class})
class HandlersIT {

  /** One clock for everything this test runs, so its runs follow each other in time. */
  private final Clock clock = TestClock.ticking();

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Source table and the warehouse table holding its current rows. */
  private static final Map<String, String> CURRENT =
      Map.ofEntries(
          Map.entry("sales_order", "fact_sales_order_current"),
          Map.entry("purchase_order", "fact_purchase_order_current"),
          Map.entry("payment", "fact_payment_current"),
          Map.entry("staff", "dim_staff"),
          Map.entry("address", "dim_location"),
          Map.entry("counterparty", "dim_counterparty"),
          Map.entry("currency", "dim_currency"),
          Map.entry("design", "dim_design"),
          Map.entry("payment_type", "dim_payment_type"),
          Map.entry("transaction", "dim_transaction"));

  private static SecretsManagerTestServer secrets;

  @TempDir Path temp;
  private final ByteArrayOutputStream metricsOut = new ByteArrayOutputStream();
  private final EmbeddedMetrics metrics =
      new EmbeddedMetrics(new PrintStream(metricsOut, true, StandardCharsets.UTF_8), clock);

  @BeforeAll
  static void start() {
    secrets = SecretsManagerTestServer.start();
  }

  @AfterAll
  static void stop() {
    secrets.close();
  }

  @Test
  void extractTransformLoadThenNothingNew(TestDatabase source, TestBucket bucket) throws Exception {
    try (Connection c = source.connect()) {
      TotesysSchema.create(c);
      new Seeder().seed(c, new SeedOptions(0.05, 11));
    }
    TestDatabase warehouse = PostgresServer.shared().createDatabase("handlers_warehouse");
    // the embedded server trusts its superuser: any password does, and a secret needs one
    secrets.put("it/source", secret(source, source.user(), "trusted"));
    secrets.put("it/warehouse", secret(warehouse, warehouse.user(), "trusted"));
    Map<String, String> environment = environment(bucket, "it/source", "it/warehouse");

    Instant beforeExtract = clock.instant();
    JsonNode extracted = invoke(handler(Stage.EXTRACT, environment), "req-extract-1", "{}");
    JsonNode transformed =
        invoke(handler(Stage.TRANSFORM, environment), "req-transform-1", extracted.toString());
    JsonNode loaded =
        invoke(handler(Stage.LOAD, environment), "req-load-1", transformed.toString());

    String batch = extracted.path("newestBatch").asText();
    assertThat(extracted.path("stage").asText()).isEqualTo("extract");
    assertThat(extracted.path("nothingNew").asBoolean()).isFalse();
    assertThat(extracted.path("runId").asText()).isEqualTo("req-extract-1");
    assertThat(batch).matches("000001-\\d{8}T\\d{6}Z");
    assertThat(extracted.path("batches").asInt()).isEqualTo(1);
    assertThat(extracted.path("rows").asLong()).isEqualTo(sourceRows(source));
    assertThat(extracted.path("bytes").asLong()).isPositive();
    assertThat(transformed.path("nothingNew").asBoolean()).isFalse();
    assertThat(transformed.path("batches").asInt()).isEqualTo(1);
    assertThat(loaded.path("nothingNew").asBoolean()).isFalse();
    assertThat(loaded.path("newestBatch").asText())
        .isEqualTo(transformed.path("newestBatch").asText());
    assertThat(loaded.path("rows").asLong()).isEqualTo(transformed.path("rows").asLong());
    assertThat(loaded.path("freshnessLagSeconds").isNumber()).as(loaded.toString()).isTrue();
    assertThat(loaded.path("freshnessLagSeconds").asLong())
        .as("the warehouse holds what the source had when this extract started: its lag is no more")
        .isBetween(0L, Duration.between(beforeExtract, clock.instant()).toSeconds() + 1);
    assertThat(transformed.path("freshnessLagSeconds").isNull()).isTrue();
    for (Map.Entry<String, String> e : CURRENT.entrySet()) {
      assertThat(warehouse.queryLong("SELECT count(*) FROM " + e.getValue()))
          .as(e.getValue())
          .isEqualTo(source.queryLong("SELECT count(*) FROM \"" + e.getKey() + "\""));
    }

    List<JsonNode> emf = metricLines();
    assertThat(emf)
        .allSatisfy(
            line ->
                assertThat(line.at("/_aws/CloudWatchMetrics/0/Namespace").asText())
                    .isEqualTo("Blackwater"));
    assertThat(metric(emf, "extract", "sales_order", "Rows"))
        .isEqualTo(source.queryLong("SELECT count(*) FROM sales_order"));
    assertThat(metric(emf, "extract", "sales_order", "Bytes")).isPositive();
    assertThat(metric(emf, "extract", "sales_order", "DurationMs")).isNotNegative();
    assertThat(metric(emf, "transform", "fact_sales_order", "Rows"))
        .isEqualTo(source.queryLong("SELECT count(*) FROM sales_order"));
    assertThat(metric(emf, "transform", "fact_sales_order", "Bytes")).isPositive();
    assertThat(metric(emf, "load", "dim_staff", "Rows"))
        .isEqualTo(source.queryLong("SELECT count(*) FROM staff"));
    assertThat(metric(emf, "load", null, "FreshnessLagSeconds"))
        .isEqualTo(loaded.path("freshnessLagSeconds").asLong());
    assertThat(metric(emf, "load", null, "DurationMs")).isNotNegative();

    LakeStores lakes =
        new AwsClients(
                new Configuration(SettingSource.environment(environment), Machine.current()).aws())
            .lakeStores();
    LakeStore ingestion = lakes.open(bucket.zone("ingestion"));
    LakeStore processed = lakes.open(bucket.zone("processed"));
    assertThat(ingestion.listAll("_runs/", null))
        .extracting(LakeObject::key)
        .anySatisfy(k -> assertThat(k).endsWith("-extract-success-req-extract-1.json"));
    assertThat(processed.listAll("_runs/", null))
        .extracting(LakeObject::key)
        .anySatisfy(k -> assertThat(k).endsWith("-transform-success-req-transform-1.json"))
        .anySatisfy(k -> assertThat(k).endsWith("-load-success-req-load-1.json"));

    JsonNode again = invoke(handler(Stage.EXTRACT, environment), "req-extract-2", "{}");
    assertThat(again.path("nothingNew").asBoolean()).isTrue();
    assertThat(again.path("batches").asInt()).isZero();
    assertThat(again.path("newestBatch").isNull()).isTrue();
  }

  @Test
  void aRotatedWarehousePasswordIsReadAgainAndAWrongOneFailsInOneLine(TestBucket bucket)
      throws Exception {
    TestDatabase warehouse = PostgresServer.shared().createDatabase("handlers_rotation");
    PasswordLogin login = PasswordLogin.create(warehouse, "handlers_loader", "first-Pa55");
    warehouse.execute("ALTER DATABASE " + warehouse.name() + " OWNER TO handlers_loader");
    secrets.put("it/rotating", secret(warehouse, login.role(), "first-Pa55"));
    StageHandler load = handler(Stage.LOAD, environment(bucket, "it/unused", "it/rotating"));

    assertThat(invoke(load, "req-load-a", "{}").path("nothingNew").asBoolean()).isTrue();
    login.changePassword("second-Pa55");
    secrets.put("it/rotating", secret(warehouse, login.role(), "second-Pa55"));
    assertThat(invoke(load, "req-load-b", "{}").path("nothingNew").asBoolean()).isTrue();
    assertThat(secrets.requested()).filteredOn(r -> r.endsWith(" it/rotating")).hasSize(2);

    secrets.put("it/wrong", secret(warehouse, login.role(), "not-the-Pa55word"));
    StageHandler wrong = handler(Stage.LOAD, environment(bucket, "it/unused", "it/wrong"));
    assertThatThrownBy(() -> invoke(wrong, "req-load-c", "{}"))
        .isInstanceOf(StageFailure.class)
        .satisfies(e -> assertThat(((StageFailure) e).code()).isEqualTo(ErrorCode.CONNECTION))
        .hasMessageStartingWith("load failed (CONNECTION): the warehouse database at ")
        .hasMessageEndingWith(" refused the credentials of user 'handlers_loader'")
        .hasMessageNotContaining("not-the-Pa55word")
        .hasNoCause();
    assertThat(secrets.requested()).filteredOn(r -> r.endsWith(" it/wrong")).hasSize(2);
  }

  /**
   * An RDS-managed secret holds only username and password: host, port and database come from the
   * URL setting. After a rotation the kept password is refused; the handler reads the secret again
   * once and the run succeeds, for extract as for load.
   */
  @Test
  void anRdsManagedSecretIsCompletedByTheUrlAndReadAgainAfterARotation(TestBucket bucket)
      throws Exception {
    TestDatabase source = PostgresServer.shared().createDatabase("handlers_rds");
    try (Connection c = source.connect()) {
      TotesysSchema.create(c);
      new Seeder().seed(c, new SeedOptions(0.01, 5));
    }
    PasswordLogin login = PasswordLogin.create(source, "handlers_reader", "first-Pa55");
    source.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO handlers_reader");
    secrets.put("it/rds-managed", rdsManaged(login.role(), "first-Pa55"));
    Map<String, String> env = environment(bucket, "it/rds-managed", "it/unused");
    env.put("BLACKWATER_SOURCE_URL", source.jdbcUrl());
    StageHandler extract = handler(Stage.EXTRACT, env);

    assertThat(invoke(extract, "req-rds-1", "{}").path("nothingNew").asBoolean()).isFalse();
    login.changePassword("rotated-Pa55");
    secrets.put("it/rds-managed", rdsManaged(login.role(), "rotated-Pa55"));
    source.execute("INSERT INTO currency (currency_code) VALUES ('ZZZ')");
    JsonNode after = invoke(extract, "req-rds-2", "{}");

    assertThat(after.path("nothingNew").asBoolean()).isFalse();
    assertThat(after.path("rows").asLong()).isPositive();
    assertThat(secrets.requested()).filteredOn(r -> r.endsWith(" it/rds-managed")).hasSize(2);
  }

  /**
   * A handler whose environment names no sslmode verifies TLS against the CA bundle at the
   * artifact's root ($LAMBDA_TASK_ROOT/rds-global-bundle.pem): it reads from a TLS server whose CA
   * the bundle holds, refuses a server without TLS instead of falling back to plain text, and
   * without the bundle stops at start-up naming it.
   */
  @Test
  void aHandlerVerifiesTlsWithTheBundledCaUnlessToldOtherwise(TestBucket bucket) throws Exception {
    TlsPostgresServer tls = TlsPostgresServer.shared();
    String database = tls.createDatabase("handlers_tls");
    try (Connection c =
        java.sql.DriverManager.getConnection(
            tls.jdbcUrl(TlsPostgresServer.HOST, database) + "?sslmode=disable", tls.user(), "")) {
      TotesysSchema.create(c);
      new Seeder().seed(c, new SeedOptions(0.01, 3));
    }
    Path taskRoot = java.nio.file.Files.createDirectories(temp.resolve("task"));
    java.nio.file.Files.copy(tls.caBundle(), taskRoot.resolve("rds-global-bundle.pem"));
    Map<String, String> env = environment(bucket, "it/tls-source", "it/unused");
    env.remove("BLACKWATER_SOURCE_SSLMODE");
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    secrets.put(
        "it/tls-source",
        JSON.createObjectNode()
            .put("host", TlsPostgresServer.HOST)
            .put("port", tls.port())
            .put("dbname", database)
            .put("username", tls.user())
            .put("password", "trusted")
            .toString());

    JsonNode extracted = invoke(handler(Stage.EXTRACT, env), "req-tls-1", "{}");
    assertThat(extracted.path("nothingNew").asBoolean()).isFalse();

    TestDatabase plain = PostgresServer.shared().createDatabase("handlers_plain");
    secrets.put("it/plain-source", secret(plain, plain.user(), "trusted"));
    Map<String, String> toPlain = environment(bucket, "it/plain-source", "it/unused");
    toPlain.remove("BLACKWATER_SOURCE_SSLMODE");
    toPlain.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    assertThatThrownBy(() -> invoke(handler(Stage.EXTRACT, toPlain), "req-tls-2", "{}"))
        .isInstanceOf(StageFailure.class)
        .satisfies(e -> assertThat(((StageFailure) e).code()).isEqualTo(ErrorCode.CONNECTION))
        .hasMessageStartingWith("extract failed (CONNECTION): the source database at ")
        .hasMessageEndingWith(
            " does not accept TLS connections, which sslmode verify-full, CA bundle "
                + taskRoot.resolve("rds-global-bundle.pem")
                + " needs");

    toPlain.put("LAMBDA_TASK_ROOT", temp.resolve("no-bundle-here").toString());
    assertThatThrownBy(() -> handler(Stage.EXTRACT, toPlain))
        .hasMessage(
            "--source-sslrootcert (BLACKWATER_SOURCE_SSLROOTCERT): the CA bundle "
                + temp.resolve("no-bundle-here").resolve("rds-global-bundle.pem")
                + " is not a readable file (sslmode verify-full)");
    assertThat(handler(Stage.TRANSFORM, toPlain))
        .as("transform touches no database: no bundle needed")
        .isNotNull();
  }

  /**
   * With lambda-max-backlog, transform and load measure what is pending before they work: above the
   * limit they write nothing and answer delegated (the state machine then runs the stage on
   * Fargate), at or below it they run and report what they found pending.
   */
  @Test
  void aBacklogAboveTheLimitIsLeftToFargateUntouched(TestBucket bucket) throws Exception {
    Map<String, String> env = deployed(bucket, "backlog", new SeedOptions(0.01, 9)).environment();
    JsonNode extracted = invoke(handler(Stage.EXTRACT, env), "req-backlog-e", "{}");
    Map<String, String> limited = new HashMap<>(env);
    limited.put("BLACKWATER_LAMBDA_MAX_BACKLOG", "1KB");

    JsonNode delegated = invoke(handler(Stage.TRANSFORM, limited), "req-backlog-t1", "{}");

    assertThat(delegated.path("delegated").asBoolean()).isTrue();
    assertThat(delegated.path("pendingBatches").asInt()).isEqualTo(1);
    assertThat(delegated.path("pendingBytes").asLong()).isEqualTo(extracted.path("bytes").asLong());
    assertThat(delegated.path("batches").asInt()).isZero();
    LakeStore processed =
        new AwsClients(new Configuration(SettingSource.environment(env), Machine.current()).aws())
            .lakeStores()
            .open(bucket.zone("processed"));
    assertThat(processed.listAll("_batches/", null)).as("nothing transformed").isEmpty();

    JsonNode transformed = invoke(handler(Stage.TRANSFORM, env), "req-backlog-t2", "{}");
    assertThat(transformed.path("delegated").asBoolean()).isFalse();
    assertThat(transformed.path("pendingBytes").isNull()).as("no limit, nothing measured").isTrue();
    JsonNode loadDelegated = invoke(handler(Stage.LOAD, limited), "req-backlog-l1", "{}");
    assertThat(loadDelegated.path("delegated").asBoolean()).isTrue();
    assertThat(loadDelegated.path("pendingBatches").asInt()).isEqualTo(1);
    assertThat(loadDelegated.path("pendingBytes").asLong())
        .isEqualTo(transformed.path("bytes").asLong());

    limited.put("BLACKWATER_LAMBDA_MAX_BACKLOG", "1GB");
    JsonNode loaded = invoke(handler(Stage.LOAD, limited), "req-backlog-l2", "{}");
    assertThat(loaded.path("delegated").asBoolean()).isFalse();
    assertThat(loaded.path("batches").asInt()).isEqualTo(1);
    assertThat(loaded.path("pendingBytes").asLong()).isEqualTo(transformed.path("bytes").asLong());
    JsonNode again = invoke(handler(Stage.LOAD, limited), "req-backlog-l3", "{}");
    assertThat(again.path("pendingBatches").asInt()).as("loaded: nothing pending").isZero();
    assertThat(again.path("nothingNew").asBoolean()).isTrue();
  }

  /**
   * The state machine's Maintain state: the transform function, given {@code {"task": "maintain"}},
   * compacts the month of fact files two batches wrote and expires no snapshot still in retention,
   * once per gc interval (the next ask does nothing); the lake's rows are the same after it, and
   * the next load loads nothing again. Another function refuses the task by name.
   */
  @Test
  void theTransformFunctionMaintainsTheLakeOncePerIntervalWhenAsked(TestBucket bucket)
      throws Exception {
    Deployed deployed = deployed(bucket, "maintain", new SeedOptions(0.02, 13));
    TestDatabase source = deployed.source();
    TestDatabase warehouse = deployed.warehouse();
    Map<String, String> env = deployed.environment();
    // the catalog: Glue on AWS; here Iceberg's SQLite catalog, which works for any zone
    env.put("BLACKWATER_CATALOG", "jdbc:sqlite:" + temp.resolve("catalog.db"));
    // Iceberg stamps snapshots with the wall clock, this test's clock is weeks ahead of it: a
    // retention longer than that keeps them (expiry itself: IcebergLakeIT, QueryCommandIT)
    env.put("BLACKWATER_ICEBERG_RETENTION", "3650d");
    cycle(env, "1");
    // a second batch whose changed orders fall in the month of the newest seeded ones
    source.execute(
        "UPDATE sales_order SET units_sold = units_sold + 1, last_updated = (SELECT"
            + " max(last_updated) FROM sales_order) + interval '1 second' WHERE sales_order_id IN"
            + " (SELECT sales_order_id FROM sales_order ORDER BY last_updated DESC LIMIT 5)");
    cycle(env, "2");
    long lakeRows = lakeRows(env, "fact_sales_order");
    assertThat(lakeRows).isEqualTo(warehouse.queryLong("SELECT count(*) FROM fact_sales_order"));

    JsonNode maintained =
        invoke(handler(Stage.TRANSFORM, env), "req-maintain-1", "{\"task\": \"maintain\"}");

    assertThat(maintained.path("task").asText()).isEqualTo("maintain");
    assertThat(maintained.path("runId").asText()).isEqualTo("req-maintain-1");
    assertThat(maintained.path("ran").asBoolean()).as(maintained.toString()).isTrue();
    assertThat(maintained.path("filesReplaced").asInt())
        .as(maintained.toString())
        .isGreaterThan(maintained.path("filesWritten").asInt())
        .isGreaterThanOrEqualTo(2);
    assertThat(maintained.path("snapshotsExpired").asInt()).as("all within retention").isZero();
    assertThat(lakeRows(env, "fact_sales_order")).as("the same rows").isEqualTo(lakeRows);
    JsonNode transformed = invoke(handler(Stage.TRANSFORM, env), "req-maintain-t", "{}");
    JsonNode loaded = invoke(handler(Stage.LOAD, env), "req-maintain-l", "{}");
    assertThat(transformed.path("nothingNew").asBoolean()).isTrue();
    assertThat(loaded.path("nothingNew").asBoolean()).as("compaction is nothing to load").isTrue();

    JsonNode again =
        invoke(handler(Stage.TRANSFORM, env), "req-maintain-2", "{\"task\": \"maintain\"}");
    assertThat(again.path("ran").asBoolean()).as("within the gc interval").isFalse();
    assertThat(again.path("filesReplaced").asInt()).isZero();

    assertThatThrownBy(
            () -> invoke(handler(Stage.LOAD, env), "req-maintain-3", "{\"task\": \"maintain\"}"))
        .isInstanceOf(StageFailure.class)
        .hasMessageContaining("load function takes no task 'maintain'")
        .hasMessageContaining("the transform function takes");
  }

  /**
   * With a Glue database, transform and load build Glue's catalog in their constructor (so that it
   * is in the SnapStart snapshot), and building it calls no AWS API: here nothing answers at the
   * Glue endpoint, and the functions still start.
   */
  @Test
  void transformAndLoadBuildGluesCatalogWhenTheyStartWithoutCallingGlue(TestBucket bucket) {
    Map<String, String> env = environment(bucket, "it/unused", "it/unused");
    env.put("BLACKWATER_GLUE_DATABASE", "blackwater_lake");
    env.put("BLACKWATER_GLUE_ENDPOINT", "http://127.0.0.1:9"); // the discard port: no Glue here
    for (Stage stage : List.of(Stage.TRANSFORM, Stage.LOAD)) {
      assertThatCode(() -> handler(stage, env)).as(stage.label()).doesNotThrowAnyException();
    }
  }

  /** A seeded source, an empty warehouse, their secrets, and the functions' environment. */
  private record Deployed(
      TestDatabase source, TestDatabase warehouse, Map<String, String> environment) {}

  private Deployed deployed(TestBucket bucket, String name, SeedOptions seed) throws Exception {
    TestDatabase source = PostgresServer.shared().createDatabase("handlers_" + name);
    try (Connection c = source.connect()) {
      TotesysSchema.create(c);
      new Seeder().seed(c, seed);
    }
    TestDatabase warehouse = PostgresServer.shared().createDatabase("handlers_" + name + "_dw");
    secrets.put("it/" + name + "-source", secret(source, source.user(), "trusted"));
    secrets.put("it/" + name + "-warehouse", secret(warehouse, warehouse.user(), "trusted"));
    return new Deployed(
        source,
        warehouse,
        environment(bucket, "it/" + name + "-source", "it/" + name + "-warehouse"));
  }

  /** Extract, transform and load, as one execution of the state machine runs them. */
  private void cycle(Map<String, String> env, String n) throws IOException {
    invoke(handler(Stage.EXTRACT, env), "req-cycle-e" + n, "{}");
    invoke(handler(Stage.TRANSFORM, env), "req-cycle-t" + n, "{}");
    invoke(handler(Stage.LOAD, env), "req-cycle-l" + n, "{}");
  }

  /** The rows of a table of the lake's current snapshot, read through its Iceberg metadata. */
  private long lakeRows(Map<String, String> env, String table) {
    Configuration configuration =
        new Configuration(SettingSource.environment(env), Machine.current());
    AwsClients aws = new AwsClients(configuration.aws());
    Blackwater blackwater =
        new Blackwater(
            configuration.pipeline(),
            aws.lakeStores(),
            aws.secrets(),
            clock,
            DeploymentCatalogs.of(configuration));
    try (LakeSql lake =
        LakeSql.open(
            blackwater.requireLakeTables(),
            blackwater.processed(),
            "256MB",
            temp.resolve("query"))) {
      return ((Number) lake.query("SELECT count(*) FROM " + table).rows().get(0).get(0))
          .longValue();
    }
  }

  @Test
  void aMissingSettingIsNamedWhenTheFunctionStarts(TestBucket bucket) {
    Map<String, String> env = new HashMap<>();
    env.put("BLACKWATER_INGESTION", bucket.zone("ingestion").toString());
    assertThatThrownBy(() -> handler(Stage.TRANSFORM, env))
        .hasMessage(
            "no processed zone given: set --processed (BLACKWATER_PROCESSED) to file:///path or"
                + " s3://bucket/prefix");
    env.put("BLACKWATER_PROCESSED", bucket.zone("processed").toString());
    assertThatThrownBy(() -> handler(Stage.EXTRACT, env))
        .hasMessageStartingWith("no source database given: set --source-url");
    env.put("BLACKWATER_MEMORY_LIMIT", "plenty");
    assertThatThrownBy(() -> handler(Stage.LOAD, env))
        .hasMessage(
            "--memory-limit (BLACKWATER_MEMORY_LIMIT): 'plenty' is not a size (examples: 512MB,"
                + " 1GB, auto)");
  }

  @Test
  void theConstructorsLambdaCallsReadThisProcesssEnvironment() {
    assumeTrue(System.getenv("BLACKWATER_INGESTION") == null, "the test process names no zone");

    for (ThrowingCallable lambdaConstructs :
        List.<ThrowingCallable>of(ExtractHandler::new, TransformHandler::new, LoadHandler::new)) {
      assertThatThrownBy(lambdaConstructs)
          .hasMessageMatching("no (ingestion|processed) zone given: .*");
    }
  }

  private StageHandler handler(Stage stage, Map<String, String> environment) {
    return new StageHandler(
        stage, new HandlerSetup(environment::get, metrics, new Machine(1L << 30, 2, temp), clock));
  }

  private Map<String, String> environment(
      TestBucket bucket, String sourceSecret, String warehouseSecret) {
    Map<String, String> env = new HashMap<>();
    env.put("BLACKWATER_INGESTION", bucket.zone("ingestion").toString());
    env.put("BLACKWATER_PROCESSED", bucket.zone("processed").toString());
    env.put("BLACKWATER_SOURCE_SECRET", sourceSecret);
    env.put("BLACKWATER_WAREHOUSE_SECRET", warehouseSecret);
    env.put("BLACKWATER_SECRETS_ENDPOINT", secrets.endpoint().toString());
    env.put("BLACKWATER_S3_ENDPOINT", S3TestServer.shared().endpoint().toString());
    env.put("BLACKWATER_AWS_REGION", "eu-west-2");
    // the embedded server speaks plain text: say so, as a handler otherwise verifies TLS
    env.put("BLACKWATER_SOURCE_SSLMODE", "disable");
    env.put("BLACKWATER_WAREHOUSE_SSLMODE", "disable");
    return env;
  }

  private static JsonNode invoke(RequestStreamHandler handler, String requestId, String event)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
        out,
        new TestContext(requestId));
    return JSON.readTree(out.toByteArray());
  }

  private static String secret(TestDatabase db, String user, String password) {
    URI uri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
    return JSON.createObjectNode()
        .put("engine", "postgres")
        .put("host", uri.getHost())
        .put("port", uri.getPort() < 0 ? 5432 : uri.getPort())
        .put("dbname", db.name())
        .put("username", user)
        .put("password", password)
        .toString();
  }

  /** A secret as RDS manages it for a database's master user: username and password only. */
  private static String rdsManaged(String user, String password) {
    return JSON.createObjectNode().put("username", user).put("password", password).toString();
  }

  private static long sourceRows(TestDatabase source) {
    long rows = 0;
    for (String table : TotesysSchema.tables()) {
      rows += source.queryLong("SELECT count(*) FROM \"" + table + "\"");
    }
    return rows;
  }

  private List<JsonNode> metricLines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : metricsOut.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  /** A metric's value on the line of {@code stage} (and {@code table}, or no table). */
  private static long metric(List<JsonNode> lines, String stage, String table, String name) {
    return lines.stream()
        .filter(l -> l.path("stage").asText().equals(stage))
        .filter(l -> table == null ? !l.has("table") : l.path("table").asText().equals(table))
        .filter(l -> l.has(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " for " + stage + " " + table))
        .path(name)
        .asLong();
  }
}
