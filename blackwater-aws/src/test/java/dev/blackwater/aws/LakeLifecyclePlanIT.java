package dev.blackwater.aws;

import static dev.blackwater.aws.TerraformPlan.statements;
import static dev.blackwater.aws.TerraformPlan.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.aws.TerraformPlan.Resource;
import dev.blackwater.aws.lake.S3ObjectState;
import dev.blackwater.config.Durations;
import dev.blackwater.config.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the lake keeps, as terraform/ plans it (terraform/plan.json from {@code make plan-offline};
 * offline.tfvars turns the optional retention on): the rule that expires objects still tagged
 * uncommitted after longer than any run, with the tag the S3 store writes; the tagging the writers'
 * roles may do and the bucket policy's refusal to re-tag committed objects; colder storage for old
 * ingestion data that S3 reads without a restore; the expiry of run records and rejected rows. Runs
 * with {@code -Pterraform}.
 */
class LakeLifecyclePlanIT {

  private static TerraformPlan plan;

  @BeforeAll
  static void read() throws IOException {
    plan = TerraformPlan.read(Path.of("../terraform/plan.json"));
  }

  /**
   * Each zone expires objects tagged {@code blackwater-state=uncommitted} (the tag S3LakeStore
   * writes) after the planned days, then their noncurrent versions and delete markers; no other
   * rule expires anything that is not a run record or a rejected-rows object.
   */
  @Test
  void eachZoneExpiresWhatIsStillTaggedUncommittedAndNothingCommitted() {
    int days = Integer.parseInt(plan.variable("uncommitted_expiry_days"));
    for (String zone : List.of("ingestion", "processed")) {
      Map<String, JsonNode> rules = rules(zone);

      JsonNode uncommitted = rules.get("expire-uncommitted-objects");
      assertThat(uncommitted).as(zone).isNotNull();
      assertThat(uncommitted.path("status").asText()).isEqualTo("Enabled");
      assertThat(uncommitted.at("/filter/0/tag/0/key").asText()).isEqualTo(S3ObjectState.TAG);
      assertThat(uncommitted.at("/filter/0/tag/0/value").asText())
          .isEqualTo(S3ObjectState.UNCOMMITTED);
      assertThat(uncommitted.at("/filter/0/prefix").isNull()).as("the whole zone").isTrue();
      assertThat(uncommitted.at("/expiration/0/days").asInt()).isEqualTo(days);
      assertThat(uncommitted.at("/noncurrent_version_expiration/0/noncurrent_days").asInt())
          .isEqualTo(1);

      JsonNode markers = rules.get("remove-expired-delete-markers");
      assertThat(markers.at("/expiration/0/expired_object_delete_marker").asBoolean()).isTrue();
      assertThat(markers.at("/expiration/0/days").asInt()).isZero();

      assertThat(rules.get("abort-incomplete-multipart-uploads")).isNotNull();
      for (JsonNode rule : rules.values()) {
        boolean expires = rule.at("/expiration/0/days").asInt() > 0;
        if (expires) {
          String tag = rule.at("/filter/0/tag/0/value").asText("");
          String prefix = rule.at("/filter/0/prefix").asText("");
          assertThat(
                  tag.equals(S3ObjectState.UNCOMMITTED)
                      || prefix.equals("_runs/")
                      || prefix.equals("_rejected/"))
              .as(
                  "%s's rule %s expires only uncommitted objects, run records or rejected rows",
                  zone, rule.path("id").asText())
              .isTrue();
        }
      }
    }
  }

