package dev.blackwater.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackwater.aws.TerraformPlan.Resource;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the deployment that terraform/ plans (terraform/plan.json, written by {@code make
 * plan-offline}): runtimes, SnapStart, sizes, least-privilege IAM, locked-down buckets, the state
 * machine, the schedule, the alarms and QuickSight, and that the Lambda artifact ({@code
 * target/blackwater-lambda.jar}, packaged before failsafe runs) holds every handler the functions
 * name. Runs only with {@code -Pterraform}, and fails there when the plan is missing.
 */
class TerraformPlanIT {

  /**
   * Actions that AWS only grants on Resource "*": the EC2 describe calls Lambda makes to attach to
   * a VPC, CloudWatch Logs' log-delivery API that Step Functions' execution logging uses, and
   * CloudWatch's PutMetricData (the state machine's SkippedRuns count, narrowed by a namespace
   * condition, see StateMachinePlanIT), and ECR's GetAuthorizationToken (the Fargate task's image
   * pull).
   */
  private static final Set<String> WILDCARD_RESOURCE_ACTIONS =
      Set.of(
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeSubnets",
          "ec2:DescribeVpcs",
          "logs:CreateLogDelivery",
          "logs:GetLogDelivery",
          "logs:UpdateLogDelivery",
          "logs:DeleteLogDelivery",
          "logs:ListLogDeliveries",
          "logs:PutResourcePolicy",
          "logs:DescribeResourcePolicies",
          "logs:DescribeLogGroups",
          "cloudwatch:PutMetricData",
          "ecr:GetAuthorizationToken",
          // the analyst's Athena console: lists support no resource-level permissions
          "athena:ListWorkGroups",
          "athena:ListDataCatalogs",
          "athena:ListEngineVersions");

  /** The most ephemeral storage (/tmp) AWS allows on a function with SnapStart. */
  private static final int SNAP_START_MAX_EPHEMERAL_STORAGE_MB = 512;

  private static final Map<String, String> HANDLERS =
      Map.of(
          "extract", "dev.blackwater.aws.handler.ExtractHandler::handleRequest",
          "transform", "dev.blackwater.aws.handler.TransformHandler::handleRequest",
          "load", "dev.blackwater.aws.handler.LoadHandler::handleRequest");

  private static TerraformPlan plan;
  private static String ingestion;
  private static String processed;
  private static String sourceSecret;
  private static String warehouseSecret;

  @BeforeAll
  static void readPlan() throws Exception {
    plan =
        TerraformPlan.read(
            Path.of(System.getProperty("blackwater.terraform.plan", "../terraform/plan.json")));
    String partition = plan.variable("partition");
    ingestion =
        "arn:" + partition + ":s3:::" + plan.one("aws_s3_bucket", "ingestion").text("bucket");
    processed =
        "arn:" + partition + ":s3:::" + plan.one("aws_s3_bucket", "processed").text("bucket");
    String secrets =
        "arn:"
            + partition
            + ":secretsmanager:"
            + plan.variable("region")
            + ":"
            + plan.variable("account_id")
            + ":secret:";
    sourceSecret =
        secrets + plan.one("aws_secretsmanager_secret", "source").text("name") + "-??????";
    // offline.tfvars names the warehouse's secret by ARN (an RDS-managed one): see SafetyPlanIT
    warehouseSecret = plan.variable("warehouse_secret_arn");
  }

