package dev.blackwater.extract;

import org.roaringbitmap.RoaringBitmap;

/**
 * One table's keys now, compared with what the lake knew: the keys that vanished since (deleted in
 * the source) and those recorded as deleted that are back.
 *
 * @param table the source table
 * @param before what the lake knew, or null when it knew nothing yet (no deletion can be found)
 * @param now the keys the snapshot holds
 */
record KeyChange(String table, LiveKeys before, RoaringBitmap now) {

  /** Keys alive before and gone now. */
  RoaringBitmap vanished() {
    return before == null ? new RoaringBitmap() : RoaringBitmap.andNot(before.alive(), now);
  }

  /** Keys recorded as deleted that the snapshot holds again. */
  RoaringBitmap revived() {
    return before == null ? new RoaringBitmap() : RoaringBitmap.and(before.deleted(), now);
  }

  /** What the lake knows after this batch. */
  LiveKeys after() {
    if (before == null) {
      return new LiveKeys(now, new RoaringBitmap());
    }
    RoaringBitmap deleted = RoaringBitmap.or(before.deleted(), vanished());
    deleted.andNot(now);
    return new LiveKeys(now, deleted);
  }

  /** Whether the lake must store a new keys object for the table. */
  boolean changed() {
    if (before == null) {
      return true;
    }
    LiveKeys after = after();
    return !after.alive().equals(before.alive()) || !after.deleted().equals(before.deleted());
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
    long before = aliveBefore();
    if (before == 0) {
      return false;
    }
    long gone = vanished().getLongCardinality();
    return gone > 0 && (now.isEmpty() || (double) gone / before > maxShare);
  }
}
