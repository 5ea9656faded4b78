package dev.blackwater.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The peak resident memory of a process as the Linux kernel counts it: {@code VmHWM} of {@code
 * /proc/<pid>/status}, the high-water mark of its resident set (Java heap, metaspace, thread
 * stacks, DuckDB's native memory and mapped libraries alike). Since it is a high-water mark, a
 * sample taken at any moment covers every peak before it.
 */
final class PeakRss {

  private PeakRss() {}

  /** The peak in bytes, or empty where there is no {@code /proc} (not Linux) or no such process. */
  static OptionalLong of(long pid) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmHWM:")) {
          String kilobytes = line.substring("VmHWM:".length()).replace("kB", "").trim();
          return OptionalLong.of(Long.parseLong(kilobytes) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // gone, or not Linux
    }
    return OptionalLong.empty();
  }
}
