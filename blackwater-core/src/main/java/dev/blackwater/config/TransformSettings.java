package dev.blackwater.config;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How transform runs.
 *
 * @param memoryLimit the most memory DuckDB may use before it spills to disk, e.g. {@code 1GB}
 * @param tempDirectory where the transform makes its working directory (downloaded objects, Parquet
 *     before upload, DuckDB's spill files); removed when the run ends
 * @param threads DuckDB worker threads
 * @param maxRejectedRows rows per batch that may be set aside as unusable (a malformed date, an
 *     amount that does not fit the warehouse) before the batch fails; 0 fails on the first one
 * @param claimLease how long an uncommitted claim of another host blocks new runs
 */
public record TransformSettings(
    String memoryLimit,
    Path tempDirectory,
    int threads,
    long maxRejectedRows,
    Duration claimLease) {

  public TransformSettings {
    memoryLimit = MemoryLimit.normalize(memoryLimit);
    if (tempDirectory == null) {
      throw new BlackwaterException(ErrorCode.CONFIGURATION, "no temporary directory given");
    }
    if (threads < 1) {
      throw new BlackwaterException(ErrorCode.CONFIGURATION, "threads must be at least 1");
    }
    if (maxRejectedRows < 0) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION, "the number of rejected rows allowed must not be negative");
    }
  }

  /** How long an uncommitted claim of another host blocks new runs. */
  public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(2);

  /**
   * The defaults of {@link Settings} on this machine: memory {@code auto}, the system's temporary
   * directory ({@code /tmp} on Lambda), one thread per processor, no rejected rows allowed.
   */
  public static TransformSettings defaults() {
    return Configuration.defaults().transform();
  }

  public TransformSettings withMemoryLimit(String newMemoryLimit) {
    return new TransformSettings(
        newMemoryLimit, tempDirectory, threads, maxRejectedRows, claimLease);
  }

  public TransformSettings withTempDirectory(Path newTempDirectory) {
    return new TransformSettings(
        memoryLimit, newTempDirectory, threads, maxRejectedRows, claimLease);
  }

  public TransformSettings withThreads(int newThreads) {
    return new TransformSettings(
        memoryLimit, tempDirectory, newThreads, maxRejectedRows, claimLease);
  }

  public TransformSettings withMaxRejectedRows(long newMaxRejectedRows) {
    return new TransformSettings(
        memoryLimit, tempDirectory, threads, newMaxRejectedRows, claimLease);
  }
}