  @Test
  void threeJava21FunctionsWithSnapStartJsonLogsAndALiveAlias() {
    List<Resource> functions = plan.all("aws_lambda_function");
    assertThat(functions)
        .extracting(Resource::key)
        .containsExactlyInAnyOrderElementsOf(HANDLERS.keySet());
    for (Resource f : functions) {
      assertThat(f.text("runtime")).as(f.address()).isEqualTo("java21");
      assertThat(f.text("handler")).as(f.address()).isEqualTo(HANDLERS.get(f.key()));
      assertThat(f.after().path("publish").asBoolean()).as(f.address()).isTrue();
      assertThat(f.after().at("/snap_start/0/apply_on").asText())
          .as(f.address())
          .isEqualTo("PublishedVersions");
      assertThat(f.after().at("/logging_config/0/log_format").asText()).isEqualTo("JSON");
      assertThat(f.after().path("architectures")).hasSize(1);
      assertThat(f.after().path("memory_size").asInt()).isBetween(512, 10_240);
      assertThat(f.after().path("timeout").asInt()).isBetween(60, 900);
      JsonNode env = f.after().at("/environment/0/variables");
      assertThat(env.path("BLACKWATER_INGESTION").asText()).startsWith("s3://");
      assertThat(env.path("BLACKWATER_PROCESSED").asText()).startsWith("s3://");
      assertThat(env.has("BLACKWATER_SOURCE_SECRET")).isEqualTo(f.key().equals("extract"));
      assertThat(env.has("BLACKWATER_WAREHOUSE_SECRET")).isEqualTo(f.key().equals("load"));
    }
    assertThat(plan.all("aws_lambda_alias"))
        .hasSize(3)
        .allSatisfy(a -> assertThat(a.text("name")).isEqualTo("live"));
    for (String stage : HANDLERS.keySet()) {
      Resource logs = plan.one("aws_cloudwatch_log_group", stage);
      assertThat(logs.text("name"))
          .isEqualTo("/aws/lambda/" + plan.one("aws_lambda_function", stage).text("function_name"));
      assertThat(logs.after().path("retention_in_days").asInt()).isPositive();
    }
  }

  @Test
  void noPolicyGrantsAWildcardActionOrAWildcardResourceAwsDoesNotRequire() {
    List<Resource> policies = new ArrayList<>(plan.all("aws_iam_role_policy"));
    assertThat(policies).hasSizeGreaterThanOrEqualTo(5);
    assertThat(plan.all("aws_iam_role_policy_attachment")).isEmpty();
    for (Resource policy : policies) {
      for (JsonNode statement : statements(policy.policy())) {
        List<String> actions = strings(statement.path("Action"));
        assertThat(actions).as(policy.address()).allSatisfy(a -> assertThat(a).doesNotContain("*"));
        if (strings(statement.path("Resource")).contains("*")) {
          assertThat(WILDCARD_RESOURCE_ACTIONS).as(policy.address()).containsAll(actions);
        }
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
      }
    }
  }

  @Test
  void extractReadsTheSourceSecretAndWritesOnlyTheIngestionZone() {
    Access extract = Access.of(plan.one("aws_iam_role_policy", "extract").policy());

    assertThat(extract.resourcesOf("s3:PutObject")).containsExactly(ingestion + "/*");
    assertThat(extract.resourcesOf("s3:AbortMultipartUpload")).containsExactly(ingestion + "/*");
    assertThat(extract.resourcesOf("s3:GetObject")).containsExactly(ingestion + "/*");
    assertThat(extract.resourcesOf("s3:ListBucket")).containsExactly(ingestion);
    assertThat(extract.resourcesOf("secretsmanager:GetSecretValue")).containsExactly(sourceSecret);
    assertThat(extract.allResources()).noneMatch(r -> r.startsWith(processed));
  }

  @Test
  void transformReadsIngestionAndWritesOnlyProcessed() {
    Access transform = Access.of(plan.one("aws_iam_role_policy", "transform").policy());

    assertThat(transform.resourcesOf("s3:PutObject")).containsExactly(processed + "/*");
    assertThat(transform.resourcesOf("s3:GetObject"))
        .containsExactlyInAnyOrder(ingestion + "/*", processed + "/*");
    assertThat(transform.resourcesOf("s3:ListBucket"))
        .containsExactlyInAnyOrder(ingestion, processed);
    assertThat(transform.resourcesOf("secretsmanager:GetSecretValue")).isEmpty();
  }

