package dev.blackwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

  private final Cli cli = new Cli();

  @ParameterizedTest
  @ValueSource(
      strings = {"", "extract", "transform", "totesys", "totesys seed", "totesys create", "demo"})
  void everyCommandHasHelpAndVersion(String command) {
    String[] words = command.isEmpty() ? new String[0] : command.split(" ");
    Cli.Outcome help = cli.run(concat(words, "--help"));
    Cli.Outcome version = cli.run(concat(words, "--version"));

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: blackwater");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("blackwater ");
  }

  @Test
  void noCommandIsAUsageError() {
    Cli.Outcome outcome = cli.run();
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).contains("name a command");
  }

  @Test
  void aMissingSourceIsAConfigurationError(@TempDir Path lake) {
    Cli.Outcome outcome = cli.run("extract", "--ingestion", lake.toString());
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.err()).contains("no source database given");
  }

  @Test
  void transformRefusesBadSettingsAsConfigurationErrors() {
    Cli.Outcome memory =
        cli.run(
            "transform",
            "--ingestion",
            "/tmp/a",
            "--processed",
            "/tmp/b",
            "--memory-limit",
            "lots");
    assertThat(memory.exitCode()).isEqualTo(3);
    assertThat(memory.err())
        .contains("--memory-limit (BLACKWATER_MEMORY_LIMIT): 'lots' is not a size");

    Cli.Outcome zone = cli.run("transform", "--ingestion", "/tmp/a");
    assertThat(zone.exitCode()).isEqualTo(3);
    assertThat(zone.err()).contains("no processed zone given");
  }

  @Test
  void badArgumentsAreRefusedBeforeConnecting() {
    Cli.Outcome scale =
        cli.run(
            "totesys", "seed", "--scale", "0", "--source-url", "jdbc:postgresql://127.0.0.1:9/x");
    assertThat(scale.exitCode()).isEqualTo(2);
    assertThat(scale.err()).contains("scale");

    Cli.Outcome overlap = cli.run("extract", "--overlap", "5q");
    assertThat(overlap.exitCode()).isEqualTo(3);
    assertThat(overlap.err())
        .contains("--overlap (BLACKWATER_OVERLAP): '5q' is not a duration (examples: 90s, 15m");
  }

  @Test
  void anUnreachableDatabaseIsAConnectionErrorThatHidesThePassword(@TempDir Path lake) {
    Cli.Outcome outcome =
        cli.run(
            "extract",
            "--source-url",
            "jdbc:postgresql://127.0.0.1:9/x?password=urlsecret",
            "--source-password",
            "flagsecret",
            "--ingestion",
            lake.toString());
    assertThat(outcome.exitCode()).isEqualTo(4);
    assertThat(outcome.err()).contains("cannot reach the source database");
    assertThat(outcome.all()).doesNotContain("urlsecret").doesNotContain("flagsecret");
  }

  @Test
  void readsSettingsFromTheEnvironmentThenDotEnv(@TempDir Path dir) throws Exception {
    Path dotEnv = dir.resolve(".env");
    Files.writeString(
        dotEnv,
        """
        # comment
        export BLACKWATER_SOURCE_URL="jdbc:postgresql://from-dotenv/db"
        BLACKWATER_INGESTION='/lake/from-dotenv'
        BLACKWATER_PROCESSED=/lake/processed   # a comment after the value
        NOT_AN_ASSIGNMENT
        """);
    EnvironmentDefaults defaults =
        new EnvironmentDefaults(
            Map.of("BLACKWATER_INGESTION", "/lake/from-env"),
            EnvironmentDefaults.readDotEnv(dotEnv));

    assertThat(defaults.lookup("BLACKWATER_SOURCE_URL"))
        .contains("jdbc:postgresql://from-dotenv/db");
    assertThat(defaults.lookup("BLACKWATER_INGESTION")).contains("/lake/from-env");
    assertThat(defaults.lookup("BLACKWATER_PROCESSED")).contains("/lake/processed");
    assertThat(defaults.lookup("BLACKWATER_NOTHING")).isEmpty();
    assertThat(EnvironmentDefaults.variableFor("--warehouse-url"))
        .isEqualTo("BLACKWATER_WAREHOUSE_URL");
  }

  @Test
  void convertsDurations() {
    DurationConverter durations = new DurationConverter();
    assertThat(durations.convert("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(durations.convert("PT2H")).isEqualTo(Duration.ofHours(2));
    assertThat(durations.convert("250ms")).isEqualTo(Duration.ofMillis(250));
  }

  private static String[] concat(String[] words, String last) {
    String[] all = java.util.Arrays.copyOf(words, words.length + 1);
    all[words.length] = last;
    return all;
  }
}
