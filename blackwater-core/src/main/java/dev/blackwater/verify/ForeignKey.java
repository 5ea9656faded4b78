package dev.blackwater.verify;

import dev.blackwater.warehouse.WarehouseTable;
import java.util.ArrayList;
import java.util.List;

/** A reference from a fact column to a dimension's key, checked without trusting constraints. */
record ForeignKey(String fact, String column, String dimension, String key) {

  static final List<ForeignKey> ALL = build();

  private static List<ForeignKey> build() {
    List<ForeignKey> keys = new ArrayList<>();
    for (String fact : WarehouseTable.facts().stream().map(WarehouseTable::tableName).toList()) {
      keys.add(new ForeignKey(fact, "created_date", "dim_date", "date_id"));
      keys.add(new ForeignKey(fact, "last_updated_date", "dim_date", "date_id"));
      keys.add(new ForeignKey(fact, "counterparty_id", "dim_counterparty", "counterparty_id"));
      keys.add(new ForeignKey(fact, "currency_id", "dim_currency", "currency_id"));
    }
    keys.add(new ForeignKey("fact_sales_order", "sales_staff_id", "dim_staff", "staff_id"));
    keys.add(new ForeignKey("fact_sales_order", "design_id", "dim_design", "design_id"));
    keys.add(new ForeignKey("fact_sales_order", "agreed_payment_date", "dim_date", "date_id"));
    keys.add(new ForeignKey("fact_sales_order", "agreed_delivery_date", "dim_date", "date_id"));
    keys.add(
        new ForeignKey(
            "fact_sales_order", "agreed_delivery_location_id", "dim_location", "location_id"));
    keys.add(new ForeignKey("fact_purchase_order", "staff_id", "dim_staff", "staff_id"));
    keys.add(new ForeignKey("fact_purchase_order", "agreed_payment_date", "dim_date", "date_id"));
    keys.add(new ForeignKey("fact_purchase_order", "agreed_delivery_date", "dim_date", "date_id"));
    keys.add(
        new ForeignKey(
            "fact_purchase_order", "agreed_delivery_location_id", "dim_location", "location_id"));
    keys.add(new ForeignKey("fact_payment", "transaction_id", "dim_transaction", "transaction_id"));
    keys.add(
        new ForeignKey("fact_payment", "payment_type_id", "dim_payment_type", "payment_type_id"));
    keys.add(new ForeignKey("fact_payment", "payment_date", "dim_date", "date_id"));
    return List.copyOf(keys);
  }
}
