package dev.blackwater.transform;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Map;

/**
 * One processed batch a transform committed.
 *
 * @param batch the processed batch
 * @param consumed the ingestion batch it was made from
 * @param tables rows per warehouse table, in model order
 * @param bytes Parquet bytes written per warehouse table (0 for a table without rows)
 * @param rejected rows set aside per source table (empty when none)
 * @param duration how long the batch took
 */
public record ProcessedBatch(
    String batch,
    String consumed,
    Map<String, Long> tables,
    Map<String, Long> bytes,
    Map<String, Long> rejected,
    Duration duration) {

  public ProcessedBatch {
    tables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tables));
    bytes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bytes));
    rejected = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejected));
  }

  /** Rows over all warehouse tables. */
  @JsonProperty
  public long rows() {
    return tables.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Rows of the three fact tables. */
  @JsonProperty
  public long factRows() {
    return tables.entrySet().stream()
        .filter(e -> e.getKey().startsWith("fact_"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Rows set aside over all source tables. */
  @JsonProperty
  public long rejectedRows() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }
}
