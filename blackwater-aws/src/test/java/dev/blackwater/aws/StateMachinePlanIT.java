package dev.blackwater.aws;

import static dev.blackwater.aws.TerraformPlan.statements;
import static dev.blackwater.aws.TerraformPlan.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.ResultJson;
import dev.blackwater.aws.handler.MaintenanceStep;
import dev.blackwater.aws.handler.StepResult;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The state machine terraform/ plans (its definition, as the plan shows it in the {@code
 * state_machine_definition} output): a run that finds another in progress is skipped and counted,
 * not failed; each stage keeps only the fields of the handler's fixed-size summary ({@link
 * StepResult}) that exist on every result; every error of every task, States.DataLimitExceeded
 * included, reaches the failure mail. Runs with {@code -Pterraform}.
 */
class StateMachinePlanIT {

  private static final List<String> STAGES = List.of("Extract", "Transform", "Load");

  private static TerraformPlan plan;
  private static JsonNode definition;
  private static JsonNode states;
  private static String stateMachine;

  @BeforeAll
  static void read() throws Exception {
    plan = TerraformPlan.read(Path.of("../terraform/plan.json"));
    definition = plan.jsonOutput("state_machine_definition");
    states = definition.path("States");
    stateMachine = plan.all("aws_sfn_state_machine").get(0).text("name");
  }

  /**
   * The first state lists this state machine's running executions; with another one running (this
   * one counts itself), the run adds 1 to SkippedRuns and succeeds, and nothing on that path can
   * reach the failure mail.
   */
  @Test
  void aRunStartedWhileAnotherIsInProgressIsSkippedAndCountedNotFailed() {
    assertThat(definition.path("StartAt").asText()).isEqualTo("Guard");
    JsonNode guard = states.path("Guard");
    assertThat(guard.path("Resource").asText()).endsWith(":states:::aws-sdk:sfn:listExecutions");
    assertThat(guard.at("/Parameters/StateMachineArn").asText())
        .endsWith(":stateMachine:" + stateMachine);
    assertThat(guard.at("/Parameters/StatusFilter").asText()).isEqualTo("RUNNING");
    assertThat(guard.at("/ResultSelector/running.$").asText())
        .isEqualTo("States.ArrayLength($.Executions)");
    assertThat(guard.path("ResultPath").asText()).isEqualTo("$.guard");

    JsonNode choice = states.path(guard.path("Next").asText());
    assertThat(choice.path("Type").asText()).isEqualTo("Choice");
    assertThat(choice.path("Default").asText()).isEqualTo("Extract");
    JsonNode busy = choice.path("Choices").get(0);
    assertThat(busy.path("Variable").asText()).isEqualTo("$.guard.running");
    assertThat(busy.path("NumericGreaterThan").asInt()).isEqualTo(1);

    JsonNode skip = states.path(busy.path("Next").asText());
    assertThat(skip.path("Resource").asText())
        .endsWith(":states:::aws-sdk:cloudwatch:putMetricData");
    assertThat(skip.at("/Parameters/Namespace").asText()).isEqualTo("Blackwater");
    assertThat(skip.at("/Parameters/MetricData/0/MetricName").asText()).isEqualTo("SkippedRuns");
    assertThat(skip.at("/Parameters/MetricData/0/Value").asInt()).isEqualTo(1);
    assertThat(reachableFrom(busy.path("Next").asText()))
        .as("a skipped run ends in success, never in the failure mail")
        .doesNotContain("NotifyFailure", "Failed")
        .allSatisfy(s -> assertThat(states.path(s).path("Type").asText()).isIn("Task", "Succeed"));

    JsonNode policy =
        plan.named("aws_iam_role_policy", "aws_iam_role_policy.state_machine").policy();
    List<String> listed = new ArrayList<>();
    for (JsonNode s : statements(policy)) {
      if (strings(s.path("Action")).contains("states:ListExecutions")) {
        listed.addAll(strings(s.path("Resource")));
      }
      if (strings(s.path("Action")).contains("cloudwatch:PutMetricData")) {
        assertThat(s.at("/Condition/StringEquals/cloudwatch:namespace").asText())
            .as("PutMetricData only in Blackwater's namespace")
            .isEqualTo("Blackwater");
      }
    }
    assertThat(listed)
        .singleElement()
        .satisfies(a -> assertThat(a).endsWith(":stateMachine:" + stateMachine));
  }

