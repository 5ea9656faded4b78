package dev.blackwater.transform;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LakeFiles;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest.ObjectRef;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
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
 * time, so that DuckDB reads one while the next ones arrive. Objects are planned in the order they
 * are read; at most {@code threads} of them are downloaded ahead of the one being read, so the
 * local copies on temp disk never exceed {@code threads + 1} objects, however large the batch.
 */
final class Prefetch implements AutoCloseable {

  private final ExecutorService pool;
  private final int ahead;
  private final Deque<Runnable> planned = new ArrayDeque<>();
  private final Map<String, Future<Path>> downloads = new LinkedHashMap<>();

  Prefetch(int threads) {
    this.ahead = threads;
    pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "blackwater-download");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Plans downloading {@code object} of ingestion batch {@code batch} to {@code target}, after the
   * objects planned before it; it starts at once while fewer than {@code threads} are ahead.
   */
  void plan(LakeStore lake, String batch, ObjectRef object, Path target) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    planned.add(
        () ->
            downloads.put(
                object.key(),
                pool.submit(
                    () -> {
                      if (context != null) {
                        MDC.setContextMap(context);
                      }
                      LakeFiles.downloadGunzipped(lake, batch, object, target);
                      return target;
                    })));
    if (downloads.size() < ahead) {
      planned.poll().run();
    }
  }

  /**
   * Waits for the download of {@code key}, the next planned object not read yet, starts the next
   * planned download in its place, and returns the local file (which the caller deletes once read).
   */
  Path await(String key) {
    Future<Path> download = downloads.remove(key);
    if (download == null) {
      throw new IllegalStateException("object " + key + " was not planned, or not in read order");
    }
    Runnable next = planned.poll();
    if (next != null) {
      next.run();
    }
    try {
      return download.get();
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
