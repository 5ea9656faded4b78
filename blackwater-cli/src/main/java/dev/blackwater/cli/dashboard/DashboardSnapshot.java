package dev.blackwater.cli.dashboard;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the dashboard shows: the result of every view, read in one snapshot of the warehouse.
 *
 * @param generatedAt when the views were read
 * @param warehouse where the warehouse is ({@code host:port/database}, never a password)
 * @param schema the warehouse schema
 * @param freshAsOf when the warehouse was last known to hold every change of the source: the status
 *     report's warehouse freshness ({@code blackwater status}), read from the lake before the
 *     views; empty when the lake was not given
 */
record DashboardSnapshot(
    Instant generatedAt,
    String warehouse,
    String schema,
    Optional<Instant> freshAsOf,
    Map<DashboardView, ViewResult> views) {

  DashboardSnapshot {
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(freshAsOf, "freshAsOf");
    EnumMap<DashboardView, ViewResult> copy = new EnumMap<>(DashboardView.class);
    copy.putAll(views);
    for (DashboardView view : DashboardView.values()) {
      if (!copy.containsKey(view)) {
        throw new IllegalArgumentException("no result for view " + view.viewName());
      }
    }
    views = Collections.unmodifiableMap(copy);
  }

  /** The result of one view. */
  ViewResult view(DashboardView view) {
    return views.get(view);
  }

  /**
   * The newest {@code last_updated} of any fact (ISO local date-time, the source's clock), or empty
   * when the warehouse holds no facts. How long ago the source last changed, not how fresh the
   * warehouse is: see {@link #freshAsOf()}.
   */
  Optional<String> newestChange() {
    return view(DashboardView.FRESHNESS).column("last_updated").stream()
        .filter(Objects::nonNull)
        .map(String::valueOf)
        .max(String::compareTo);
  }

  /** The number of facts (current versions) in the warehouse, all fact tables together. */
  long facts() {
    return view(DashboardView.FRESHNESS).column("current_rows").stream()
        .mapToLong(v -> ((Number) v).longValue())
        .sum();
  }

  /** Whether the warehouse holds no fact at all. */
  boolean empty() {
    return facts() == 0;
  }
}
