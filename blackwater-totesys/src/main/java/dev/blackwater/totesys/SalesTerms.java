package dev.blackwater.totesys;

import java.util.SplittableRandom;

/** The generated columns of a sales order. Prices are in hundredths of the currency unit. */
record SalesTerms(
    int designId,
    int staffId,
    int counterpartyId,
    int unitsSold,
    long unitPriceCents,
    int currencyId,
    int deliveryDays,
    int paymentDays,
    int locationId) {

  /** A sales order whose design is one of the first {@code designsAvailable} designs. */
  static SalesTerms random(SplittableRandom random, References refs, int designsAvailable) {
    return new SalesTerms(
        refs.designs().pickAmongFirst(random, designsAvailable),
        refs.staff().pick(random),
        refs.counterparties().pick(random),
        unitsSold(random),
        unitPriceCents(random),
        refs.currencies().pick(random),
        Terms.deliveryDays(random),
        Terms.paymentDays(random),
        refs.addresses().pick(random));
  }

  /** 1,000 to 100,000 units. */
  static int unitsSold(SplittableRandom random) {
    return 1_000 + random.nextInt(99_001);
  }

  /** 2.00 to 4.00. */
  static long unitPriceCents(SplittableRandom random) {
    return 200 + random.nextInt(201);
  }

  long amountCents() {
    return unitsSold * unitPriceCents;
  }
}
