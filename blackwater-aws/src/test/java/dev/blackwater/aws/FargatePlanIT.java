package dev.blackwater.aws;

import static dev.blackwater.aws.TerraformPlan.statements;
import static dev.blackwater.aws.TerraformPlan.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackwater.aws.TerraformPlan.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Past one Lambda, as terraform/ plans it (terraform/plan.json, offline.tfvars keeps the Fargate
 * task on): transform and load hand a backlog above lambda_max_backlog_bytes to an ECS Fargate task
 * running the same code (the image the workflow builds), in the functions' subnets, with a role
 * that may do what those two functions may and no more, and the state machine runs it when a
 * function answers delegated, mailing a task that did not exit with 0. Runs with {@code
 * -Pterraform}.
 */
class FargatePlanIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static TerraformPlan plan;
  private static JsonNode states;
  private static Resource task;
  private static JsonNode container;

  @BeforeAll
  static void read() throws IOException {
    plan = TerraformPlan.read(Path.of("../terraform/plan.json"));
    states = plan.jsonOutput("state_machine_definition").path("States");
    task = plan.all("aws_ecs_task_definition").get(0);
    container = JSON.readTree(task.text("container_definitions")).get(0);
  }

  /** The task runs the workflow's image for the functions' architecture, with the same settings. */
  @Test
  void theTaskRunsTheCommittedImageWithTheFunctionsSettingsAndVerifiedTls() throws IOException {
    String architecture = plan.variable("lambda_architecture");
    assertThat(strings(task.after().path("requires_compatibilities"))).containsExactly("FARGATE");
    assertThat(task.text("network_mode")).isEqualTo("awsvpc");
    assertThat(task.after().at("/runtime_platform/0/cpu_architecture").asText())
        .isEqualTo(architecture.equals("arm64") ? "ARM64" : "X86_64");
    assertThat(task.after().at("/ephemeral_storage/0/size_in_gib").asInt()).isBetween(21, 200);
    assertThat(container.path("image").asText())
        .isEqualTo(
            plan.variable("account_id")
                + ".dkr.ecr."
                + plan.variable("region")
                + ".amazonaws.com/"
                + plan.variable("name_prefix")
                + ":"
                + plan.variable("container_image_tag"));

    Map<String, String> env = new HashMap<>();
    container
        .path("environment")
        .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    JsonNode load = plan.one("aws_lambda_function", "load").after().at("/environment/0/variables");
    for (String same :
        List.of(
            "BLACKWATER_INGESTION",
            "BLACKWATER_PROCESSED",
            "BLACKWATER_WAREHOUSE_SECRET",
            "BLACKWATER_WAREHOUSE_URL",
            "BLACKWATER_WAREHOUSE_SCHEMA",
            "BLACKWATER_WAREHOUSE_SSLMODE")) {
      assertThat(env.get(same)).as(same).isEqualTo(load.path(same).asText());
    }
    assertThat(env.get("BLACKWATER_WAREHOUSE_SSLMODE")).isEqualTo("verify-full");
    String bundle = env.get("BLACKWATER_WAREHOUSE_SSLROOTCERT");
    assertThat(Files.readString(Path.of("../Dockerfile")))
        .as("the image carries the bundle where the task looks")
        .contains("rds-global-bundle.pem " + bundle);
    assertThat(env).doesNotContainKey("BLACKWATER_SOURCE_SECRET");
    assertThat(container.at("/logConfiguration/options/awslogs-group").asText())
        .isEqualTo(
            plan.all("aws_cloudwatch_log_group").stream()
                .filter(g -> g.address().contains("fargate"))
                .findFirst()
                .orElseThrow()
                .text("name"));
    assertThat(plan.all("aws_ecs_cluster")).hasSize(1);
  }

  /**
   * The task's role may do what transform and load may together, nothing of extract's, no delete.
   */
  @Test
  void theTasksRoleMayDoWhatTransformAndLoadMay() {
    String ingestion = "arn:aws:s3:::" + plan.one("aws_s3_bucket", "ingestion").text("bucket");
    String processed = "arn:aws:s3:::" + plan.one("aws_s3_bucket", "processed").text("bucket");
    JsonNode policy = plan.named("aws_iam_role_policy", "aws_iam_role_policy.task").policy();
    Map<String, List<String>> granted = new HashMap<>();
    for (JsonNode s : statements(policy)) {
      for (String action : strings(s.path("Action"))) {
        granted
            .computeIfAbsent(action, a -> new java.util.ArrayList<>())
            .addAll(strings(s.path("Resource")));
      }
    }
    assertThat(granted.get("s3:PutObject")).containsExactly(processed + "/*");
    assertThat(granted.get("s3:GetObject"))
        .containsExactlyInAnyOrder(ingestion + "/*", processed + "/*");
    assertThat(granted.get("secretsmanager:GetSecretValue"))
        .containsExactly(plan.variable("warehouse_secret_arn"));
    assertThat(granted.get("kms:Decrypt"))
        .containsExactly(plan.variable("warehouse_secret_kms_key_arn"));
    assertThat(granted.keySet()).noneMatch(a -> a.startsWith("s3:Delete"));

    JsonNode pull = plan.named("aws_iam_role_policy", "aws_iam_role_policy.execution").policy();
    assertThat(pull.toString())
        .contains(":repository/" + plan.variable("name_prefix"))
        .contains("log-group:/ecs/");
  }

  /**
   * transform and load get the limit; a delegated answer runs the same stage on Fargate (a
   * delegated transform is followed by load there too), in the functions' subnets; a container that
   * did not exit with 0 goes to the failure mail.
   */
  @Test
  void aDelegatedStageRunsOnFargateAndAFailedTaskIsMailed() {
    long limit = plan.variableValue("lambda_max_backlog_bytes").asLong();
    assertThat(limit).isPositive();
    for (String stage : List.of("transform", "load")) {
      assertThat(
              plan.one("aws_lambda_function", stage)
                  .after()
                  .at("/environment/0/variables/BLACKWATER_LAMBDA_MAX_BACKLOG")
                  .asText())
          .isEqualTo(Long.toString(limit));
    }
    assertThat(
            plan.one("aws_lambda_function", "extract")
                .after()
                .at("/environment/0/variables")
                .has("BLACKWATER_LAMBDA_MAX_BACKLOG"))
        .isFalse();

    for (String stage : List.of("Transform", "Load")) {
      String choice = states.at("/" + stage + "/Next").asText();
      JsonNode delegated = states.path(choice).path("Choices").get(0);
      assertThat(delegated.path("Variable").asText())
          .isEqualTo("$." + stage.toLowerCase(java.util.Locale.ROOT) + ".delegated");
      assertThat(delegated.path("BooleanEquals").asBoolean()).isTrue();
      assertThat(states.at("/" + stage + "/ResultSelector/delegated.$").asText())
          .isEqualTo("$.Payload.delegated");

      JsonNode run = states.path(delegated.path("Next").asText());
      assertThat(run.path("Resource").asText()).endsWith(":states:::ecs:runTask.sync");
      assertThat(run.at("/Parameters/LaunchType").asText()).isEqualTo("FARGATE");
      assertThat(run.at("/Parameters/Cluster").asText())
          .endsWith(":cluster/" + plan.all("aws_ecs_cluster").get(0).text("name"));
      assertThat(run.at("/Parameters/TaskDefinition").asText())
          .endsWith(":task-definition/" + task.text("family"));
      assertThat(run.at("/Parameters/NetworkConfiguration/AwsvpcConfiguration/Subnets"))
          .isEqualTo(plan.variableValue("subnet_ids"));
      assertThat(run.at("/Parameters/NetworkConfiguration/AwsvpcConfiguration/SecurityGroups"))
          .isEqualTo(plan.variableValue("security_group_ids"));
      JsonNode override = run.at("/Parameters/Overrides/ContainerOverrides/0");
      assertThat(override.path("Name").asText()).isEqualTo(container.path("name").asText());
      assertThat(strings(override.path("Command")))
          .containsExactly(stage.toLowerCase(java.util.Locale.ROOT));
      assertThat(run.path("TimeoutSeconds").asInt()).isPositive();

      JsonNode exited = states.path(run.path("Next").asText());
      JsonNode zero = exited.path("Choices").get(0);
      assertThat(zero.toString())
          .contains("$.fargate.containers[0].ExitCode")
          .contains("\"NumericEquals\":0");
      assertThat(exited.path("Default").asText()).isEqualTo("FargateFailed");
      assertThat(zero.path("Next").asText())
          .isEqualTo(stage.equals("Transform") ? "LoadOnFargate" : "Maintain");
    }
    assertThat(states.at("/FargateFailed/Next").asText()).isEqualTo("NotifyFailure");
  }

  /**
   * Step Functions may run exactly this task definition in this cluster, and pass its two roles.
   */
  @Test
  void theStateMachineMayRunThisTaskAndPassItsRolesOnly() {
    JsonNode policy =
        plan.named("aws_iam_role_policy", "aws_iam_role_policy.state_machine").policy();
    String family = task.text("family");
    boolean runs = false;
    boolean passes = false;
    for (JsonNode s : statements(policy)) {
      List<String> actions = strings(s.path("Action"));
      if (actions.contains("ecs:RunTask")) {
        runs = true;
        assertThat(strings(s.path("Resource")))
            .singleElement()
            .satisfies(r -> assertThat(r).endsWith(":task-definition/" + family + ":*"));
        assertThat(s.at("/Condition/ArnEquals/ecs:cluster").asText()).contains(":cluster/");
      }
      if (actions.contains("iam:PassRole")) {
        passes = true;
        assertThat(strings(s.path("Resource")))
            .hasSize(2)
            .allSatisfy(r -> assertThat(r).contains(":role/"));
        assertThat(s.at("/Condition/StringEquals/iam:PassedToService").asText())
            .isEqualTo("ecs-tasks.amazonaws.com");
      }
    }
    assertThat(runs && passes).isTrue();
  }
}
