package dev.blackwater.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.blackwater.Freshness;
import dev.blackwater.StageResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a load did.
 *
 * @param runId the run
 * @param schema the warehouse schema loaded into
 * @param migrations schema migrations applied first
 * @param batches the batches loaded, in order
 * @param alreadyLoaded batches skipped because another run had loaded them
 * @param startedAt when the run started
 * @param duration how long it took
 * @param newestVersion the newest {@code last_updated} over the warehouse's facts after the run
 *     (ISO text), or null while it has none
 * @param warehouseFreshAsOf as of when the warehouse holds every change the source had, after the
 *     run: the start of the extract whose batches it has caught up with (see docs/operations.md,
 *     "Status and freshness"), or null while unknown
 * @param freshnessLag how far the warehouse trails the source: the run's end minus {@code
 *     warehouseFreshAsOf}, what the staleness alarm watches; null while unknown
 */
public record LoadResult(
    String runId,
    String schema,
    int migrations,
    List<BatchLoadResult> batches,
    int alreadyLoaded,
    Instant startedAt,
    Duration duration,
    String newestVersion,
    Instant warehouseFreshAsOf,
    Duration freshnessLag)
    implements StageResult {

  /** This result with the warehouse's freshness after the run, {@code asOf} (null: unknown). */
  public LoadResult withWarehouseFreshAsOf(Instant asOf) {
    Duration lag = asOf == null ? null : Duration.between(asOf, startedAt.plus(duration));
    return new LoadResult(
        runId,
        schema,
        migrations,
        batches,
        alreadyLoaded,
        startedAt,
        duration,
        newestVersion,
        asOf,
        lag);
  }

  /**
   * How long before the run's end the newest source change in the warehouse was made ({@link
   * Freshness#lag}): what the source has been doing, not a lag; null while the facts are empty.
   */
  @JsonProperty
  public Duration newestChangeAge() {
    return Freshness.lag(newestVersion, startedAt.plus(duration));
  }

  /** Whether there was nothing to load. */
  @JsonProperty
  public boolean nothingNew() {
    return batches.isEmpty();
  }

  /** Rows over all batches and tables. */
  @JsonProperty
  public long rows() {
    return batches.stream().mapToLong(BatchLoadResult::totalRows).sum();
  }

  /** {@code newestVersion} under the name the state machine's consumers know. */
  @JsonProperty
  public String newestSourceChange() {
    return newestVersion;
  }

  /** The freshness lag in whole seconds (never negative), what the staleness alarm watches. */
  @JsonProperty
  public Long freshnessLagSeconds() {
    return freshnessLag == null ? null : Math.max(0, freshnessLag.toSeconds());
  }

  /** The newest batch written or loaded, or null when there was nothing new. */
  @Override
  public String newestBatch() {
    return batches.isEmpty() ? null : batches.get(batches.size() - 1).batch();
  }
}
