package dev.blackwater.verify;

import java.util.List;

/**
 * The current state of one entity, computed independently in the source and in the warehouse: each
 * side's query yields {@code (key, line)} rows, where {@code line} is a canonical text of the
 * values that must agree. The source side also names the source tables whose watermark bounds what
 * the warehouse can already hold.
 *
 * @param name what is compared, e.g. {@code dim_staff}
 * @param sourceTables the source tables the entity is made of (the first holds its key)
 * @param sourceSql the source's rows, with {@code u1}, {@code u2}... the last_updated of each
 *     source table
 * @param warehouseSql the warehouse's rows, same shape, {@code %s.} standing for the schema
 * @param sums expressions over {@code line}'s parts summed for display (may be empty)
 */
record Comparison(
    String name,
    List<String> sourceTables,
    String sourceSql,
    String warehouseSql,
    List<String> sums) {

  /**
   * The comparisons: current facts (the views leave deleted ones out) and every dimension's live
   * rows but dates, so rows deleted from the source must be deleted in the warehouse too.
   */
  static final List<Comparison> ALL =
      List.of(
          new Comparison(
              "fact_sales_order (current)",
              List.of("sales_order"),
              """
              SELECT sales_order_id AS k, concat_ws('|', sales_order_id, created_at::date,
                to_char(created_at, 'HH24:MI:SS.MS'), staff_id, counterparty_id, units_sold,
                unit_price::numeric(10,2), currency_id, design_id, agreed_payment_date::date,
                agreed_delivery_date::date, agreed_delivery_location_id) AS line,
                units_sold::numeric AS s1, (units_sold * unit_price)::numeric(20,2) AS s2,
                last_updated AS u1
              FROM sales_order""",
              """
              SELECT sales_order_id AS k, concat_ws('|', sales_order_id, created_date,
                to_char(created_time, 'HH24:MI:SS.MS'), sales_staff_id, counterparty_id, units_sold,
                unit_price, currency_id, design_id, agreed_payment_date, agreed_delivery_date,
                agreed_delivery_location_id) AS line,
                units_sold::numeric AS s1, (units_sold * unit_price)::numeric(20,2) AS s2
              FROM %sfact_sales_order_current""",
              List.of("units sold", "sales value")),
          new Comparison(
              "fact_purchase_order (current)",
              List.of("purchase_order"),
              """
              SELECT purchase_order_id AS k, concat_ws('|', purchase_order_id, created_at::date,
                to_char(created_at, 'HH24:MI:SS.MS'), staff_id, counterparty_id, item_code,
                item_quantity, item_unit_price::numeric(10,2), currency_id, agreed_delivery_date::date,
                agreed_payment_date::date, agreed_delivery_location_id) AS line,
                item_quantity::numeric AS s1, (item_quantity * item_unit_price)::numeric(20,2) AS s2,
                last_updated AS u1
              FROM purchase_order""",
              """
              SELECT purchase_order_id AS k, concat_ws('|', purchase_order_id, created_date,
                to_char(created_time, 'HH24:MI:SS.MS'), staff_id, counterparty_id, item_code,
                item_quantity, item_unit_price, currency_id, agreed_delivery_date, agreed_payment_date,
                agreed_delivery_location_id) AS line,
                item_quantity::numeric AS s1, (item_quantity * item_unit_price)::numeric(20,2) AS s2
              FROM %sfact_purchase_order_current""",
              List.of("quantity", "purchase value")),
          new Comparison(
              "fact_payment (current)",
              List.of("payment"),
              """
              SELECT payment_id AS k, concat_ws('|', payment_id, created_at::date,
                to_char(created_at, 'HH24:MI:SS.MS'), transaction_id, counterparty_id,
                payment_amount::numeric(10,2), currency_id, payment_type_id, paid,
                payment_date::date) AS line,
                payment_amount::numeric(20,2) AS s1, (CASE WHEN paid THEN 1 ELSE 0 END)::numeric AS s2,
                last_updated AS u1
              FROM payment""",
              """
              SELECT payment_id AS k, concat_ws('|', payment_id, created_date,
                to_char(created_time, 'HH24:MI:SS.MS'), transaction_id, counterparty_id,
                payment_amount, currency_id, payment_type_id, paid, payment_date) AS line,
                payment_amount::numeric(20,2) AS s1, (CASE WHEN paid THEN 1 ELSE 0 END)::numeric AS s2
              FROM %sfact_payment_current""",
              List.of("amount", "paid")),
          dimension(
              "dim_staff",
              List.of("staff", "department"),
              """
              SELECT s.staff_id AS k, concat_ws('|', s.staff_id, s.first_name, s.last_name,
                d.department_name, coalesce(d.location, '<null>'), s.email_address) AS line,
                s.last_updated AS u1, d.last_updated AS u2
              FROM staff s JOIN department d USING (department_id)""",
              """
              SELECT staff_id AS k, concat_ws('|', staff_id, first_name, last_name, department_name,
                coalesce(location, '<null>'), email_address) AS line
              FROM %sdim_staff"""),
          dimension(
              "dim_location",
              List.of("address"),
              """
              SELECT address_id AS k, concat_ws('|', address_id, address_line_1,
                coalesce(address_line_2, '<null>'), coalesce(district, '<null>'), city, postal_code,
                country, phone) AS line, last_updated AS u1
              FROM address""",
              """
              SELECT location_id AS k, concat_ws('|', location_id, address_line_1,
                coalesce(address_line_2, '<null>'), coalesce(district, '<null>'), city, postal_code,
                country, phone) AS line
              FROM %sdim_location"""),
          dimension(
              "dim_counterparty",
              List.of("counterparty", "address"),
              """
              SELECT c.counterparty_id AS k, concat_ws('|', c.counterparty_id,
                c.counterparty_legal_name, a.address_line_1, coalesce(a.address_line_2, '<null>'),
                coalesce(a.district, '<null>'), a.city, a.postal_code, a.country, a.phone) AS line,
                c.last_updated AS u1, a.last_updated AS u2
              FROM counterparty c JOIN address a ON a.address_id = c.legal_address_id""",
              """
              SELECT counterparty_id AS k, concat_ws('|', counterparty_id, counterparty_legal_name,
                counterparty_legal_address_line_1, coalesce(counterparty_legal_address_line_2, '<null>'),
                coalesce(counterparty_legal_district, '<null>'), counterparty_legal_city,
                counterparty_legal_postal_code, counterparty_legal_country,
                counterparty_legal_phone_number) AS line
              FROM %sdim_counterparty"""),
          dimension(
              "dim_currency",
              List.of("currency"),
              "SELECT currency_id AS k, concat_ws('|', currency_id, currency_code) AS line,"
                  + " last_updated AS u1 FROM currency",
              "SELECT currency_id AS k, concat_ws('|', currency_id, currency_code) AS line FROM %sdim_currency"),
          dimension(
              "dim_design",
              List.of("design"),
              """
              SELECT design_id AS k, concat_ws('|', design_id, design_name, file_location, file_name) AS line,
                last_updated AS u1
              FROM design""",
              """
              SELECT design_id AS k, concat_ws('|', design_id, design_name, file_location, file_name) AS line
              FROM %sdim_design"""),
          dimension(
              "dim_payment_type",
              List.of("payment_type"),
              """
              SELECT payment_type_id AS k, concat_ws('|', payment_type_id, payment_type_name) AS line,
                last_updated AS u1
              FROM payment_type""",
              """
              SELECT payment_type_id AS k, concat_ws('|', payment_type_id, payment_type_name) AS line
              FROM %sdim_payment_type"""),
          dimension(
              "dim_transaction",
              List.of("transaction"),
              """
              SELECT transaction_id AS k, concat_ws('|', transaction_id, transaction_type,
                coalesce(sales_order_id::text, '<null>'), coalesce(purchase_order_id::text, '<null>')) AS line,
                last_updated AS u1
              FROM transaction""",
              """
              SELECT transaction_id AS k, concat_ws('|', transaction_id, transaction_type,
                coalesce(sales_order_id::text, '<null>'), coalesce(purchase_order_id::text, '<null>')) AS line
              FROM %sdim_transaction"""));

  /** A dimension: its live rows (those not marked deleted) against the source's rows. */
  private static Comparison dimension(
      String name, List<String> tables, String source, String warehouse) {
    return new Comparison(name, tables, source, warehouse + " WHERE deleted_at IS NULL", List.of());
  }
}
