package dev.blackwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.ResultJson;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Extract then transform end to end, as a user types them. */
@ExtendWith(PostgresExtension.class)
class ExtractAndTransformCommandIT {

  private final Cli cli = new Cli();

  @TempDir Path ingestion;
  @TempDir Path processed;
  @TempDir Path temp;

  @Test
  void seedExtractTransformSimulateExtractTransform(TestDatabase db) throws Exception {
    String[] source = {"--source-url", db.jdbcUrl(), "--source-user", db.user()};
    String[] lakes = {
      "--ingestion", ingestion.toString(), "--processed", processed.toUri().toString()
    };
    String[] transform = {"transform", "--temp-dir", temp.toString(), "--memory-limit", "256MB"};

    assertThat(cli.run(concat(new String[] {"totesys", "create"}, source)).exitCode()).isZero();
    assertThat(
            cli.run(
                    concat(
                        new String[] {"totesys", "seed", "--scale", "0.05", "--seed", "8"}, source))
                .exitCode())
        .isZero();
    Cli.Outcome extracted = cli.run(concat(concat(new String[] {"extract"}, source), lakes));
    Cli.Outcome first = cli.run(concat(transform, lakes));
    Cli.Outcome simulated =
        cli.run(concat(new String[] {"totesys", "simulate", "--changes", "60"}, source));
    Cli.Outcome extractedAgain = cli.run(concat(concat(new String[] {"extract"}, source), lakes));
    Cli.Outcome json =
        cli.run(concat(concat(transform, new String[] {"--json", "--threads", "1"}), lakes));
    Cli.Outcome nothing = cli.run(concat(transform, lakes));

    assertThat(extracted.exitCode()).as(extracted.all()).isZero();
    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(first.out())
        .contains("fact_sales_order")
        .contains("dim_date")
        .contains("Batch 000001-")
        .contains("from ingestion batch 000001-")
        .contains("Transformed 1 batch:");
    assertThat(simulated.exitCode()).as(simulated.all()).isZero();
    assertThat(extractedAgain.exitCode()).as(extractedAgain.all()).isZero();
    assertThat(json.exitCode()).as(json.all()).isZero();
    JsonNode result = ResultJson.mapper().readTree(json.out());
    assertThat(result.get("nothingNew").asBoolean()).isFalse();
    JsonNode batch = result.get("batches").get(0);
    assertThat(batch.get("batch").asText()).startsWith("000002-");
    assertThat(batch.get("consumed").asText()).startsWith("000002-");
    assertThat(batch.get("tables").get("fact_sales_order").asLong()).isPositive();
    assertThat(result.get("factRows").asLong()).isGreaterThanOrEqualTo(60);
    assertThat(nothing.exitCode()).isZero();
    assertThat(nothing.out())
        .contains("Nothing to transform: ingestion batch 000002-")
        .contains("already transformed");
    assertThat(Files.list(processed.resolve("_batches")).count()).isEqualTo(2);
    assertThat(temp).isEmptyDirectory();
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
