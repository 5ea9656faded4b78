package dev.blackwater.catalog;

import java.util.List;

/** The source tables Blackwater knows: the 11 totesys tables, in foreign-key order. */
public final class TableCatalog {

  /** The totesys tables, parents before children. */
  public static final List<String> TOTESYS =
      List.of(
          "address",
          "counterparty",
          "currency",
          "department",
          "design",
          "payment_type",
          "staff",
          "sales_order",
          "purchase_order",
          "transaction",
          "payment");

  /** The column every extracted table carries and the watermark follows. */
  public static final String LAST_UPDATED = "last_updated";

  private TableCatalog() {}
}
