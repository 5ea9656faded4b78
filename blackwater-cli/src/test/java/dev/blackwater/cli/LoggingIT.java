package dev.blackwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.ResultJson;
import dev.blackwater.testkit.ChildJvm;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real process prints: JSON log lines carry run id, stage and table; no output, at any log
 * level, ever contains a password.
 */
@ExtendWith(PostgresExtension.class)
class LoggingIT {

  private final Cli cli = new Cli();

  private static final String PASSWORD = "pw-Zq8-never-print-me";

  @TempDir Path dir;

  @Test
  void jsonLogLinesCarryRunStageAndTableAndNoOutputHasThePassword(TestDatabase db)
      throws Exception {
    assertThat(
            cli.run("totesys", "create", "--source-url", db.jdbcUrl(), "--source-user", db.user())
                .exitCode())
        .isZero();
    assertThat(
            cli.run(
                    "totesys",
                    "seed",
                    "--scale",
                    "0.02",
                    "--source-url",
                    db.jdbcUrl(),
                    "--source-user",
                    db.user())
                .exitCode())
        .isZero();
    String url = db.jdbcUrl() + "?password=" + PASSWORD;

    String json =
        childOutput(
            "--log-format",
            "json",
            "extract",
            "--source-url",
            url,
            "--source-user",
            db.user(),
            "--source-password",
            PASSWORD,
            "--ingestion",
            dir.resolve("lake").toString());
    String debug =
        childOutput(
            "--debug",
            "extract",
            "--source-url",
            url,
            "--source-user",
            db.user(),
            "--source-password",
            PASSWORD,
            "--ingestion",
            dir.resolve("lake").toString());
    String failure =
        childOutput(
            "--debug",
            "extract",
            "--source-url",
            url.replace(db.jdbcUrl().replaceAll(".*/", ""), "nosuchdb"),
            "--source-password",
            PASSWORD,
            "--ingestion",
            dir.resolve("lake").toString());

    List<JsonNode> lines = new ArrayList<>();
    for (String line : json.split("\n")) {
      if (line.startsWith("{")) {
        lines.add(ResultJson.mapper().readTree(line));
      }
    }
    assertThat(lines).isNotEmpty();
    assertThat(lines)
        .allSatisfy(l -> assertThat(l.at("/mdc/runId").asText()).as(l.toString()).isNotBlank());
    assertThat(lines).allSatisfy(l -> assertThat(l.at("/mdc/stage").asText()).isEqualTo("extract"));
    assertThat(lines)
        .anySatisfy(l -> assertThat(l.at("/mdc/table").asText()).isEqualTo("sales_order"));
    assertThat(debug).contains("nothing new in the source");
    assertThat(failure).contains("does not exist");
    assertThat(json + debug + failure).doesNotContain(PASSWORD);
  }

  private String childOutput(String... args) {
    try (ChildJvm child = ChildJvm.start(cli.clock(), MainOnTestClock.class, args)) {
      child.awaitExit(Duration.ofSeconds(60));
      return child.output();
    }
  }
}
