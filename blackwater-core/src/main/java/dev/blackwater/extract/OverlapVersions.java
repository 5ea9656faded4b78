package dev.blackwater.extract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The versions a manifest remembers inside its overlap window ({@code <primary key>|<last_updated
 * ISO>}): the next extract reads that window again and skips exactly these. They are the versions
 * the lake holds with {@code last_updated} after the window's start: the ones the previous batches
 * remembered and the ones this batch stored.
 */
final class OverlapVersions {

  private OverlapVersions() {}

  /** {@code key|2024-01-02T03:04:05.678000}. */
  static String encode(String primaryKey, long micros) {
    return primaryKey + "|" + SourceTimestamp.iso(micros);
  }

  /** The timestamp of an encoded version. */
  static long micros(String version) {
    return SourceTimestamp.parseIso(version.substring(version.lastIndexOf('|') + 1));
  }

  /**
   * The versions after {@code since}, sorted: those the previous batch remembered and those the
   * server found in the source (stored now, or read again and skipped).
   */
  static List<String> after(long since, Collection<String> remembered, Collection<String> found) {
    Set<String> versions = new HashSet<>(found);
    for (String version : remembered) {
      if (micros(version) > since) {
        versions.add(version);
      }
    }
    List<String> sorted = new ArrayList<>(versions);
    sorted.sort(null);
    return sorted;
  }
}
