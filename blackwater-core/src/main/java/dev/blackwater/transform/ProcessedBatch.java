package dev.blackwater.transform;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.blackwater.warehouse.WarehouseTable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param warnings what the batch left out or kept as it was, one line each (a staff member whose
 *     department is unknown, a currency code without an ISO 4217 name, ...); also logged
 */
public record ProcessedBatch(
    String batch,
    String consumed,
    Map<String, Long> tables,
    Map<String, Long> bytes,
    Map<String, Long> rejected,
    Duration duration,
    List<String> warnings) {

  public ProcessedBatch {
    tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    bytes = Collections.unmodifiableMap(new LinkedHashMap<>(bytes));
    rejected = Collections.unmodifiableMap(new LinkedHashMap<>(rejected));
    warnings = List.copyOf(warnings);
  }

  /** A batch without warnings. */
  public ProcessedBatch(
      String batch,
      String consumed,
      Map<String, Long> tables,
      Map<String, Long> bytes,
      Map<String, Long> rejected,
      Duration duration) {
    this(batch, consumed, tables, bytes, rejected, duration, List.of());
  }

  /** Rows over all warehouse tables. */
  @JsonProperty
  public long rows() {
    return tables.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Rows of the three fact tables. */
  @JsonProperty
  public long factRows() {
    return WarehouseTable.facts().stream()
        .mapToLong(fact -> tables.getOrDefault(fact.tableName(), 0L))
        .sum();
  }

  /** Rows set aside over all source tables. */
  @JsonProperty
  public long rejectedRows() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }
}
