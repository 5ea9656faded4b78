package dev.blackwater.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end, as the README's quick start runs it. */
class DemoIT {

  private final Cli cli = new Cli();

  @TempDir Path dir;

  @Test
  void runsThePipelineOnEmbeddedDefaultsAndEndsVerified() throws Exception {
    Path home = dir.resolve("demo");

    Cli.Outcome demo = cli.run("demo", "--dir", home.toString(), "--rounds", "1");

    assertThat(demo.exitCode()).as(demo.all()).isZero();
    assertThat(demo.out())
        .contains("48,066 rows in 11 tables")
        .contains("Simulated activity, round 1 of 1")
        .contains("checks passed: nothing was lost")
        .contains("Dashboard written to")
        .contains("bin/blackwater run --source-url");
    assertThat(Files.readString(home.resolve("dashboard.html")))
        .contains("application/json")
        .doesNotContain("<script src");
    assertThat(Files.readString(home.resolve(".env")))
        .contains("BLACKWATER_WAREHOUSE_URL=jdbc:postgresql://");
    assertThat(home.resolve("lake/ingestion/_batches")).isDirectory();
    assertThat(home.resolve("lake/processed/_batches")).isDirectory();

    java.nio.file.attribute.FileTime firstPage =
        Files.getLastModifiedTime(home.resolve("dashboard.html"));
    Cli.Outcome again = cli.run("demo", "--dir", home.toString(), "--rounds", "0");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.out())
        .contains("checks passed: nothing was lost")
        .contains("Dashboard written to");
    assertThat(Files.getLastModifiedTime(home.resolve("dashboard.html")))
        .as("the page is written again")
        .isGreaterThan(firstPage);

    Path foreign = Files.createDirectories(dir.resolve("not-a-demo"));
    Files.writeString(foreign.resolve("precious.txt"), "keep me");
    Cli.Outcome refused = cli.run("demo", "--dir", foreign.toString());
    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.err()).contains("was not made by blackwater demo");
    assertThat(foreign.resolve("precious.txt")).exists();
  }
}
