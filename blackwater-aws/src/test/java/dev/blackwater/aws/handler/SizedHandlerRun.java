package dev.blackwater.aws.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackwater.Stage;
import dev.blackwater.aws.metrics.EmbeddedMetrics;
import dev.blackwater.config.Machine;
import dev.blackwater.testkit.TestClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One handler run, in a JVM of its own that {@link HandlerSizingIT} starts with the Lambda
 * function's heap and its own {@code /tmp} ({@code java.io.tmpdir}, which DuckDB's native library
 * is unpacked into as well, and {@code BLACKWATER_TEMP_DIR}): it runs the stage the way Lambda runs
 * it (the handler, its environment, the function's memory as the machine's), while a thread samples
 * the bytes under {@code /tmp} every few milliseconds, and prints one line of figures: {@code
 * SIZING stage=... seconds=... heapMb=... rssMb=... tmpMb=... pendingBatches=... pendingBytes=...
 * rows=...}.
 *
 * <p>Arguments: stage, function memory (MB), /tmp, lake directory, source JDBC URL, warehouse JDBC
 * URL, database user.
 */
public final class SizedHandlerRun {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SizedHandlerRun() {}

  public static void main(String[] args) throws Exception {
    Stage stage = Stage.valueOf(args[0].toUpperCase(Locale.ROOT));
    long functionMb = Long.parseLong(args[1]);
    Path tmp = Path.of(args[2]);
    Path lake = Path.of(args[3]);
    Map<String, String> env = new HashMap<>();
    env.put("BLACKWATER_INGESTION", lake.resolve("ingestion").toUri().toString());
    env.put("BLACKWATER_PROCESSED", lake.resolve("processed").toUri().toString());
    env.put("BLACKWATER_SOURCE_URL", args[4]);
    env.put("BLACKWATER_SOURCE_USER", args[6]);
    env.put("BLACKWATER_SOURCE_SSLMODE", "disable");
    env.put("BLACKWATER_WAREHOUSE_URL", args[5]);
    env.put("BLACKWATER_WAREHOUSE_USER", args[6]);
    env.put("BLACKWATER_WAREHOUSE_SSLMODE", "disable");
    env.put("BLACKWATER_TEMP_DIR", tmp.toString());
    // measured, never refused: the figures say what the run would have taken
    env.put("BLACKWATER_LAMBDA_MAX_BACKLOG", "1TB");
    // Lambda gives about one vCPU per 1769 MB: two processors at most for these functions
    int processors = Math.min(2, Runtime.getRuntime().availableProcessors());
    HandlerSetup setup =
        new HandlerSetup(
            env::get,
            new EmbeddedMetrics(
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
                TestClock.ticking()),
            new Machine(functionMb << 20, processors, tmp),
            TestClock.ticking());

    TmpSampler sampler = new TmpSampler(tmp);
    sampler.start();
    resetPeakResident();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    long started = System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new StageHandler(stage, setup)
        .handleRequest(
            new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)),
            out,
            new TestContext("sizing-" + stage.label()));
    double seconds = (System.nanoTime() - started) / 1e9;
    long tmpPeak = sampler.finish();
    long library = sampler.library();
    long heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .mapToLong(p -> p.getPeakUsage().getUsed())
            .sum();
    JsonNode result = JSON.readTree(out.toByteArray());
    System.out.printf(
        Locale.ROOT,
        "SIZING stage=%s seconds=%.1f heapMb=%d rssMb=%d tmpMb=%d libraryMb=%d pendingBatches=%d"
            + " pendingBytes=%d rows=%d%n",
        stage.label(),
        seconds,
        heap >> 20,
        peakResidentMb(),
        tmpPeak >> 20,
        library >> 20,
        result.path("pendingBatches").asInt(),
        result.path("pendingBytes").asLong(),
        result.path("rows").asLong());
  }

  /**
   * Samples the bytes of every file under a directory until stopped; keeps the peak, and the size
   * of DuckDB's native library among them (unpacked once per process, whatever the data).
   */
  private static final class TmpSampler extends Thread {

    private final Path root;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong library = new AtomicLong();

    TmpSampler(Path root) {
      super("tmp-sampler");
      setDaemon(true);
      this.root = root;
    }

    @Override
    public void run() {
      while (running.get()) {
        peak.accumulateAndGet(bytesUnder(root), Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long finish() throws InterruptedException {
      peak.accumulateAndGet(bytesUnder(root), Math::max);
      running.set(false);
      join();
      return peak.get();
    }

    long library() {
      return library.get();
    }

    private long bytesUnder(Path root) {
      try (Stream<Path> files = Files.walk(root)) {
        return files
            .mapToLong(
                f -> {
                  long size = size(f);
                  if (f.getFileName().toString().contains("duckdb_java")) {
                    library.accumulateAndGet(size, Math::max);
                  }
                  return size;
                })
            .sum();
      } catch (UncheckedIOException | IOException e) {
        return 0; // a file went while walking: the next sample counts
      }
    }

    private static long size(Path file) {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return a.isRegularFile() ? a.size() : 0;
      } catch (NoSuchFileException e) {
        return 0;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
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
