package dev.blackwater.extract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Remembers the row versions whose {@code last_updated} lies within the overlap window below the
 * newest one seen: the next extract reads that window again and must skip what the lake holds.
 * Memory grows with the rows inside the window, not with the table.
 */
final class OverlapTracker {

  private record Version(long micros, String key) {}

  private final long windowMicros;
  private final PriorityQueue<Version> window =
      new PriorityQueue<>((a, b) -> Long.compare(a.micros, b.micros));
  private long newest;

  OverlapTracker(long windowMicros, long startingWatermark) {
    this.windowMicros = windowMicros;
    this.newest = startingWatermark;
  }

  /** Whether a version at {@code micros} would be kept (saves building its key otherwise). */
  boolean wouldKeep(long micros) {
    return micros > Math.max(newest, micros) - windowMicros;
  }

  /** Records a version stored in the lake. */
  void add(long micros, String primaryKey) {
    if (micros > newest) {
      newest = micros;
    }
    if (micros > newest - windowMicros) {
      window.add(new Version(micros, primaryKey));
    }
    while (!window.isEmpty() && window.peek().micros <= newest - windowMicros) {
      window.poll();
    }
  }

  /** The newest {@code last_updated} seen. */
  long newest() {
    return newest;
  }

  /** The lower bound (exclusive) of the window. */
  long since() {
    return newest - windowMicros;
  }

  /** The versions inside the window as {@code key|timestamp}, sorted. */
  List<String> versions() {
    return versions(since());
  }

  /** The versions after {@code since} as {@code key|timestamp}, sorted. */
  List<String> versions(long since) {
    List<String> out = new ArrayList<>(window.size());
    for (Version v : window) {
      if (v.micros > since) {
        out.add(encode(v.key, v.micros));
      }
    }
    out.sort(null);
    return out;
  }

  static String encode(String primaryKey, long micros) {
    return primaryKey + "|" + SourceTimestamp.iso(micros);
  }

  /** Decodes versions from a manifest into a set for look-ups. */
  static Set<String> asSet(Collection<String> versions) {
    return new HashSet<>(versions);
  }

  /** The timestamp part of an encoded version. */
  static long micros(String encoded) {
    return SourceTimestamp.parseIso(encoded.substring(encoded.lastIndexOf('|') + 1));
  }

  /** The key part of an encoded version. */
  static String key(String encoded) {
    return encoded.substring(0, encoded.lastIndexOf('|'));
  }
}