  /**
   * The expiry is longer than any run AWS allows (an execution, the Fargate task, each function),
   * and the command line's default grace for a local lake is the same day.
   */
  @Test
  void uncommittedObjectsLiveLongerThanAnyRun() {
    Duration expiry = Duration.ofDays(Integer.parseInt(plan.variable("uncommitted_expiry_days")));
    assertThat(plan.variableDefault("uncommitted_expiry_days").asInt()).isEqualTo(1);

    List<Duration> runs = new ArrayList<>();
    runs.add(Duration.ofSeconds(Long.parseLong(plan.variable("execution_timeout_seconds"))));
    runs.add(Duration.ofSeconds(Long.parseLong(plan.variable("fargate_timeout_seconds"))));
    for (Resource f : plan.all("aws_lambda_function")) {
      runs.add(Duration.ofSeconds(f.after().path("timeout").asLong()));
    }
    assertThat(runs)
        .hasSizeGreaterThanOrEqualTo(5)
        .allSatisfy(run -> assertThat(run).isLessThan(expiry));
    assertThat(Durations.parse(Settings.GC_GRACE.defaultValue()))
        .as("gc-grace's default")
        .isEqualTo(Duration.ofDays(plan.variableDefault("uncommitted_expiry_days").asInt()));
  }

  /**
   * The roles that write a zone (extract, transform, the Fargate task) may tag objects there, with
   * the state tag alone and one of its two values; load, which writes only run records, may not;
   * nobody may remove tags or tag a version.
   */
  @Test
  void theWritersMayTagABatchsObjectsUncommittedOrCommittedAndNothingElse() {
    Map<String, String> writes =
        Map.of(
            "lambda.aws_iam_role_policy.function[\"extract\"]", bucket("ingestion"),
            "lambda.aws_iam_role_policy.function[\"transform\"]", bucket("processed"),
            "fargate[0].aws_iam_role_policy.task", bucket("processed"));
    for (Resource policy : plan.all("aws_iam_role_policy")) {
      List<JsonNode> tagging =
          statements(policy.policy()).stream()
              .filter(s -> strings(s.path("Action")).stream().anyMatch(a -> a.contains("Tagging")))
              .toList();
      String writer =
          writes.keySet().stream()
              .filter(k -> policy.address().endsWith(k))
              .findFirst()
              .orElse(null);
      if (writer == null) {
        assertThat(tagging).as(policy.address()).isEmpty();
        continue;
      }
      assertThat(tagging)
          .as(policy.address())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.path("Effect").asText()).isEqualTo("Allow");
                assertThat(strings(s.path("Action"))).containsExactly("s3:PutObjectTagging");
                assertThat(strings(s.path("Resource"))).containsExactly(writes.get(writer) + "/*");
                assertThat(
                        strings(
                            s.at("/Condition/ForAllValues:StringEquals/s3:RequestObjectTagKeys")))
                    .containsExactly(S3ObjectState.TAG);
                assertThat(
                        strings(
                            s.at(
                                "/Condition/StringEquals/s3:RequestObjectTag~1"
                                    + S3ObjectState.TAG)))
                    .containsExactlyInAnyOrder(S3ObjectState.UNCOMMITTED, S3ObjectState.COMMITTED);
              });
    }
  }

  /**
   * Each zone's policy refuses, to all but the break-glass role, any tags on an object tagged
   * committed but the same: re-tagged uncommitted, committed data would expire.
   */
  @Test
  void nobodyButTheBreakGlassRoleMayUncommitACommittedObject() {
    String breakGlass =
        "arn:aws:iam::"
            + plan.variable("account_id")
            + ":role/"
            + plan.variable("name_prefix")
            + "-lake-break-glass";
    for (String zone : List.of("ingestion", "processed")) {
      JsonNode deny =
          statements(plan.one("aws_s3_bucket_policy", zone).policy()).stream()
              .filter(
                  s -> s.path("Sid").asText().equals("DenyRetaggingCommittedObjectsButBreakGlass"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(zone + " lets committed objects be re-tagged"));
      assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
      assertThat(deny.path("Principal").toString()).isIn("\"*\"", "{\"AWS\":\"*\"}");
      assertThat(strings(deny.path("Action"))).containsExactly("s3:PutObjectTagging");
      assertThat(strings(deny.path("Resource"))).containsExactly(bucket(zone) + "/*");
      String tag = "s3:ExistingObjectTag/" + S3ObjectState.TAG;
      assertThat(strings(deny.path("Condition").path("StringEquals").path(tag)))
          .containsExactly(S3ObjectState.COMMITTED);
      assertThat(
              strings(
                  deny.path("Condition")
                      .path("StringNotEquals")
                      .path("s3:RequestObjectTag/" + S3ObjectState.TAG)))
          .containsExactly(S3ObjectState.COMMITTED);
      assertThat(strings(deny.at("/Condition/ArnNotEquals/aws:PrincipalArn")))
          .containsExactly(breakGlass);
    }
  }

  /**
   * With retention on (offline.tfvars): committed ingestion objects over 128 KB move to Glacier
   * Instant Retrieval, which S3 reads without a restore, so a replay still works; the processed
   * zone moves nothing; run records expire in both zones, rejected rows in the processed zone. Off
   * by default.
   */
  @Test
  void oldDataAgesOutOnlyByChoiceAndStaysReadable() {
    for (String variable :
        List.of(
            "ingestion_cold_storage_after_days",
            "run_records_expiry_days",
            "rejected_rows_expiry_days")) {
      assertThat(
              plan.variableDefault(variable).isNull()
                  || plan.variableDefault(variable).isMissingNode())
          .as(variable + " is off by default")
          .isTrue();
    }
    assertThat(plan.variableDefault("ingestion_cold_storage_class").asText())
        .isEqualTo("GLACIER_IR");

    JsonNode cold = rules("ingestion").get("committed-ingestion-objects-to-colder-storage");
    assertThat(cold).isNotNull();
    assertThat(cold.at("/filter/0/and/0/tags").toString())
        .isEqualTo("{\"" + S3ObjectState.TAG + "\":\"" + S3ObjectState.COMMITTED + "\"}");
    assertThat(cold.at("/filter/0/and/0/object_size_greater_than").asLong()).isEqualTo(128 * 1024);
    assertThat(cold.at("/transition/0/days").asInt())
        .isEqualTo(Integer.parseInt(plan.variable("ingestion_cold_storage_after_days")));
    assertThat(cold.at("/transition/0/storage_class").asText())
        .isEqualTo(plan.variable("ingestion_cold_storage_class"))
        .isIn("GLACIER_IR", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING");
    assertThat(rules("processed"))
        .doesNotContainKey("committed-ingestion-objects-to-colder-storage");

    for (String zone : List.of("ingestion", "processed")) {
      JsonNode runs = rules(zone).get("expire-run-records");
      assertThat(runs.at("/filter/0/prefix").asText()).isEqualTo("_runs/");
      assertThat(runs.at("/expiration/0/days").asInt())
          .isEqualTo(Integer.parseInt(plan.variable("run_records_expiry_days")))
          .isGreaterThanOrEqualTo(31);
      assertThat(runs.at("/noncurrent_version_expiration/0/noncurrent_days").asInt()).isEqualTo(1);
    }
    JsonNode rejected = rules("processed").get("expire-rejected-rows");
    assertThat(rejected.at("/filter/0/prefix").asText()).isEqualTo("_rejected/");
    assertThat(rejected.at("/expiration/0/days").asInt())
        .isEqualTo(Integer.parseInt(plan.variable("rejected_rows_expiry_days")));
    assertThat(rules("ingestion")).doesNotContainKey("expire-rejected-rows");
  }

  private static Map<String, JsonNode> rules(String zone) {
    Map<String, JsonNode> rules = new TreeMap<>();
    plan.one("aws_s3_bucket_lifecycle_configuration", zone)
        .after()
        .path("rule")
        .forEach(r -> rules.put(r.path("id").asText(), r));
    return rules;
  }

  private static String bucket(String zone) {
    return "arn:aws:s3:::" + plan.one("aws_s3_bucket", zone).text("bucket");
  }
}
