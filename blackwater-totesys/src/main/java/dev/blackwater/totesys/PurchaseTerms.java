package dev.blackwater.totesys;

import java.util.SplittableRandom;

/** The generated columns of a purchase order. Prices are in hundredths of the currency unit. */
record PurchaseTerms(
    int staffId,
    int counterpartyId,
    String itemCode,
    int itemQuantity,
    long itemUnitPriceCents,
    int currencyId,
    int deliveryDays,
    int paymentDays,
    int locationId) {

  static PurchaseTerms random(SplittableRandom random, References refs) {
    return new PurchaseTerms(
        refs.staff().pick(random),
        refs.counterparties().pick(random),
        Vocabulary.letters(random, Vocabulary.ITEM_CODE_LETTERS, 7),
        itemQuantity(random),
        itemUnitPriceCents(random),
        refs.currencies().pick(random),
        Terms.deliveryDays(random),
        Terms.paymentDays(random),
        refs.addresses().pick(random));
  }

  /** 1 to 999 items. */
  static int itemQuantity(SplittableRandom random) {
    return 1 + random.nextInt(999);
  }

  /** 1.00 to 1,000.00. */
  static long itemUnitPriceCents(SplittableRandom random) {
    return 100 + random.nextInt(99_901);
  }

  long amountCents() {
    return itemQuantity * itemUnitPriceCents;
  }
}