  @Test
  void loadReadsProcessedAndTheWarehouseSecretAndWritesOnlyItsRunRecords() {
    Access load = Access.of(plan.one("aws_iam_role_policy", "load").policy());

    assertThat(load.resourcesOf("s3:PutObject"))
        .as(
            "its run records, and Iceberg's metadata when it appends what a dead transform left out")
        .containsExactlyInAnyOrder(processed + "/_runs/*", processed + "/_iceberg/*");
    assertThat(load.resourcesOf("s3:AbortMultipartUpload")).isEmpty();
    assertThat(load.resourcesOf("s3:GetObject"))
        .as("of the ingestion zone, only its manifests and run records: how fresh the warehouse is")
        .containsExactlyInAnyOrder(
            processed + "/*", ingestion + "/_batches/*", ingestion + "/_runs/*");
    assertThat(load.resourcesOf("s3:ListBucket")).containsExactlyInAnyOrder(processed, ingestion);
    JsonNode listIngestion =
        load.statements().stream()
            .filter(st -> strings(st.path("Resource")).equals(List.of(ingestion)))
            .findFirst()
            .orElseThrow();
    assertThat(strings(listIngestion.at("/Condition/StringLike/s3:prefix")))
        .containsExactlyInAnyOrder("_batches/*", "_runs/*");
    assertThat(load.resourcesOf("secretsmanager:GetSecretValue")).containsExactly(warehouseSecret);
    assertThat(load.allResources())
        .filteredOn(r -> r.startsWith(ingestion))
        .containsExactlyInAnyOrder(ingestion, ingestion + "/_batches/*", ingestion + "/_runs/*");
  }

  @Test
  void everyHandlerTerraformNamesIsInTheLambdaArtifactWithTheArchitecturesNativeLibrary()
      throws IOException {
    Path artifact =
        Path.of(System.getProperty("blackwater.lambda.artifact", "target/blackwater-lambda.jar"));
    assertThat(artifact).as("built by ./mvnw package before failsafe runs").isRegularFile();
    try (ZipFile jar = new ZipFile(artifact.toFile());
        URLClassLoader classes = new URLClassLoader(new URL[] {artifact.toUri().toURL()}, null)) {
      for (Resource f : plan.all("aws_lambda_function")) {
        String handler = f.text("handler");
        String className = handler.substring(0, handler.indexOf("::"));
        String method = handler.substring(handler.indexOf("::") + 2);
        assertThat(jar.getEntry(className.replace('.', '/') + ".class"))
            .as(f.address() + " names " + className)
            .isNotNull();
        Class<?> type = Class.forName(className, false, classes);
        assertThat(
                interfaces(type).stream()
                    .anyMatch(
                        i ->
                            i.equals("com.amazonaws.services.lambda.runtime.RequestStreamHandler")
                                || i.equals(
                                    "com.amazonaws.services.lambda.runtime.RequestHandler")))
            .as(className + " implements a Lambda handler interface")
            .isTrue();
        assertThat(Arrays.stream(type.getMethods()).map(Method::getName)).contains(method);
        assertThat(type.getConstructor())
            .as(className + " has Lambda's no-arg constructor")
            .isNotNull();
      }
      List<String> duckdb =
          jar.stream()
              .map(ZipEntry::getName)
              .filter(n -> n.startsWith("libduckdb_java.so_"))
              .toList();
      String architecture =
          plan.all("aws_lambda_function").get(0).after().at("/architectures/0").asText();
      assertThat(duckdb)
          .as("one DuckDB native library, for lambda_architecture " + architecture)
          .containsExactly(
              "libduckdb_java.so_linux_" + (architecture.equals("arm64") ? "arm64" : "amd64"));
      assertThat(jar.getEntry("logback.xml")).isNotNull();
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      throw new AssertionError(e);
    }
    long unzipped;
    try (ZipFile jar = new ZipFile(artifact.toFile())) {
      unzipped = jar.stream().mapToLong(ZipEntry::getSize).sum();
    }
    assertThat(unzipped).as("Lambda's limit: 250 MB unzipped").isLessThan(250L * 1024 * 1024);
  }

  @Test
  void everyBucketIsPrivateEncryptedAndVersioned() {
    List<Resource> buckets = plan.all("aws_s3_bucket");
    assertThat(buckets).extracting(Resource::key).contains("ingestion", "processed");
    for (Resource bucket : buckets) {
      Resource block = plan.one("aws_s3_bucket_public_access_block", bucket.key());
      for (String setting :
          List.of(
              "block_public_acls",
              "block_public_policy",
              "ignore_public_acls",
              "restrict_public_buckets")) {
        assertThat(block.after().path(setting).asBoolean())
            .as(bucket.key() + " " + setting)
            .isTrue();
      }
      assertThat(
              plan.one("aws_s3_bucket_server_side_encryption_configuration", bucket.key())
                  .after()
                  .at("/rule/0/apply_server_side_encryption_by_default/0/sse_algorithm")
                  .asText())
          .isIn("AES256", "aws:kms", "aws:kms:dsse");
      assertThat(
              plan.one("aws_s3_bucket_versioning", bucket.key())
                  .after()
                  .at("/versioning_configuration/0/status")
                  .asText())
          .isEqualTo("Enabled");
    }
  }

