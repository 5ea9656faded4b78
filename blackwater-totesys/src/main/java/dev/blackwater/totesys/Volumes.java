package dev.blackwater.totesys;

/**
 * How many rows each table gets at a scale. Scale 1 is the real snapshot of 2024-11-15. Orders (and
 * with them transactions and payments) grow linearly: {@code round(base × scale)}, at least one.
 * Designs grow linearly up to scale 1 and slowly beyond: {@code round(473 × (1 + log10(scale)))},
 * so scale 10 has 946 and scale 100 has 1,419. The other lookup tables are fixed.
 */
record Volumes(int designs, int salesOrders, int purchaseOrders) {

  static final int ADDRESSES = 30;
  static final int COUNTERPARTIES = 20;
  static final int STAFF = 20;
  static final int COUNTRIES = 29;

  private static final int BASE_DESIGNS = 473;
  private static final int BASE_SALES_ORDERS = 11_187;
  private static final int BASE_PURCHASE_ORDERS = 4_649;

  static Volumes of(double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new TotesysException(
          TotesysException.Kind.BAD_ARGUMENT, "scale must be a positive number, not " + scale);
    }
    long sales = grow(BASE_SALES_ORDERS, scale);
    long purchases = grow(BASE_PURCHASE_ORDERS, scale);
    if (sales > Integer.MAX_VALUE - purchases) {
      throw new TotesysException(
          TotesysException.Kind.BAD_ARGUMENT,
          "scale " + scale + " is too large: ids are 32-bit integers");
    }
    long designs =
        scale <= 1 ? grow(BASE_DESIGNS, scale) : Math.round(BASE_DESIGNS * (1 + Math.log10(scale)));
    return new Volumes((int) designs, (int) sales, (int) purchases);
  }

  private static long grow(int base, double scale) {
    return Math.max(1, Math.round(base * scale));
  }

  /** Designs that exist before the first order: the first one in fifty, at least one. */
  int initialDesigns() {
    return Math.max(1, designs / 50);
  }

  int transactions() {
    return salesOrders + purchaseOrders;
  }
}
