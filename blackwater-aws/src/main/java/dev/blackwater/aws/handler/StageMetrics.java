package dev.blackwater.aws.handler;

import dev.blackwater.Freshness;
import dev.blackwater.Stage;
import dev.blackwater.aws.metrics.EmbeddedMetrics;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.extract.TableExtract;
import dev.blackwater.load.BatchLoadResult;
import dev.blackwater.load.LoadResult;
import dev.blackwater.pipeline.StageListener;
import dev.blackwater.transform.ProcessedBatch;
import dev.blackwater.transform.TransformResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stage's result as CloudWatch metrics: rows, bytes and (where the stage times tables) duration
 * per table, the run's duration, and how fresh the data it has handled is. A run over several
 * batches reports each table's sums over them.
 */
final class StageMetrics implements StageListener {

  private final EmbeddedMetrics metrics;

  StageMetrics(EmbeddedMetrics metrics) {
    this.metrics = metrics;
  }

  /**
   * Extract: per source table; the lake's freshness lag at the run's end (the lake holds every
   * change made before the run started) and the age of the newest watermark.
   */
  @Override
  public void extracted(ExtractResult result) {
    String stage = Stage.EXTRACT.label();
    for (TableExtract t : result.tables()) {
      metrics.table(stage, t.table(), t.rows(), t.bytes(), t.duration());
    }
    metrics.stage(stage, result.duration());
    Instant finished = result.startedAt().plus(result.duration());
    result.tables().stream()
        .map(TableExtract::watermark)
        .filter(w -> w != null)
        .max(String::compareTo)
        .ifPresent(newest -> metrics.changeAge(stage, Freshness.lag(newest, finished)));
    metrics.freshness(stage, result.duration());
  }

  /** Transform: per warehouse table, summed over the batches of the run. */
  @Override
  public void transformed(TransformResult result) {
    Map<String, Long> rows = new TreeMap<>();
    Map<String, Long> bytes = new TreeMap<>();
    for (ProcessedBatch batch : result.batches()) {
      batch.tables().forEach((table, n) -> rows.merge(table, n, Long::sum));
      batch.bytes().forEach((table, n) -> bytes.merge(table, n, Long::sum));
    }
    String stage = Stage.TRANSFORM.label();
    rows.forEach((table, n) -> metrics.table(stage, table, n, bytes.getOrDefault(table, 0L), null));
    metrics.stage(stage, result.duration());
  }

  /**
   * Load: per warehouse table, summed over the batches of the run; the warehouse's freshness lag
   * after it (what the staleness alarm watches; none while unknown) and the age of the newest
   * source change in its facts (none while they are empty).
   */
  @Override
  public void loaded(LoadResult result) {
    Map<String, Long> rows = new TreeMap<>();
    Map<String, Long> bytes = new TreeMap<>();
    Map<String, Duration> durations = new TreeMap<>();
    for (BatchLoadResult batch : result.batches()) {
      batch.rows().forEach((table, n) -> rows.merge(table, n, Long::sum));
      batch.bytes().forEach((table, n) -> bytes.merge(table, n, Long::sum));
      batch.durations().forEach((table, d) -> durations.merge(table, d, Duration::plus));
    }
    String stage = Stage.LOAD.label();
    rows.forEach(
        (table, n) ->
            metrics.table(stage, table, n, bytes.getOrDefault(table, 0L), durations.get(table)));
    metrics.stage(stage, result.duration());
    if (result.freshnessLag() != null) {
      metrics.freshness(stage, result.freshnessLag());
    }
    if (result.newestChangeAge() != null) {
      metrics.changeAge(stage, result.newestChangeAge());
    }
  }
}
