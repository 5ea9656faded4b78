package dev.blackwater.totesys;

import java.util.SplittableRandom;

/**
 * The day offsets orders and payments use: agreed delivery and payment a few days after the order
 * (now and then much later), payment due a few days after the payment was raised.
 */
final class Terms {

  private Terms() {}

  /** Days from order to agreed delivery: mostly 1 to 6, sometimes 0 or 7, rarely months. */
  static int deliveryDays(SplittableRandom random) {
    int roll = random.nextInt(1000);
    if (roll < 5) {
      return 8 + random.nextInt(640);
    }
    if (roll < 65) {
      return 0;
    }
    if (roll < 145) {
      return 7;
    }
    return 1 + random.nextInt(6);
  }

  /** Days from order (or payment) to the agreed payment date: 0 to 6. */
  static int paymentDays(SplittableRandom random) {
    int roll = random.nextInt(100);
    if (roll < 7) {
      return 0;
    }
    if (roll < 17) {
      return 6;
    }
    return 1 + random.nextInt(5);
  }

  /** An eight-digit account number. */
  static int accountNumber(SplittableRandom random) {
    return 10_000_000 + random.nextInt(90_000_000);
  }
}
