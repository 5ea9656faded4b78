package dev.blackwater.totesys;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * The generated transactions and payments: one transaction per order, in {@code created_at} order
 * (sales and purchase orders merged), and one payment per transaction with the same id. About 61%
 * of payments were later marked paid, at 07:55 on their payment date (the next day if that is the
 * day they were raised), provided that moment lies within the history.
 */
final class TransactionRows {

  static final String TRANSACTION_COLUMNS =
      "transaction_id, transaction_type, sales_order_id, purchase_order_id, created_at,"
          + " last_updated";
  static final String PAYMENT_COLUMNS =
      "payment_id, created_at, last_updated, transaction_id, counterparty_id, payment_amount,"
          + " currency_id, payment_type_id, paid, payment_date, company_ac_number,"
          + " counterparty_ac_number";

  static final int SALES_RECEIPT = Vocabulary.PAYMENT_TYPES.indexOf("SALES_RECEIPT") + 1;
  static final int PURCHASE_PAYMENT = Vocabulary.PAYMENT_TYPES.indexOf("PURCHASE_PAYMENT") + 1;

  private static final double PAID_SHARE = 0.61;
  private static final long PAID_RUN_AT = (7 * 3600 + 55 * 60 + 9) * 1000L;

  private final long seed;
  private final OrderRows orders;

  TransactionRows(long seed, OrderRows orders) {
    this.seed = seed;
    this.orders = orders;
  }

  void transactions(CopyRowWriter out) throws IOException {
    Merge merge = new Merge();
    for (long id = 1; merge.next(); id++) {
      out.integer(id).text(merge.sale ? "SALE" : "PURCHASE");
      if (merge.sale) {
        out.integer(merge.index + 1L).nullValue();
      } else {
        out.nullValue().integer(merge.index + 1L);
      }
      out.timestamp(merge.createdAt).timestamp(merge.createdAt).endRow();
    }
  }

  void payments(CopyRowWriter out) throws IOException {
    Merge merge = new Merge();
    for (long id = 1; merge.next(); id++) {
      int counterparty;
      int currency;
      long amount;
      if (merge.sale) {
        SalesTerms terms = orders.sales(merge.index, merge.offset);
        counterparty = terms.counterpartyId();
        currency = terms.currencyId();
        amount = terms.amountCents();
      } else {
        PurchaseTerms terms = orders.purchase(merge.index);
        counterparty = terms.counterpartyId();
        currency = terms.currencyId();
        amount = terms.amountCents();
      }
      SplittableRandom random = RowRandom.of(seed, RowRandom.Stream.PAYMENT, id);
      long createdDay = WorkingHours.epochDay(merge.createdAt);
      long paymentDay = createdDay + Terms.paymentDays(random);
      long paidAt =
          (paymentDay == createdDay ? paymentDay + 1 : paymentDay) * WorkingHours.DAY_MILLIS
              + PAID_RUN_AT
              + random.nextInt(3000);
      boolean paid = random.nextDouble() < PAID_SHARE && paidAt <= orders.calendar().end();
      out.integer(id)
          .timestamp(merge.createdAt)
          .timestamp(paid ? paidAt : merge.createdAt)
          .integer(id)
          .integer(counterparty)
          .money(amount)
          .integer(currency)
          .integer(merge.sale ? SALES_RECEIPT : PURCHASE_PAYMENT)
          .bool(paid)
          .date(paymentDay)
          .integer(Terms.accountNumber(random))
          .integer(Terms.accountNumber(random))
          .endRow();
    }
  }

  /** Walks sales and purchase orders together in order of creation (sales first on a tie). */
  private final class Merge {
    private int nextSale;
    private int nextPurchase;
    private long saleOffset = offsetOfSale(0);
    private long purchaseOffset = offsetOfPurchase(0);

    boolean sale;
    int index;
    long offset;
    long createdAt;

    boolean next() {
      boolean salesLeft = nextSale < orders.salesOrders();
      boolean purchasesLeft = nextPurchase < orders.purchaseOrders();
      if (!salesLeft && !purchasesLeft) {
        return false;
      }
      sale = salesLeft && (!purchasesLeft || saleOffset <= purchaseOffset);
      if (sale) {
        index = nextSale++;
        offset = saleOffset;
        saleOffset = offsetOfSale(nextSale);
      } else {
        index = nextPurchase++;
        offset = purchaseOffset;
        purchaseOffset = offsetOfPurchase(nextPurchase);
      }
      createdAt = orders.calendar().at(offset);
      return true;
    }

    private long offsetOfSale(int i) {
      return i < orders.salesOrders() ? orders.salesOffset(i) : Long.MAX_VALUE;
    }

    private long offsetOfPurchase(int i) {
      return i < orders.purchaseOrders() ? orders.purchaseOffset(i) : Long.MAX_VALUE;
    }
  }
}
