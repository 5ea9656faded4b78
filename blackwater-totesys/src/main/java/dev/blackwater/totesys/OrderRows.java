package dev.blackwater.totesys;

import java.io.IOException;

/**
 * The generated sales and purchase orders. Order {@code i} of {@code n} is created at office time
 * {@code (i + jitter) / n} of the history, so ids rise with {@code created_at} and any order can be
 * regenerated on its own: the payment of an order recomputes the order's terms rather than
 * remembering them.
 */
final class OrderRows {

  static final String SALES_COLUMNS =
      "sales_order_id, created_at, last_updated, design_id, staff_id, counterparty_id,"
          + " units_sold, unit_price, currency_id, agreed_delivery_date, agreed_payment_date,"
          + " agreed_delivery_location_id";
  static final String PURCHASE_COLUMNS =
      "purchase_order_id, created_at, last_updated, staff_id, counterparty_id, item_code,"
          + " item_quantity, item_unit_price, currency_id, agreed_delivery_date,"
          + " agreed_payment_date, agreed_delivery_location_id";

  private final long seed;
  private final Volumes volumes;
  private final ReferenceRows referenceRows;
  private final WorkingHours calendar;
  private final References references;

  OrderRows(long seed, Volumes volumes, ReferenceRows referenceRows, WorkingHours calendar) {
    this.seed = seed;
    this.volumes = volumes;
    this.referenceRows = referenceRows;
    this.calendar = calendar;
    this.references =
        new References(
            IdPool.range(volumes.designs()),
            IdPool.range(Volumes.STAFF),
            IdPool.range(Volumes.COUNTERPARTIES),
            IdPool.range(Vocabulary.CURRENCIES.size()),
            IdPool.range(Volumes.ADDRESSES));
  }

  WorkingHours calendar() {
    return calendar;
  }

  int salesOrders() {
    return volumes.salesOrders();
  }

  int purchaseOrders() {
    return volumes.purchaseOrders();
  }

  long salesOffset(int index) {
    double jitter = RowRandom.of(seed, RowRandom.Stream.SALES_ORDER_TIME, index).nextDouble();
    return WorkingHours.spread(index, volumes.salesOrders(), jitter);
  }

  long purchaseOffset(int index) {
    double jitter = RowRandom.of(seed, RowRandom.Stream.PURCHASE_ORDER_TIME, index).nextDouble();
    return WorkingHours.spread(index, volumes.purchaseOrders(), jitter);
  }

  /** The terms of sales order {@code index}, created at office time {@code offset}. */
  SalesTerms sales(int index, long offset) {
    return SalesTerms.random(
        RowRandom.of(seed, RowRandom.Stream.SALES_ORDER, index),
        references,
        referenceRows.designsAvailableAt(offset));
  }

  PurchaseTerms purchase(int index) {
    return PurchaseTerms.random(
        RowRandom.of(seed, RowRandom.Stream.PURCHASE_ORDER, index), references);
  }

  void salesOrders(CopyRowWriter out) throws IOException {
    for (int i = 0; i < volumes.salesOrders(); i++) {
      long offset = salesOffset(i);
      long createdAt = calendar.at(offset);
      long day = WorkingHours.epochDay(createdAt);
      SalesTerms terms = sales(i, offset);
      out.integer(i + 1L)
          .timestamp(createdAt)
          .timestamp(createdAt)
          .integer(terms.designId())
          .integer(terms.staffId())
          .integer(terms.counterpartyId())
          .integer(terms.unitsSold())
          .money(terms.unitPriceCents())
          .integer(terms.currencyId())
          .date(day + terms.deliveryDays())
          .date(day + terms.paymentDays())
          .integer(terms.locationId())
          .endRow();
    }
  }

  void purchaseOrders(CopyRowWriter out) throws IOException {
    for (int i = 0; i < volumes.purchaseOrders(); i++) {
      long createdAt = calendar.at(purchaseOffset(i));
      long day = WorkingHours.epochDay(createdAt);
      PurchaseTerms terms = purchase(i);
      out.integer(i + 1L)
          .timestamp(createdAt)
          .timestamp(createdAt)
          .integer(terms.staffId())
          .integer(terms.counterpartyId())
          .text(terms.itemCode())
          .integer(terms.itemQuantity())
          .money(terms.itemUnitPriceCents())
          .integer(terms.currencyId())
          .date(day + terms.deliveryDays())
          .date(day + terms.paymentDays())
          .integer(terms.locationId())
          .endRow();
    }
  }
}
