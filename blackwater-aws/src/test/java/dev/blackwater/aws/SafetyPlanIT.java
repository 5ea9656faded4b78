package dev.blackwater.aws;

import static dev.blackwater.aws.TerraformPlan.statements;
import static dev.blackwater.aws.TerraformPlan.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.aws.TerraformPlan.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What keeps the deployed pipeline safe, as terraform/ plans it (terraform/plan.json, made by
 * {@code make plan-offline} with offline.tfvars): database connections that verify TLS against the
 * RDS CA bundle the artifact carries, an existing (RDS-managed, KMS-encrypted) secret read by its
 * ARN, lake buckets nobody but the break-glass role can delete from, and Lambda system logs that
 * keep the REPORT lines. Runs with {@code -Pterraform}.
 */
class SafetyPlanIT {

  /** Where the artifact carries the RDS CA bundle: its root, /var/task on Lambda. */
  private static final String BUNDLE = "rds-global-bundle.pem";

  private static final List<String> PROTECTIONS =
      List.of(
          "s3:DeleteObject",
          "s3:DeleteObjectVersion",
          "s3:DeleteBucket",
          "s3:PutBucketPolicy",
          "s3:DeleteBucketPolicy",
          "s3:PutLifecycleConfiguration",
          "s3:PutBucketVersioning",
          "s3:DeleteObjectTagging",
          "s3:DeleteObjectVersionTagging",
          "s3:PutObjectVersionTagging");

  private static TerraformPlan plan;

  @BeforeAll
  static void read() throws IOException {
    plan = TerraformPlan.read(Path.of("../terraform/plan.json"));
  }

  /**
   * Extract's and load's connections are verify-full against the RDS bundle at the artifact's root,
   * the file the build puts there and the handlers default to; transform touches no database.
   */
  @Test
  void databaseConnectionsVerifyTlsAgainstTheBundledRdsCa() throws IOException {
    for (String stage : List.of("extract", "load")) {
      String db = stage.equals("extract") ? "SOURCE" : "WAREHOUSE";
      JsonNode env = environment(stage);
      assertThat(env.path("BLACKWATER_" + db + "_SSLMODE").asText())
          .as(stage)
          .isEqualTo("verify-full");
      assertThat(env.path("BLACKWATER_" + db + "_SSLROOTCERT").asText())
          .as(stage)
          .isEqualTo("/var/task/" + BUNDLE);
    }
    assertThat(environment("transform").toString()).doesNotContain("SSL");
    assertThat(plan.variableDefault("database_sslmode").asText()).isEqualTo("verify-full");

    assertThat(Files.readString(Path.of("pom.xml")))
        .as("the artifact's build puts the bundle at its root")
        .contains("<resource>" + BUNDLE + "</resource>");
    assertThat(Files.readString(Path.of("../Makefile"))).contains("src/lambda/ca/" + BUNDLE);
    assertThat(Files.readString(Path.of("../.github/workflows/ci.yml"))).contains("make rds-ca");
    assertThat(
            Files.readString(
                Path.of("src/main/java/dev/blackwater/aws/handler/LambdaDefaults.java")))
        .contains("\"" + BUNDLE + "\"");
  }

  /**
   * The warehouse is named by an existing secret's ARN (offline.tfvars: an RDS-managed one,
   * encrypted with a customer-managed key, whose username and password the URL completes): no
   * secret is created for it, load reads exactly that ARN and may decrypt with exactly that key,
   * through Secrets Manager only.
   */
  @Test
  void anExistingRdsManagedSecretIsReadByItsArnWithItsKmsKey() {
    String arn = plan.variable("warehouse_secret_arn");
    String key = plan.variable("warehouse_secret_kms_key_arn");
    assertThat(arn).contains(":secret:rds!");
    assertThat(plan.all("aws_secretsmanager_secret"))
        .extracting(Resource::key)
        .contains("source")
        .doesNotContain("warehouse");

    JsonNode env = environment("load");
    assertThat(env.path("BLACKWATER_WAREHOUSE_SECRET").asText()).isEqualTo(arn);
    assertThat(env.path("BLACKWATER_WAREHOUSE_URL").asText())
        .isEqualTo(plan.variable("warehouse_database_url"));

    JsonNode load = plan.one("aws_iam_role_policy", "load").policy();
    boolean decrypts = false;
    for (JsonNode s : statements(load)) {
      List<String> actions = strings(s.path("Action"));
      if (actions.contains("secretsmanager:GetSecretValue")) {
        assertThat(strings(s.path("Resource"))).containsExactly(arn);
      }
      if (actions.contains("kms:Decrypt")) {
        decrypts = true;
        assertThat(actions).containsExactly("kms:Decrypt");
        assertThat(strings(s.path("Resource"))).containsExactly(key);
        assertThat(s.at("/Condition/StringEquals/kms:ViaService").asText())
            .isEqualTo("secretsmanager." + plan.variable("region") + ".amazonaws.com");
      }
    }
    assertThat(decrypts).as("load may decrypt its secret").isTrue();
    assertThat(plan.one("aws_iam_role_policy", "extract").policy().toString())
        .as("extract's secret is the one Terraform made: AWS's own key")
        .doesNotContain("kms:");
  }

