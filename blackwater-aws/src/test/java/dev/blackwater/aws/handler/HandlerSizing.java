package dev.blackwater.aws.handler;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.blackwater.Stage;
import dev.blackwater.aws.metrics.EmbeddedMetrics;
import dev.blackwater.aws.secrets.SecretsManagerTestServer;
import dev.blackwater.config.Machine;
import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.Seeder;
import dev.blackwater.totesys.SimulateOptions;
import dev.blackwater.totesys.Simulator;
import dev.blackwater.totesys.TotesysSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: measures what each handler needs, for the Lambda memory and timeout defaults
 * (docs/aws.md). Runs the three handlers in this JVM on a local lake ({@code file://}, so that no
 * S3 server shares the heap) against the embedded PostgreSQL seeded at a scale: the initial load,
 * then a steady-state run after {@code changes} simulated source changes. Prints, per handler, wall
 * time, peak heap (all heap pools' peaks) and the process's peak resident memory (heap, DuckDB's
 * native memory, code). Run with the test classpath: {@code java -Xmx... -cp ...
 * dev.blackwater.aws.handler.HandlerSizing SCALE CHANGES}.
 */
public final class HandlerSizing {

  private HandlerSizing() {}

  public static void main(String[] args) throws Exception {
    double scale = Double.parseDouble(args[0]);
    int changes = Integer.parseInt(args[1]);
    Path work = Files.createTempDirectory("blackwater-sizing");
    try (SecretsManagerTestServer secrets = SecretsManagerTestServer.start()) {
      TestDatabase source = PostgresServer.shared().createDatabase("sizing_source");
      TestDatabase warehouse = PostgresServer.shared().createDatabase("sizing_warehouse");
      long seeded = System.nanoTime();
      try (Connection c = source.connect()) {
        TotesysSchema.create(c);
        new Seeder().seed(c, new SeedOptions(scale, 42));
      }
      System.out.printf(
          Locale.ROOT,
          "scale %s seeded in %.1f s; max heap %d MB%n",
          scale,
          (System.nanoTime() - seeded) / 1e9,
          Runtime.getRuntime().maxMemory() >> 20);
      secrets.put("sizing/source", secret(source));
      secrets.put("sizing/warehouse", secret(warehouse));
      Map<String, String> env = new HashMap<>();
      env.put("BLACKWATER_INGESTION", work.resolve("ingestion").toUri().toString());
      env.put("BLACKWATER_PROCESSED", work.resolve("processed").toUri().toString());
      env.put("BLACKWATER_SOURCE_SECRET", "sizing/source");
      env.put("BLACKWATER_WAREHOUSE_SECRET", "sizing/warehouse");
      env.put("BLACKWATER_SECRETS_ENDPOINT", secrets.endpoint().toString());
      env.put("BLACKWATER_TEMP_DIR", Files.createDirectories(work.resolve("tmp")).toString());
      // the function's memory (MB, default 1024) is the machine memory-limit=auto divides
      long functionMb = Long.parseLong(System.getProperty("blackwater.sizing.function.mb", "1024"));
      HandlerSetup setup =
          new HandlerSetup(
              env::get,
              metricsTo(OutputStream.nullOutputStream()),
              new Machine(functionMb << 20, Runtime.getRuntime().availableProcessors(), work),
              TestClock.ticking());
      RequestStreamHandler[] handlers = {
        new StageHandler(Stage.EXTRACT, setup),
        new StageHandler(Stage.TRANSFORM, setup),
        new StageHandler(Stage.LOAD, setup)
      };
      run("initial", handlers);
      try (Connection c = source.connect()) {
        new Simulator().simulate(c, new SimulateOptions(changes, 7));
      }
      run("steady (" + changes + " changes)", handlers);
    }
  }

  private static EmbeddedMetrics metricsTo(OutputStream out) {
    return new EmbeddedMetrics(
        new PrintStream(out, true, StandardCharsets.UTF_8), TestClock.ticking());
  }

  private static void run(String label, RequestStreamHandler[] handlers) throws IOException {
    String[] names = {"extract", "transform", "load"};
    for (int i = 0; i < handlers.length; i++) {
      System.gc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      resetPeakResident();
      long started = System.nanoTime();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handlers[i].handleRequest(
          new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)),
          out,
          new TestContext(label + "-" + names[i]));
      double seconds = (System.nanoTime() - started) / 1e9;
      long heap =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(p -> p.getType() == MemoryType.HEAP)
              .mapToLong(p -> p.getPeakUsage().getUsed())
              .sum();
      String result = out.toString(StandardCharsets.UTF_8);
      System.out.printf(
          Locale.ROOT,
          "%-22s %-9s %7.1f s  peak heap %5d MB  peak RSS %5d MB  rows %s%n",
          label,
          names[i],
          seconds,
          heap >> 20,
          peakResidentMb(),
          result.replaceAll("(?s).*\"rows\":(\\d+).*", "$1"));
    }
  }

  private static String secret(TestDatabase db) {
    URI uri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
    return "{\"host\":\""
        + uri.getHost()
        + "\",\"port\":"
        + (uri.getPort() < 0 ? 5432 : uri.getPort())
        + ",\"dbname\":\""
        + db.name()
        + "\",\"username\":\""
        + db.user()
        + "\",\"password\":\"trusted\"}";
  }

  /** Linux: "5" in clear_refs resets the peak resident set size (VmHWM). */
  private static void resetPeakResident() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | RuntimeException e) {
      // not Linux: the peak is the process's
    }
  }

  private static long peakResidentMb() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
              .filter(l -> l.startsWith("VmHWM:"))
              .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
              .findFirst()
              .orElse(-1)
          >> 10;
    } catch (IOException e) {
      return -1;
    }
  }
}
