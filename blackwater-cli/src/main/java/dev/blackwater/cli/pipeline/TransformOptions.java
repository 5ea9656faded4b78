package dev.blackwater.cli.pipeline;

import dev.blackwater.config.TransformSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How to transform: DuckDB's memory, temporary directory and threads, rejected rows allowed. */
public final class TransformOptions {

  @Option(
      names = "--memory-limit",
      paramLabel = "SIZE",
      description =
          "Memory DuckDB may use before it spills to disk, e.g. 512MB, 2GB (default 1GB).")
  String memoryLimit;

  @Option(
      names = "--temp-dir",
      paramLabel = "DIR",
      description =
          "Where the transform works and DuckDB spills; emptied after each run (default: the"
              + " system temporary directory).")
  Path tempDir;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "DuckDB threads (default: one per processor).")
  Integer threads;

  @Option(
      names = "--max-rejected-rows",
      paramLabel = "N",
      description =
          "Rows per batch that may be set aside as unusable (a malformed date, an amount that does"
              + " not fit the warehouse) before the batch fails (default 0: fail on the first).")
  Long maxRejectedRows;

  /** The settings, defaults where not given. */
  public TransformSettings settings() {
    TransformSettings s = TransformSettings.defaults();
    if (memoryLimit != null) {
      s = s.withMemoryLimit(memoryLimit);
    }
    if (tempDir != null) {
      s = s.withTempDirectory(tempDir);
    }
    if (threads != null) {
      s = s.withThreads(threads);
    }
    if (maxRejectedRows != null) {
      s = s.withMaxRejectedRows(maxRejectedRows);
    }
    return s;
  }
}
