package dev.blackwater.transform;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.blackwater.StageResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a transform did.
 *
 * @param runId the run
 * @param batches the processed batches committed, oldest first (none when nothing was new)
 * @param lastConsumed the newest ingestion batch transformed so far, if any
 * @param startedAt when the run started
 * @param duration how long it took
 */
public record TransformResult(
    String runId,
    List<ProcessedBatch> batches,
    Optional<String> lastConsumed,
    Instant startedAt,
    Duration duration)
    implements StageResult {

  public TransformResult {
    batches = List.copyOf(batches);
  }

  /** Whether every ingestion batch was already transformed, so nothing was written. */
  @JsonProperty
  public boolean nothingNew() {
    return batches.isEmpty();
  }

  /** Rows over all batches and warehouse tables. */
  @JsonProperty
  public long rows() {
    return batches.stream().mapToLong(ProcessedBatch::rows).sum();
  }

  /** Fact rows over all batches. */
  @JsonProperty
  public long factRows() {
    return batches.stream().mapToLong(ProcessedBatch::factRows).sum();
  }

  /** Rows set aside over all batches. */
  @JsonProperty
  public long rejectedRows() {
    return batches.stream().mapToLong(ProcessedBatch::rejectedRows).sum();
  }

  /** The newest processed batch this run committed, or null when there was nothing new. */
  @Override
  public String newestBatch() {
    return batches.isEmpty() ? null : batches.get(batches.size() - 1).batch();
  }
}
