package dev.blackwater.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.ResultJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * {@code blackwater run --json} in a process of its own, as a user runs it: through {@code
 * bin/blackwater} when the benchmark was started by it (so with the same JVM options and class-data
 * archive), otherwise with this JVM's {@code java} and class path. Measures its wall time from
 * start to exit and its peak resident memory ({@link PeakRss}, sampled every 10 ms).
 */
final class ChildRun {

  /** What one run did, how long the process took and its peak RSS (-1 when unknown). */
  record Outcome(JsonNode result, double seconds, long peakRssBytes) {

    /** A stage's own duration, as the run measured it. */
    double stageSeconds(String stage) {
      return Duration.parse(result.path(stage).path("duration").asText("PT0S")).toNanos() / 1e9;
    }
  }

  private final List<String> javaOptions;
  private final Path directory;

  /**
   * @param javaOptions the child JVM's options ({@code BLACKWATER_JAVA_OPTS} for bin/blackwater)
   * @param directory its working directory (holds no {@code .env}, so only the given settings
   *     count)
   */
  ChildRun(List<String> javaOptions, Path directory) {
    this.javaOptions = List.copyOf(javaOptions);
    this.directory = directory;
  }

  /** Runs one cycle with {@code settings} as environment variables ({@code BLACKWATER_...}). */
  Outcome run(Map<String, String> settings) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command("run", "--json"));
    builder.directory(directory.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("BLACKWATER_"));
    environment.putAll(settings);
    environment.put("BLACKWATER_JAVA_OPTS", String.join(" ", javaOptions));
    Path output = Files.createTempFile(directory, "run-", ".json");
    Path errors = Files.createTempFile(directory, "run-", ".log");
    builder.redirectOutput(output.toFile());
    builder.redirectError(errors.toFile());
    long started = System.nanoTime();
    Process process = builder.start();
    long peak = -1;
    while (!process.waitFor(10, TimeUnit.MILLISECONDS)) {
      OptionalLong sample = PeakRss.of(process.pid());
      if (sample.isPresent()) {
        peak = Math.max(peak, sample.getAsLong());
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String out = Files.readString(output, StandardCharsets.UTF_8);
    String err = Files.readString(errors, StandardCharsets.UTF_8);
    Files.delete(output);
    Files.delete(errors);
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "blackwater run exited with " + process.exitValue() + ":\n" + err + out);
    }
    return new Outcome(ResultJson.mapper().readTree(out), seconds, peak);
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    String launcher = System.getenv("BLACKWATER_LAUNCHER");
    if (launcher != null && Files.isExecutable(Path.of(launcher))) {
      command.add(launcher);
    } else {
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("--enable-native-access=ALL-UNNAMED");
      command.addAll(javaOptions);
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add("dev.blackwater.cli.Main");
    }
    command.addAll(List.of(args));
    return command;
  }
}
