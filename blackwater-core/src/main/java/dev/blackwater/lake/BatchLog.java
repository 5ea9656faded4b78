package dev.blackwater.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The committed batches of one zone: manifests under {@code _batches/}, and the claims under {@code
 * _claims/} that decide which of two racing runs commits a sequence number. State is read from the
 * manifests, never from a mutable file.
 */
public final class BatchLog {

  static final String MANIFESTS = "_batches/";
  static final String CLAIMS = "_claims/";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final LakeStore store;

  public BatchLog(LakeStore store) {
    this.store = store;
  }

  /** The zone. */
  public LakeStore store() {
    return store;
  }

  /**
   * Waits into the next second of {@code clock}: a batch started then has a name of its own, not
   * that of a dead run's leftovers of this second (a batch's name is its number and start second).
   */
  public static void waitForANewName(Clock clock) {
    try {
      Thread.sleep(1000 - clock.instant().toEpochMilli() % 1000 + 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BlackwaterException(ErrorCode.INTERNAL, "interrupted", e);
    }
  }

  /** The key of a batch's manifest. */
  public static String manifestKey(BatchId batch) {
    return MANIFESTS + batch + ".json";
  }

  /** Every committed batch, oldest first. */
  public List<BatchId> committed() {
    return committedAfter(null);
  }

  /**
   * Below this sequence number the listing after a batch starts at its name: six-digit names sort
   * as text in commit order. A name of seven digits sorts among the six-digit ones starting with
   * its first digit, so from here on (and whenever a listing reaches here) the whole log is listed.
   */
  static final long LIST_AFTER_BELOW = 990_000;

  /**
   * The committed batches after {@code after} (all of them when null), oldest first. After a batch
   * numbered below {@link #LIST_AFTER_BELOW}, only the names after its own are listed (S3's
   * StartAfter: a few requests however long the log), not the whole log.
   */
  public List<BatchId> committedAfter(BatchId after) {
    if (after != null && after.sequence() < LIST_AFTER_BELOW) {
      List<BatchId> ids = manifests(manifestKey(after), after);
      if (ids.stream().allMatch(id -> id.sequence() < LIST_AFTER_BELOW)) {
        return ids;
      }
    }
    // listed whole and compared by number: past sequence 999999 names grow longer and no longer
    // sort as text in commit order
    return manifests(null, after);
  }

  private List<BatchId> manifests(String startAfter, BatchId after) {
    return ids(store.listAll(MANIFESTS, startAfter), after);
  }

  /** The batches of manifests among {@code objects} after {@code after} (all when null), sorted. */
  private static List<BatchId> ids(List<LakeObject> objects, BatchId after) {
    List<BatchId> ids = new ArrayList<>();
    for (LakeObject object : objects) {
      String name = object.key().substring(MANIFESTS.length());
      if (name.endsWith(".json")) {
        BatchId id = BatchId.parse(name.substring(0, name.length() - ".json".length()));
        if (after == null || id.sequence() > after.sequence()) {
          ids.add(id);
        }
      }
    }
    ids.sort(null);
    return ids;
  }

  /**
   * The newest committed batch. A log that fits one page of a listing is listed; a longer one is
   * searched by where listings start (the manifests named from a number on exist or not), a few
   * requests for any length below {@link #LIST_AFTER_BELOW}, from which on the whole log is listed.
   */
  public Optional<BatchId> latestId() {
    BatchId newest = null;
    long high = Long.MAX_VALUE; // no manifest is numbered at or above it
    long probe = 0; // list the manifests numbered from it on (0: from the start)
    while (true) {
      LakePage page =
          store.list(MANIFESTS, probe == 0 ? null : MANIFESTS + BatchId.sequenceText(probe));
      List<BatchId> ids = ids(page.objects(), null);
      if (ids.stream().anyMatch(id -> id.sequence() >= LIST_AFTER_BELOW)) {
        return lastOf(committed());
      }
      if (ids.isEmpty()) {
        if (probe == 0) {
          return Optional.empty();
        }
        high = probe;
      } else {
        newest = ids.get(ids.size() - 1);
        if (!page.truncated()) {
          return Optional.of(newest); // the rest of the log is on this page
        }
      }
      long low = newest.sequence();
      if (high - low <= 1) {
        return Optional.of(newest);
      }
      probe = high == Long.MAX_VALUE ? 2 * low : low + (high - low) / 2;
      if (probe >= LIST_AFTER_BELOW) {
        return lastOf(committed());
      }
    }
  }

  private static Optional<BatchId> lastOf(List<BatchId> ids) {
    return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(ids.size() - 1));
  }

