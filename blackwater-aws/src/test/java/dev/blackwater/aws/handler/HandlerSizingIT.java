package dev.blackwater.aws.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.testkit.ChildJvm;
import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.Seeder;
import dev.blackwater.totesys.TotesysSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether the three functions fit Lambda at a source's first run: totesys seeded at a scale ({@code
 * blackwater.sizing.scale}: 100, 4.75 M rows, in the normal build, about two minutes; 1 in the
 * far-from-UTC pass, where only the run itself is checked), then extract, transform and load, each
 * in a JVM of its own ({@link SizedHandlerRun}) with its function's memory
 * (terraform/variables.tf's lambda_memory_mb), the heap Lambda's Java runtime gives it (85% of
 * that), Lambda's JVM flags, at most two processors, and a /tmp of its own. Prints wall time, peak
 * heap, peak resident memory, peak /tmp, and the backlog each stage found, and fails when a
 * function's /tmp passes the budget ({@code blackwater.sizing.tmp.mb}, 512: Lambda's default
 * ephemeral storage, the most SnapStart allows) or its time passes its timeout, and when the /tmp
 * that transform or load would need at the largest backlog they take on (terraform's
 * lambda_max_backlog_bytes, above which the Fargate task runs) passes the budget: DuckDB's library,
 * which does not grow, plus the rest grown in proportion to the pending bytes.
 */
class HandlerSizingIT {

  private static final Pattern FIGURES =
      Pattern.compile(
          "SIZING stage=(\\w+) seconds=([\\d.]+) heapMb=(\\d+) rssMb=(-?\\d+) tmpMb=(\\d+)"
              + " libraryMb=(\\d+) pendingBatches=(\\d+) pendingBytes=(\\d+) rows=(\\d+)");

  private final Clock clock = TestClock.ticking();

  @TempDir Path work;

