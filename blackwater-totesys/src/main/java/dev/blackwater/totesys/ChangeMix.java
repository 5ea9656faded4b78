package dev.blackwater.totesys;

import java.util.SplittableRandom;

/**
 * Which change comes next. Drawn from the weights of {@link ChangeKind}; in a run of at least
 * {@value #FORCED_FROM} changes, change {@code 2 + 5k} is forced to be kind {@code k}, so every
 * kind occurs at least once.
 */
final class ChangeMix {

  static final int FORCED_FROM = 50;

  private static final ChangeKind[] KINDS = ChangeKind.values();

  private ChangeMix() {}

  static ChangeKind kindAt(int index, int total, SplittableRandom random) {
    int roll = random.nextInt(1000);
    if (total >= FORCED_FROM && index % 5 == 2 && index / 5 < KINDS.length) {
      return KINDS[index / 5];
    }
    for (ChangeKind kind : KINDS) {
      roll -= kind.perMille();
      if (roll < 0) {
        return kind;
      }
    }
    return ChangeKind.NEW_SALES_ORDER;
  }
}
