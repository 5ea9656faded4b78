package dev.blackwater.aws;

import static dev.blackwater.aws.TerraformPlan.statements;
import static dev.blackwater.aws.TerraformPlan.strings;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackwater.aws.TerraformPlan.Resource;
import dev.blackwater.aws.catalog.GlueCatalogSettings;
import dev.blackwater.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lake for analysts as terraform/ plans it (terraform/plan.json from {@code make plan-offline},
 * whose offline.tfvars turns QuickSight's Athena source and the analyst role on): the Glue database
 * of the Iceberg tables, which the pipeline creates there (Terraform declares none), with exactly
 * the Glue rights that needs; the analysts' views with the warehouse's names and columns; the
 * Athena workgroup and its results bucket; QuickSight over Athena; and an analyst policy that reads
 * and deletes nothing beyond the tables. Runs with {@code -Pterraform}.
 */
class AnalyticsPlanIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path WAREHOUSE_SQL =
      Path.of("../blackwater-core/src/main/resources/db/warehouse");
  private static final Pattern PRESTO_VIEW = Pattern.compile("^/\\* Presto View: (\\S+) \\*/$");

  private static TerraformPlan plan;
  private static String lakeDatabase;
  private static String database;
  private static String processed;

  @BeforeAll
  static void read() throws IOException {
    plan = TerraformPlan.read(Path.of("../terraform/plan.json"));
    lakeDatabase =
        plan.named("aws_glue_catalog_database", "aws_glue_catalog_database.lake").text("name");
    database =
        plan.named("aws_glue_catalog_database", "aws_glue_catalog_database.analytics").text("name");
    processed = plan.one("aws_s3_bucket", "processed").text("bucket");
  }

  /**
   * The Iceberg tables' database is named per environment from the prefix, and its location is the
   * processed zone's {@code _iceberg/}, where the Glue catalog puts each table's metadata.
   */
  @Test
  void theLakesGlueDatabaseLivesUnderTheProcessedZonesIcebergPrefix() {
    assertThat(plan.variableDefault("glue_database").isNull()).as("derived by default").isTrue();
    String prefix = plan.variable("name_prefix").replace('-', '_');
    assertThat(lakeDatabase).isEqualTo(prefix + "_lake");
    assertThat(database).isEqualTo(prefix);
    assertThat(
            plan.named("aws_glue_catalog_database", "aws_glue_catalog_database.lake")
                .text("location_uri"))
        .isEqualTo("s3://" + processed + "/" + GlueCatalogSettings.ICEBERG_PREFIX);
  }

  /**
   * The pipeline creates the Iceberg tables (Terraform declares none: every Glue table it plans is
   * an analysts' view), so transform, the Fargate task and load (which appends what a transform
   * that died after its manifest left out) may create and commit tables, in that one database;
   * nobody the pipeline runs as may delete a table or a database. Their settings are the Settings
   * table's, naming that database.
   */
  @Test
  void thePipelineCreatesAndCommitsTheTablesWithGlueRightsOnItsDatabaseOnly() {
    assertThat(plan.all("aws_glue_catalog_table"))
        .isNotEmpty()
        .allSatisfy(
            t -> {
              assertThat(t.text("table_type")).as(t.address()).isEqualTo("VIRTUAL_VIEW");
              assertThat(t.text("database_name")).as(t.address()).isEqualTo(database);
              assertThat(t.after().path("open_table_format_input")).as(t.address()).isEmpty();
            });

    String arn = "arn:aws:glue:" + plan.variable("region") + ":" + plan.variable("account_id");
    List<String> scope =
        List.of(
            arn + ":catalog",
            arn + ":database/" + lakeDatabase,
            arn + ":table/" + lakeDatabase + "/*");
    Map<String, List<String>> expected = new LinkedHashMap<>();
    List<String> read = List.of("glue:GetDatabase", "glue:GetTable", "glue:GetTables");
    List<String> commit = new ArrayList<>(read);
    commit.addAll(List.of("glue:CreateTable", "glue:UpdateTable", "glue:UpdateDatabase"));
    expected.put("lambda.aws_iam_role_policy.function[\"transform\"]", commit);
    expected.put("lambda.aws_iam_role_policy.function[\"load\"]", commit);
    expected.put("lambda.aws_iam_role_policy.function[\"extract\"]", List.of());
    expected.put("fargate[0].aws_iam_role_policy.task", commit);

    for (Map.Entry<String, List<String>> role : expected.entrySet()) {
      Resource policy = plan.named("aws_iam_role_policy", role.getKey());
      List<String> granted = new ArrayList<>();
      for (JsonNode s : statements(policy.policy())) {
        List<String> glue =
            strings(s.path("Action")).stream().filter(a -> a.startsWith("glue:")).toList();
        if (!glue.isEmpty()) {
          assertThat(strings(s.path("Resource")))
              .as(policy.address())
              .containsExactlyInAnyOrderElementsOf(scope);
          granted.addAll(glue);
        }
      }
      assertThat(granted).as(role.getKey()).containsExactlyInAnyOrderElementsOf(role.getValue());

      JsonNode env =
          role.getKey().startsWith("fargate")
              ? fargateEnvironment()
              : plan.one("aws_lambda_function", stageOf(role.getKey()))
                  .after()
                  .at("/environment/0/variables");
      if (role.getValue().isEmpty()) {
        assertThat(env.has(Settings.GLUE_DATABASE.variable())).as(role.getKey()).isFalse();
      } else {
        assertThat(env.path(Settings.GLUE_DATABASE.variable()).asText())
            .as(role.getKey())
            .isEqualTo(lakeDatabase);
      }
    }
    assertThat(plan.all("aws_vpc_endpoint"))
        .as("in a VPC, the functions reach Glue through an endpoint of their own")
        .extracting(e -> e.text("service_name"))
        .contains("com.amazonaws." + plan.variable("region") + ".glue");
    for (String type : List.of("aws_iam_role_policy", "aws_iam_policy")) {
      for (Resource policy : plan.all(type)) {
        for (JsonNode s : statements(policy.policy())) {
          assertThat(strings(s.path("Action")))
              .as(policy.address())
              .noneMatch(a -> a.startsWith("glue:Delete") || a.startsWith("glue:BatchDelete"))
              .noneMatch(a -> a.startsWith("s3:Delete"));
        }
      }
    }
  }

  /**
   * Athena sees, with no crawler and no statement run by hand, one view per warehouse table and
   * {@code *_current} view (db/warehouse/*.sql), of that name, with that table's columns (less the
   * facts' SERIAL record id, which the warehouse assigns) in order and type, deleted_at included,
   * reading the Iceberg table of the same name and its table of deletion records: deleted facts end
   * with a final version and leave the current views, dimensions have deleted_at.
   */
  @Test
  void everyWarehouseTableAndViewIsAnAthenaViewWithItsColumns() throws IOException {
    Map<String, List<String[]>> tables = warehouseTables();
    List<String> views = warehouseViews();
    assertThat(tables).hasSize(11);
    assertThat(views)
        .containsExactlyInAnyOrder(
            "fact_sales_order_current", "fact_purchase_order_current", "fact_payment_current");

    List<String> expectedViews = new ArrayList<>(tables.keySet());
    expectedViews.addAll(views);
    List<Resource> planned = plan.all("aws_glue_catalog_table");
    assertThat(planned)
        .extracting(Resource::key)
        .containsExactlyInAnyOrderElementsOf(expectedViews);

    Map<String, String> presto =
        Map.of(
            "int", "integer",
            "varchar", "varchar",
            "date", "date",
            "time", "time",
            "numeric(10,2)", "decimal(10,2)",
            "boolean", "boolean",
            "timestamp", "timestamp(6)");
    for (Resource view : planned) {
      String table = view.key().replace("_current", "");
      assertThat(view.after().at("/parameters/presto_view").asText()).isEqualTo("true");
      assertThat(view.text("view_expanded_text")).isEqualTo("/* Presto View */");
      Matcher text = PRESTO_VIEW.matcher(view.text("view_original_text"));
      assertThat(text.matches()).as(view.key()).isTrue();
      JsonNode definition = JSON.readTree(Base64.getDecoder().decode(text.group(1)));
      assertThat(definition.path("catalog").asText()).isEqualTo("awsdatacatalog");
      assertThat(definition.path("schema").asText()).isEqualTo(database);

      List<String> columns = new ArrayList<>();
      definition
          .path("columns")
          .forEach(c -> columns.add(c.path("name").asText() + " " + c.path("type").asText()));
      assertThat(columns)
          .as(view.key())
          .containsExactlyElementsOf(
              tables.get(table).stream().map(c -> c[0] + " " + presto.get(c[1])).toList());
      List<String> described = new ArrayList<>();
      view.after()
          .at("/storage_descriptor/0/columns")
          .forEach(c -> described.add(c.path("name").asText()));
      assertThat(described)
          .containsExactlyElementsOf(tables.get(table).stream().map(c -> c[0]).toList());

      String sql = definition.path("originalSql").asText();
      assertThat(sql)
          .as(view.key())
          .contains("FROM \"" + lakeDatabase + "\".\"" + table + "\"")
          .startsWith(
              "SELECT "
                  + String.join(", ", tables.get(table).stream().map(c -> c[0]).toList())
                  + " FROM");
      String deletions = "FROM \"" + lakeDatabase + "\".\"" + table + "_deleted\"";
      String batchOfFile =
          "CAST(regexp_extract(\"$path\", '(\\d{6,})-\\d{8}T\\d{6}Z[^/]*$', 1) AS BIGINT)";
      if (view.key().endsWith("_current")) {
        // V10: the newest version by the warehouse's order, left out when it marks a deletion
        assertThat(sql)
            .as(view.key())
            .contains(
                "row_number() OVER (PARTITION BY "
                    + tables.get(table).get(0)[0]
                    + " ORDER BY last_updated_date DESC, last_updated_time DESC) AS version_rank")
            .endsWith(") WHERE version_rank = 1 AND deleted_at IS NULL")
            .contains(deletions);
      } else if (table.startsWith("fact_")) {
        // every version, and a final version per deletion record, as load adds it
        assertThat(sql)
            .as(view.key())
            .contains(deletions)
            .contains("CAST(NULL AS timestamp(6)) AS deleted_at FROM v UNION ALL")
            .contains("CAST(ended_at AS date) AS last_updated_date")
            .contains("CAST(ended_at AS time(6)) AS last_updated_time")
            .contains("ended_at AS deleted_at FROM f WHERE version_rank = 1")
            .doesNotContain("deleted_at IS NULL");
      } else if (table.equals("dim_date")) {
        // the days deletions of facts were seen on, as load adds them
        assertThat(sql)
            .contains("FROM \"" + lakeDatabase + "\".\"fact_sales_order_deleted\"")
            .contains("FROM \"" + lakeDatabase + "\".\"fact_purchase_order_deleted\"")
            .contains("FROM \"" + lakeDatabase + "\".\"fact_payment_deleted\"")
            .contains("WHERE d NOT IN (SELECT date_id FROM known)");
      } else {
        // the newest batch's row (the sequence number of the file it comes from, as blackwater
        // query), and deleted_at from the key's newest deletion record since the key's first batch
        assertThat(sql)
            .as(view.key())
            .contains(batchOfFile + " AS lake_batch FROM \"" + lakeDatabase + "\".\"" + table)
            .contains("ORDER BY lake_batch DESC) AS version_rank")
            .contains(deletions)
            .contains("ORDER BY d.lake_batch DESC NULLS LAST) AS mark_rank")
            .contains("AND d.lake_batch >= v.first_batch WHERE v.version_rank = 1")
            .endsWith(") WHERE mark_rank = 1");
      }
    }
  }

  /**
   * The workgroup's settings are enforced on every query: results encrypted in a bucket of their
   * own (private, TLS only, expired), Athena engine 3, a cap on the bytes a query scans.
   */
  @Test
  void theWorkgroupEnforcesEncryptedResultsInItsOwnExpiringBucketAndACutoff() {
    Resource workgroup = plan.all("aws_athena_workgroup").get(0);
    assertThat(plan.all("aws_athena_workgroup")).hasSize(1);
    JsonNode config = workgroup.after().at("/configuration/0");
    String results = plan.one("aws_s3_bucket", "athena-results").text("bucket");

    assertThat(config.path("enforce_workgroup_configuration").asBoolean()).isTrue();
    assertThat(config.path("bytes_scanned_cutoff_per_query").asLong())
        .isEqualTo(Long.parseLong(plan.variable("athena_bytes_scanned_cutoff")))
        .isPositive();
    assertThat(config.at("/engine_version/0/selected_engine_version").asText())
        .isEqualTo("Athena engine version 3");
    assertThat(config.at("/result_configuration/0/output_location").asText())
        .isEqualTo("s3://" + results + "/results/");
    assertThat(
            config
                .at("/result_configuration/0/encryption_configuration/0/encryption_option")
                .asText())
        .isEqualTo("SSE_S3");
    assertThat(config.at("/result_configuration/0/expected_bucket_owner").asText())
        .isEqualTo(plan.variable("account_id"));

    JsonNode expiry =
        plan.one("aws_s3_bucket_lifecycle_configuration", "athena-results").after().at("/rule/0");
    assertThat(expiry.at("/expiration/0/days").asInt())
        .isEqualTo(Integer.parseInt(plan.variable("athena_results_expiry_days")));
    JsonNode tlsOnly =
        statements(plan.one("aws_s3_bucket_policy", "athena-results").policy()).get(0);
    assertThat(tlsOnly.path("Effect").asText()).isEqualTo("Deny");
    assertThat(tlsOnly.at("/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false");
  }

  /**
   * The analyst policy (a managed policy, the analyst role's and QuickSight's service role's inline
   * policy, all one document) queries in this workgroup only, reads the catalog of the two
   * databases, reads only the tables' objects of the processed zone (not the pipeline's state,
   * claims, manifests, run records or rejected rows), and writes only query results.
   */
  @Test
  void analystsQueryInTheWorkgroupAndReadOnlyTheTables() throws IOException {
    String arn = "arn:aws:athena:" + plan.variable("region") + ":" + plan.variable("account_id");
    String results = "arn:aws:s3:::" + plan.one("aws_s3_bucket", "athena-results").text("bucket");
    String zone = "arn:aws:s3:::" + processed;
    JsonNode policy = plan.named("aws_iam_policy", "analytics.aws_iam_policy.analyst").policy();
    assertThat(
            plan.named("aws_iam_role_policy", "analytics.aws_iam_role_policy.analyst[0]").policy())
        .isEqualTo(policy);
    assertThat(plan.named("aws_iam_role_policy", "aws_iam_role_policy.athena[\"lake\"]").policy())
        .isEqualTo(policy);

    for (JsonNode s : statements(policy)) {
      List<String> actions = strings(s.path("Action"));
      List<String> resources = strings(s.path("Resource"));
      assertThat(s.path("Effect").asText()).isEqualTo("Allow");
      for (String action : actions) {
        String service = action.substring(0, action.indexOf(':'));
        switch (service) {
          case "athena" -> {
            if (List.of(
                    "athena:ListWorkGroups", "athena:ListDataCatalogs", "athena:ListEngineVersions")
                .contains(action)) {
              assertThat(resources).containsExactly("*");
            } else {
              assertThat(resources)
                  .containsExactly(arn + ":workgroup/" + plan.variable("name_prefix"));
            }
          }
          case "glue" -> {
            assertThat(action).matches("glue:(Get|BatchGet)\\w+");
            assertThat(resources)
                .allMatch(
                    r ->
                        r.endsWith(":catalog")
                            || r.contains("/" + database)
                            || r.contains("/" + lakeDatabase));
          }
          case "s3" -> {
            assertThat(action)
                .isIn(
                    "s3:GetObject",
                    "s3:ListBucket",
                    "s3:GetBucketLocation",
                    "s3:PutObject",
                    "s3:AbortMultipartUpload",
                    "s3:ListMultipartUploadParts");
            for (String resource : resources) {
              if (resource.startsWith(zone)) {
                assertThat(action).isIn("s3:GetObject", "s3:ListBucket");
                assertThat(resource).isNotIn(zone + "/*");
              } else {
                assertThat(resource).startsWith(results);
              }
            }
            if (action.equals("s3:PutObject")) {
              assertThat(resources).containsExactly(results + "/results/*");
            }
          }
          default -> throw new AssertionError("the analyst policy grants " + action);
        }
      }
    }
    List<String> read =
        statements(policy).stream()
            .filter(s -> strings(s.path("Action")).contains("s3:GetObject"))
            .flatMap(s -> strings(s.path("Resource")).stream())
            .filter(r -> r.startsWith(zone))
            .toList();
    List<String> expected = new ArrayList<>();
    warehouseTables().keySet().forEach(t -> expected.add(zone + "/" + t + "/*"));
    expected.add(zone + "/_deleted/*");
    expected.add(zone + "/" + GlueCatalogSettings.ICEBERG_PREFIX + "*");
    assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
  }

  /**
   * QuickSight reads the lake through Athena in the lake's workgroup (no VPC connection), one
   * direct-query data set per analysts' view, beside the warehouse's data sets.
   */
  @Test
  void quickSightHasAnAthenaDataSourceAndADataSetPerView() {
    assertThat(plan.variable("quicksight_source")).isEqualTo("both");
    Resource source =
        plan.named("aws_quicksight_data_source", "aws_quicksight_data_source.athena[\"lake\"]");
    assertThat(source.text("type")).isEqualTo("ATHENA");
    assertThat(source.after().at("/parameters/0/athena/0/work_group").asText())
        .isEqualTo(plan.all("aws_athena_workgroup").get(0).text("name"));
    assertThat(source.after().path("vpc_connection_properties")).isEmpty();

    List<Resource> sets =
        plan.all("aws_quicksight_data_set").stream()
            .filter(r -> r.address().contains("aws_quicksight_data_set.athena["))
            .toList();
    assertThat(sets)
        .extracting(Resource::key)
        .containsExactlyInAnyOrderElementsOf(
            plan.all("aws_glue_catalog_table").stream().map(Resource::key).toList());
    for (Resource set : sets) {
      JsonNode table = set.after().at("/physical_table_map/0/relational_table/0");
      assertThat(set.text("import_mode")).isEqualTo("DIRECT_QUERY");
      assertThat(table.path("catalog").asText()).isEqualTo("AwsDataCatalog");
      assertThat(table.path("schema").asText()).isEqualTo(database);
      assertThat(table.path("name").asText()).isEqualTo(set.key());
      assertThat(table.path("input_columns")).isNotEmpty();
    }
    assertThat(plan.all("aws_quicksight_data_source")).hasSize(2);
  }

  private static String stageOf(String address) {
    return address.substring(address.indexOf("[\"") + 2, address.indexOf("\"]"));
  }

  private static JsonNode fargateEnvironment() {
    try {
      JsonNode container =
          JSON.readTree(
              plan.named("aws_ecs_task_definition", "fargate[0].aws_ecs_task_definition.pipeline")
                  .text("container_definitions"));
      JsonNode env = JSON.createObjectNode();
      for (JsonNode variable : container.get(0).path("environment")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) env)
            .put(variable.path("name").asText(), variable.path("value").asText());
      }
      return env;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The warehouse's tables, by name: each column's name and type, less the SERIAL record ids, with
   * the deleted_at V10 adds.
   */
  private static Map<String, List<String[]>> warehouseTables() throws IOException {
    String sql = Files.readString(WAREHOUSE_SQL.resolve("V1__star_schema.sql"), UTF_8);
    Map<String, List<String[]>> tables = new LinkedHashMap<>();
    Matcher table =
        Pattern.compile("CREATE TABLE (\\w+) \\((.*?)\\n\\);", Pattern.DOTALL).matcher(sql);
    while (table.find()) {
      List<String[]> columns = new ArrayList<>();
      for (String line : table.group(2).split("\n")) {
        String[] words = line.trim().split("\\s+");
        if (words.length >= 2 && !words[1].startsWith("serial")) {
          columns.add(new String[] {words[0], words[1].replaceAll(",$", "")});
        }
      }
      tables.put(table.group(1), columns);
    }
    // V10: deleted_at, last, on every table that records deletions
    Matcher added =
        Pattern.compile("ALTER TABLE (\\w+) ADD COLUMN (\\w+) (\\w+);")
            .matcher(Files.readString(WAREHOUSE_SQL.resolve("V10__deletions.sql"), UTF_8));
    int deletable = 0;
    while (added.find()) {
      tables.get(added.group(1)).add(new String[] {added.group(2), added.group(3)});
      deletable++;
    }
    assertThat(deletable).isEqualTo(10);
    return tables;
  }

  /** The views the warehouse's migrations create. */
  private static List<String> warehouseViews() throws IOException {
    List<String> views = new ArrayList<>();
    try (Stream<Path> files = Files.list(WAREHOUSE_SQL)) {
      for (Path file : files.sorted().toList()) {
        Matcher view = Pattern.compile("CREATE VIEW (\\w+)").matcher(Files.readString(file, UTF_8));
        while (view.find()) {
          views.add(view.group(1));
        }
      }
    }
    return views;
  }
}
