package dev.blackwater.totesys;

/**
 * What to seed: {@code scale} 1 reproduces the sizes of the real snapshot (fractions such as 0.01
 * are fine), {@code seed} picks the values. The same options always give the same rows.
 *
 * @throws TotesysException of kind {@code BAD_ARGUMENT} if the scale is not a positive number, or
 *     so large that ids would overflow
 */
public record SeedOptions(double scale, long seed) {

  public SeedOptions {
    Volumes.of(scale);
  }
}
