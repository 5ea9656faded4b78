package dev.blackwater.iceberg;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * Runs a batch's table commits at once: Iceberg has no transaction across tables, so each table's
 * append is its own commit, and most of one is waiting (the catalog, the metadata objects; on AWS,
 * Glue and S3 round trips). Every commit is waited for before this returns or throws, so none is
 * still writing after the batch's commit has failed; the first failure is thrown, the others are
 * added to it as suppressed.
 */
final class CommitThreads {

  /** At most this many commits at once: Glue and S3 take more, two cores and SQLite gain little. */
  static final int THREADS = 4;

  private CommitThreads() {}

  /** {@code work} applied to each item, the results in the items' order. */
  static <T, R> List<R> run(List<T> items, Function<T, R> work) {
    if (items.size() <= 1) {
      List<R> results = new ArrayList<>();
      items.forEach(item -> results.add(work.apply(item)));
      return results;
    }
    Map<String, String> context = MDC.getCopyOfContextMap();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(THREADS, items.size()),
            r -> {
              Thread t = new Thread(r, "blackwater-iceberg");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(
            pool.submit(
                () -> {
                  if (context != null) {
                    MDC.setContextMap(context);
                  }
                  try {
                    return work.apply(item);
                  } finally {
                    MDC.clear();
                  }
                }));
      }
      List<R> results = new ArrayList<>();
      RuntimeException failure = null;
      for (Future<R> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          RuntimeException cause =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new BlackwaterException(
                      ErrorCode.INTERNAL,
                      "an Iceberg commit failed: " + e.getCause(),
                      e.getCause());
          if (failure == null) {
            failure = cause;
          } else {
            failure.addSuppressed(cause);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new BlackwaterException(ErrorCode.INTERNAL, "Iceberg commits interrupted", e);
        }
      }
      if (failure != null) {
        throw failure;
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
