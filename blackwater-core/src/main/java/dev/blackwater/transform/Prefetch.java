package dev.blackwater.transform;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LakeFiles;
import dev.blackwater.lake.LakeFiles.LocalObject;
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
 * Gets a batch's ingestion objects ready for DuckDB in the background, a few at a time, so that
 * DuckDB reads one while the next ones are checked: an object a local zone holds is checked in
 * place (size and SHA-256), one of a remote zone is downloaded, still compressed, and checked as it
 * streams. Objects are planned in the order they are read; at most {@code threads} of them are got
 * ready ahead of the one being read, so the copies on temp disk never exceed {@code threads + 1}
 * objects, however large the batch.
 */
final class Prefetch implements AutoCloseable {

  private final ExecutorService pool;
  private final int ahead;
  private final Deque<Runnable> planned = new ArrayDeque<>();
  private final Map<String, Future<LocalObject>> downloads = new LinkedHashMap<>();

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
   * Plans getting {@code object} of ingestion batch {@code batch} ready (downloaded to {@code
   * target} when the zone is remote), after the objects planned before it; it starts at once while
   * fewer than {@code threads} are ahead.
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
                      return LakeFiles.checked(lake, batch, object, target);
                    })));
    if (downloads.size() < ahead) {
      planned.poll().run();
    }
  }

  /**
   * Waits for {@code key}, the next planned object not read yet, starts the next planned one in its
   * place, and returns the checked local file (which the caller discards once read).
   */
  LocalObject await(String key) {
    Future<LocalObject> download = downloads.remove(key);
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
