package dev.blackwater.lake;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a key of a zone is, by its name alone: a bookkeeping object ({@code _batches/}, {@code
 * _claims/}, {@code _runs/}, {@code _gc/}), which follows its own rules, or an object of a batch
 * (data, the transform's {@code _state/} and {@code _rejected/}), whose file name starts with the
 * batch's id. A store tags the second kind uncommitted when it writes it and committed when its
 * batch commits ({@link LakeStore#markCommitted}); gc removes those of them no committed manifest
 * names once they are older than the grace period ({@link LakeGc}).
 */
public final class LakeLayout {

  /** Prefixes of the bookkeeping objects: written untagged, never removed by gc. */
  public static final List<String> BOOKKEEPING =
      List.of(BatchLog.MANIFESTS, BatchLog.CLAIMS, "_runs/", GcLog.PREFIX, "_iceberg/");

  /** A batch's object: its file name starts with the batch id, hidden when unfinished. */
  private static final Pattern BATCH_FILE = Pattern.compile("\\.?(\\d{6,}-\\d{8}T\\d{6}Z)\\..*");

  /** A claim's file name, or an unfinished one's (hidden, with a suffix). */
  private static final Pattern CLAIM_FILE = Pattern.compile("\\.?(\\d{6,})\\.json(\\..*)?");

  /** A dated bookkeeping folder: {@code _runs/yyyy/mm/dd/}. */
  private static final Pattern DAY_FOLDER =
      Pattern.compile("_(?:runs|gc)/(\\d{4})/(\\d{2})/(\\d{2})/.*");

  private LakeLayout() {}

  /** Whether {@code key} is a bookkeeping object (a manifest, claim, run or gc record). */
  public static boolean isBookkeeping(String key) {
    return BOOKKEEPING.stream().anyMatch(key::startsWith);
  }

  /** The batch an object belongs to: the batch id its file name starts with. */
  public static Optional<BatchId> batchOf(String key) {
    Matcher m = BATCH_FILE.matcher(fileName(key));
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(BatchId.parse(m.group(1)));
    } catch (RuntimeException e) {
      return Optional.empty(); // a date that does not exist: not a batch id
    }
  }

  /** The sequence number of a claim's key ({@code _claims/000042.json}), finished or not. */
  static OptionalLong claimedSequence(String key) {
    if (!key.startsWith(BatchLog.CLAIMS)) {
      return OptionalLong.empty();
    }
    Matcher m = CLAIM_FILE.matcher(key.substring(BatchLog.CLAIMS.length()));
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /**
   * The latest time an object of a dated bookkeeping folder ({@code _runs/yyyy/mm/dd/}) can have
   * been written at: the end of that day.
   */
  static Optional<Instant> dayEndOf(String key) {
    Matcher m = DAY_FOLDER.matcher(key);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      LocalDate day =
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
      return Optional.of(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Every key a manifest names: its tables' objects, the transform's state objects and the
   * extract's keys objects (those carried forward from earlier batches too), its rejected-rows
   * objects and its deletion records.
   */
  public static List<String> namedBy(Manifest manifest) {
    List<String> keys = new ArrayList<>();
    for (Map<String, Manifest.Table> tables :
        Arrays.asList(
            manifest.tables(),
            manifest.state(),
            manifest.rejected(),
            manifest.keys(),
            manifest.deleted())) {
      if (tables == null) {
        continue;
      }
      for (Manifest.Table table : tables.values()) {
        if (table.objects() != null) {
          table.objects().forEach(object -> keys.add(object.key()));
        }
      }
    }
    return keys;
  }

  private static String fileName(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }
}
