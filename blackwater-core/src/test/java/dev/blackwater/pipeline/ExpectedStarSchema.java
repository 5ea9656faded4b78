package dev.blackwater.pipeline;

import dev.blackwater.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The star schema's current state computed straight from the source with plain SQL, written here
 * independently of the pipeline's models, as sorted text rows to compare with the warehouse.
 */
final class ExpectedStarSchema {

  /** Per warehouse relation: the source query and the warehouse query, same columns. */
  static final Map<String, String[]> QUERIES =
      Map.of(
          "fact_sales_order_current",
          new String[] {
            "SELECT sales_order_id, created_at::date, created_at::time(3), last_updated::date,"
                + " last_updated::time(3), staff_id, counterparty_id, units_sold,"
                + " round(unit_price, 2), currency_id, design_id, agreed_payment_date::date,"
                + " agreed_delivery_date::date, agreed_delivery_location_id FROM sales_order",
            "SELECT sales_order_id, created_date, created_time, last_updated_date, last_updated_time,"
                + " sales_staff_id, counterparty_id, units_sold, unit_price, currency_id, design_id,"
                + " agreed_payment_date, agreed_delivery_date, agreed_delivery_location_id"
                + " FROM fact_sales_order_current"
          },
          "fact_purchase_order_current",
          new String[] {
            "SELECT purchase_order_id, created_at::date, last_updated::time(3), staff_id, item_code,"
                + " item_quantity, round(item_unit_price, 2), agreed_delivery_date::date FROM purchase_order",
            "SELECT purchase_order_id, created_date, last_updated_time, staff_id, item_code,"
                + " item_quantity, item_unit_price, agreed_delivery_date FROM fact_purchase_order_current"
          },
          "fact_payment_current",
          new String[] {
            "SELECT payment_id, transaction_id, counterparty_id, round(payment_amount, 2), currency_id,"
                + " payment_type_id, paid, payment_date::date FROM payment",
            "SELECT payment_id, transaction_id, counterparty_id, payment_amount, currency_id,"
                + " payment_type_id, paid, payment_date FROM fact_payment_current"
          },
          "dim_staff",
          new String[] {
            "SELECT s.staff_id, s.first_name, s.last_name, d.department_name, d.location,"
                + " s.email_address FROM staff s JOIN department d ON d.department_id = s.department_id",
            "SELECT staff_id, first_name, last_name, department_name, location, email_address FROM dim_staff"
                + " WHERE deleted_at IS NULL"
          },
          "dim_counterparty",
          new String[] {
            "SELECT c.counterparty_id, c.counterparty_legal_name, a.address_line_1, a.address_line_2,"
                + " a.district, a.city, a.postal_code, a.country, a.phone FROM counterparty c"
                + " JOIN address a ON a.address_id = c.legal_address_id",
            "SELECT counterparty_id, counterparty_legal_name, counterparty_legal_address_line_1,"
                + " counterparty_legal_address_line_2, counterparty_legal_district,"
                + " counterparty_legal_city, counterparty_legal_postal_code,"
                + " counterparty_legal_country, counterparty_legal_phone_number"
                + " FROM dim_counterparty WHERE deleted_at IS NULL"
          },
          "dim_location",
          new String[] {
            "SELECT address_id, address_line_1, address_line_2, district, city, postal_code, country,"
                + " phone FROM address",
            "SELECT location_id, address_line_1, address_line_2, district, city, postal_code,"
                + " country, phone FROM dim_location WHERE deleted_at IS NULL"
          },
          "dim_design",
          new String[] {
            "SELECT design_id, design_name, file_location, file_name FROM design",
            "SELECT design_id, design_name, file_location, file_name FROM dim_design"
                + " WHERE deleted_at IS NULL"
          },
          "dim_transaction",
          new String[] {
            "SELECT transaction_id, transaction_type, sales_order_id, purchase_order_id FROM transaction",
            "SELECT transaction_id, transaction_type, sales_order_id, purchase_order_id"
                + " FROM dim_transaction WHERE deleted_at IS NULL"
          },
          "dim_date (fact dates)",
          new String[] {
            "SELECT DISTINCT d FROM (SELECT created_at::date AS d FROM sales_order UNION"
                + " SELECT agreed_payment_date::date FROM sales_order UNION"
                + " SELECT agreed_delivery_date::date FROM sales_order UNION"
                + " SELECT payment_date::date FROM payment UNION"
                + " SELECT agreed_delivery_date::date FROM purchase_order) x",
            "SELECT date_id FROM dim_date WHERE date_id IN (SELECT created_date FROM fact_sales_order_current"
                + " UNION SELECT agreed_payment_date FROM fact_sales_order_current"
                + " UNION SELECT agreed_delivery_date FROM fact_sales_order_current"
                + " UNION SELECT payment_date FROM fact_payment_current"
                + " UNION SELECT agreed_delivery_date FROM fact_purchase_order_current)"
          });

  private ExpectedStarSchema() {}

  /** The rows of a query as sorted text lines. */
  static List<String> rows(TestDatabase db, String sql) {
    List<String> lines = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder line = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          line.append(i > 1 ? "|" : "").append(r.getString(i));
        }
        lines.add(line.toString());
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
    lines.sort(null);
    return lines;
  }
}