  /**
   * Each zone's policy denies every delete of an object, a version, their tags or the bucket, every
   * tag on a version, and every change of the policy, the lifecycle rules or versioning, to every
   * principal but the break-glass role; no role the plan makes is allowed any of them; the
   * multipart clean-up rule stays.
   */
  @Test
  void nobodyButTheBreakGlassRoleCanDeleteFromTheLake() {
    String breakGlass =
        "arn:aws:iam::"
            + plan.variable("account_id")
            + ":role/"
            + plan.variable("name_prefix")
            + "-lake-break-glass";
    for (String zone : List.of("ingestion", "processed")) {
      String bucket = "arn:aws:s3:::" + plan.one("aws_s3_bucket", zone).text("bucket");
      JsonNode deny =
          statements(plan.one("aws_s3_bucket_policy", zone).policy()).stream()
              .filter(s -> s.path("Effect").asText().equals("Deny"))
              .filter(s -> strings(s.path("Action")).contains("s3:DeleteObject"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(zone + " denies no delete"));
      assertThat(strings(deny.path("Action"))).containsExactlyInAnyOrderElementsOf(PROTECTIONS);
      assertThat(strings(deny.path("Resource"))).containsExactlyInAnyOrder(bucket, bucket + "/*");
      assertThat(deny.path("Principal").toString()).isIn("\"*\"", "{\"AWS\":\"*\"}");
      assertThat(strings(deny.at("/Condition/ArnNotEquals/aws:PrincipalArn")))
          .containsExactly(breakGlass);
      assertThat(
              plan.one("aws_s3_bucket_lifecycle_configuration", zone)
                  .after()
                  .at("/rule/0/abort_incomplete_multipart_upload/0/days_after_initiation")
                  .asInt())
          .isEqualTo(1);
    }
    for (Resource policy : plan.all("aws_iam_role_policy")) {
      for (JsonNode s : statements(policy.policy())) {
        assertThat(strings(s.path("Action")))
            .as(policy.address())
            .doesNotContainAnyElementsOf(PROTECTIONS);
      }
    }
    JsonNode dependsOn = resourceConfig("storage", "aws_s3_bucket_policy.zone").path("depends_on");
    assertThat(strings(dependsOn))
        .as("the policy goes on after the versioning and lifecycle it then protects")
        .contains("aws_s3_bucket_versioning.this", "aws_s3_bucket_lifecycle_configuration.zones");
  }

  /** INFO keeps the platform's START, END and REPORT lines (Max Memory Used), WARN dropped them. */
  @Test
  void lambdaSystemLogsKeepTheReportLines() {
    for (Resource f : plan.all("aws_lambda_function")) {
      assertThat(f.after().at("/logging_config/0/system_log_level").asText())
          .as(f.address())
          .isEqualTo("INFO");
    }
  }

  private static JsonNode environment(String stage) {
    return plan.one("aws_lambda_function", stage).after().at("/environment/0/variables");
  }

  private static JsonNode resourceConfig(String module, String address) {
    for (JsonNode r : plan.module(module).path("resources")) {
      if (r.path("address").asText().equals(address)) {
        return r;
      }
    }
    throw new AssertionError("no " + address + " in module " + module);
  }
}