  @Test
  void theZonesRefuseAnyPutWithoutIfNoneMatch() {
    for (String zone : List.of("ingestion", "processed")) {
      String arn = zone.equals("ingestion") ? ingestion : processed;
      JsonNode deny =
          statements(plan.one("aws_s3_bucket_policy", zone).policy()).stream()
              .filter(s -> s.path("Effect").asText().equals("Deny"))
              .filter(s -> strings(s.path("Action")).contains("s3:PutObject"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(zone + " has no Deny of s3:PutObject"));

      assertThat(strings(deny.path("Resource"))).containsExactly(arn + "/*");
      assertThat(deny.at("/Condition/Null/s3:if-none-match").asText()).isEqualTo("true");
      assertThat(deny.path("Principal").toString()).isIn("\"*\"", "{\"AWS\":\"*\"}");
    }
    assertThat(plan.all("aws_secretsmanager_secret_version"))
        .as("secret values stay out of Terraform state")
        .isEmpty();
  }

  @Test
  void theScheduleStartsThePipelineEveryFiveMinutesWithRetriesAndADeadLetterQueue() {
    Resource schedule = plan.all("aws_scheduler_schedule").get(0);
    assertThat(schedule.text("schedule_expression")).isEqualTo("rate(5 minutes)");
    JsonNode target = schedule.after().at("/target/0");
    assertThat(target.at("/retry_policy/0/maximum_retry_attempts").asInt()).isPositive();
    assertThat(schedule.after().at("/target/0/dead_letter_config")).hasSize(1);
    assertThat(plan.all("aws_sqs_queue")).hasSize(1);

    Access scheduler =
        Access.of(
            plan.all("aws_iam_role_policy").stream()
                .filter(p -> p.address().endsWith("aws_iam_role_policy.scheduler"))
                .findFirst()
                .orElseThrow()
                .policy());
    String stateMachine = plan.all("aws_sfn_state_machine").get(0).text("name");
    assertThat(scheduler.resourcesOf("states:StartExecution"))
        .singleElement()
        .satisfies(arn -> assertThat(arn).endsWith(":stateMachine:" + stateMachine));
    assertThat(scheduler.resourcesOf("sqs:SendMessage"))
        .singleElement()
        .satisfies(
            arn -> assertThat(arn).endsWith(":" + plan.all("aws_sqs_queue").get(0).text("name")));
    assertThat(
            plan.all("aws_sfn_state_machine")
                .get(0)
                .after()
                .at("/logging_configuration/0/level")
                .asText())
        .isEqualTo("ALL");
  }

  @Test
  void alarmsOnFailuresErrorsAndStalenessGoToTheEmailTopic() {
    String topic = plan.all("aws_sns_topic").get(0).text("name");
    List<Resource> alarms = plan.all("aws_cloudwatch_metric_alarm");
    assertThat(alarms)
        .allSatisfy(
            a ->
                assertThat(strings(a.after().path("alarm_actions")))
                    .as(a.address())
                    .singleElement()
                    .satisfies(
                        arn ->
                            assertThat(arn)
                                .startsWith("arn:")
                                .endsWith(
                                    ":sns:"
                                        + plan.variable("region")
                                        + ":"
                                        + plan.variable("account_id")
                                        + ":"
                                        + topic)));

    assertThat(alarms)
        .anySatisfy(
            a -> {
              assertThat(a.text("namespace")).isEqualTo("AWS/States");
              assertThat(a.text("metric_name")).isEqualTo("ExecutionsFailed");
            });
    assertThat(
            alarms.stream()
                .filter(
                    a ->
                        a.text("metric_name").equals("Errors")
                            && a.text("namespace").equals("AWS/Lambda")))
        .hasSize(3);
    assertThat(alarms)
        .anySatisfy(
            a -> {
              assertThat(a.text("namespace")).isEqualTo("Blackwater");
              assertThat(a.text("metric_name")).isEqualTo("FreshnessLagSeconds");
              assertThat(a.after().path("threshold").asDouble()).isEqualTo(1800);
              assertThat(a.text("comparison_operator")).isEqualTo("GreaterThanThreshold");
              assertThat(a.text("treat_missing_data")).isEqualTo("breaching");
            });
    Resource subscription = plan.all("aws_sns_topic_subscription").get(0);
    assertThat(subscription.text("protocol")).isEqualTo("email");
    assertThat(subscription.text("endpoint")).contains("@");
    assertThat(plan.all("aws_cloudwatch_dashboard")).hasSize(1);
  }

  /**
   * Given subnets (offline.tfvars, like every committed environment), every function runs in
   * exactly those subnets with those security groups, and the VPC gets the endpoints the functions
   * and the Fargate task need without a NAT gateway.
   */
  @Test
  void functionsInTheGivenSubnetsGetTheEndpointsTheyNeed() {
    JsonNode subnets = plan.variableValue("subnet_ids");
    JsonNode groups = plan.variableValue("security_group_ids");
    assertThat(subnets).isNotEmpty();
    assertThat(plan.all("aws_lambda_function"))
        .allSatisfy(
            f -> {
              assertThat(f.after().at("/vpc_config/0/subnet_ids"))
                  .as(f.address())
                  .isEqualTo(sorted(subnets));
              assertThat(f.after().at("/vpc_config/0/security_group_ids"))
                  .isEqualTo(sorted(groups));
            });
    String region = plan.variable("region");
    assertThat(plan.all("aws_vpc_endpoint"))
        .extracting(e -> e.text("vpc_endpoint_type") + " " + e.text("service_name"))
        .containsExactlyInAnyOrder(
            "Gateway com.amazonaws." + region + ".s3",
            "Interface com.amazonaws." + region + ".secretsmanager",
            "Interface com.amazonaws." + region + ".glue",
            "Interface com.amazonaws." + region + ".ecr.api",
            "Interface com.amazonaws." + region + ".ecr.dkr",
            "Interface com.amazonaws." + region + ".logs");
  }

  private static JsonNode sorted(JsonNode strings) {
    List<String> values = new ArrayList<>();
    strings.forEach(v -> values.add(v.asText()));
    values.sort(null);
    return new ObjectMapper().valueToTree(values);
  }

  /**
   * Memory, timeout and /tmp of each function are the defaults that
   * terraform/environments/production.tfvars and docs/aws.md's sizing table show (offline.tfvars
   * leaves them at the defaults).
   */
  @Test
  void functionSizesAreTheDefaultsTheExampleAndTheDocsShow() throws IOException {
    Map<String, Map<String, Integer>> example = exampleSizes();
    Map<String, Map<String, Integer>> docs = documentedSizes();
    for (String stage : HANDLERS.keySet()) {
      Resource f = plan.one("aws_lambda_function", stage);
      Map<String, Integer> planned =
          Map.of(
              "lambda_memory_mb", f.after().path("memory_size").asInt(),
              "lambda_timeout_seconds", f.after().path("timeout").asInt(),
              "lambda_ephemeral_storage_mb", f.after().at("/ephemeral_storage/0/size").asInt());
      for (var setting : planned.entrySet()) {
        assertThat(example.get(setting.getKey()))
            .as("environments/production.tfvars " + setting.getKey())
            .containsEntry(stage, setting.getValue());
        assertThat(docs.get(setting.getKey()))
            .as("docs/aws.md sizing table " + setting.getKey())
            .containsEntry(stage, setting.getValue());
      }
    }
    assertThat(plan.one("aws_lambda_function", "load").after().path("timeout").asInt())
        .as("a first load is the longest run: Lambda's maximum")
        .isEqualTo(900);
  }

  /**
   * SnapStart does not support more than 512 MB of ephemeral storage, so a real apply would fail on
   * a function that has both: a function whose /tmp is raised above 512 MB (a large backfill) gets
   * no SnapStart, and with the defaults (offline.tfvars keeps them) all three have it.
   */
  @Test
  void snapStartOnlyOnFunctionsWithAtMost512MbOfTmpWhichTheDefaultsGiveAllThree() {
    for (Resource f : plan.all("aws_lambda_function")) {
      int tmp = f.after().at("/ephemeral_storage/0/size").asInt();
      boolean snapStart =
          f.after().at("/snap_start/0/apply_on").asText().equals("PublishedVersions");
      assertThat(tmp).as(f.address() + " /tmp").isBetween(512, 10_240);
      assertThat(snapStart)
          .as(
              f.address()
                  + " has SnapStart exactly when its /tmp ("
                  + tmp
                  + " MB) is at most 512 MB")
          .isEqualTo(tmp <= SNAP_START_MAX_EPHEMERAL_STORAGE_MB);
    }
    JsonNode defaults = plan.variableDefault("lambda_ephemeral_storage_mb");
    assertThat(plan.variableValue("lambda_ephemeral_storage_mb"))
        .as("the plan uses the defaults")
        .isEqualTo(defaults);
    for (String stage : HANDLERS.keySet()) {
      assertThat(defaults.path(stage).asInt())
          .as("default /tmp of " + stage)
          .isEqualTo(SNAP_START_MAX_EPHEMERAL_STORAGE_MB);
    }
    assertThat(plan.all("aws_lambda_function"))
        .as("with the defaults every function has SnapStart")
        .hasSize(3)
        .allSatisfy(
            f ->
                assertThat(f.after().at("/snap_start/0/apply_on").asText())
                    .as(f.address())
                    .isEqualTo("PublishedVersions"));
  }

  /**
   * One QuickSight data set per dashboard query, with that query's SQL and the columns
   * dataset_columns.json declares (DashboardIT checks those against what the queries return), and a
   * secret of its own for QuickSight's read-only warehouse user.
   */
  @Test
  void quickSightHasADataSetPerDashboardQueryWithItsColumnsAndAReaderSecret() throws IOException {
    Path sqlDir = Path.of("../blackwater-cli/src/main/resources/dashboard");
    Map<String, String> queries = new TreeMap<>();
    try (Stream<Path> files = Files.list(sqlDir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
        queries.put(f.getFileName().toString().replace(".sql", ""), Files.readString(f));
      }
    }
    JsonNode declared =
        new ObjectMapper()
            .readTree(Path.of("../terraform/modules/quicksight/dataset_columns.json").toFile());
    List<Resource> dataSets =
        plan.all("aws_quicksight_data_set").stream()
            .filter(r -> r.address().contains("aws_quicksight_data_set.query["))
            .toList();
    assertThat(dataSets)
        .extracting(Resource::key)
        .containsExactlyInAnyOrderElementsOf(queries.keySet());
    for (Resource set : dataSets) {
      JsonNode sql = set.after().at("/physical_table_map/0/custom_sql/0");
      assertThat(set.text("import_mode")).isEqualTo("DIRECT_QUERY");
      assertThat(sql.path("sql_query").asText()).isEqualTo(queries.get(set.key()));
      assertThat(sql.path("columns")).as(set.key()).isEqualTo(declared.path(set.key()));
    }
    assertThat(plan.all("aws_quicksight_dashboard")).hasSize(1);
    assertThat(plan.all("aws_secretsmanager_secret"))
        .extracting(r -> r.text("name"))
        .contains(plan.variable("name_prefix") + "/warehouse-reader");
  }

  /**
   * QuickSight signs in to the warehouse as the read-only reader, never as the loader: the data
   * source's credentials are the quicksight module's reader_secret_arn, which the root module sets
   * to the secrets module's reader secret (read from the plan's configuration, as the secret's ARN
   * is unknown until apply).
   */
  @Test
  void quickSightsDataSourceUsesTheReaderSecret() {
    JsonNode quicksight = plan.module("quicksight");
    assertThat(
            TerraformPlan.references(
                TerraformPlan.resourceExpressions(
                        quicksight, "aws_quicksight_data_source.warehouse")
                    .at("/credentials/0/secret_arn")))
        .as("the data source's credentials.secret_arn")
        .containsExactly("var.reader_secret_arn");
    assertThat(
            TerraformPlan.references(
                TerraformPlan.callExpressions(plan.module(), "quicksight")
                    .path("reader_secret_arn")))
        .as("the root module's reader_secret_arn for quicksight")
        .contains("module.secrets.reader_secret_arn")
        .noneMatch(r -> r.contains("warehouse_secret") || r.contains("source_secret"));
    assertThat(
            TerraformPlan.references(
                plan.module("secrets").at("/outputs/reader_secret_arn/expression")))
        .as("the secrets module's reader_secret_arn")
        .containsExactly("aws_secretsmanager_secret.reader");
  }

  /**
   * The state machine deploys the definition that calls the functions' live aliases by their real
   * ARNs (local.definitions.deployed); the "by_name" variant, which the state_machine_definition
   * output shows and the test above checks, is the same expression with ARNs built from names, for
   * the plan only.
   */
  @Test
  void theStateMachineDeploysTheDefinitionWithTheAliasesArns() {
    List<String> references =
        TerraformPlan.references(
            TerraformPlan.resourceExpressions(
                    plan.module("orchestration"), "aws_sfn_state_machine.pipeline")
                .path("definition"));
    assertThat(references)
        .as("aws_sfn_state_machine.pipeline's definition")
        .contains("local.definitions.deployed")
        .doesNotContain("local.definitions.by_name");
  }

  private static final Pattern EXAMPLE_SIZE =
      Pattern.compile("^#\\s*(lambda_\\w+)\\s*=\\s*\\{([^}]*)}", Pattern.MULTILINE);
  private static final Pattern STAGE_VALUE = Pattern.compile("(\\w+)\\s*=\\s*(\\d+)");

  /** The commented-out defaults of environments/production.tfvars: setting -> stage -> value. */
  private static Map<String, Map<String, Integer>> exampleSizes() throws IOException {
    String text = Files.readString(Path.of("../terraform/environments/production.tfvars"));
    Map<String, Map<String, Integer>> sizes = new TreeMap<>();
    Matcher m = EXAMPLE_SIZE.matcher(text);
    while (m.find()) {
      Map<String, Integer> values = new TreeMap<>();
      Matcher v = STAGE_VALUE.matcher(m.group(2));
      while (v.find()) {
        values.put(v.group(1), Integer.parseInt(v.group(2)));
      }
      sizes.put(m.group(1), values);
    }
    return sizes;
  }

  private static final Pattern DOCS_ROW =
      Pattern.compile(
          "^\\| (extract|transform|load) \\| (\\d+) MB \\| (\\d+) s \\| (\\d+) MB \\|",
          Pattern.MULTILINE);

  /** docs/aws.md's table of function, memory, timeout, /tmp: setting -> stage -> value. */
  private static Map<String, Map<String, Integer>> documentedSizes() throws IOException {
    String text = Files.readString(Path.of("../docs/aws.md"));
    Map<String, Map<String, Integer>> sizes = new TreeMap<>();
    Matcher m = DOCS_ROW.matcher(text);
    while (m.find()) {
      sizes
          .computeIfAbsent("lambda_memory_mb", k -> new TreeMap<>())
          .put(m.group(1), Integer.parseInt(m.group(2)));
      sizes
          .computeIfAbsent("lambda_timeout_seconds", k -> new TreeMap<>())
          .put(m.group(1), Integer.parseInt(m.group(3)));
      sizes
          .computeIfAbsent("lambda_ephemeral_storage_mb", k -> new TreeMap<>())
          .put(m.group(1), Integer.parseInt(m.group(4)));
    }
    return sizes;
  }

  /** The names of every interface {@code type} and its superclasses implement. */
  private static List<String> interfaces(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      Arrays.stream(c.getInterfaces()).map(Class::getName).forEach(names::add);
    }
    return names;
  }

  private static List<JsonNode> statements(JsonNode policy) {
    List<JsonNode> all = new ArrayList<>();
    policy.path("Statement").forEach(all::add);
    return all;
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> values.add(n.asText()));
    } else if (!node.isMissingNode() && !node.isNull()) {
      values.add(node.asText());
    }
    return values;
  }

  /** Which resources a policy allows each action on. */
  private record Access(List<JsonNode> statements) {

    static Access of(JsonNode policy) {
      return new Access(TerraformPlanIT.statements(policy));
    }

    Set<String> resourcesOf(String action) {
      Set<String> resources = new TreeSet<>();
      for (JsonNode s : statements) {
        if (strings(s.path("Action")).contains(action)) {
          resources.addAll(strings(s.path("Resource")));
        }
      }
      return resources;
    }

    Set<String> allResources() {
      Set<String> resources = new TreeSet<>();
      statements.forEach(s -> resources.addAll(strings(s.path("Resource"))));
      return resources;
    }
  }
}
