package dev.blackwater.lake;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one gc did over the zones.
 *
 * @param runId the run
 * @param at its "now"
 * @param olderThan the grace period: nothing younger was touched
 * @param dryRun whether it only listed
 * @param zones per zone, what it found and did
 */
public record GcResult(
    String runId, Instant at, Duration olderThan, boolean dryRun, List<ZoneSweep> zones) {

  public GcResult {
    zones = List.copyOf(zones);
  }

  /** The orphans over all zones. */
  public int orphans() {
    return zones.stream().mapToInt(z -> z.orphans().size()).sum();
  }

  /** Their bytes over all zones. */
  public long bytes() {
    return zones.stream().mapToLong(ZoneSweep::bytes).sum();
  }
}
