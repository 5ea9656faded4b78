package dev.blackwater.transform;

import dev.blackwater.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The star schema computed straight from a totesys database with plain PostgreSQL, independently of
 * the transform's DuckDB models: the expected rows, as text ("a|b|c", NULL as '∅').
 */
final class ExpectedStarSchema {

  static final Map<String, String> SQL =
      Map.ofEntries(
          Map.entry(
              "fact_sales_order",
              """
              SELECT sales_order_id, created_at::date, created_at::time, last_updated::date,
                     last_updated::time, staff_id, counterparty_id, units_sold,
                     unit_price::numeric(10,2), currency_id, design_id,
                     to_date(agreed_payment_date, 'YYYY-MM-DD'),
                     to_date(agreed_delivery_date, 'YYYY-MM-DD'), agreed_delivery_location_id
              FROM sales_order
              """),
          Map.entry(
              "fact_purchase_order",
              """
              SELECT purchase_order_id, created_at::date, created_at::time, last_updated::date,
                     last_updated::time, staff_id, counterparty_id, item_code, item_quantity,
                     item_unit_price::numeric(10,2), currency_id,
                     to_date(agreed_delivery_date, 'YYYY-MM-DD'),
                     to_date(agreed_payment_date, 'YYYY-MM-DD'), agreed_delivery_location_id
              FROM purchase_order
              """),
          Map.entry(
              "fact_payment",
              """
              SELECT payment_id, created_at::date, created_at::time, last_updated::date,
                     last_updated::time, transaction_id, counterparty_id,
                     payment_amount::numeric(10,2), currency_id, payment_type_id, paid::text,
                     to_date(payment_date, 'YYYY-MM-DD')
              FROM payment
              """),
          Map.entry(
              "dim_staff",
              """
              SELECT s.staff_id, s.first_name, s.last_name, d.department_name, d.location,
                     s.email_address
              FROM staff s JOIN department d ON d.department_id = s.department_id
              """),
          Map.entry(
              "dim_location",
              """
              SELECT address_id, address_line_1, address_line_2, district, city, postal_code,
                     country, phone
              FROM address
              """),
          Map.entry(
              "dim_currency",
              """
              SELECT currency_id, currency_code,
                     CASE currency_code WHEN 'GBP' THEN 'British Pound' WHEN 'USD' THEN 'US Dollar'
                                        WHEN 'EUR' THEN 'Euro' ELSE currency_code END
              FROM currency
              """),
          Map.entry(
              "dim_design", "SELECT design_id, design_name, file_location, file_name FROM design"),
          Map.entry(
              "dim_counterparty",
              """
              SELECT c.counterparty_id, c.counterparty_legal_name, a.address_line_1,
                     a.address_line_2, a.district, a.city, a.postal_code, a.country, a.phone
              FROM counterparty c JOIN address a ON a.address_id = c.legal_address_id
              """),
          Map.entry(
              "dim_payment_type", "SELECT payment_type_id, payment_type_name FROM payment_type"),
          Map.entry(
              "dim_transaction",
              """
              SELECT transaction_id, transaction_type, sales_order_id, purchase_order_id
              FROM "transaction"
              """),
          Map.entry(
              "dim_date",
              """
              WITH d AS (
                SELECT created_at::date AS d FROM sales_order
                UNION SELECT last_updated::date FROM sales_order
                UNION SELECT to_date(agreed_payment_date, 'YYYY-MM-DD') FROM sales_order
                UNION SELECT to_date(agreed_delivery_date, 'YYYY-MM-DD') FROM sales_order
                UNION SELECT created_at::date FROM purchase_order
                UNION SELECT last_updated::date FROM purchase_order
                UNION SELECT to_date(agreed_payment_date, 'YYYY-MM-DD') FROM purchase_order
                UNION SELECT to_date(agreed_delivery_date, 'YYYY-MM-DD') FROM purchase_order
                UNION SELECT created_at::date FROM payment
                UNION SELECT last_updated::date FROM payment
                UNION SELECT to_date(payment_date, 'YYYY-MM-DD') FROM payment)
              SELECT d, extract(year FROM d), extract(month FROM d), extract(day FROM d),
                     extract(isodow FROM d), trim(to_char(d, 'FMDay')),
                     trim(to_char(d, 'FMMonth')), extract(quarter FROM d)
              FROM d
              """));

  private ExpectedStarSchema() {}

  /** The expected rows of {@code table}, sorted. */
  static List<String> rows(TestDatabase db, String table) {
    String sql = "SELECT * FROM (" + SQL.get(table) + ") q";
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return Rows.of(r).stream().sorted().toList();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
