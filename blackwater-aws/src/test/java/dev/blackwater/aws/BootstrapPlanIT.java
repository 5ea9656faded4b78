package dev.blackwater.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.blackwater.aws.TerraformPlan.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What terraform/bootstrap creates once per account (terraform/bootstrap/plan.json, written by
 * {@code make plan-offline}): GitHub's roles, whose OIDC trust must name exactly the subjects the
 * workflow's jobs present (the apply job runs in the environment {@code production}, so its token's
 * subject is {@code repo:OWNER/REPO:environment:production}, not the branch), the state bucket the
 * environments' backend files name, and the image repository. Runs only with {@code -Pterraform}.
 */
class BootstrapPlanIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static TerraformPlan plan;
  private static JsonNode workflow;
  private static String repository;

  @BeforeAll
  static void read() throws IOException {
    plan = TerraformPlan.read(Path.of("../terraform/bootstrap/plan.json"));
    workflow =
        new ObjectMapper(new YAMLFactory())
            .readTree(Path.of("../.github/workflows/ci.yml").toFile());
    repository = plan.variable("github_repository");
  }

  @Test
  void theApplyRoleTrustsExactlyTheWorkflowsProductionEnvironment() throws IOException {
    String environment = workflow.at("/jobs/apply/environment").asText();
    assertThat(environment).isEqualTo(plan.variable("github_environment"));

    JsonNode trust = trust("apply");
    assertThat(condition(trust, "token.actions.githubusercontent.com:sub"))
        .isEqualTo("repo:" + repository + ":environment:" + environment);
    assertThat(condition(trust, "token.actions.githubusercontent.com:aud"))
        .isEqualTo("sts.amazonaws.com");
    assertThat(trust.at("/Statement/0/Action").asText()).isEqualTo("sts:AssumeRoleWithWebIdentity");
    assertThat(trust.at("/Statement/0/Principal/Federated").asText())
        .isEqualTo(
            "arn:aws:iam::"
                + plan.variable("account_id")
                + ":oidc-provider/token.actions.githubusercontent.com");
    assertThat(trust.at("/Statement/0/Condition").has("StringLike"))
        .as("no wildcard subject")
        .isFalse();

    assertThat(Files.readString(Path.of("../docs/aws.md")))
        .as("docs/aws.md tells maintainers the subject the apply role trusts")
        .contains("repo:OWNER/REPO:environment:" + environment);
  }

  /**
   * The plan job runs without an environment, on pushes to main only, so its token's subject is the
   * branch; only the plan role trusts that, and it may read, not change.
   */
  @Test
  void thePlanRoleTrustsMainsPushesAndOnlyReads() {
    assertThat(workflow.at("/jobs/plan/if").asText()).contains("refs/heads/main");
    assertThat(workflow.at("/jobs/plan/environment").isMissingNode()).isTrue();
    assertThat(condition(trust("plan"), "token.actions.githubusercontent.com:sub"))
        .isEqualTo("repo:" + repository + ":ref:refs/heads/main");
    assertThat(
            plan.all("aws_iam_role_policy_attachment").stream()
                .filter(a -> a.address().endsWith("plan_read_only"))
                .map(a -> a.text("policy_arn")))
        .containsExactly("arn:aws:iam::aws:policy/ReadOnlyAccess");
    JsonNode state = plan.one("aws_iam_role_policy", "plan").policy();
    for (JsonNode statement : state.path("Statement")) {
      if (statement.path("Action").toString().contains("s3:PutObject")) {
        assertThat(statement.path("Resource").asText())
            .as("the plan role writes only the lock object")
            .endsWith(".tflock");
      }
    }
  }

  /**
   * The environments' backend files name the bucket and key the bootstrap made and its roles use.
   */
  @Test
  void theStateBucketIsTheOneTheBackendNamesVersionedEncryptedAndPrivate() throws IOException {
    String backend = Files.readString(Path.of("../terraform/environments/production.s3.tfbackend"));
    assertThat(setting(backend, "key")).isEqualTo(plan.variable("state_key"));
    assertThat(setting(backend, "bucket")).startsWith(plan.variable("name_prefix") + "-tfstate-");
    assertThat(plan.all("aws_s3_bucket").get(0).text("bucket"))
        .isEqualTo(plan.variable("name_prefix") + "-tfstate-" + plan.variable("account_id"));
    assertThat(
            plan.all("aws_s3_bucket_versioning")
                .get(0)
                .after()
                .at("/versioning_configuration/0/status")
                .asText())
        .isEqualTo("Enabled");
    assertThat(
            plan.all("aws_s3_bucket_public_access_block")
                .get(0)
                .after()
                .path("block_public_policy")
                .asBoolean())
        .isTrue();
    assertThat(plan.all("aws_s3_bucket_server_side_encryption_configuration")).hasSize(1);
    assertThat(plan.all("aws_s3_bucket_policy").get(0).policy().toString())
        .contains("aws:SecureTransport");
  }

  @Test
  void theImageRepositoryKeepsEveryTagImmutable() {
    Resource repository = plan.all("aws_ecr_repository").get(0);
    assertThat(repository.text("name")).isEqualTo(plan.variable("name_prefix"));
    assertThat(repository.text("image_tag_mutability")).isEqualTo("IMMUTABLE");
  }

  private static JsonNode trust(String role) {
    Resource resource =
        plan.all("aws_iam_role").stream()
            .filter(r -> role.equals(r.key()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + role + " role"));
    try {
      return JSON.readTree(resource.text("assume_role_policy"));
    } catch (IOException e) {
      throw new AssertionError(resource.address() + " has no readable trust policy", e);
    }
  }

  private static String condition(JsonNode trust, String key) {
    List<JsonNode> statements = List.of(trust.path("Statement").get(0));
    assertThat(trust.path("Statement")).hasSize(1);
    return statements.get(0).at("/Condition/StringEquals").path(key).asText();
  }

  private static String setting(String hcl, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "\\s*=\\s*\"([^\"]*)\"").matcher(hcl);
    assertThat(m.find()).as(name).isTrue();
    return m.group(1);
  }
}
