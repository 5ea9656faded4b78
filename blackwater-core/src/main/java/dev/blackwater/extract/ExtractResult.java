package dev.blackwater.extract;

import dev.blackwater.StageResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an extract did.
 *
 * @param runId the run
 * @param batch the committed batch, empty when nothing was new
 * @param parent the batch before it, if any
 * @param snapshotTime the source's clock at the snapshot
 * @param startedAt when the run started
 * @param duration how long it took
 * @param tables per table: rows, bytes, watermark
 * @param deleted per table with deletion records in the batch: how many (keys deleted, and keys
 *     back after a deletion)
 */
public record ExtractResult(
    String runId,
    Optional<String> batch,
    Optional<String> parent,
    String snapshotTime,
    Instant startedAt,
    Duration duration,
    List<TableExtract> tables,
    Map<String, Long> deleted)
    implements StageResult {

  public ExtractResult {
    deleted = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(deleted));
  }

  /** Whether the run found nothing new and wrote no batch. */
  @com.fasterxml.jackson.annotation.JsonProperty
  public boolean nothingNew() {
    return batch.isEmpty();
  }

  /** New row versions over all tables. */
  @com.fasterxml.jackson.annotation.JsonProperty
  public long rows() {
    return tables.stream().mapToLong(TableExtract::rows).sum();
  }

  /** Compressed bytes over all tables. */
  @com.fasterxml.jackson.annotation.JsonProperty
  public long bytes() {
    return tables.stream().mapToLong(TableExtract::bytes).sum();
  }

  /** The batch this run committed, or null when there was nothing new. */
  @Override
  @com.fasterxml.jackson.annotation.JsonIgnore
  public String newestBatch() {
    return batch.orElse(null);
  }
}