  /** The newest committed manifest. */
  public Optional<Manifest> latest() {
    return latestId().map(this::read);
  }

  /** A committed manifest. */
  public Manifest read(BatchId batch) {
    String key = manifestKey(batch);
    return ManifestCodec.read(key, store.read(key));
  }

  /**
   * The id for a new batch after {@code latest}: one past every committed or claimed number.
   * Refuses when another run's claim is not yet committed and that run may still be alive (its
   * process runs on this host, or, elsewhere, it claimed less than {@code lease} ago).
   */
  public BatchId next(Optional<BatchId> latest, Instant now, Duration lease, RunIdentity self) {
    long committed = latest.map(BatchId::sequence).orElse(0L);
    long sequence = committed;
    for (LakeObject object : store.listAll(CLAIMS, null)) {
      if (claimedSequence(object.key()) <= committed) {
        continue;
      }
      Claim claim = readClaim(object.key());
      BatchId claimed = BatchId.parse(claim.batch());
      if (store.exists(manifestKey(claimed))) {
        throw new BlackwaterException(
            ErrorCode.CONCURRENCY,
            "another run committed batch "
                + claimed
                + " while this one started; this run committed"
                + " nothing: run again");
      }
      boolean mayBeAlive = !self.provesDead(claim) && claim.claimedAt().plus(lease).isAfter(now);
      if (mayBeAlive) {
        throw new BlackwaterException(
            ErrorCode.CONCURRENCY,
            "batch "
                + claimed
                + " is being committed by run "
                + claim.runId()
                + " (pid "
                + claim.pid()
                + " on "
                + claim.host()
                + ", since "
                + claim.claimedAt()
                + "): another run is in progress; this run committed nothing");
      }
      sequence = Math.max(sequence, claimed.sequence());
    }
    return new BatchId(sequence + 1, now);
  }

  /**
   * Commits a batch: claims its sequence number (put-if-absent), marks every object the manifest
   * names committed ({@link LakeStore#markCommitted}: on S3 they are re-tagged, so the rule that
   * expires uncommitted objects never takes them), then writes its manifest. Of two runs committing
   * the same number, the second gets a {@link ErrorCode#CONCURRENCY} failure and leaves nothing a
   * later run would read; so does a run whose objects are gone (it took longer than the grace
   * period, and gc collected them as a dead run's): no manifest ever names a missing object.
   */
  public void commit(Manifest manifest, Claim claim) {
    BatchId batch = manifest.batchId();
    String claimKey = claimKey(batch.sequence());
    try {
      store.put(claimKey, JSON.writeValueAsBytes(claim));
    } catch (LakeObjectExistsException e) {
      throw new BlackwaterException(
          ErrorCode.CONCURRENCY,
          "another run claimed batch number "
              + BatchId.sequenceText(batch.sequence())
              + " first; this run committed nothing (its batch would have been "
              + batch
              + ")",
          e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode claim", e);
    }
    try {
      store.markCommitted(LakeLayout.namedBy(manifest));
    } catch (LakeObjectMissingException e) {
      throw new BlackwaterException(
          ErrorCode.CONCURRENCY,
          "batch "
              + batch
              + " cannot commit: "
              + e.getMessage()
              + " (a run that takes longer than the grace period, --gc-grace, can lose its objects"
              + " to gc); this run committed nothing: run again",
          e);
    }
    store.put(manifestKey(batch), ManifestCodec.write(manifest));
  }

  /** The key of the claim on a sequence number. */
  static String claimKey(long sequence) {
    return CLAIMS + BatchId.sequenceText(sequence) + ".json";
  }

  /** The claim on {@code sequence}, if one was written and reads back. */
  Optional<Claim> claim(long sequence) {
    String key = claimKey(sequence);
    if (!store.exists(key)) {
      return Optional.empty();
    }
    try {
      return Optional.of(readClaim(key));
    } catch (BlackwaterException e) {
      return Optional.empty(); // gone since, or unreadable: no claim to honour
    }
  }

  /** The sequence number a claim's key names, or -1 for a key that is not a claim's. */
  private static long claimedSequence(String key) {
    String name = key.substring(CLAIMS.length());
    String digits =
        name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : "";
    return digits.matches("\\d+") ? Long.parseLong(digits) : -1;
  }

  private Claim readClaim(String key) {
    try {
      return JSON.readValue(store.read(key), Claim.class);
    } catch (IOException e) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY, "claim " + key + " is not valid JSON", e);
    }
  }
}
