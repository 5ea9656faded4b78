package dev.blackwater.totesys;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** What a simulation did: changes made per kind (every kind listed, zero if none) and time. */
public record SimulateResult(Map<ChangeKind, Integer> changes, Duration duration) {

  public SimulateResult {
    EnumMap<ChangeKind, Integer> all = new EnumMap<>(ChangeKind.class);
    for (ChangeKind kind : ChangeKind.values()) {
      all.put(kind, changes.getOrDefault(kind, 0));
    }
    changes = Collections.unmodifiableMap(all);
    Objects.requireNonNull(duration, "duration");
  }

  /** Changes of one kind. */
  public int count(ChangeKind kind) {
    return changes.get(kind);
  }

  /** Changes of all kinds together. */
  public int total() {
    return changes.values().stream().mapToInt(Integer::intValue).sum();
  }
}
