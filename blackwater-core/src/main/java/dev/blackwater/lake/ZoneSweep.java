package dev.blackwater.lake;

import java.util.List;

/**
 * What gc found, and did, in one zone.
 *
 * @param zone the zone's URI
 * @param disposal what became of the orphans
 * @param orphans the objects no committed manifest names, older than the grace period, by key
 * @param bytes their size together
 * @param scanned the objects and unfinished writes looked at
 * @param inFlight objects of batches not committed (yet) that were kept: younger than the grace
 *     period, or held by a claim younger than it
 * @param unrecognised keys that follow no rule of the lake's layout, kept and listed
 */
public record ZoneSweep(
    String zone,
    Disposal disposal,
    List<Orphan> orphans,
    long bytes,
    int scanned,
    int inFlight,
    List<String> unrecognised) {

  public ZoneSweep {
    orphans = List.copyOf(orphans);
    unrecognised = List.copyOf(unrecognised);
  }

  /** What became of the orphans. */
  public enum Disposal {
    /** Deleted (a local zone). */
    DELETED,
    /** Listed only: a dry run. */
    WOULD_DELETE,
    /** Left to the store, which expires them itself (S3: the lifecycle rule on their tag). */
    LEFT_TO_EXPIRE
  }
}