  /**
   * A stuck execution would make every later one skip: the execution times out, and an alarm on
   * timed-out executions mails it.
   */
  @Test
  void anExecutionTimesOutAndATimeoutAlarms() {
    assertThat(definition.path("TimeoutSeconds").asInt()).isBetween(3600, 86_400);
    assertThat(plan.all("aws_cloudwatch_metric_alarm"))
        .anySatisfy(a -> assertThat(a.text("metric_name")).isEqualTo("ExecutionsTimedOut"));
  }

  /**
   * Each stage's task keeps its handler's summary under the stage's name, taking only fields every
   * StepResult has (a missing path would fail the execution with States.Runtime, which no catch
   * takes); the choice after extract reads the field the handler writes.
   */
  @Test
  void eachStageKeepsOnlyItsSummaryFieldsUnderItsName() throws Exception {
    JsonNode written =
        ResultJson.mapper()
            .readTree(
                ResultJson.mapper()
                    .writeValueAsString(
                        new StepResult(
                            null, null, false, 0, null, 0, 0, 0, null, false, null, null)));
    Set<String> fields = new TreeSet<>();
    written.fieldNames().forEachRemaining(fields::add);

    for (String name : STAGES) {
      JsonNode task = states.path(name);
      assertThat(task.path("Resource").asText()).as(name).endsWith(":states:::lambda:invoke");
      assertThat(task.at("/Parameters/FunctionName").asText())
          .endsWith(
              ":function:"
                  + plan.one("aws_lambda_function", name.toLowerCase(java.util.Locale.ROOT))
                      .text("function_name")
                  + ":live");
      assertThat(task.path("ResultPath").asText())
          .isEqualTo("$." + name.toLowerCase(java.util.Locale.ROOT));
      assertThat(task.has("OutputPath")).as(name + " passes its input on").isFalse();
      JsonNode selector = task.path("ResultSelector");
      assertThat(selector.size()).as(name).isPositive();
      selector
          .properties()
          .forEach(
              f -> {
                assertThat(f.getKey()).endsWith(".$");
                assertThat(f.getValue().asText()).startsWith("$.Payload.");
                assertThat(fields)
                    .as(name + " selects " + f.getValue().asText())
                    .contains(f.getValue().asText().substring("$.Payload.".length()));
              });
      assertThat(selector.has("nothingNew.$")).isTrue();
    }
    assertThat(states.at("/Load/ResultSelector/freshnessLagSeconds.$").asText())
        .isEqualTo("$.Payload.freshnessLagSeconds");

    JsonNode anythingNew = states.path("AnythingNew");
    assertThat(states.at("/Extract/Next").asText()).isEqualTo("AnythingNew");
    assertThat(anythingNew.path("Default").asText()).isEqualTo("Transform");
    JsonNode nothingNew = anythingNew.path("Choices").get(0);
    assertThat(nothingNew.path("Next").asText()).isEqualTo("Load");
    List<String> variables = new ArrayList<>();
    nothingNew.path("And").forEach(t -> variables.add(t.path("Variable").asText()));
    assertThat(variables).containsOnly("$.extract.nothingNew");
    // with the Fargate task (offline.tfvars keeps it on), a delegated stage goes there, else on
    assertThat(states.path(states.at("/Transform/Next").asText()).path("Default").asText())
        .isEqualTo("Load");
    assertThat(states.path(states.at("/Load/Next").asText()).path("Default").asText())
        .isEqualTo("Maintain");
    assertThat(states.at("/Done/Type").asText()).isEqualTo("Succeed");
  }

