package dev.blackwater.totesys;

/**
 * The kinds of change the simulator makes, with how often each happens (per thousand). The mix
 * follows the live application: mostly new orders and payments being marked paid, some amendments,
 * and now and then a change to the lookup tables.
 */
public enum ChangeKind {
  /** A new sales order with its transaction and payment. */
  NEW_SALES_ORDER(400),
  /** A new purchase order with its transaction and payment. */
  NEW_PURCHASE_ORDER(160),
  /** An unpaid payment marked paid. */
  PAYMENT_PAID(320),
  /** A sales order whose payment is open gets new units, unit price or agreed dates. */
  SALES_ORDER_AMENDED(50),
  /** A purchase order whose payment is open gets a new quantity, unit price or dates. */
  PURCHASE_ORDER_AMENDED(30),
  /** A department renamed and moved. */
  DEPARTMENT_RENAMED(10),
  /** An address's lines, district, town, postal code and phone changed. */
  ADDRESS_CHANGED(10),
  /** A new design. */
  NEW_DESIGN(15),
  /** A new staff member. */
  NEW_STAFF(5);

  private final int perMille;

  ChangeKind(int perMille) {
    this.perMille = perMille;
  }

  int perMille() {
    return perMille;
  }
}