  @Test
  void eachFunctionFitsItsTmpAndTimeoutAtTheScale() throws Exception {
    double scale = Double.parseDouble(System.getProperty("blackwater.sizing.scale", "100"));
    long budgetMb = Long.parseLong(System.getProperty("blackwater.sizing.tmp.mb", "512"));
    Map<String, Integer> memory = lambdaSetting("lambda_memory_mb");
    Map<String, Integer> timeout = lambdaSetting("lambda_timeout_seconds");

    TestDatabase source = PostgresServer.shared().createDatabase("sizing_source");
    TestDatabase warehouse = PostgresServer.shared().createDatabase("sizing_warehouse");
    long seeding = System.nanoTime();
    try (Connection c = source.connect()) {
      TotesysSchema.create(c);
      new Seeder().seed(c, new SeedOptions(scale, 42));
    }
    System.out.printf(
        Locale.ROOT,
        "sizing at scale %s (seeded in %.1f s), /tmp budget %d MB%n",
        scale,
        (System.nanoTime() - seeding) / 1e9,
        budgetMb);

    Path lake = Files.createDirectories(work.resolve("lake"));
    Map<String, Matcher> figures = new LinkedHashMap<>();
    for (String stage : List.of("extract", "transform", "load")) {
      int mb = memory.get(stage);
      Path tmp = Files.createDirectories(work.resolve("tmp-" + stage));
      try (ChildJvm child =
          ChildJvm.start(
              clock,
              List.of(
                  "-Xmx" + (mb * 85 / 100) + "m",
                  "-XX:+UseSerialGC",
                  "-XX:+TieredCompilation",
                  "-XX:TieredStopAtLevel=1",
                  "--enable-native-access=ALL-UNNAMED",
                  "-Djava.io.tmpdir=" + tmp),
              SizedHandlerRun.class,
              stage,
              Integer.toString(mb),
              tmp.toString(),
              lake.toString(),
              source.jdbcUrl(),
              warehouse.jdbcUrl(),
              source.user())) {
        int exit = child.awaitExit(Duration.ofMinutes(30));
        String output = child.output();
        Matcher m = FIGURES.matcher(output);
        assertThat(exit == 0 && m.find()).as(stage + " ran:\n" + tail(output)).isTrue();
        figures.put(stage, m);
      }
    }

    System.out.printf(
        Locale.ROOT,
        "%-9s %8s %8s %10s %9s %9s %9s %14s %11s%n",
        "function",
        "memory",
        "seconds",
        "rows",
        "peak heap",
        "peak RSS",
        "peak /tmp",
        "pending bytes",
        "pending");
    for (Map.Entry<String, Matcher> e : figures.entrySet()) {
      Matcher m = e.getValue();
      System.out.printf(
          Locale.ROOT,
          "%-9s %5d MB %8s %10s %6s MB %6s MB %6s MB %14s %11s%n",
          e.getKey(),
          memory.get(e.getKey()),
          m.group(2),
          m.group(9),
          m.group(3),
          m.group(4),
          m.group(5),
          e.getKey().equals("extract") ? "-" : m.group(8),
          e.getKey().equals("extract") ? "-" : m.group(7) + " batches");
    }
    // The largest backlog a function takes on (lambda_max_backlog_bytes; above it the Fargate task
    // does): DuckDB's library plus the rest of /tmp grown in proportion to the pending bytes.
    long limit = Long.parseLong(terraformDefault("lambda_max_backlog_bytes"));
    for (String stage : List.of("transform", "load")) {
      Matcher m = figures.get(stage);
      long pending = Long.parseLong(m.group(8));
      long library = Long.parseLong(m.group(6));
      long work = Long.parseLong(m.group(5)) - library;
      long projected = library + Math.round(work * (double) limit / Math.max(1, pending));
      System.out.printf(
          Locale.ROOT,
          "%s at lambda_max_backlog_bytes (%d MB pending, %.1f times this run's): about %d MB of"
              + " /tmp (DuckDB's library %d MB of it)%n",
          stage,
          limit >> 20,
          (double) limit / Math.max(1, pending),
          projected,
          library);
      if (scale >= 10) {
        assertThat(projected)
            .as(stage + "'s /tmp (MB) at the largest backlog a function takes on, projected")
            .isLessThanOrEqualTo(budgetMb);
      }
    }
    for (Map.Entry<String, Matcher> e : figures.entrySet()) {
      Matcher m = e.getValue();
      assertThat(Long.parseLong(m.group(5)))
          .as(e.getKey() + "'s peak /tmp (MB) at scale " + scale)
          .isLessThanOrEqualTo(budgetMb);
      assertThat(Double.parseDouble(m.group(2)))
          .as(e.getKey() + "'s time (s) at scale " + scale + ", beside its timeout")
          .isLessThan(timeout.get(e.getKey()));
    }
  }

  /** A scalar default of terraform/variables.tf. */
  private static String terraformDefault(String variable) throws IOException {
    Matcher m =
        Pattern.compile(
                "variable \"" + variable + "\" \\{[^}]*?default\\s*=\\s*(\\S+)", Pattern.DOTALL)
            .matcher(Files.readString(Path.of("../terraform/variables.tf")));
    assertThat(m.find()).as(variable + " in terraform/variables.tf").isTrue();
    return m.group(1);
  }

  /** A per-stage default of terraform/variables.tf, e.g. lambda_memory_mb. */
  private static Map<String, Integer> lambdaSetting(String variable) throws IOException {
    String variables = Files.readString(Path.of("../terraform/variables.tf"));
    Matcher m =
        Pattern.compile(
                "variable \""
                    + variable
                    + "\" \\{.*?default\\s*=\\s*\\{\\s*extract\\s*=\\s*(\\d+),\\s*transform\\s*="
                    + "\\s*(\\d+),\\s*load\\s*=\\s*(\\d+)\\s*}",
                Pattern.DOTALL)
            .matcher(variables);
    assertThat(m.find()).as(variable + " in terraform/variables.tf").isTrue();
    return Map.of(
        "extract", Integer.parseInt(m.group(1)),
        "transform", Integer.parseInt(m.group(2)),
        "load", Integer.parseInt(m.group(3)));
  }

  private static String tail(String output) {
    return output.length() > 4000 ? output.substring(output.length() - 4000) : output;
  }
}
