package dev.blackwater.config;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;

/**
 * How extract finds rows deleted from the source: by reading each table's keys and comparing them
 * with the keys the lake knows to be alive.
 *
 * @param checkEvery read the keys for every {@code checkEvery}-th batch (1: every run; 0: never)
 * @param maxShare the share of a table's live keys (0 to 1) that may vanish in one run before the
 *     run refuses, as a table becoming empty always does
 * @param allowMassDelete go on all the same: the user confirmed the deletions
 */
public record DeleteSettings(int checkEvery, double maxShare, boolean allowMassDelete) {

  public DeleteSettings {
    if (checkEvery < 0) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION, "the key check interval must not be negative");
    }
    if (!(maxShare >= 0 && maxShare <= 1)) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION, "the largest share of keys deleted must be 0% to 100%");
    }
  }

  /** Every run, 10%, not allowed. */
  public static DeleteSettings defaults() {
    return new DeleteSettings(1, 0.10, false);
  }

  /** Whether the keys are read at all. */
  public boolean enabled() {
    return checkEvery > 0;
  }

  public DeleteSettings withAllowMassDelete(boolean allow) {
    return new DeleteSettings(checkEvery, maxShare, allow);
  }

  public DeleteSettings withCheckEvery(int every) {
    return new DeleteSettings(every, maxShare, allowMassDelete);
  }
}
