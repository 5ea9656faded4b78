package dev.blackwater.totesys;

/**
 * How many changes to make, and the seed that picks them.
 *
 * @throws TotesysException of kind {@code BAD_ARGUMENT} if {@code changes} is not positive
 */
public record SimulateOptions(int changes, long seed) {

  public SimulateOptions {
    if (changes <= 0) {
      throw new TotesysException(
          TotesysException.Kind.BAD_ARGUMENT,
          "the number of changes must be positive, not " + changes);
    }
  }
}
