package dev.blackwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.ResultJson;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The totesys and extract commands end to end, as a user types them. */
@ExtendWith(PostgresExtension.class)
class TotesysAndExtractCommandIT {

  private final Cli cli = new Cli();

  @TempDir Path lake;

  @Test
  void createSeedSimulateExtract(TestDatabase db) throws Exception {
    String[] source = {"--source-url", db.jdbcUrl(), "--source-user", db.user()};

    Cli.Outcome created = cli.run(concat(new String[] {"totesys", "create"}, source));
    Cli.Outcome again = cli.run(concat(new String[] {"totesys", "create"}, source));
    Cli.Outcome seeded =
        cli.run(concat(new String[] {"totesys", "seed", "--scale", "0.05", "--seed", "5"}, source));
    Cli.Outcome extracted =
        cli.run(concat(new String[] {"extract", "--ingestion", lake.toString()}, source));
    Cli.Outcome simulated =
        cli.run(concat(new String[] {"totesys", "simulate", "--changes", "60"}, source));
    Cli.Outcome json =
        cli.run(
            concat(
                new String[] {"extract", "--json", "--ingestion", lake.toUri().toString()},
                source));
    Cli.Outcome nothing =
        cli.run(concat(new String[] {"extract", "--ingestion", lake.toString()}, source));

    assertThat(created.exitCode()).as(created.all()).isZero();
    assertThat(again.exitCode()).isEqualTo(3);
    assertThat(again.err()).contains("already");
    assertThat(seeded.exitCode()).as(seeded.all()).isZero();
    assertThat(seeded.out()).contains("sales_order").contains("Seeded scale 0.05");
    assertThat(extracted.exitCode()).as(extracted.all()).isZero();
    assertThat(extracted.out()).contains("payment").contains("Batch 000001-");
    assertThat(simulated.exitCode()).as(simulated.all()).isZero();
    assertThat(simulated.out()).contains("department renamed");
    assertThat(json.exitCode()).as(json.all()).isZero();
    JsonNode result = ResultJson.mapper().readTree(json.out());
    assertThat(result.get("batch").asText()).startsWith("000002-");
    assertThat(result.get("rows").asLong()).isGreaterThanOrEqualTo(60);
    assertThat(nothing.exitCode()).isZero();
    assertThat(nothing.out()).contains("Nothing new in the source since batch 000002-");
    assertThat(Files.list(lake.resolve("_batches")).count()).isEqualTo(2);
  }

  /**
   * {@code --until} places the history: it ends on the last weekday on or before the day (here the
   * day before the command line's clock), and the same seed and day give the same rows.
   */
  @Test
  void seedUntilADayEndsTheHistoryThere() {
    LocalDate lastDay = LocalDate.ofInstant(cli.clock().instant(), ZoneOffset.UTC).minusDays(1);
    try (TestDatabase first = PostgresServer.shared().createDatabase("until_first");
        TestDatabase second = PostgresServer.shared().createDatabase("until_second")) {
      for (TestDatabase db : List.of(first, second)) {
        String[] source = {"--source-url", db.jdbcUrl(), "--source-user", db.user()};
        assertThat(cli.run(concat(new String[] {"totesys", "create"}, source)).exitCode()).isZero();
        Cli.Outcome seeded =
            cli.run(
                concat(
                    new String[] {
                      "totesys", "seed", "--scale", "0.02", "--until", lastDay.toString()
                    },
                    source));
        assertThat(seeded.exitCode()).as(seeded.all()).isZero();
        assertThat(seeded.out()).contains("history up to " + lastDay);
      }
      String newest = "SELECT max(last_updated)::text FROM sales_order";
      assertThat(first.queryString(newest))
          .isEqualTo(second.queryString(newest))
          .isLessThan(lastDay.plusDays(1).toString())
          .isGreaterThan(lastDay.minusDays(7).toString());
      String all = "SELECT md5(string_agg(p::text, ',' ORDER BY payment_id)) FROM payment p";
      assertThat(first.queryString(all)).isEqualTo(second.queryString(all));
    }

    Cli.Outcome notADate =
        cli.run(
            "totesys",
            "seed",
            "--until",
            "2024-13-01",
            "--source-url",
            "jdbc:postgresql://127.0.0.1:9/x");
    assertThat(notADate.exitCode()).isEqualTo(2);
    assertThat(notADate.err()).contains("--until");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
