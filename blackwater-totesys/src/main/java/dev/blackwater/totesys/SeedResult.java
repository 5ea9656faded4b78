package dev.blackwater.totesys;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What a seed wrote: rows per table (in load order) and how long it took. */
public record SeedResult(Map<String, Long> rows, Duration duration) {

  public SeedResult {
    rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    Objects.requireNonNull(duration, "duration");
  }

  /** Rows written to all tables together. */
  public long totalRows() {
    return rows.values().stream().mapToLong(Long::longValue).sum();
  }
}
