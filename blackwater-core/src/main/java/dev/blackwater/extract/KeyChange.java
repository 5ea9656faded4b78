package dev.blackwater.extract;

import java.util.Objects;
import org.roaringbitmap.RoaringBitmap;

/**
 * One table's keys in this batch, compared with what the lake knew: the keys that vanished since
 * (deleted in the source) and those recorded as deleted that are back.
 *
 * <p>The keys are read in full ({@code read}) when the lake knew nothing yet or the table's {@link
 * Fingerprint} changed (a deletion, a truncation, statistics reset); otherwise no key can have
 * gone, and the keys of the rows the batch extracted ({@link #add}) are all that is new.
 */
final class KeyChange {

  private final String table;
  private final LiveKeys before;
  private final RoaringBitmap read;
  private final Fingerprint fingerprint;
  private final RoaringBitmap added = new RoaringBitmap();

  /**
   * @param before what the lake knew, or null when it knew nothing yet (no deletion can be found)
   * @param read the keys the snapshot holds, or null when they were not read
   * @param fingerprint the table's fingerprint before the snapshot, or null when unknown
   */
  KeyChange(String table, LiveKeys before, RoaringBitmap read, Fingerprint fingerprint) {
    if (before == null && read == null) {
      throw new IllegalArgumentException(table + ": keys neither known nor read");
    }
    this.table = table;
    this.before = before;
    this.read = read;
    this.fingerprint = fingerprint;
  }

  /**
   * Whether the keys must be read in full: nothing is known yet, or the batch is due for a check
   * and the fingerprint is unknown or different.
   */
  static boolean mustRead(LiveKeys before, boolean due, Fingerprint now) {
    return before == null
        || (due
            && (now == null || before.fingerprint() == null || !before.fingerprint().equals(now)));
  }

  String table() {
    return table;
  }

  /** Whether the keys were read in full. */
  boolean readInFull() {
    return read != null;
  }

  /** Adds the keys of rows the batch extracted. */
  void add(RoaringBitmap keys) {
    added.or(keys);
  }

  /** The keys alive now. */
  RoaringBitmap now() {
    RoaringBitmap now = RoaringBitmap.or(read != null ? read : before.alive(), added);
    return now;
  }

  /** Keys alive before and gone now (only a full read can tell). */
  RoaringBitmap vanished() {
    return before == null || read == null
        ? new RoaringBitmap()
        : RoaringBitmap.andNot(before.alive(), now());
  }

  /** Keys recorded as deleted that the snapshot holds again. */
  RoaringBitmap revived() {
    return before == null ? new RoaringBitmap() : RoaringBitmap.and(before.deleted(), now());
  }

  /** What the lake knows after this batch. */
  LiveKeys after() {
    RoaringBitmap now = now();
    if (before == null) {
      return new LiveKeys(now, new RoaringBitmap(), fingerprint);
    }
    RoaringBitmap deleted = RoaringBitmap.or(before.deleted(), vanished());
    deleted.andNot(now);
    return new LiveKeys(now, deleted, read != null ? fingerprint : before.fingerprint());
  }

  /** Whether the lake must store a new keys object for the table. */
  boolean changed() {
    if (before == null) {
      return true;
    }
    LiveKeys after = after();
    return !after.alive().equals(before.alive())
        || !after.deleted().equals(before.deleted())
        || !Objects.equals(after.fingerprint(), before.fingerprint());
  }

  /** Keys alive before. */
  long aliveBefore() {
    return before == null ? 0 : before.alive().getLongCardinality();
  }

  /**
   * Whether this change deletes too much at once: more than {@code maxShare} of the keys alive
   * before, or every one of them.
   */
  boolean massive(double maxShare) {
    long was = aliveBefore();
    if (was == 0) {
      return false;
    }
    long gone = vanished().getLongCardinality();
    return gone > 0 && (now().isEmpty() || (double) gone / was > maxShare);
  }
}
