package dev.blackwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.ResultJson;
import dev.blackwater.testkit.ChildJvm;
import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run, status and verify as a user types them, on a generated totesys. */
class PipelineCommandsIT {

  private final Cli cli = new Cli();

  @TempDir Path dir;
  private TestDatabase source;
  private TestDatabase warehouse;

  @BeforeEach
  void databases() {
    source = PostgresServer.shared().createDatabase("cli_source");
    warehouse = PostgresServer.shared().createDatabase("cli_warehouse");
    assertThat(cli.run(args("totesys", "create")).exitCode()).isZero();
    assertThat(cli.run(args("totesys", "seed", "--scale", "0.05")).exitCode()).isZero();
  }

  @AfterEach
  void drop() {
    source.close();
    warehouse.close();
  }

  private String[] args(String... command) {
    List<String> all = new ArrayList<>(List.of(command));
    boolean totesys = command[0].equals("totesys");
    if (!command[0].equals("status")) {
      all.addAll(List.of("--source-url", source.jdbcUrl(), "--source-user", source.user()));
    }
    if (!totesys) {
      all.addAll(
          List.of(
              "--warehouse-url",
              warehouse.jdbcUrl(),
              "--warehouse-user",
              warehouse.user(),
              "--ingestion",
              dir.resolve("ingestion").toString(),
              "--processed",
              dir.resolve("processed").toString()));
    }
    if (command[0].equals("run")) {
      all.addAll(List.of("--temp-dir", dir.toString()));
    }
    return all.toArray(String[]::new);
  }

  @Test
  void aMassDeleteInTheSourceStopsTheRunWithItsOwnExitCodeUntilTheUserAllowsIt() {
    assertThat(cli.run(args("run")).exitCode()).isZero();
    long payments = source.queryLong("SELECT count(*) FROM payment");
    // the statistics flushed as the statement ends: extract reads a table's keys when they count
    // a deletion
    source.execute(
        "SELECT pg_stat_force_next_flush(); DELETE FROM payment WHERE payment_id % 3 = 0");
    long deleted = payments - source.queryLong("SELECT count(*) FROM payment");

    Cli.Outcome refused = cli.run(args("run"));
    Cli.Outcome allowed = cli.run(args("run", "--allow-mass-delete"));
    Cli.Outcome status = cli.run(args("status"));
    Cli.Outcome verify = cli.run(args("verify"));

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(7);
    assertThat(refused.err())
        .contains(
            "refusing to record a mass delete: payment: "
                + String.format(java.util.Locale.ROOT, "%,d of %,d keys", deleted, payments),
            "nothing was written",
            "--allow-mass-delete");
    assertThat(allowed.exitCode()).as(allowed.all()).isZero();
    assertThat(status.out()).contains("live keys", "deleted");
    assertThat(status.out())
        .containsPattern(
            "(?m)^\\s*payment\\s+.*\\s"
                + String.format(java.util.Locale.ROOT, "%,d", payments - deleted)
                + "\\s+"
                + String.format(java.util.Locale.ROOT, "%,d", deleted)
                + "\\s*$");
    assertThat(verify.exitCode()).as(verify.all()).isZero();
  }

  @Test
  void runStatusAndVerify() throws Exception {
    Cli.Outcome run = cli.run(args("run"));
    Cli.Outcome again = cli.run(args("run", "--json"));
    Cli.Outcome status = cli.run(args("status"));
    Cli.Outcome statusJson = cli.run(args("status", "--json"));
    Cli.Outcome verify = cli.run(args("verify"));

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out())
        .contains("extract   ", "transform ", "load      ", "rows transformed", "Freshness lag:");
    assertThat(again.exitCode()).as(again.all()).isZero();
    JsonNode cycle = ResultJson.mapper().readTree(again.out());
    assertThat(cycle.get("extract").get("nothingNew").asBoolean()).isTrue();
    assertThat(cycle.get("load").get("nothingNew").asBoolean()).isTrue();
    assertThat(status.exitCode()).as(status.all()).isZero();
    JsonNode report = ResultJson.mapper().readTree(statusJson.out());
    assertThat(report.get("stages").get(0).get("lastSuccess").get("stage").asText())
        .isEqualTo("EXTRACT");
    assertFreshnessIsNotTheAgeOfAChange(status.out(), report);
    assertThat(verify.exitCode()).as(verify.all()).isZero();
    assertThat(verify.out()).contains("nothing was lost");

    warehouse.execute("UPDATE dim_staff SET last_name = 'Changed' WHERE staff_id = 1");
    Cli.Outcome mismatch = cli.run(args("verify"));
    assertThat(mismatch.exitCode()).isEqualTo(5);
    assertThat(mismatch.out()).contains("dim_staff", "MISMATCH", "FAILED");
  }

  /**
   * The seeded history ended two years before the test clock's today: every table's newest change
   * is years old, yet the lake and the warehouse are fresh as of the second run's extract, which
   * found nothing new. Status says so, and shows each table's last change as its age, not a lag.
   */
  private static void assertFreshnessIsNotTheAgeOfAChange(String text, JsonNode report) {
    Instant at = Instant.parse(report.get("at").asText());
    Instant lake = Instant.parse(report.get("lakeFreshAsOf").asText());
    assertThat(Duration.parse(report.get("lakeLag").asText()))
        .isEqualTo(Duration.between(lake, at))
        .isLessThan(Duration.ofMinutes(5));
    assertThat(report.get("warehouseFreshAsOf").asText()).isEqualTo(lake.toString());
    assertThat(Duration.parse(report.get("warehouseLag").asText()))
        .isLessThan(Duration.ofMinutes(5));
    JsonNode currency = null;
    for (JsonNode table : report.get("tables")) {
      if (table.get("table").asText().equals("currency")) {
        currency = table;
      }
    }
    assertThat(currency).as("currency in %s", report).isNotNull();
    Duration unchanged = Duration.parse(currency.get("changeAge").asText());
    assertThat(unchanged).isGreaterThan(Duration.ofDays(365));
    assertThat(currency.get("lag").asText()).isEqualTo(currency.get("changeAge").asText());
    assertThat(text)
        .contains("Lake fresh as of " + lake.truncatedTo(ChronoUnit.SECONDS) + ", lag ")
        .contains("Warehouse fresh as of " + lake.truncatedTo(ChronoUnit.SECONDS) + ", lag ")
        .containsPattern(
            "(?m)^\\s*currency .* " + unchanged.toDays() + "d \\d+h ago\\s+[\\d,]+\\s+0\\s*$")
        .doesNotContainPattern("(?i)lake lag")
        .doesNotContainPattern("(?m)^(Lake|Warehouse) fresh .*, lag \\d+d");
  }

  @Test
  void watchRepeatsUntilStoppedAndStopsBetweenStages() throws Exception {
    try (ChildJvm child =
        ChildJvm.start(cli.clock(), MainOnTestClock.class, args("run", "--watch", "1s"))) {
      child.awaitCondition(
          () -> child.output().split("Next cycle in", -1).length > 2, Duration.ofSeconds(90));
      child.stop();
      assertThat(child.awaitExit(Duration.ofSeconds(60))).isNotZero();
      assertThat(child.output()).contains("Stopping after the current stage");
      assertThat(child.output()).doesNotContain("Exception");
    }
    try (var manifests = Files.list(dir.resolve("processed/_batches"))) {
      assertThat(manifests.count()).isEqualTo(1);
    }
    assertThat(cli.run(args("verify")).exitCode()).isZero();
  }
}
