package dev.blackwater;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** How far data trails the clock. Source timestamps are taken to be UTC. */
public final class Freshness {

  private Freshness() {}

  /** {@code now} minus an ISO source timestamp, or null when there is none. */
  public static Duration lag(String isoTimestamp, Instant now) {
    if (isoTimestamp == null) {
      return null;
    }
    return Duration.between(LocalDateTime.parse(isoTimestamp).toInstant(ZoneOffset.UTC), now);
  }
}
