package dev.blackwater.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A second JVM running a main class from the test class path: the crash tests' victim, killed with
 * {@code kill -9} at a chosen moment, or a handler run with a Lambda function's heap.
 */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final Path output;

  private ChildJvm(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /**
   * Starts {@code mainClass} with {@code args}; its stdout and stderr go to a temporary file. The
   * child runs in this JVM's zone and locale, and its {@link TestClock#ticking()} clock goes on
   * from {@code clock}'s "now", so what the child writes follows what the test wrote before.
   */
  public static ChildJvm start(Clock clock, Class<?> mainClass, String... args) {
    return start(clock, List.of("-Xmx256m"), mainClass, args);
  }

  /** The same with the JVM options {@code jvmOptions} (heap, collector, temporary directory). */
  public static ChildJvm start(
      Clock clock, List<String> jvmOptions, Class<?> mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    for (String property : List.of("user.timezone", "user.language", "user.country")) {
      String value = System.getProperty(property);
      if (value != null && !value.isEmpty()) {
        command.add("-D" + property + "=" + value);
      }
    }
    command.add("-D" + TestClock.START_PROPERTY + "=" + clock.instant());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    try {
      Path output = Files.createTempFile("child-jvm", ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      return new ChildJvm(process, output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a child JVM", e);
    }
  }

  /** Waits until {@code condition} holds; fails if the child exits or time runs out first. */
  public void awaitCondition(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the child JVM exited ("
                + process.exitValue()
                + ") before the condition held:\n"
                + output());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("condition not met within " + timeout + ":\n" + output());
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Whether the child is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Asks the child to stop (SIGTERM on Unix: its shutdown hooks run, as on Ctrl-C). */
  public void stop() {
    process.destroy();
  }

  /** Kills the child at once (SIGKILL on Unix) and waits for it to be gone. */
  public void killHard() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the child JVM did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits for a normal exit and returns the exit code. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "the child JVM did not finish in " + timeout + ":\n" + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What the child printed. */
  public String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      killHard();
    }
    try {
      Files.deleteIfExists(output);
    } catch (IOException e) {
      // a temporary file
    }
  }
}
