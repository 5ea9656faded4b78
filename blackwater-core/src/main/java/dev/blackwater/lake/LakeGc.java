package dev.blackwater.lake;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.ZoneSweep.Disposal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what runs that died before their manifest left in the lake: objects no committed manifest
 * names, and unfinished writes, older than the grace period ({@code --gc-grace}, longer than any
 * run can take), never those of a batch whose claim is younger than that. A zone that expires them
 * by itself (S3, where the pipeline has no delete rights: a lifecycle rule expires what is still
 * tagged uncommitted) is only listed. Each zone it deleted from gets a record under {@code _gc/}.
 */
public final class LakeGc {

  /** The shortest grace period gc accepts: a shorter one could take a running batch's objects. */
  public static final Duration MIN_GRACE = Duration.ofHours(1);

  private static final Logger LOG = LoggerFactory.getLogger(LakeGc.class);

  private final List<LakeStore> zones;
  private final Clock clock;
  private final Duration olderThan;

  /**
   * @param olderThan the grace period: at least {@link #MIN_GRACE}
   */
  public LakeGc(List<LakeStore> zones, Clock clock, Duration olderThan) {
    if (olderThan.compareTo(MIN_GRACE) < 0) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "a grace period of "
              + olderThan
              + " is shorter than "
              + MIN_GRACE
              + ": gc could take the objects of a run still writing them");
    }
    this.zones = List.copyOf(zones);
    this.clock = clock;
    this.olderThan = olderThan;
  }

  /** Lists (a dry run) or removes the orphans of every zone. */
  public GcResult collect(String runId, boolean dryRun) {
    return collect(runId, dryRun, zones);
  }

  /**
   * Runs gc over the zones that need it (those that do not expire uncommitted objects by
   * themselves) when it has not run in them for {@code interval}; empty when none was due.
   */
  public Optional<GcResult> collectIfDue(String runId, Duration interval) {
    Instant now = clock.instant();
    List<LakeStore> due = new ArrayList<>();
    for (LakeStore zone : zones) {
      if (!zone.expiresUncommitted() && new GcLog(zone).latest(now, interval).isEmpty()) {
        due.add(zone);
      }
    }
    return due.isEmpty() ? Optional.empty() : Optional.of(collect(runId, false, due));
  }

  private GcResult collect(String runId, boolean dryRun, List<LakeStore> which) {
    Instant now = clock.instant();
    Instant cutoff = now.minus(olderThan);
    List<ZoneSweep> sweeps = new ArrayList<>();
    for (LakeStore zone : which) {
      sweeps.add(sweep(zone, runId, now, cutoff, dryRun));
    }
    return new GcResult(runId, now, olderThan, dryRun, sweeps);
  }

  private ZoneSweep sweep(
      LakeStore zone, String runId, Instant now, Instant cutoff, boolean dryRun) {
    OrphanFinder finder = new OrphanFinder(zone);
    OrphanFinder.Findings found = finder.find(cutoff);
    List<Orphan> orphans = new ArrayList<>(found.orphans);
    orphans.sort(Comparator.comparing(Orphan::key));
    Disposal disposal;
    if (zone.expiresUncommitted()) {
      disposal = Disposal.LEFT_TO_EXPIRE;
    } else if (dryRun) {
      disposal = Disposal.WOULD_DELETE;
    } else {
      disposal = Disposal.DELETED;
      orphans = delete(zone, finder, orphans, cutoff);
      new GcLog(zone)
          .record(
              new GcLog.GcRecord(
                  runId,
                  now,
                  olderThan,
                  orphans.stream().map(Orphan::key).toList(),
                  bytes(orphans)));
      if (!orphans.isEmpty()) {
        LOG.info(
            "gc removed {} uncommitted object(s), {} bytes, older than {} from {}",
            orphans.size(),
            bytes(orphans),
            olderThan,
            zone.uri());
      }
    }
    return new ZoneSweep(
        zone.uri().toString(),
        disposal,
        orphans,
        bytes(orphans),
        found.scanned,
        found.inFlight,
        found.unrecognised);
  }

  /**
   * Deletes the orphans, looking once more, just before, whether a batch that had no manifest has
   * one now or is being claimed (then its objects stay). Returns what was deleted.
   */
  private static List<Orphan> delete(
      LakeStore zone, OrphanFinder finder, List<Orphan> orphans, Instant cutoff) {
    List<Orphan> deleted = new ArrayList<>();
    Map<String, Boolean> spared = new HashMap<>();
    for (Orphan orphan : orphans) {
      if (orphan.batch() != null
          && finder.uncommitted().contains(orphan.batch())
          && spared.computeIfAbsent(
              orphan.batch(), b -> finder.mayBeCommitting(BatchId.parse(b), cutoff))) {
        continue;
      }
      zone.delete(orphan.key());
      deleted.add(orphan);
    }
    return deleted;
  }

  private static long bytes(List<Orphan> orphans) {
    return orphans.stream().mapToLong(Orphan::bytes).sum();
  }
}