  /**
   * After every load, on Lambda or on Fargate, the transform function is asked to maintain the lake
   * (it does so once per interval, which the plan gives it); what it answers is kept under
   * $.maintain from fields every MaintenanceStep has; a failure there mails its own subject and the
   * execution still succeeds, as the batches are loaded by then.
   */
  @Test
  void everyLoadIsFollowedByLakeMaintenanceWhoseFailureMailsButFailsNoRun() throws Exception {
    JsonNode maintain = states.path("Maintain");
    assertThat(maintain.path("Resource").asText()).endsWith(":states:::lambda:invoke");
    assertThat(maintain.at("/Parameters/FunctionName").asText())
        .endsWith(
            ":function:"
                + plan.one("aws_lambda_function", "transform").text("function_name")
                + ":live");
    assertThat(maintain.at("/Parameters/Payload/task").asText()).isEqualTo(MaintenanceStep.TASK);
    assertThat(maintain.path("ResultPath").asText()).isEqualTo("$.maintain");
    JsonNode written =
        ResultJson.mapper()
            .readTree(
                ResultJson.mapper()
                    .writeValueAsString(new MaintenanceStep(null, null, false, 0, 0, 0, 0)));
    Set<String> fields = new TreeSet<>();
    written.fieldNames().forEachRemaining(fields::add);
    assertThat(maintain.path("ResultSelector").properties())
        .isNotEmpty()
        .allSatisfy(
            f ->
                assertThat(fields)
                    .contains(f.getValue().asText().substring("$.Payload.".length())));

    // on Lambda, and after a delegated load on Fargate once its container exited with 0
    assertThat(states.path(states.at("/Load/Next").asText()).path("Default").asText())
        .isEqualTo("Maintain");
    assertThat(states.at("/LoadOnFargateExited/Choices/0/Next").asText()).isEqualTo("Maintain");
    assertThat(maintain.path("Next").asText()).isEqualTo("Done");

    assertThat(maintain.path("Catch"))
        .allSatisfy(c -> assertThat(c.path("Next").asText()).isEqualTo("NotifyMaintenanceFailure"));
    JsonNode notify = states.path("NotifyMaintenanceFailure");
    assertThat(notify.path("Resource").asText()).endsWith(":states:::sns:publish");
    assertThat(notify.at("/Parameters/Subject").asText()).contains("maintenance failed");
    assertThat(notify.at("/Parameters/Message.$").asText()).contains("$.maintenanceError");
    assertThat(reachableFrom("Maintain"))
        .as("maintenance ends in success, never in the failed state")
        .doesNotContain("NotifyFailure", "Failed")
        .contains("Done");

    JsonNode variables =
        plan.one("aws_lambda_function", "transform").after().at("/environment/0/variables");
    assertThat(variables.path("BLACKWATER_GC_INTERVAL").asText()).isEqualTo("24h");
    assertThat(variables.path("BLACKWATER_ICEBERG_RETENTION").asText()).isEqualTo("7d");
  }

  /**
   * Every task but the mail itself and the skip count catches States.DataLimitExceeded (which
   * States.ALL does not match) and then everything else, into NotifyFailure, which mails the error
   * and fails the execution.
   */
  @Test
  void everyErrorOfEveryTaskReachesTheFailureMail() {
    List<String> tasks = new ArrayList<>();
    states
        .properties()
        .forEach(
            e -> {
              if (e.getValue().path("Type").asText().equals("Task")
                  && !e.getKey().equals("NotifyFailure")
                  && !e.getKey().equals("NotifyMaintenanceFailure")
                  && !e.getKey().equals("SkipRun")) {
                tasks.add(e.getKey());
              }
            });
    assertThat(tasks).contains("Guard", "Extract", "Transform", "Load", "Maintain");
    for (String name : tasks) {
      JsonNode catches = states.path(name).path("Catch");
      assertThat(strings(catches.get(0).path("ErrorEquals")))
          .as(name + " catches States.DataLimitExceeded by name")
          .containsExactly("States.DataLimitExceeded");
      assertThat(strings(catches.get(catches.size() - 1).path("ErrorEquals")))
          .as(name + " catches everything else last")
          .containsExactly("States.ALL");
      // a maintenance failure has a mail of its own (everyLoadIsFollowedByLakeMaintenance...)
      String mail = name.equals("Maintain") ? "NotifyMaintenanceFailure" : "NotifyFailure";
      catches.forEach(c -> assertThat(c.path("Next").asText()).as(name).isEqualTo(mail));
    }
    JsonNode notify = states.path("NotifyFailure");
    assertThat(notify.path("Resource").asText()).endsWith(":states:::sns:publish");
    assertThat(notify.at("/Parameters/TopicArn").asText())
        .endsWith(":" + plan.all("aws_sns_topic").get(0).text("name"));
    assertThat(notify.at("/Parameters/Message.$").asText()).contains("$.error");
    assertThat(states.path(notify.path("Next").asText()).path("Type").asText()).isEqualTo("Fail");
  }

  private static Set<String> reachableFrom(String start) {
    Set<String> seen = new TreeSet<>();
    Deque<String> next = new ArrayDeque<>(List.of(start));
    while (!next.isEmpty()) {
      String name = next.pop();
      if (!seen.add(name)) {
        continue;
      }
      JsonNode state = states.path(name);
      if (state.has("Next")) {
        next.push(state.path("Next").asText());
      }
      state.path("Catch").forEach(c -> next.push(c.path("Next").asText()));
      state.path("Choices").forEach(c -> next.push(c.path("Next").asText()));
      if (state.has("Default")) {
        next.push(state.path("Default").asText());
      }
    }
    return seen;
  }
}
