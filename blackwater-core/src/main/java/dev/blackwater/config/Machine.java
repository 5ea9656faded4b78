package dev.blackwater.config;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * What the defaults of some settings follow: the memory, processors and temporary directory of the
 * machine (on Lambda, the function's memory and /tmp).
 *
 * @param memoryBytes the memory the process's machine or container has
 * @param processors the processors the JVM may use
 * @param tempDirectory the system temporary directory
 */
public record Machine(long memoryBytes, int processors, Path tempDirectory) {

  /** This JVM's machine. */
  public static Machine current() {
    long memory =
        ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getTotalMemorySize()
            : Runtime.getRuntime().maxMemory();
    return new Machine(
        memory,
        Runtime.getRuntime().availableProcessors(),
        Path.of(System.getProperty("java.io.tmpdir")));
  }
}
