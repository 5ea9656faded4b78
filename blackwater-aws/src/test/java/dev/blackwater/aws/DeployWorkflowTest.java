package dev.blackwater.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployment as the repository holds it, read from its files: the workflow's jobs (smoke, plan,
 * approval, apply of the saved plan), its pinned actions, one committed configuration per
 * environment (the workflow passes no settings of its own), Terraform's version and state backend,
 * and the committed provider lock file. What the plans say is checked by TerraformPlanIT and
 * BootstrapPlanIT (-Pterraform); @action-validator/cli checks the workflow's schema in .ci/run.
 */
class DeployWorkflowTest {

  private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w./-]+@[0-9a-f]{40}");

  private static JsonNode workflow;

  @BeforeAll
  static void read() throws IOException {
    workflow =
        new ObjectMapper(new YAMLFactory())
            .readTree(Path.of("../.github/workflows/ci.yml").toFile());
  }

  @Test
  void everyActionIsPinnedByCommit() {
    List<String> uses = new ArrayList<>();
    workflow.path("jobs").forEach(job -> job.path("steps").forEach(s -> add(uses, s.path("uses"))));
    assertThat(uses).isNotEmpty().allSatisfy(u -> assertThat(u).matches(PINNED));
  }

  /**
   * Build, lock check and smoke run on every push; on main's pushes the plan job plans (after the
   * smoke test of the very artifacts it plans) and keeps the plan, and the apply job applies that
   * file after the production environment's approval, and nothing else.
   */
  @Test
  void smokeThenPlanThenApprovalThenApplyOfThatPlan() {
    JsonNode jobs = workflow.path("jobs");
    assertThat(names(jobs)).contains("build", "lock", "smoke", "plan", "apply");

    assertThat(strings(jobs.at("/smoke/needs"))).contains("build");
    assertThat(runs(jobs.path("smoke"))).contains(".ci/smoke-lambda", ".ci/smoke-image");

    JsonNode plan = jobs.path("plan");
    assertThat(strings(plan.path("needs"))).contains("build", "lock", "smoke");
    assertThat(plan.path("if").asText())
        .contains("github.ref == 'refs/heads/main'")
        .contains("github.event_name == 'push'");
    assertThat(plan.has("environment")).as("the plan job needs no approval").isFalse();
    assertThat(runs(plan)).contains("make plan ENV=production").doesNotContain("apply");
    assertThat(uploads(plan)).contains("terraform/plan.bin");

    JsonNode apply = jobs.path("apply");
    assertThat(strings(apply.path("needs"))).containsExactly("plan");
    assertThat(apply.path("environment").asText()).isEqualTo("production");
    assertThat(runs(apply))
        .contains("make apply-plan ENV=production")
        .doesNotContain("make plan")
        .doesNotContain("terraform apply")
        .doesNotContain("-auto-approve");
    assertThat(downloads(apply)).contains("plan", "artifacts", "image");
    assertThat(plan.path("concurrency").asText())
        .isEqualTo(apply.path("concurrency").asText())
        .isNotBlank();
    for (String job : List.of("plan", "apply")) {
      assertThat(jobs.at("/" + job + "/permissions/id-token").asText()).isEqualTo("write");
    }
    assertThat(workflow.at("/permissions/contents").asText()).isEqualTo("read");
  }

  /** Settings come from the committed environment file, not from the workflow. */
  @Test
  void theWorkflowPassesNoSettingsOfItsOwn() throws IOException {
    String text = Files.readString(Path.of("../.github/workflows/ci.yml"));
    assertThat(text).doesNotContain("TF_VAR_").doesNotContain("-var ").doesNotContain("-var=");
    assertThat(text).contains("terraform/environments/production.tfvars");
    assertThat(text).contains("vars.AWS_PLAN_ROLE_ARN").contains("vars.AWS_APPLY_ROLE_ARN");
  }

  /**
   * One committed, non-secret configuration per environment names everything a deploy needs,
   * including the VPC (without subnets a CI deploy would put the functions outside it and undo a
   * local apply that had them), and where its state lives (S3, locked by a lock file).
   */
  @Test
  void productionIsOneCommittedConfigurationWithItsVpcAndItsS3State() throws IOException {
    String tfvars = Files.readString(Path.of("../terraform/environments/production.tfvars"));
    for (String setting :
        List.of(
            "account_id",
            "region",
            "alert_email",
            "lambda_architecture",
            "vpc_id",
            "subnet_ids",
            "security_group_ids",
            "route_table_ids")) {
      assertThat(tfvars).as(setting).containsPattern("(?m)^" + setting + "\\s*=");
    }
    assertThat(tfvars).doesNotContainPattern("(?im)^\\s*\\w*password\\w*\\s*=");

    String backend = Files.readString(Path.of("../terraform/environments/production.s3.tfbackend"));
    assertThat(backend)
        .containsPattern("(?m)^bucket\\s*=")
        .containsPattern("(?m)^key\\s*=")
        .containsPattern("(?m)^use_lockfile\\s*=\\s*true");
    assertThat(Files.exists(Path.of("../terraform/terraform.tfvars.example")))
        .as("no second place for settings")
        .isFalse();
  }

  /** use_lockfile needs Terraform 1.10; the backend is S3 from the first apply. */
  @Test
  void terraformNeedsAtLeast110AndKeepsItsStateInS3() throws IOException {
    for (String root : List.of("../terraform", "../terraform/bootstrap")) {
      String versions = Files.readString(Path.of(root, "versions.tf"));
      Matcher required =
          Pattern.compile("required_version\\s*=\\s*\">=\\s*1\\.(\\d+)").matcher(versions);
      assertThat(required.find()).as(root + " required_version").isTrue();
      assertThat(Integer.parseInt(required.group(1))).as(root).isGreaterThanOrEqualTo(10);
    }
    assertThat(Files.readString(Path.of("../terraform/versions.tf")))
        .containsPattern("backend\\s+\"s3\"");
  }

  /** The provider lock files are committed, for the one provider both configurations use. */
  @Test
  void theProviderLockFilesAreCommittedWithChecksums() throws IOException {
    for (String root : List.of("../terraform", "../terraform/bootstrap")) {
      Path lock = Path.of(root, ".terraform.lock.hcl");
      assertThat(lock).as(root).isRegularFile();
      String text = Files.readString(lock);
      assertThat(text).contains("provider \"registry.terraform.io/hashicorp/aws\"");
      assertThat(text).containsPattern("\"(h1|zh):[A-Za-z0-9+/=]+\"");
    }
    assertThat(Files.readString(Path.of("../.gitignore")))
        .doesNotContainPattern("(?m)^[^#]*\\.terraform\\.lock\\.hcl\\s*$");
  }

  private static void add(List<String> into, JsonNode node) {
    if (!node.isMissingNode() && !node.isNull()) {
      into.add(node.asText());
    }
  }

  private static List<String> names(JsonNode jobs) {
    List<String> names = new ArrayList<>();
    jobs.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> values.add(n.asText()));
    } else {
      add(values, node);
    }
    return values;
  }

  /** The job's run scripts, one string. */
  private static String runs(JsonNode job) {
    StringBuilder all = new StringBuilder();
    job.path("steps").forEach(s -> all.append(s.path("run").asText()).append('\n'));
    return all.toString();
  }

  private static String uploads(JsonNode job) {
    StringBuilder all = new StringBuilder();
    job.path("steps")
        .forEach(
            s -> {
              if (s.path("uses").asText().startsWith("actions/upload-artifact@")) {
                all.append(s.at("/with/path").asText()).append('\n');
              }
            });
    return all.toString();
  }

  private static List<String> downloads(JsonNode job) {
    List<String> names = new ArrayList<>();
    job.path("steps")
        .forEach(
            s -> {
              if (s.path("uses").asText().startsWith("actions/download-artifact@")) {
                names.add(s.at("/with/name").asText());
              }
            });
    return names;
  }
}
