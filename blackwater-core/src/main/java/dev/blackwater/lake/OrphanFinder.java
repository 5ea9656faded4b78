package dev.blackwater.lake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds, in one zone, what no committed manifest names and no run may still commit: the objects of
 * batches without a manifest (or not named by their batch's manifest) and the unfinished writes,
 * all older than the cut-off. Never an object younger than it, never one of a batch whose claim is
 * younger than it (a run committing right now), never a bookkeeping object.
 */
final class OrphanFinder {

  private final LakeStore zone;
  private final BatchLog log;
  private final Set<String> uncommitted = new HashSet<>();

  OrphanFinder(LakeStore zone) {
    this.zone = zone;
    this.log = new BatchLog(zone);
  }

  /** What the zone holds that is older than {@code cutoff} and is not data. */
  Findings find(Instant cutoff) {
    List<LakeObject> visible = zone.listAll("", null);
    List<LakeObject> unfinished = zone.unfinished();
    Set<BatchId> committed = new HashSet<>();
    Map<Long, Instant> newestOfSequence = new HashMap<>();
    for (LakeObject object : visible) {
      if (object.key().startsWith(BatchLog.MANIFESTS)) {
        LakeLayout.batchOf(object.key())
            .ifPresent(
                b -> {
                  committed.add(b);
                  newestOfSequence.merge(b.sequence(), b.time(), Findings::later);
                });
      }
    }

    Findings found = new Findings(visible.size() + unfinished.size());
    // by name: a batch id compares by its sequence alone, and a dead run's batch often shares its
    // number with the batch committed after it
    Map<BatchId, List<Candidate>> old = new TreeMap<>(Comparator.comparing(BatchId::toString));
    for (LakeObject object : visible) {
      if (LakeLayout.isBookkeeping(object.key())) {
        continue;
      }
      Optional<BatchId> batch = LakeLayout.batchOf(object.key());
      if (batch.isEmpty()) {
        found.unrecognised.add(object.key());
        continue;
      }
      BatchId b = batch.get();
      newestOfSequence.merge(b.sequence(), b.time(), Findings::later);
      if (b.time().isAfter(cutoff)) {
        found.inFlight += committed.contains(b) ? 0 : 1;
      } else {
        old.computeIfAbsent(b, k -> new ArrayList<>()).add(new Candidate(object, false));
      }
    }
    List<LakeObject> claimsUnfinished = new ArrayList<>();
    for (LakeObject object : unfinished) {
      Optional<BatchId> batch = LakeLayout.batchOf(object.key());
      if (batch.isPresent()) {
        BatchId b = batch.get();
        newestOfSequence.merge(b.sequence(), b.time(), Findings::later);
        if (b.time().isAfter(cutoff)) {
          found.inFlight++;
        } else {
          old.computeIfAbsent(b, k -> new ArrayList<>()).add(new Candidate(object, true));
        }
      } else if (LakeLayout.claimedSequence(object.key()).isPresent()) {
        claimsUnfinished.add(object);
      } else {
        Optional<Instant> dayEnd = LakeLayout.dayEndOf(object.key());
        if (dayEnd.isEmpty()) {
          found.unrecognised.add(object.key());
        } else if (dayEnd.get().isAfter(cutoff)) {
          found.inFlight++;
        } else {
          found.orphan(object, null, Orphan.UNFINISHED);
        }
      }
    }
    // A claim's temporary file names only a sequence number: it is as old as the newest batch of
    // that number the zone holds, written by the run that was claiming it.
    for (LakeObject object : claimsUnfinished) {
      OptionalLong sequence = LakeLayout.claimedSequence(object.key());
      Instant newest = newestOfSequence.get(sequence.getAsLong());
      if (newest == null) {
        found.unrecognised.add(object.key());
      } else if (newest.isAfter(cutoff)) {
        found.inFlight++;
      } else {
        found.orphan(object, null, Orphan.UNFINISHED);
      }
    }

    for (Map.Entry<BatchId, List<Candidate>> entry : old.entrySet()) {
      BatchId batch = entry.getKey();
      List<Candidate> candidates = entry.getValue();
      if (committed.contains(batch)) {
        Set<String> named = new HashSet<>(LakeLayout.namedBy(log.read(batch)));
        for (Candidate c : candidates) {
          if (c.unfinished()) {
            found.orphan(c.object(), batch, Orphan.UNFINISHED);
          } else if (!named.contains(c.object().key())) {
            found.orphan(c.object(), batch, Orphan.NOT_NAMED);
          }
        }
      } else if (claimedSince(batch, cutoff)) {
        found.inFlight += candidates.size();
      } else {
        uncommitted.add(batch.toString());
        for (Candidate c : candidates) {
          found.orphan(c.object(), batch, c.unfinished() ? Orphan.UNFINISHED : Orphan.NO_MANIFEST);
        }
      }
    }
    return found;
  }

  /** The batches the last search found without a manifest, whose objects it called orphans. */
  Set<String> uncommitted() {
    return uncommitted;
  }

  /**
   * Whether a batch that is not committed may be committing now: it has a manifest by now, or a
   * claim on its number names it and is younger than the cut-off.
   */
  boolean mayBeCommitting(BatchId batch, Instant cutoff) {
    return zone.exists(BatchLog.manifestKey(batch)) || claimedSince(batch, cutoff);
  }

  private boolean claimedSince(BatchId batch, Instant cutoff) {
    return log.claim(batch.sequence())
        .filter(c -> c.batch().equals(batch.toString()))
        .filter(c -> c.claimedAt() != null && c.claimedAt().isAfter(cutoff))
        .isPresent();
  }

  private record Candidate(LakeObject object, boolean unfinished) {}

  /** What a search found. */
  static final class Findings {
    final int scanned;
    final List<Orphan> orphans = new ArrayList<>();
    final List<String> unrecognised = new ArrayList<>();
    int inFlight;

    Findings(int scanned) {
      this.scanned = scanned;
    }

    void orphan(LakeObject object, BatchId batch, String why) {
      orphans.add(
          new Orphan(object.key(), object.size(), batch == null ? null : batch.toString(), why));
    }

    static Instant later(Instant a, Instant b) {
      return a.isAfter(b) ? a : b;
    }
  }
}
