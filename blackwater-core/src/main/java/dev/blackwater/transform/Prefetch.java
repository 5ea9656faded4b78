package dev.blackwater.transform;

import dev.blackwater.lake.LakeFiles;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest.ObjectRef;
import dev.blackwater.pipeline.BlackwaterException;
import dev.blackwater.pipeline.ErrorCode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * Downloads a batch's ingestion objects (checked and uncompressed) in the background, a few at a
 * time, so that DuckDB reads one while the next ones arrive.
 */
final class Prefetch implements AutoCloseable {

  private final ExecutorService pool;
  private final Map<String, Future<Path>> downloads = new LinkedHashMap<>();

  Prefetch(int threads) {
    pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "blackwater-download");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts downloading {@code object} of ingestion batch {@code batch} to {@code target}. */
  void start(LakeStore lake, String batch, ObjectRef object, Path target) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    downloads.put(
        object.key(),
        pool.submit(
            () -> {
              if (context != null) {
                MDC.setContextMap(context);
              }
              LakeFiles.downloadGunzipped(lake, batch, object, target);
              return target;
            }));
  }

  /** Waits for the download of {@code key} and returns the local file. */
  Path await(String key) {
    try {
      return downloads.get(key).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BlackwaterException(ErrorCode.INTERNAL, "transform interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Stops downloads still running and waits for them, so no file is open afterwards. */
  @Override
  public void close() {
    pool.shutdownNow();
    try {
      if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("downloads did not stop within a minute");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
