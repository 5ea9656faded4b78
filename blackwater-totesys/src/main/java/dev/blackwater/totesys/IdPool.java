package dev.blackwater.totesys;

import java.util.Arrays;
import java.util.SplittableRandom;

/** The ids a generated row may refer to, in ascending order. */
final class IdPool {

  private final int[] ids;

  private IdPool(int[] ids) {
    this.ids = ids;
  }

  /** The ids 1 to {@code count}. */
  static IdPool range(int count) {
    int[] ids = new int[count];
    Arrays.setAll(ids, i -> i + 1);
    return new IdPool(ids);
  }

  static IdPool of(int... ids) {
    int[] sorted = ids.clone();
    Arrays.sort(sorted);
    return new IdPool(sorted);
  }

  int size() {
    return ids.length;
  }

  int pick(SplittableRandom random) {
    return ids[random.nextInt(ids.length)];
  }

  /** One of the first {@code limit} ids (at least the first one). */
  int pickAmongFirst(SplittableRandom random, int limit) {
    return ids[random.nextInt(Math.max(1, Math.min(limit, ids.length)))];
  }

  /** This pool and {@code id}, which is larger than every id in it. */
  IdPool with(int id) {
    int[] more = Arrays.copyOf(ids, ids.length + 1);
    more[ids.length] = id;
    return new IdPool(more);
  }
}
