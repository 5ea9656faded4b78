package dev.blackwater.totesys;

import java.util.SplittableRandom;

/**
 * Random numbers for one row: each (seed, stream, index) gets its own generator, so a row's values
 * do not depend on which rows were generated before it or in which order.
 */
final class RowRandom {

  /** The independent streams; codes are fixed so that reordering constants changes no data. */
  enum Stream {
    ADDRESS(1),
    COUNTRIES(2),
    DEPARTMENT(3),
    DESIGN(4),
    DESIGN_TIME(5),
    COUNTERPARTY(6),
    STAFF(7),
    SALES_ORDER(8),
    SALES_ORDER_TIME(9),
    PURCHASE_ORDER(10),
    PURCHASE_ORDER_TIME(11),
    PAYMENT(12),
    SIMULATION(13);

    private final long salt;

    Stream(long code) {
      this.salt = mix(code * 0x9E3779B97F4A7C15L);
    }
  }

  private RowRandom() {}

  static SplittableRandom of(long seed, Stream stream, long index) {
    return new SplittableRandom(mix(mix(seed ^ stream.salt) + index));
  }

  /** The 64-bit finaliser of MurmurHash3: a bijection that spreads nearby inputs apart. */
  static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }
}
