package dev.blackwater.load;

import java.time.Duration;
import java.util.Map;

/**
 * One processed batch as loaded.
 *
 * @param batch the processed batch
 * @param sourceBatch the ingestion batch it was made from
 * @param rows rows of the batch per warehouse table
 * @param changed rows inserted or updated per table (fact versions already present are skipped)
 * @param bytes Parquet bytes read per table
 * @param durations how long each table took: download, conversion, COPY and merge
 * @param duration how long its transaction took
 */
public record BatchLoadResult(
    String batch,
    String sourceBatch,
    Map<String, Long> rows,
    Map<String, Long> changed,
    Map<String, Long> bytes,
    Map<String, Duration> durations,
    Duration duration) {

  /** Rows over all tables. */
  @com.fasterxml.jackson.annotation.JsonProperty
  public long totalRows() {
    return rows.values().stream().mapToLong(Long::longValue).sum();
  }
}
